import { randomUUID } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import type { ParsedInput } from '../../shared/api'
import { anchor, type AnchorStatus, CodePointIndex, codePointLength } from '../../shared/anchoring'
import type { Annotation, AnnotationKind } from '../../shared/model/annotation'
import type { ArticleSummary } from '../../shared/model/article'
import type { Claim } from '../../shared/model/claim'
import type { ClaimLink, EvidenceItem, Stance } from '../../shared/model/evidence'
import type { RegistryDocument } from '../../shared/model/registry'
import type { Source } from '../../shared/model/source'
import type { Tag } from '../../shared/model/tag'
import { AppFailure } from '../../shared/result'
import { buildAnnotation } from '../annotations/annotations'
import type { Change } from '../history/changes'
import type { OpenProject } from '../projects/open-project'
import type { ProjectView } from '../projects/project-view'
import { ioReason, writeFileDurably } from '../store/durable-write'
import { createTag } from '../tags/tags'
import { currentAssessment, isVerdict, statusLabel } from './claim-review'
import { entityUrn, nameBasedUuid } from './exchange-ids'

// W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/) export and import.
// Text positions are code points (start inclusive, end exclusive), as we store them. Video
// segments are media fragments `t=start,end` in seconds, image regions `xywh=percent:…`.

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld'
/** The media type of an exported file (.jsonld). */
export const W3C_MEDIA_TYPE = `application/ld+json; profile="${ANNO_CONTEXT}"`
const MEDIA_FRAGMENTS = 'http://www.w3.org/TR/media-frags/'

/**
 * The motivation each kind is exported with; distinct, so an import restores the kind. A claim
 * is marked to be assessed, a source is identified, evidence is linked to, an entity is
 * classified, a note comments.
 */
export const KIND_MOTIVATIONS: Record<AnnotationKind, string> = {
  claim: 'assessing',
  source: 'identifying',
  evidence: 'linking',
  entity: 'classifying',
  note: 'commenting',
}

/** Motivations of other tools that mean one of our kinds; any other one imports as a note. */
const KIND_OF_MOTIVATION: Record<string, AnnotationKind> = {
  assessing: 'claim',
  // The name of `assessing` before the Recommendation (still in the published anno.jsonld).
  reviewing: 'claim',
  identifying: 'source',
  linking: 'evidence',
  classifying: 'entity',
}

export type JsonObject = { [key: string]: unknown }

export interface W3cAnnotation extends JsonObject {
  '@context': typeof ANNO_CONTEXT
  id: string
  type: 'Annotation'
}

export interface W3cAnnotationPage extends JsonObject {
  id: string
  type: 'AnnotationPage'
  startIndex: number
  items: W3cAnnotation[]
}

export interface W3cAnnotationCollection extends JsonObject {
  '@context': typeof ANNO_CONTEXT
  id: string
  type: 'AnnotationCollection'
  label: string
  total: number
  first?: W3cAnnotationPage
}

export interface W3cExportOptions {
  /** Only these articles' annotations (default: every article). */
  articleIds?: readonly string[]
  /** Also evidence: video segments, image regions and items' claim links (default: true). */
  includeEvidence?: boolean
}

export interface W3cExportSummary {
  file: string
  annotations: number
  /** Orphaned text annotations, exported with their quote only (their position is stale). */
  orphans: number
}

// ---------------------------------------------------------------------------------------------
// Export

const textualBody = (purpose: string, value: string) => ({
  type: 'TextualBody',
  purpose,
  value,
  format: 'text/plain',
})
/** A body pointing at another resource for a purpose (an External Web Resource cannot have one). */
const linkBody = (purpose: string, source: string) => ({
  type: 'SpecificResource',
  purpose,
  source,
})

/** The IRI under which evidence files are named: their SHA-256, which proves the exact bytes. */
export function evidenceIri(item: EvidenceItem): string {
  return `urn:sha256:${item.file.sha256}`
}

/** An article's web address, or its `urn:uuid:` when it has none. */
export function articleIri(article: Pick<ArticleSummary, 'id' | 'url'>): string {
  return /^https?:\/\/\S+$/i.test(article.url) ? article.url : entityUrn(article.id)
}

/** Seconds as a media fragment writes them: up to milliseconds, no trailing zeros. */
function fragmentSeconds(seconds: number): string {
  return String(Math.round(seconds * 1000) / 1000)
}

