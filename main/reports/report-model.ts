/**
 * One report model for every output format: the selected claims and everything that bears on
 * them, already filtered, ordered, numbered (C1, Q1, E1, S1) and labelled in the report's
 * language. The renderers only lay it out; they never look at the project.
 *
 * Quotes are the annotated text exactly: the article's text at the annotation's code-point
 * position, checked against the quote the annotation recorded (a mismatch is reported as a
 * warning and the recorded quote is used). File hashes in the appendix: article and registry
 * files are hashed as they are on disk now; evidence files and captured frames carry the hash
 * recorded when they were added (`basis` says which).
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve } from 'node:path'
import { toQuantity, groupByUnit } from '../../shared/claim-figures'
import { bestReliability, latestAssessment } from '../../shared/claim-grading'
import { readableTextColor } from '../../shared/colors'
import type { Annotation, AnnotationKind } from '../../shared/model/annotation'
import type { ArticleDocument, ArticleSummary } from '../../shared/model/article'
import { BUILTIN_STATUSES, type Claim } from '../../shared/model/claim'
import { compareOptionalDates } from '../../shared/model/common'
import type {
  ClaimLink,
  EvidenceItem,
  EvidenceKind,
  MediaMetadata,
  Provenance,
  Stance,
} from '../../shared/model/evidence'
import { admiraltyCode, type Credibility, type Reliability } from '../../shared/model/grading'
import type { RegistryDocument } from '../../shared/model/registry'
import type { Source, SourceKind } from '../../shared/model/source'
import { formatQuantity } from '../../shared/quantities'
import {
  ReportOptions,
  type ReportFilter,
  type ReportLanguage,
  type ReportOptionsInput,
  type ReportSection,
} from '../../shared/report-options'
import { AppFailure } from '../../shared/result'
import { formatTimeCode, formatTimeRange } from '../../shared/time-code'
import { describeZodError } from '../../shared/validation'
import type { ProjectView } from '../projects/project-view'
import { flushWrites } from '../store/json-document'
import {
  ARTICLES_DIR,
  articleFilePath,
  REGISTRY_FILE,
  registryFilePath,
} from '../store/project-layout'
import { reportScope } from './report-selection'
import {
  formatReportDate,
  formatReportTimestamp,
  type HashBasis,
  type RelationRole,
  type ReportFileKind,
  reportText,
  type ReportText,
} from './report-text'

/** Bumped when the model's shape changes (the JSON export carries it). */
export const REPORT_MODEL_VERSION = 1

export interface ReportStatus {
  id: string
  label: string
  /** Badge colours: built-in statuses have fixed ones, custom statuses their own. */
  background: string
  border: string
  text: string
}

/** An article as a quote cites it. */
export interface ReportCitation {
  articleId: string
  title: string
  outlet: string
  authors: string[]
  /** `YYYY-MM-DD` or ''. */
  publishedAt: string
  retrievedAt: string
  url: string
}

export interface ReportSourceRef {
  id: string
  /** "S3" when the source is listed in the report, else null. */
  ref: string | null
  name: string
  reliability: Reliability | null
}

export interface ReportClaimRef {
  id: string
  /** "C2" when the claim is in the report's selection, else null. */
  ref: string | null
  statement: string
}

export interface ReportTagRef {
  id: string
  name: string
  color: string
}

export interface ReportQuote {
  /** "Q1", numbered through the report. */
  ref: string
  annotationId: string
  articleId: string
  kind: AnnotationKind
  kindLabel: string
  /** The annotated text, exactly. */
  text: string
  /** Code points in the article's text: start inclusive, end exclusive. */
  start: number
  end: number
  /** The passage was edited out of the article; `text` is the quote as it was annotated. */
  orphaned: boolean
  comment: string
  tags: ReportTagRef[]
  claims: ReportClaimRef[]
  sources: ReportSourceRef[]
  evidence: Array<{ id: string; ref: string | null; title: string }>
}

/** The quotes of one article, in the order they appear in its text. */
export interface ReportQuoteGroup {
  citation: ReportCitation
  quotes: ReportQuote[]
}

export interface ReportFigure {
  /** As the article wrote it, e.g. "mindestens 3.000 Soldaten". */
  text: string
  /** Normalised in the report's language, e.g. "at least 3,000 Soldaten". */
  formatted: string
}

export interface ReportClaimRelation {
  relationId: string
  role: RelationRole
  roleLabel: string
  other: ReportClaimRef
  note: string
}

export interface ReportEvidenceLink {
  itemId: string
  itemRef: string | null
  title: string
  stance: Stance
  stanceLabel: string
  /** '' for the item as a whole, else the segment's time codes or the region's label. */
  part: string
}

export interface ReportClaim {
  id: string
  /** "C1" for selected claims; null for a claim shown only as the other side of a contradiction. */
  ref: string | null
  inSelection: boolean
  statement: string
  madeOn: string
  status: ReportStatus
  credibility: Credibility | null
  credibilityLabel: string
  /** Best reliability among the "said by" sources. */
  reliability: Reliability | null
  reliabilityLabel: string
  /** Admiralty code, e.g. "B2" ("–" for a part not graded). */
  code: string
  rationale: string
  assessedBy: string
  assessedAt: string
  saidBy: ReportSourceRef[]
  reportedBy: ReportSourceRef[]
  tags: ReportTagRef[]
  notes: string
  figures: ReportFigure[]
  /** The claim's mentions that the report quotes. */
  citations: Array<{ quoteRef: string; text: string; citation: ReportCitation }>
  relations: ReportClaimRelation[]
  evidence: ReportEvidenceLink[]
}

export interface ReportClaimLink {
  claim: ReportClaimRef
  stance: Stance
  stanceLabel: string
}

export interface ReportSegment {
  id: string
  start: number
  end: number
  /** "0:01.000–0:02.500". */
  timecode: string
  label: string
  note: string
  claimLinks: ReportClaimLink[]
}

export interface ReportFrame {
  id: string
  time: number
  timecode: string
  segmentLabel: string
  width: number
  height: number
  path: string
  sha256: string
  note: string
  /** The PNG as stored in the project; null when the file is missing. Not in the JSON export. */
  png: Uint8Array | null
  /** Whether the file on disk still has the recorded hash (null when missing). */
  hashMatches: boolean | null
}

export interface ReportRegion {
  id: string
  label: string
  note: string
  /** Fractions of the image: x, y, width, height. */
  box: [number, number, number, number]
  claimLinks: ReportClaimLink[]
}

export interface ReportEvidence {
  id: string
  ref: string
  kind: EvidenceKind
  kindLabel: string
  title: string
  file: {
    storage: 'copy' | 'link'
    storageLabel: string
    path: string
    originalName: string
    sha256: string
    size: number
    sizeLabel: string
    mimeType: string
  }
  metadata: MediaMetadata
  /** The metadata that applies, as label–value pairs in the report's language. */
  metadataRows: Array<{ label: string; value: string }>
  provenance: Provenance & { publisher: ReportSourceRef | null }
  /** The provenance that is filled in, as label–value pairs. */
  provenanceRows: Array<{ label: string; value: string }>
  status: ReportStatus
  credibility: Credibility | null
  credibilityLabel: string
  rationale: string
  claimLinks: ReportClaimLink[]
  segments: ReportSegment[]
  frames: ReportFrame[]
  regions: ReportRegion[]
}

export interface ReportSource {
  id: string
  ref: string
  name: string
  aliases: string[]
  kind: SourceKind
  kindLabel: string
  role: string
  organisation: string
  description: string
  reliability: Reliability | null
  reliabilityLabel: string
  reliabilityReason: string
  said: ReportClaimRef[]
  reported: ReportClaimRef[]
}

export interface ReportContradiction {
  relationId: string
  note: string
  from: ReportClaim
  to: ReportClaim
}

export interface ReportComparisonRow {
  claim: ReportClaimRef
  figure: string
  sources: string
  madeOn: string
  status: ReportStatus
  code: string
  /** "Outlet, date" of each article that mentions the claim. */
  reportedIn: string[]
  /** Claims in the same group that this one contradicts. */
  contradicts: ReportClaimRef[]
}

export interface ReportComparisonGroup {
  key: string
  unit: string
  rows: ReportComparisonRow[]
}

export interface ReportFile {
  kind: ReportFileKind
  kindLabel: string
  name: string
  /** Relative to the project folder, or absolute for linked evidence. */
  path: string
  sha256: string | null
  size: number | null
  basis: HashBasis
  basisLabel: string
  /** Set when the file could not be read. */
  problem: string
}

export interface ReportStatusEntry {
  id: string
  status: ReportStatus
  meaning: string
}