const STANCE_WORDS: Record<Stance, string> = {
  supports: 'Supports the claim',
  contradicts: 'Contradicts the claim',
  context: 'Context for the claim',
}

interface Linked {
  claims: Claim[]
  sources: Source[]
  evidence: EvidenceItem[]
}

/** What each text annotation is a mention of, keyed `articleId/annotationId`. */
function mentionIndex(registry: RegistryDocument): Map<string, Linked> {
  const index = new Map<string, Linked>()
  const entry = (articleId: string, annotationId: string) => {
    const key = `${articleId}/${annotationId}`
    let linked = index.get(key)
    if (!linked) index.set(key, (linked = { claims: [], sources: [], evidence: [] }))
    return linked
  }
  for (const c of registry.claims)
    for (const m of c.mentions) entry(m.articleId, m.annotationId).claims.push(c)
  for (const s of registry.sources)
    for (const m of s.mentions) entry(m.articleId, m.annotationId).sources.push(s)
  for (const e of registry.evidence)
    for (const m of e.mentions) entry(m.articleId, m.annotationId).evidence.push(e)
  return index
}

class Exporter {
  readonly creator: JsonObject
  readonly generator = { type: 'Software', name: 'Claimdesk' }
  private readonly tags: Map<string, Tag>
  private readonly linked: Map<string, Linked>

  constructor(private readonly project: ProjectView) {
    this.creator = { type: 'Person', name: project.userName }
    this.tags = new Map(project.doc.data.tags.map((t) => [t.id, t]))
    this.linked = mentionIndex(project.registry.data)
  }

  private claimBodies(claim: Claim): JsonObject[] {
    const bodies: JsonObject[] = [
      linkBody('linking', entityUrn(claim.id)),
      textualBody('describing', claim.statement),
    ]
    const assessment = currentAssessment(claim)
    if (assessment && isVerdict(assessment.status)) {
      const label = statusLabel(assessment.status, this.project.registry.data.statuses)
      const rationale = assessment.rationale.trim()
      bodies.push(textualBody('assessing', rationale ? `${label}: ${rationale}` : label))
    }
    return bodies
  }

  private claimLinkBodies(links: readonly ClaimLink[]): JsonObject[] {
    return links.flatMap((link) => {
      const claim = this.project.registry.data.claims.find((c) => c.id === link.claimId)
      if (!claim) return []
      return [
        linkBody('linking', entityUrn(claim.id)),
        textualBody('assessing', `${STANCE_WORDS[link.stance]}: ${claim.statement}`),
      ]
    })
  }

  private envelope(
    id: string,
    motivation: string,
    times: { createdAt: string; updatedAt: string },
    body: JsonObject[],
    target: unknown,
  ): W3cAnnotation {
    return {
      '@context': ANNO_CONTEXT,
      id,
      type: 'Annotation',
      motivation,
      created: times.createdAt,
      modified: times.updatedAt,
      creator: this.creator,
      generator: this.generator,
      ...(body.length > 0 ? { body } : {}),
      target,
    }
  }

  textAnnotation(article: ArticleSummary, annotation: Annotation): W3cAnnotation {
    const { exact, prefix, suffix } = annotation.quote
    const quote = {
      type: 'TextQuoteSelector',
      exact,
      ...(prefix ? { prefix } : {}),
      ...(suffix ? { suffix } : {}),
    }
    const position = { type: 'TextPositionSelector', ...annotation.position }
    const body: JsonObject[] = annotation.tagIds.flatMap((id) => {
      const tag = this.tags.get(id)
      return tag ? [{ type: 'TextualBody', purpose: 'tagging', value: tag.name }] : []
    })
    if (annotation.comment.trim()) body.push(textualBody('commenting', annotation.comment))
    const linked = this.linked.get(`${article.id}/${annotation.id}`)
    for (const claim of linked?.claims ?? []) body.push(...this.claimBodies(claim))
    for (const source of linked?.sources ?? []) {
      body.push(linkBody('identifying', entityUrn(source.id)))
      body.push(textualBody('identifying', source.name))
    }
    for (const item of linked?.evidence ?? []) {
      body.push(linkBody('linking', evidenceIri(item)))
      body.push(textualBody('describing', item.title))
    }
    return this.envelope(
      entityUrn(annotation.id),
      KIND_MOTIVATIONS[annotation.kind],
      annotation,
      body,
      {
        source: articleIri(article),
        // An orphan's position belongs to a text that no longer exists; its quote still helps.
        selector: annotation.orphaned ? quote : [quote, position],
      },
    )
  }