export interface ReportModel {
  version: typeof REPORT_MODEL_VERSION
  meta: {
    title: string
    author: string
    projectName: string
    projectId: string
    /** ISO timestamp. */
    generatedAt: string
    language: ReportLanguage
    filter: ReportFilter
    filtered: boolean
    /** The filter in words, one entry per criterion set (empty when unfiltered). */
    filterSummary: Array<{ label: string; value: string }>
    claimCount: number
    totalClaims: number
  }
  /** The sections to show, in order. */
  sections: ReportSection[]
  methodNotes: string
  claims: ReportClaim[]
  quotes: ReportQuoteGroup[]
  evidence: ReportEvidence[]
  sources: ReportSource[]
  contradictions: ReportContradiction[]
  comparison: ReportComparisonGroup[]
  statuses: ReportStatusEntry[]
  files: ReportFile[]
  /** Problems found while building (unreadable articles, missing frames, quote mismatches). */
  warnings: string[]
}

export interface BuildReportOptions {
  signal?: AbortSignal
  /** Called after each article and evidence item read. */
  onProgress?: (done: number, total: number) => void
  /** The report's date (tests pin it). */
  now?: Date
}

const BUILTIN_STATUS_COLORS: Record<string, Omit<ReportStatus, 'id' | 'label'>> = {
  unstarted: { background: '#eceef1', border: '#c6cbd2', text: '#3f4753' },
  'in-progress': { background: '#dbe7f7', border: '#a9c3e8', text: '#15406f' },
  inconclusive: { background: '#faefc2', border: '#e6d38a', text: '#5f4600' },
  verified: { background: '#cdeed3', border: '#9fd6aa', text: '#14532d' },
  false: { background: '#f8d4cf', border: '#eaaaa2', text: '#7f1d14' },
}
const UNKNOWN_STATUS_COLORS = { background: '#ffffff', border: '#8a8f98', text: '#5f6670' }

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** Stops work when the export was cancelled. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppFailure('cancelled', 'Making the report was cancelled.')
}