  /** Segments, regions and the item's own claim links. */
  evidenceAnnotations(item: EvidenceItem): W3cAnnotation[] {
    const out: W3cAnnotation[] = []
    const source = evidenceIri(item)
    const described = (
      id: string,
      times: { createdAt: string; updatedAt: string },
      part: { label: string; note: string; claimLinks: ClaimLink[] },
      selector: JsonObject,
    ) => {
      const body: JsonObject[] = []
      if (part.label.trim()) body.push(textualBody('describing', part.label))
      if (part.note.trim()) body.push(textualBody('commenting', part.note))
      body.push(...this.claimLinkBodies(part.claimLinks))
      const motivation =
        part.claimLinks.length > 0 ? 'linking' : body.length > 0 ? 'describing' : 'highlighting'
      out.push(this.envelope(entityUrn(id), motivation, times, body, { source, selector }))
    }
    for (const segment of item.segments) {
      described(segment.id, segment, segment, {
        type: 'FragmentSelector',
        conformsTo: MEDIA_FRAGMENTS,
        value: `t=${fragmentSeconds(segment.start)},${fragmentSeconds(segment.end)}`,
      })
    }
    for (const region of item.regions) {
      // Media fragments take whole percentages; rounding outwards keeps the region inside.
      const left = Math.floor(region.x * 100)
      const top = Math.floor(region.y * 100)
      const right = Math.min(100, Math.ceil((region.x + region.width) * 100))
      const bottom = Math.min(100, Math.ceil((region.y + region.height) * 100))
      described(region.id, region, region, {
        type: 'FragmentSelector',
        conformsTo: MEDIA_FRAGMENTS,
        value: `xywh=percent:${left},${top},${Math.max(1, right - left)},${Math.max(1, bottom - top)}`,
      })
    }
    if (item.claimLinks.length > 0) {
      out.push(
        this.envelope(
          `urn:uuid:${nameBasedUuid(`evidence-claim-links:${item.id}`)}`,
          'linking',
          item,
          [textualBody('describing', item.title), ...this.claimLinkBodies(item.claimLinks)],
          source,
        ),
      )
    }
    return out
  }
}

async function buildCollection(
  project: ProjectView,
  options: W3cExportOptions,
): Promise<{ collection: W3cAnnotationCollection; orphans: number }> {
  const exporter = new Exporter(project)
  const wanted = options.articleIds ? new Set(options.articleIds) : null
  const items: W3cAnnotation[] = []
  let orphans = 0
  for (const article of project.doc.data.articles) {
    if (wanted && !wanted.has(article.id)) continue
    const { annotations } = await project.readArticle(article.id)
    const ordered = [...annotations].sort((a, b) => a.position.start - b.position.start)
    for (const annotation of ordered) {
      if (annotation.orphaned) orphans++
      items.push(exporter.textAnnotation(article, annotation))
    }
  }
  if (options.includeEvidence !== false) {
    for (const item of project.registry.data.evidence) {
      items.push(...exporter.evidenceAnnotations(item))
    }
  }
  const collection: W3cAnnotationCollection = {
    '@context': ANNO_CONTEXT,
    id: `urn:uuid:${randomUUID()}`,
    type: 'AnnotationCollection',
    label: project.doc.data.name,
    total: items.length,
    generator: exporter.generator,
    generated: new Date().toISOString(),
  }
  // A page must hold at least one annotation; an empty collection has none.
  if (items.length > 0) {
    collection.first = {
      id: `urn:uuid:${randomUUID()}`,
      type: 'AnnotationPage',
      startIndex: 0,
      items,
    }
  }
  return { collection, orphans }
}

/**
 * Every annotation of the project as a W3C AnnotationCollection with one embedded page: text
 * annotations (quote and code-point position selectors), then evidence segments and regions.
 */
export async function w3cAnnotationCollection(
  project: ProjectView,
  options: W3cExportOptions = {},
): Promise<W3cAnnotationCollection> {
  return (await buildCollection(project, options)).collection
}

/** Writes the collection as JSON-LD (media type `W3C_MEDIA_TYPE`) to `destFile`. */
export async function exportW3cAnnotations(
  project: ProjectView,
  destFile: string,
  options: W3cExportOptions = {},
): Promise<W3cExportSummary> {
  const { collection, orphans } = await buildCollection(project, options)
  await writeFileDurably(destFile, `${JSON.stringify(collection, null, 2)}\n`)
  return { file: destFile, annotations: collection.total, orphans }
}

// ---------------------------------------------------------------------------------------------
// Import

export interface W3cImportOptions {
  /** Put every text annotation on this article instead of finding its target. */
  articleId?: string
}

export interface W3cImportSkip {
  /** "annotation 3 (urn:uuid:…)" */
  annotation: string
  reason: string
}

export interface W3cImportReport {
  /** Annotations in the file. */
  found: number
  /** Text annotations created. */
  anchored: number
  /** How they were placed: at their position, moved (found by quote), or approximately. */
  exact: number
  moved: number
  fuzzy: number
  /** Tags made for names the codebook did not have. */
  tagsCreated: string[]
  skipped: W3cImportSkip[]
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const listOf = (value: unknown): unknown[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]

/** A term without its `oa:` prefix or namespace, so `oa:TextQuoteSelector` reads as ours. */
function term(value: unknown): string {
  return typeof value === 'string' ? value.replace(/^(oa:|http:\/\/www\.w3\.org\/ns\/oa#)/, '') : ''
}

const hasType = (value: JsonObject, type: string) =>
  listOf(value.type).some((t) => term(t) === type)

function labelOf(annotation: unknown, index: number): string {
  const id = isObject(annotation) && typeof annotation.id === 'string' ? ` (${annotation.id})` : ''
  return `annotation ${index + 1}${id}`
}

/** The annotations in a file: one annotation, an array, a page or a collection with embedded pages. */
function collectAnnotations(document: unknown): unknown[] {
  if (Array.isArray(document)) return document
  if (!isObject(document)) {
    throw new AppFailure(
      'import-rejected',
      'The file holds no W3C annotations: expected an annotation, a list of them or an AnnotationCollection.',
    )
  }
  if (hasType(document, 'Annotation')) return [document]
  if (hasType(document, 'AnnotationPage')) return listOf(document.items)
  if (hasType(document, 'AnnotationCollection')) {
    const found: unknown[] = []
    const seen = new Set<unknown>()
    for (let page = document.first; page !== undefined && page !== null;) {
      if (typeof page === 'string') {
        throw new AppFailure(
          'import-rejected',
          `The annotation collection refers to its pages by address (${page}); only collections with embedded pages can be imported offline.`,
        )
      }
      if (!isObject(page) || seen.has(page)) break
      seen.add(page)
      found.push(...listOf(page.items))
      page = page.next
    }
    return found
  }
  const type = listOf(document.type).map(String).join(', ') || 'none'
  throw new AppFailure(
    'import-rejected',
    `The file holds no W3C annotations: its top-level type is ${type}, not Annotation, AnnotationPage or AnnotationCollection.`,
  )
}

const nonNegativeInteger = (value: unknown) => Number.isInteger(value) && (value as number) >= 0

/** What makes an annotation unreadable (the Data Model's MUSTs that matter for an import). */
function structuralProblems(annotation: unknown): string[] {
  if (!isObject(annotation)) return ['it is not a JSON object']
  const problems: string[] = []
  if (!hasType(annotation, 'Annotation')) problems.push('its type is not "Annotation"')
  if (listOf(annotation.target).length === 0) problems.push('it has no target')
  if (annotation.body !== undefined && annotation.bodyValue !== undefined) {
    problems.push('it has both body and bodyValue')
  }
  if (!listOf(annotation.motivation).every((m) => typeof m === 'string')) {
    problems.push('its motivation is not a string')
  }
  for (const body of listOf(annotation.body)) {
    if (typeof body === 'string') continue
    if (!isObject(body)) problems.push('a body is neither an address nor an object')
    else if (hasType(body, 'TextualBody') && typeof body.value !== 'string') {
      problems.push('a TextualBody has no text value')
    }
  }
  for (const target of listOf(annotation.target)) {
    if (typeof target === 'string') continue
    if (!isObject(target)) {
      problems.push('a target is neither an address nor an object')
      continue
    }
    for (const selector of listOf(target.selector)) {
      if (!isObject(selector)) continue
      if (term(selector.type) === 'TextQuoteSelector') {
        if (typeof selector.exact !== 'string' || selector.exact === '') {
          problems.push('a TextQuoteSelector has no exact text')
        }
        for (const side of ['prefix', 'suffix']) {
          if (selector[side] !== undefined && typeof selector[side] !== 'string') {
            problems.push(`a TextQuoteSelector's ${side} is not text`)
          }
        }
      } else if (term(selector.type) === 'TextPositionSelector') {
        if (!nonNegativeInteger(selector.start) || !nonNegativeInteger(selector.end)) {
          problems.push("a TextPositionSelector's start and end are not whole numbers from 0")
        } else if ((selector.end as number) < (selector.start as number)) {
          problems.push('a TextPositionSelector ends before it starts')
        }
      }
    }
  }
  return problems
}

interface TextTarget {
  source: string
  /** Title of the target from a source description, if the file gives one. */
  title: string | null
  quote: { exact: string; prefix: string; suffix: string } | null
  position: { start: number; end: number } | null
}

const nfc = (value: unknown) => (typeof value === 'string' ? value.normalize('NFC') : '')

/** The text selectors of a target, or why it is not a passage of text. */
function readTarget(target: unknown): TextTarget | string {
  if (typeof target === 'string') return 'it targets a whole resource, not a passage of text'
  if (!isObject(target)) return 'its target is not readable'
  const source = isObject(target.source) ? target.source.id : target.source
  if (typeof source !== 'string') return 'its target names no source'
  const title = isObject(target.source)
    ? ([target.source.label, target.source.title, target.source.name].find(
        (v): v is string => typeof v === 'string',
      ) ?? null)
    : null
  let quote: TextTarget['quote'] = null
  let position: TextTarget['position'] = null
  let media = false
  for (const selector of listOf(target.selector)) {
    if (!isObject(selector)) continue
    const type = term(selector.type)
    if (type === 'TextQuoteSelector' && typeof selector.exact === 'string') {
      quote = {
        exact: nfc(selector.exact),
        prefix: nfc(selector.prefix),
        suffix: nfc(selector.suffix),
      }
    } else if (type === 'TextPositionSelector') {
      position = { start: selector.start as number, end: selector.end as number }
    } else if (type === 'FragmentSelector' || type === 'SvgSelector') {
      media = true
    }
  }
  if (quote || position) return { source, title, quote, position }
  return media
    ? 'it marks part of an image or video; only text annotations are imported'
    : 'it has no TextQuoteSelector or TextPositionSelector'
}

/** The annotation's kind, from its first motivation that names one. */
function kindOf(annotation: JsonObject): AnnotationKind {
  for (const motivation of listOf(annotation.motivation)) {
    const kind = KIND_OF_MOTIVATION[term(motivation)]
    if (kind) return kind
  }
  return 'note'
}

const MAX_TAG_NAME = 120
const MAX_COMMENT = 20_000

/** Tag names (tagging bodies) and the comment (commenting bodies, untyped text, bodyValue). */
function readBodies(annotation: JsonObject): { tagNames: string[]; comment: string } {
  const tagNames: string[] = []
  const comments: string[] = []
  if (typeof annotation.bodyValue === 'string') comments.push(annotation.bodyValue)
  for (const body of listOf(annotation.body)) {
    if (!isObject(body) || typeof body.value !== 'string') continue
    const purposes = listOf(body.purpose).map(term)
    if (purposes.includes('tagging')) {
      const name = body.value.normalize('NFC').trim().slice(0, MAX_TAG_NAME).trim()
      if (name && !tagNames.includes(name)) tagNames.push(name)
    } else if (purposes.length === 0 || purposes.includes('commenting')) {
      if (body.value.trim()) comments.push(body.value.normalize('NFC'))
    }
  }
  return { tagNames, comment: comments.join('\n\n').slice(0, MAX_COMMENT) }
}

/** Finds target articles and caches their text. */
class ArticleFinder {
  private readonly texts = new Map<string, CodePointIndex>()

  constructor(private readonly project: OpenProject) {}

  get articles(): readonly ArticleSummary[] {
    return this.project.doc.data.articles
  }

  async text(articleId: string): Promise<CodePointIndex> {
    let index = this.texts.get(articleId)
    if (!index) {
      index = new CodePointIndex((await this.project.readArticle(articleId)).text)
      this.texts.set(articleId, index)
    }
    return index
  }

  /** By web address or `urn:uuid:`, else by title, else the one article holding the quote. */
  async find(target: TextTarget): Promise<ArticleSummary | string> {
    const iri = target.source.replace(/#.*$/, '')
    const sameUrl = (url: string) => url !== '' && url.replace(/\/$/, '') === iri.replace(/\/$/, '')
    const byIri = this.articles.find((a) => entityUrn(a.id) === iri || sameUrl(a.url))
    if (byIri) return byIri
    if (target.title) {
      const title = target.title.normalize('NFC').trim().toLocaleLowerCase()
      const byTitle = this.articles.filter((a) => a.title.toLocaleLowerCase() === title)
      if (byTitle.length === 1 && byTitle[0]) return byTitle[0]
    }
    if (!target.quote) return `no article matches its source ${target.source}`
    const holding: ArticleSummary[] = []
    for (const article of this.articles) {
      if ((await this.text(article.id)).text.includes(target.quote.exact)) holding.push(article)
    }
    if (holding.length === 1 && holding[0]) return holding[0]
    return holding.length === 0
      ? `no article matches its source ${target.source} or contains its quote`
      : `its source ${target.source} is not in the project and ${holding.length} articles contain its quote`
  }
}

interface Placement {
  start: number
  end: number
  status: Exclude<AnchorStatus, 'orphan'>
}

/** Where the target lies in the text: its position if the quote is there, else found by quote. */
function place(index: CodePointIndex, target: TextTarget): Placement | string {
  const { quote, position } = target
  if (position && position.end > position.start && position.end <= index.length) {
    if (!quote || index.slice(position.start, position.end) === quote.exact) {
      return { ...position, status: 'exact' }
    }
  }
  if (!quote) return 'its position lies outside the article text'
  const expected = position ?? { start: 0, end: codePointLength(quote.exact) }
  const result = anchor(index, quote, expected)
  if (result.status === 'orphan') {
    const why = {
      'not-found': 'its quote is not in the article',
      ambiguous: 'its quote occurs several times and its context does not tell which is meant',
      'no-context': 'its quote occurs several times and it gives no context',
    }
    return why[result.reason]
  }
  return { ...result.position, status: result.status }
}

interface Planned {
  label: string
  articleId: string
  kind: AnnotationKind
  start: number
  end: number
  status: Placement['status']
  tagNames: string[]
  comment: string
}

/** Tags by name (case-insensitive), creating the missing ones at the top of the codebook. */
async function tagIdsFor(project: OpenProject, names: readonly string[], created: string[]) {
  const ids = new Map<string, string>()
  const key = (name: string) => name.normalize('NFC').toLocaleLowerCase()
  for (const name of names) {
    if (ids.has(key(name))) continue
    const matches = project.doc.data.tags.filter((t) => key(t.name) === key(name))
    const existing = matches.find((t) => t.parentId === null) ?? matches[0]
    if (existing) {
      ids.set(key(name), existing.id)
      continue
    }
    const tag = await createTag(project, { name, description: '', parentId: null })
    created.push(tag.name)
    ids.set(key(name), tag.id)
  }
  return (name: string) => ids.get(key(name))
}

/**
 * Imports W3C annotations (a file's parsed JSON or its text): each text annotation is placed on
 * its article (found by address, `urn:uuid:`, title or quote) at its position if the quote is
 * still there, else by its quote and context. Missing tags are created (each an undo step);
 * the annotations are created in one undo step. A file that is not W3C annotations is refused
 * as a whole, naming the annotation and the problem; annotations that cannot be placed are
 * skipped with the reason.
 */
export async function importW3cAnnotations(
  project: OpenProject,
  json: unknown,
  options: W3cImportOptions = {},
): Promise<W3cImportReport> {
  let document = json
  if (typeof json === 'string') {
    try {
      document = JSON.parse(json.replace(/^\uFEFF/, ''))
    } catch (error) {
      throw new AppFailure(
        'import-rejected',
        `The file is not JSON (${error instanceof Error ? error.message : String(error)}). Choose a W3C Web Annotation file (.jsonld or .json).`,
      )
    }
  }
  const annotations = collectAnnotations(document)
  const problems = annotations.flatMap((a, i) =>
    structuralProblems(a).map((p) => `${labelOf(a, i)}: ${p}`),
  )
  if (problems.length > 0) {
    const shown = problems.slice(0, 5).join('; ')
    const more = problems.length > 5 ? ` (and ${problems.length - 5} more problems)` : ''
    throw new AppFailure(
      'import-rejected',
      `The file is not valid W3C Web Annotation JSON: ${shown}${more}. Nothing was imported.`,
      { problems: problems.slice(0, 50) },
    )
  }
  const forced = options.articleId
    ? project.doc.data.articles.find((a) => a.id === options.articleId)
    : undefined
  if (options.articleId && !forced) {
    throw new AppFailure('not-found', `No article with id ${options.articleId} in this project.`)
  }

  const report: W3cImportReport = {
    found: annotations.length,
    anchored: 0,
    exact: 0,
    moved: 0,
    fuzzy: 0,
    tagsCreated: [],
    skipped: [],
  }
  const finder = new ArticleFinder(project)
  const planned: Planned[] = []
  for (const [i, raw] of annotations.entries()) {
    const annotation = raw as JsonObject
    const label = labelOf(annotation, i)
    const skip = (reason: string) => report.skipped.push({ annotation: label, reason })
    const targets = listOf(annotation.target).map(readTarget)
    const textTargets = targets.filter((t): t is TextTarget => typeof t !== 'string')
    if (textTargets.length === 0) {
      skip(String(targets[0]))
      continue
    }
    const bodies = readBodies(annotation)
    for (const target of textTargets) {
      const article = forced ?? (await finder.find(target))
      if (typeof article === 'string') {
        skip(article)
        continue
      }
      const placement = place(await finder.text(article.id), target)
      if (typeof placement === 'string') {
        skip(placement)
        continue
      }
      planned.push({
        label,
        articleId: article.id,
        kind: kindOf(annotation),
        ...placement,
        ...bodies,
      })
    }
  }

  // Leave out what the article already has, or what the file holds twice.
  const taken = new Set<string>()
  const spot = (articleId: string, a: { kind: string; start: number; end: number }) =>
    `${articleId}/${a.kind}/${a.start}/${a.end}`
  for (const articleId of new Set(planned.map((p) => p.articleId))) {
    for (const a of (await project.readArticle(articleId)).annotations) {
      if (!a.orphaned) taken.add(spot(articleId, { kind: a.kind, ...a.position }))
    }
  }
  const fresh = planned.filter((p) => {
    if (!taken.has(spot(p.articleId, p))) return taken.add(spot(p.articleId, p))
    report.skipped.push({ annotation: p.label, reason: 'the article already has this annotation' })
    return false
  })

  const tagId = await tagIdsFor(
    project,
    fresh.flatMap((p) => p.tagNames),
    report.tagsCreated,
  )
  const changes: Change[] = []
  for (const p of fresh) {
    const input: ParsedInput<'annotations:create'> = {
      articleId: p.articleId,
      kind: p.kind,
      start: p.start,
      end: p.end,
      tagIds: p.tagNames.flatMap((n) => tagId(n) ?? []),
      comment: p.comment,
    }
    try {
      const after = await buildAnnotation(project, input)
      changes.push({ entity: 'annotation', articleId: p.articleId, before: null, after })
      report[p.status]++
    } catch (error) {
      if (!(error instanceof AppFailure)) throw error
      report.skipped.push({ annotation: p.label, reason: error.message })
    }
  }
  if (changes.length > 0) {
    await project.history.commit(
      `Import ${changes.length} annotation${changes.length === 1 ? '' : 's'}`,
      changes,
    )
  }
  report.anchored = changes.length
  return report
}

/** Files larger than this are refused before reading (a W3C export of a big project is a few MB). */
export const MAX_W3C_FILE_BYTES = 64 * 1024 * 1024

/** `importW3cAnnotations` on a file: reads it (refusing huge ones) and names it in errors. */
export async function importW3cAnnotationFile(
  project: OpenProject,
  file: string,
  options: W3cImportOptions = {},
): Promise<W3cImportReport> {
  let text: string
  try {
    if ((await stat(file)).size > MAX_W3C_FILE_BYTES) {
      throw new AppFailure(
        'import-rejected',
        `${file} is larger than ${MAX_W3C_FILE_BYTES / 1024 / 1024} MB; it is not an annotation file Claimdesk can import.`,
      )
    }
    text = await readFile(file, 'utf8')
  } catch (error) {
    if (error instanceof AppFailure) throw error
    throw new AppFailure('io-error', `Could not read ${file}: ${ioReason(error)}.`, { file })
  }
  try {
    return await importW3cAnnotations(project, text, options)
  } catch (error) {
    if (error instanceof AppFailure && error.code === 'import-rejected') {
      throw new AppFailure('import-rejected', `${file}: ${error.message}`, error.details)
    }
    throw error
  }
}