/** Parses report options (with defaults); invalid options are an `invalid-input` failure. */
export function parseReportOptions(input: ReportOptionsInput): ReportOptions {
  const parsed = ReportOptions.safeParse(input)
  if (!parsed.success) {
    throw new AppFailure(
      'invalid-input',
      `The report options are not valid: ${describeZodError(parsed.error)}.`,
    )
  }
  return parsed.data
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** The article's text at code points [start, end), or null if the range lies outside it. */
function codePointSlice(codePoints: readonly string[], start: number, end: number): string | null {
  if (end > codePoints.length || start >= end) return null
  return codePoints.slice(start, end).join('')
}

/** Builds the report model for `project` (see the module comment). Cancel → AppFailure('cancelled'). */
export async function buildReportModel(
  project: ProjectView,
  optionsInput: ReportOptionsInput,
  build: BuildReportOptions = {},
): Promise<ReportModel> {
  const options = parseReportOptions(optionsInput)
  const { signal, onProgress } = build
  const language = options.language
  const text = reportText(language)
  const date = (iso: string) => formatReportDate(iso, language)
  throwIfCancelled(signal)

  // A snapshot: edits made while articles are read must not mix two states into one report.
  const registry: RegistryDocument = structuredClone(project.registry.data)
  const projectDoc = structuredClone(project.doc.data)
  const articleIndex = new Map(projectDoc.articles.map((a) => [a.id, a]))
  const tagsById = new Map(projectDoc.tags.map((t) => [t.id, t]))
  const sourcesById = new Map(registry.sources.map((s) => [s.id, s]))
  const claimsById = new Map(registry.claims.map((c) => [c.id, c]))
  const evidenceById = new Map(registry.evidence.map((e) => [e.id, e]))
  const warnings: string[] = []

  const scope = reportScope(
    registry,
    orderArticles(projectDoc.articles).map((a) => a.id),
    projectDoc.tags,
    options.filter,
  )
  const total = scope.articleIds.length + scope.evidence.length
  let done = 0
  const progress = () => onProgress?.(++done, total)

  // Numbering: claims in the order selected; sources by name; evidence in registry order.
  const claimRef = new Map(scope.claims.map((c, i) => [c.id, `C${i + 1}`]))
  const collator = new Intl.Collator(text.locale, { sensitivity: 'base', numeric: true })
  const sources = registry.sources
    .filter((s) => scope.sourceIds.has(s.id))
    .sort((a, b) => collator.compare(a.name, b.name))
  const sourceRef = new Map(sources.map((s, i) => [s.id, `S${i + 1}`]))
  const evidenceRef = new Map(scope.evidence.map((e, i) => [e.id, `E${i + 1}`]))

  const refClaim = (id: string): ReportClaimRef => ({
    id,
    ref: claimRef.get(id) ?? null,
    statement: claimsById.get(id)?.statement ?? id,
  })
  const refSource = (id: string): ReportSourceRef => {
    const source = sourcesById.get(id)
    return {
      id,
      ref: sourceRef.get(id) ?? null,
      name: source?.name ?? id,
      reliability: source?.reliability ?? null,
    }
  }
  const refTag = (id: string): ReportTagRef => {
    const tag = tagsById.get(id)
    return { id, name: tag?.name ?? id, color: tag?.color ?? '#888888' }
  }
  const statusOf = (id: string): ReportStatus => {
    const builtin = BUILTIN_STATUS_COLORS[id]
    if (builtin) return { id, label: text.statuses[id as keyof ReportText['statuses']], ...builtin }
    const custom = registry.statuses.find((s) => s.id === id)
    if (!custom) return { id, label: text.statusUnknown, ...UNKNOWN_STATUS_COLORS }
    return {
      id,
      label: custom.label,
      background: custom.color,
      border: custom.color,
      text: readableTextColor(custom.color),
    }
  }
  const credibilityLabel = (c: Credibility | null) =>
    c === null ? text.claim.notAssessed : text.credibility[c].label
  const reliabilityLabel = (r: Reliability | null) =>
    r === null ? text.claim.notGraded : text.reliability[r].label
  const citationOf = (article: ArticleSummary | ArticleDocument): ReportCitation => ({
    articleId: article.id,
    title: article.title,
    outlet: article.outlet,
    authors: [...article.authors],
    publishedAt: article.publishedAt,
    retrievedAt: article.retrievedAt,
    url: article.url,
  })

  // --- Articles: read each one in scope, and hash its file as it is on disk.
  await flushWrites() // so the file on disk is the text the report quotes
  const articles: Array<{ doc: ArticleDocument; sha256: string; size: number }> = []
  const fileProblems = new Map<string, string>()
  for (const articleId of scope.articleIds) {
    throwIfCancelled(signal)
    const summary = articleIndex.get(articleId)
    try {
      const bytes = await readFile(articleFilePath(project.folder, articleId))
      const doc = await project.readArticle(articleId)
      articles.push({ doc, sha256: sha256(bytes), size: bytes.length })
    } catch (error) {
      const reason = errorText(error)
      fileProblems.set(articleId, reason)
      warnings.push(text.warnings.articleUnreadable(summary?.title ?? articleId, reason))
    }
    progress()
  }

  // --- Quotes: which annotation is linked to what.
  interface Links {
    claims: string[]
    sources: string[]
    evidence: string[]
  }
  const links = new Map<string, Links>()
  const linksOf = (articleId: string, annotationId: string) => {
    const key = `${articleId}/${annotationId}`
    let entry = links.get(key)
    if (!entry) {
      entry = { claims: [], sources: [], evidence: [] }
      links.set(key, entry)
    }
    return entry
  }
  for (const c of registry.claims)
    for (const m of c.mentions) linksOf(m.articleId, m.annotationId).claims.push(c.id)
  for (const s of registry.sources)
    for (const m of s.mentions) linksOf(m.articleId, m.annotationId).sources.push(s.id)
  for (const e of registry.evidence)
    for (const m of e.mentions) linksOf(m.articleId, m.annotationId).evidence.push(e.id)
  const scopeEvidenceIds = new Set(scope.evidence.map((e) => e.id))
  const inReport = (l: Links | undefined) =>
    l !== undefined &&
    (l.claims.some((id) => scope.claimIds.has(id)) ||
      l.sources.some((id) => scope.sourceIds.has(id)) ||
      l.evidence.some((id) => scopeEvidenceIds.has(id)))

  const quotes: ReportQuoteGroup[] = []
  const quotesByAnnotation = new Map<string, { quote: ReportQuote; citation: ReportCitation }>()
  let quoteNumber = 0
  for (const { doc } of articles) {
    const codePoints = Array.from(doc.text)
    const citation = citationOf(doc)
    const group: ReportQuote[] = []
    const annotations = [...doc.annotations].sort(
      (a, b) => a.position.start - b.position.start || a.position.end - b.position.end,
    )
    for (const annotation of annotations) {
      const l = links.get(`${doc.id}/${annotation.id}`)
      if (!scope.everything && !inReport(l)) continue
      const ref = `Q${++quoteNumber}`
      const quote: ReportQuote = {
        ref,
        annotationId: annotation.id,
        articleId: doc.id,
        kind: annotation.kind,
        kindLabel: text.annotationKinds[annotation.kind],
        text: exactQuote(annotation, codePoints, () =>
          warnings.push(text.warnings.quoteMismatch(ref, doc.title)),
        ),
        start: annotation.position.start,
        end: annotation.position.end,
        orphaned: annotation.orphaned,
        comment: annotation.comment,
        tags: annotation.tagIds.map(refTag),
        claims: (l?.claims ?? []).map(refClaim),
        sources: (l?.sources ?? []).map(refSource),
        evidence: (l?.evidence ?? []).map((id) => ({
          id,
          ref: evidenceRef.get(id) ?? null,
          title: evidenceById.get(id)?.title ?? id,
        })),
      }
      group.push(quote)
      quotesByAnnotation.set(`${doc.id}/${annotation.id}`, { quote, citation })
    }
    if (group.length > 0) quotes.push({ citation, quotes: group })
  }

  // --- Claims.
  const evidenceLinksByClaim = new Map<string, ReportEvidenceLink[]>()
  for (const item of registry.evidence) {
    const add = (link: ClaimLink, part: string) => {
      const list = evidenceLinksByClaim.get(link.claimId) ?? []
      list.push({
        itemId: item.id,
        itemRef: evidenceRef.get(item.id) ?? null,
        title: item.title,
        stance: link.stance,
        stanceLabel: text.stances[link.stance],
        part,
      })
      evidenceLinksByClaim.set(link.claimId, list)
    }
    for (const link of item.claimLinks) add(link, '')
    for (const segment of item.segments) {
      const range = formatTimeRange(segment.start, segment.end)
      for (const link of segment.claimLinks)
        add(link, segment.label ? `${range} (${segment.label})` : range)
    }
    for (const region of item.regions)
      for (const link of region.claimLinks) add(link, region.label || text.evidence.region)
  }

  const claimEntry = (claim: Claim): ReportClaim => {
    const assessment = latestAssessment(claim)
    const reliability = bestReliability(claim, sourcesById)
    return {
      id: claim.id,
      ref: claimRef.get(claim.id) ?? null,
      inSelection: scope.claimIds.has(claim.id),
      statement: claim.statement,
      madeOn: claim.madeOn,
      status: statusOf(assessment.status),
      credibility: assessment.credibility,
      credibilityLabel: credibilityLabel(assessment.credibility),
      reliability,
      reliabilityLabel: reliabilityLabel(reliability),
      code: admiraltyCode(reliability, assessment.credibility),
      rationale: assessment.rationale,
      assessedBy: assessment.by,
      assessedAt: assessment.at,
      saidBy: claim.saidBy.map(refSource),
      reportedBy: claim.reportedBy.map(refSource),
      tags: claim.tagIds.map(refTag),
      notes: claim.notes,
      figures: claim.quantities.map((q) => ({
        text: q.text,
        formatted: formatQuantity(toQuantity(q), language, 'words'),
      })),
      citations: claim.mentions.flatMap((m) => {
        const found = quotesByAnnotation.get(`${m.articleId}/${m.annotationId}`)
        return found
          ? [{ quoteRef: found.quote.ref, text: found.quote.text, citation: found.citation }]
          : []
      }),
      relations: registry.relations
        .filter((r) => r.fromClaimId === claim.id || r.toClaimId === claim.id)
        .map((r) => {
          const outgoing = r.fromClaimId === claim.id
          const role: RelationRole = r.type === 'refines' && !outgoing ? 'refined-by' : r.type
          return {
            relationId: r.id,
            role,
            roleLabel: text.relations[role],
            other: refClaim(outgoing ? r.toClaimId : r.fromClaimId),
            note: r.note,
          }
        }),
      evidence: evidenceLinksByClaim.get(claim.id) ?? [],
    }
  }
  const claims = scope.claims.map(claimEntry)

  // --- Evidence, with the captured frames' bytes for embedding.
  const evidence: ReportEvidence[] = []
  const frameFiles: ReportFile[] = []
  for (const item of scope.evidence) {
    throwIfCancelled(signal)
    const frames: ReportFrame[] = []
    for (const frame of item.frames) {
      const png = await readProjectFile(project.folder, frame.path)
      const hashMatches = png === null ? null : sha256(png) === frame.sha256
      if (png === null) warnings.push(text.warnings.frameMissing(item.title, frame.path))
      else if (!hashMatches) warnings.push(text.warnings.frameChanged(item.title, frame.path))
      const segment = item.segments.find((s) => s.id === frame.segmentId)
      const timecode = formatTimeCode(frame.time)
      frames.push({
        id: frame.id,
        time: frame.time,
        timecode,
        segmentLabel: segment?.label ?? '',
        width: frame.width,
        height: frame.height,
        path: frame.path,
        sha256: frame.sha256,
        note: frame.note,
        png,
        hashMatches,
      })
      frameFiles.push({
        kind: 'frame',
        kindLabel: text.appendix.kinds.frame,
        name: `${item.title} – ${text.evidence.frameAt(timecode)}`,
        path: frame.path,
        sha256: frame.sha256,
        size: png?.length ?? null,
        basis: 'recorded',
        basisLabel: text.appendix.bases.recorded,
        problem: png === null ? text.appendix.missing : '',
      })
    }
    evidence.push(evidenceEntry(item, frames))
    progress()
  }

  function claimLinksOf(list: readonly ClaimLink[]): ReportClaimLink[] {
    return list.map((link) => ({
      claim: refClaim(link.claimId),
      stance: link.stance,
      stanceLabel: text.stances[link.stance],
    }))
  }

  function evidenceEntry(item: EvidenceItem, frames: ReportFrame[]): ReportEvidence {
    const assessment = item.assessments[item.assessments.length - 1] ?? null
    const m = item.metadata
    const metadataRows = [
      { label: text.evidence.format, value: m.format },
      { label: text.evidence.codec, value: m.codec ?? '' },
      {
        label: text.evidence.duration,
        value: m.durationSeconds === null ? '' : formatTimeCode(m.durationSeconds),
      },
      {
        label: text.evidence.dimensions,
        value: m.width && m.height ? `${m.width} × ${m.height}` : '',
      },
      {
        label: text.evidence.frameRate,
        value:
          m.frameRate === null
            ? ''
            : `${new Intl.NumberFormat(text.locale, { maximumFractionDigits: 3 }).format(m.frameRate)} fps`,
      },
      {
        label: text.evidence.recordedAt,
        value: m.recordedAt ? formatReportTimestamp(m.recordedAt, language) : '',
      },
      { label: text.evidence.exifDate, value: m.exifDate ?? '' },
      { label: text.evidence.gps, value: m.gps ? `${m.gps.lat}, ${m.gps.lon}` : '' },
      { label: text.evidence.pages, value: m.pageCount === null ? '' : String(m.pageCount) },
    ].filter((row) => row.value !== '')
    const p = item.provenance
    const publisher = p.publisherId ? refSource(p.publisherId) : null
    const provenanceRows = [
      { label: text.evidence.originalUrl, value: p.originalUrl },
      { label: text.evidence.platform, value: p.platform },
      { label: text.evidence.publisher, value: publisher?.name ?? '' },
      { label: text.evidence.publishedAt, value: date(p.publishedAt) },
      { label: text.evidence.retrievedAt, value: date(p.retrievedAt) },
      { label: text.evidence.retrievedBy, value: p.retrievedBy },
      { label: text.evidence.claimedPlace, value: p.claimedPlace },
      {
        label: text.evidence.claimedCoordinates,
        value: p.claimedCoordinates
          ? `${p.claimedCoordinates.lat}, ${p.claimedCoordinates.lon}`
          : '',
      },
      { label: text.evidence.claimedDate, value: date(p.claimedDate) },
    ].filter((row) => row.value !== '')
    return {
      id: item.id,
      ref: evidenceRef.get(item.id) ?? item.id,
      kind: item.kind,
      kindLabel: text.evidenceKinds[item.kind],
      title: item.title,
      file: {
        storage: item.file.storage,
        storageLabel: text.storage[item.file.storage],
        path: item.file.path,
        originalName: item.file.originalName,
        sha256: item.file.sha256,
        size: item.file.size,
        sizeLabel: text.bytes(item.file.size),
        mimeType: item.file.mimeType,
      },
      metadata: { ...m },
      metadataRows,
      provenance: { ...p, publisher },
      provenanceRows,
      status: statusOf(assessment?.status ?? 'unstarted'),
      credibility: assessment?.credibility ?? null,
      credibilityLabel: credibilityLabel(assessment?.credibility ?? null),
      rationale: assessment?.rationale ?? '',
      claimLinks: claimLinksOf(item.claimLinks),
      segments: item.segments.map((s) => ({
        id: s.id,
        start: s.start,
        end: s.end,
        timecode: formatTimeRange(s.start, s.end),
        label: s.label,
        note: s.note,
        claimLinks: claimLinksOf(s.claimLinks),
      })),
      frames,
      regions: item.regions.map((r) => ({
        id: r.id,
        label: r.label,
        note: r.note,
        box: [r.x, r.y, r.width, r.height],
        claimLinks: claimLinksOf(r.claimLinks),
      })),
    }
  }

  // --- Sources.
  const reportSources: ReportSource[] = sources.map((s: Source) => ({
    id: s.id,
    ref: sourceRef.get(s.id) ?? s.id,
    name: s.name,
    aliases: [...s.aliases],
    kind: s.kind,
    kindLabel: text.sourceKinds[s.kind],
    role: s.role,
    organisation: s.organisation,
    description: s.description,
    reliability: s.reliability,
    reliabilityLabel:
      s.reliability === null ? text.sources.notGraded : text.reliability[s.reliability].label,
    reliabilityReason: s.reliabilityReason,
    said: scope.claims.filter((c) => c.saidBy.includes(s.id)).map((c) => refClaim(c.id)),
    reported: scope.claims.filter((c) => c.reportedBy.includes(s.id)).map((c) => refClaim(c.id)),
  }))

  // --- Contradictions: every "contradicts" relation with at least one selected claim.
  const contradictions: ReportContradiction[] = []
  const entryCache = new Map(claims.map((c) => [c.id, c]))
  const entryFor = (id: string) => {
    const cached = entryCache.get(id)
    if (cached) return cached
    const claim = claimsById.get(id)
    if (!claim) return null
    const entry = claimEntry(claim)
    entryCache.set(id, entry)
    return entry
  }
  for (const relation of registry.relations) {
    if (relation.type !== 'contradicts') continue
    if (!scope.claimIds.has(relation.fromClaimId) && !scope.claimIds.has(relation.toClaimId))
      continue
    const from = entryFor(relation.fromClaimId)
    const to = entryFor(relation.toClaimId)
    if (from && to) contradictions.push({ relationId: relation.id, note: relation.note, from, to })
  }

  // --- Figures compared: quantities with figures from two or more selected claims.
  const contradictsPairs = registry.relations.filter((r) => r.type === 'contradicts')
  const comparison: ReportComparisonGroup[] = groupByUnit(scope.claims)
    .filter((g) => new Set(g.rows.map((r) => r.claim.id)).size >= 2)
    .map((g) => {
      const inGroup = new Set(g.rows.map((r) => r.claim.id))
      return {
        key: g.key,
        unit:
          g.units
            .map((unit) =>
              unitAsWritten(
                unit,
                g.rows.map((r) => r.quantity.text),
              ),
            )
            .join(' / ') || text.contradictions.noUnit,
        rows: g.rows.map((row) => {
          const claim = row.claim
          const assessment = latestAssessment(claim)
          const names = (ids: readonly string[]) =>
            ids.map((id) => sourcesById.get(id)?.name ?? id).join(', ')
          const against = contradictsPairs
            .flatMap((r) =>
              r.fromClaimId === claim.id
                ? [r.toClaimId]
                : r.toClaimId === claim.id
                  ? [r.fromClaimId]
                  : [],
            )
            .filter((id) => inGroup.has(id))
          return {
            claim: refClaim(claim.id),
            figure: formatQuantity(toQuantity(row.quantity), language, 'words'),
            sources:
              names(claim.saidBy) ||
              (claim.reportedBy.length > 0
                ? names(claim.reportedBy)
                : text.contradictions.unknownSource),
            madeOn: claim.madeOn,
            status: statusOf(assessment.status),
            code: admiraltyCode(bestReliability(claim, sourcesById), assessment.credibility),
            reportedIn: [...new Set(claim.mentions.map((m) => m.articleId))].map((id) => {
              const a = articleIndex.get(id)
              return a ? [a.outlet || a.title, date(a.publishedAt)].filter(Boolean).join(', ') : id
            }),
            contradicts: [...new Set(against)].map(refClaim),
          }
        }),
      }
    })

  // --- Files.
  const files: ReportFile[] = []
  for (const articleId of scope.articleIds) {
    const read = articles.find((a) => a.doc.id === articleId)
    files.push({
      kind: 'article',
      kindLabel: text.appendix.kinds.article,
      name: articleIndex.get(articleId)?.title ?? articleId,
      path: `${ARTICLES_DIR}/${articleId}.json`,
      sha256: read?.sha256 ?? null,
      size: read?.size ?? null,
      basis: 'computed',
      basisLabel: text.appendix.bases.computed,
      problem: fileProblems.has(articleId) ? text.appendix.missing : '',
    })
  }
  for (const item of scope.evidence) {
    files.push({
      kind: 'evidence',
      kindLabel: text.appendix.kinds.evidence,
      name: item.file.originalName,
      path: item.file.path,
      sha256: item.file.sha256,
      size: item.file.size,
      basis: 'recorded',
      basisLabel: text.appendix.bases.recorded,
      problem: '',
    })
  }
  files.push(...frameFiles)
  const registryBytes = await readFile(registryFilePath(project.folder)).catch(() => null)
  files.push({
    kind: 'registry',
    kindLabel: text.appendix.kinds.registry,
    name: REGISTRY_FILE,
    path: REGISTRY_FILE,
    sha256: registryBytes ? sha256(registryBytes) : null,
    size: registryBytes?.length ?? null,
    basis: 'computed',
    basisLabel: text.appendix.bases.computed,
    problem: registryBytes ? '' : text.appendix.missing,
  })

  const statuses: ReportStatusEntry[] = [
    ...BUILTIN_STATUSES.map((id) => ({
      id,
      status: statusOf(id),
      meaning: text.statusMeanings[id],
    })),
    ...registry.statuses.map((s) => ({
      id: s.id,
      status: statusOf(s.id),
      meaning: text.customStatus,
    })),
  ]

  return {
    version: REPORT_MODEL_VERSION,
    meta: {
      title: options.title,
      author: options.author,
      projectName: projectDoc.name,
      projectId: projectDoc.id,
      generatedAt: (build.now ?? new Date()).toISOString(),
      language,
      filter: options.filter,
      filtered: !scope.everything,
      filterSummary: filterSummary(options.filter, text, language, {
        status: (id) => statusOf(id).label,
        tag: (id) => refTag(id).name,
        source: (id) => sourcesById.get(id)?.name ?? id,
        article: (id) => articleIndex.get(id)?.title ?? id,
      }),
      claimCount: claims.length,
      totalClaims: registry.claims.length,
    },
    sections: options.sections,
    methodNotes: options.methodNotes,
    claims,
    quotes,
    evidence,
    sources: reportSources,
    contradictions,
    comparison,
    statuses,
    files,
    warnings,
  }
}

/** Articles by publication date (undated last), then as the project lists them. */
function orderArticles(articles: readonly ArticleSummary[]): ArticleSummary[] {
  return articles
    .map((a, index) => ({ a, index }))
    .sort((x, y) => compareOptionalDates(x.a.publishedAt, y.a.publishedAt) || x.index - y.index)
    .map((x) => x.a)
}

/**
 * The annotated text: the article's text at the annotation's position when it agrees with the
 * recorded quote, else the recorded quote (an orphan's position no longer holds its text, and a
 * disagreement on a live annotation is reported through `onMismatch`).
 */
function exactQuote(
  annotation: Annotation,
  codePoints: readonly string[],
  onMismatch: () => void,
): string {
  if (annotation.orphaned) return annotation.quote.exact
  const atPosition = codePointSlice(codePoints, annotation.position.start, annotation.position.end)
  if (atPosition !== annotation.quote.exact) onMismatch()
  return annotation.quote.exact
}

/** A stored (lowercase) unit as the claims wrote it ("Soldaten"), where one of `texts` has it. */
function unitAsWritten(unit: string, texts: readonly string[]): string {
  for (const text of texts) {
    const at = text.toLocaleLowerCase().indexOf(unit)
    if (at >= 0 && text.length === text.toLocaleLowerCase().length)
      return text.slice(at, at + unit.length)
  }
  return unit
}

/** A file inside the project folder, or null when missing or outside it (a damaged path). */
async function readProjectFile(folder: string, path: string): Promise<Uint8Array | null> {
  const full = resolve(folder, path)
  const rel = relative(folder, full)
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null
  try {
    return new Uint8Array(await readFile(join(folder, rel)))
  } catch {
    return null
  }
}

function filterSummary(
  filter: ReportFilter,
  text: ReportText,
  language: ReportLanguage,
  names: Record<'status' | 'tag' | 'source' | 'article', (id: string) => string>,
): Array<{ label: string; value: string }> {
  const rows: Array<{ label: string; value: string }> = []
  const list = (ids: readonly string[], name: (id: string) => string) => ids.map(name).join(', ')
  if (filter.statuses.length > 0)
    rows.push({ label: text.filter.statuses, value: list(filter.statuses, names.status) })
  if (filter.tagIds.length > 0)
    rows.push({ label: text.filter.tags, value: list(filter.tagIds, names.tag) })
  if (filter.sourceIds.length > 0)
    rows.push({ label: text.filter.sources, value: list(filter.sourceIds, names.source) })
  if (filter.articleIds.length > 0)
    rows.push({ label: text.filter.articles, value: list(filter.articleIds, names.article) })
  if (filter.dateFrom || filter.dateTo) {
    const from = formatReportDate(filter.dateFrom, language)
    const to = formatReportDate(filter.dateTo, language)
    const range =
      from && to
        ? text.filter.between(from, to)
        : from
          ? text.filter.from(from)
          : text.filter.until(to)
    rows.push({ label: text.filter.dates, value: `${range} (${text.filter.undatedExcluded})` })
  }
  return rows
}
