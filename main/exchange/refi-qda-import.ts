import { createHash } from 'node:crypto'
import { basename } from 'node:path'
import { type Entry, openPromise, type ZipFile } from 'yauzl'
import type { ParsedInput } from '../../shared/api'
import { anchor, CodePointIndex, describeRange } from '../../shared/anchoring'
import type { AnnotationKind } from '../../shared/model/annotation'
import type { ArticleOrigin, ArticleSummary } from '../../shared/model/article'
import { LanguageCode, OptionalDate } from '../../shared/model/common'
import { HexColor } from '../../shared/model/tag'
import { AppFailure } from '../../shared/result'
import { normalizeArticleText } from '../../shared/text'
import { buildAnnotation } from '../annotations/annotations'
import { addArticle } from '../articles/articles'
import type { Change } from '../history/changes'
import type { OpenProject } from '../projects/open-project'
import { createTag } from '../tags/tags'
import { KINDS_FOLDER, kindOfCodeName, kindOfGuid, normalizeGuid } from './refi-qda'
import {
  attributeOf,
  childOf,
  childrenOf,
  childText,
  localNameOf,
  parseXml,
  type XmlReadElement,
} from './xml'

// REFI-QDA .qdpx import. The file comes from elsewhere and is treated as untrusted: entry names
// with absolute paths or `..` refuse the whole file, every read is capped (the sizes in the ZIP
// directory are checked and the bytes actually inflated are counted), and only project.qde and
// the text files it names are read. Sources outside the ZIP (relative://, absolute://) are not
// opened. Text sources become articles, codes tags, coded text selections annotations, notes
// on selections their comments; what has no counterpart is listed in the report.

export const QDPX_LIMITS = {
  entries: 100_000,
  qdeBytes: 64 * 1024 * 1024,
  textBytes: 32 * 1024 * 1024,
  totalBytes: 512 * 1024 * 1024,
}

export interface ImportSkip {
  item: string
  reason: string
}

export interface QdpxImportReport {
  /** Articles made from the text sources. */
  articles: ArticleSummary[]
  tagsCreated: number
  /** Codes that matched a tag already in the codebook (same name, same parent). */
  tagsReused: number
  annotations: number
  /** Annotations that got a comment from the notes on their selection. */
  comments: number
  /** What was not imported and why (other source types, sets, cases, unplaceable selections). */
  skipped: ImportSkip[]
}

// ---------------------------------------------------------------------------------------------
// The ZIP

function rejected(file: string, problem: string): AppFailure {
  return new AppFailure('import-rejected', `${file} cannot be imported: ${problem}.`, { file })
}

/** An entry name that could write or read outside a folder, if anyone extracted it. */
function unsafeName(name: string): boolean {
  return (
    name.includes('\\') ||
    name.includes('\0') ||
    name.startsWith('/') ||
    /^[A-Za-z]:/.test(name) ||
    name.split('/').some((part) => part === '..')
  )
}

class Archive {
  private total = 0

  private constructor(
    readonly file: string,
    private readonly zip: ZipFile,
    /** Entries by lower-case name. */
    readonly entries: Map<string, Entry>,
  ) {}

  static async open(file: string): Promise<Archive> {
    let zip: ZipFile
    try {
      zip = await openPromise(file, { lazyEntries: true, autoClose: false })
    } catch (error) {
      throw rejected(file, `it is not a ZIP archive (${(error as Error).message})`)
    }
    try {
      if (zip.entryCount > QDPX_LIMITS.entries) {
        throw rejected(file, `it holds ${zip.entryCount} files, more than a project can have`)
      }
      const entries = new Map<string, Entry>()
      for await (const entry of zip.eachEntry()) {
        if (unsafeName(entry.fileName)) {
          throw rejected(file, `it contains a file with an unsafe path (${entry.fileName})`)
        }
        entries.set(entry.fileName.toLowerCase(), entry)
      }
      return new Archive(file, zip, entries)
    } catch (error) {
      zip.close()
      if (error instanceof AppFailure) throw error
      throw rejected(file, `its contents are damaged or unsafe (${(error as Error).message})`)
    }
  }

  /** An entry's bytes, refusing more than `limit` (whatever the ZIP directory claims). */
  async read(entry: Entry, limit: number): Promise<Buffer> {
    const what = entry.fileName
    if (entry.uncompressedSize > limit) {
      throw rejected(this.file, `${what} is larger than ${sizeText(limit)}`)
    }
    if (entry.isEncrypted()) throw rejected(this.file, `${what} is encrypted`)
    const chunks: Buffer[] = []
    let size = 0
    try {
      const stream = await this.zip.openReadStreamPromise(entry)
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        size += chunk.length
        this.total += chunk.length
        if (size > limit || this.total > QDPX_LIMITS.totalBytes) {
          stream.destroy()
          throw rejected(this.file, `${what} unpacks to more than its size allows`)
        }
        chunks.push(chunk)
      }
    } catch (error) {
      if (error instanceof AppFailure) throw error
      throw rejected(this.file, `${what} is damaged (${(error as Error).message})`)
    }
    return Buffer.concat(chunks)
  }

  close(): void {
    this.zip.close()
  }
}

function sizeText(bytes: number): string {
  const mb = bytes / 1024 / 1024
  return mb >= 1 ? `${Math.round(mb)} MB` : `${Math.ceil(bytes / 1024)} KB`
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

function decodeUtf8(bytes: Buffer): string | null {
  try {
    return utf8.decode(bytes).replace(/^\uFEFF/, '')
  } catch {
    return null
  }
}

// ---------------------------------------------------------------------------------------------
// project.qde

interface ReadCode {
  guid: string
  name: string
  color: string | undefined
  description: string
  parent: ReadCode | null
  /** Set for our kind codes (and the kinds folder, which maps to nothing). */
  kindCode: AnnotationKind | 'folder' | undefined
}

const MAX_TAG_NAME = 120
const MAX_TAG_DESCRIPTION = 2000
const MAX_TITLE = 500
const MAX_COMMENT = 20_000

/** "#abc" or "#AABBCC" as the codebook stores colours (#aabbcc); anything else is dropped. */
function colorOf(value: string | null): string | undefined {
  if (!value) return undefined
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(value.trim())
  const long = short
    ? `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`
    : value.trim()
  return HexColor.safeParse(long).success ? long.toLowerCase() : undefined
}

function readCodes(codeBook: XmlReadElement | undefined): ReadCode[] {
  const codes: ReadCode[] = []
  const visit = (el: XmlReadElement, parent: ReadCode | null) => {
    const name =
      (attributeOf(el, 'name') ?? '').normalize('NFC').trim().slice(0, MAX_TAG_NAME).trim() ||
      'Unnamed code'
    const guid = normalizeGuid(attributeOf(el, 'guid') ?? '')
    const inKindsFolder = parent?.kindCode === 'folder'
    const isFolder = guid === KINDS_FOLDER.guid || (parent === null && name === KINDS_FOLDER.name)
    const code: ReadCode = {
      guid,
      name,
      color: colorOf(attributeOf(el, 'color')),
      description: childText(el, 'Description').trim().slice(0, MAX_TAG_DESCRIPTION),
      parent,
      kindCode: isFolder
        ? 'folder'
        : (kindOfGuid(guid) ?? (inKindsFolder ? kindOfCodeName(name) : undefined)),
    }
    codes.push(code)
    for (const child of childrenOf(el, 'Code')) visit(child, code)
  }
  const top = codeBook ? childOf(codeBook, 'Codes') : undefined
  for (const el of top ? childrenOf(top, 'Code') : []) visit(el, null)
  return codes
}

/** The kind a set of codes gives a selection: a kind code, else a code (or parent) named like one. */
function kindOfCodes(codes: readonly ReadCode[]): AnnotationKind {
  for (const code of codes) {
    if (code.kindCode && code.kindCode !== 'folder') return code.kindCode
  }
  for (const code of codes) {
    for (let c: ReadCode | null = code; c; c = c.parent) {
      const kind = kindOfCodeName(c.name)
      if (kind) return kind
    }
  }
  return 'note'
}

/** Metadata our own export writes into a text source's Description ("URL: …" lines). */
function articleMeta(description: string) {
  const field = (label: string) =>
    new RegExp(`^${label}: (.+)$`, 'm').exec(description)?.[1]?.trim() ?? ''
  const url = field('URL')
  const publishedAt = field('Published')
  const language = field('Language')
  return {
    url: /^https?:\/\/\S+$/i.test(url) && url.length <= 2000 ? url : '',
    outlet: field('Outlet').slice(0, 200),
    authors: field('Authors')
      .split(';')
      .map((a) => a.trim().slice(0, 200))
      .filter(Boolean),
    publishedAt: OptionalDate.safeParse(publishedAt).success ? publishedAt : '',
    language: LanguageCode.safeParse(language).success ? language : '',
  }
}

interface ReadSelection {
  label: string
  start: number
  end: number
  codes: ReadCode[]
  comment: string
}

interface ReadTextSource {
  label: string
  title: string
  raw: string
  origin: ArticleOrigin
  meta: ReturnType<typeof articleMeta>
  selections: ReadSelection[]
}

/** The file name inside sources/ of an `internal://` path, or why it cannot be read. */
function internalName(path: string): string | { reason: string } {
  const match = /^internal:\/\/(.+)$/i.exec(path.trim())
  if (!match?.[1]) {
    return {
      reason: `its text lies outside the .qdpx (${path}); only embedded sources are imported`,
    }
  }
  const name = match[1]
  return name.includes('/') || unsafeName(name)
    ? { reason: `its path ${path} is not a file name` }
    : name
}

class ProjectReader {
  readonly skipped: ImportSkip[] = []
  readonly codes: ReadCode[]
  private readonly codeByGuid: Map<string, ReadCode>
  private readonly notes = new Map<string, string>()

  constructor(
    private readonly archive: Archive,
    readonly root: XmlReadElement,
  ) {
    this.codes = readCodes(childOf(root, 'CodeBook'))
    this.codeByGuid = new Map(this.codes.map((c) => [c.guid, c]))
  }

  private skip(item: string, reason: string) {
    this.skipped.push({ item, reason })
  }

  /** Text held in a file of sources/ named by an internal:// path. */
  private async internalText(
    path: string,
  ): Promise<{ text: string; bytes: Buffer; name: string } | { reason: string }> {
    const name = internalName(path)
    if (typeof name !== 'string') return name
    const entry = this.archive.entries.get(`sources/${name}`.toLowerCase())
    if (!entry) return { reason: `its file sources/${name} is missing from the .qdpx` }
    const bytes = await this.archive.read(entry, QDPX_LIMITS.textBytes)
    const text = decodeUtf8(bytes)
    return text === null ? { reason: `sources/${name} is not UTF-8 text` } : { text, bytes, name }
  }

  async readNotes(): Promise<void> {
    const notes = childOf(this.root, 'Notes')
    for (const note of notes ? childrenOf(notes, 'Note') : []) {
      const guid = normalizeGuid(attributeOf(note, 'guid') ?? '')
      const inline = childOf(note, 'PlainTextContent')
      const path = attributeOf(note, 'plainTextPath')
      let text = inline?.textContent ?? ''
      if (!inline && path) {
        const read = await this.internalText(path)
        text = 'text' in read ? read.text : ''
      }
      if (text.trim()) this.notes.set(guid, text.normalize('NFC').trim())
    }
  }

  private noteTexts(el: XmlReadElement): string[] {
    return childrenOf(el, 'NoteRef').flatMap((ref) => {
      const text = this.notes.get(normalizeGuid(attributeOf(ref, 'targetGUID') ?? ''))
      return text ? [text] : []
    })
  }

  private selection(el: XmlReadElement, sourceLabel: string, index: number): ReadSelection | null {
    const name = attributeOf(el, 'name')
    const label = `selection ${name ? `“${name}”` : index + 1} in ${sourceLabel}`
    const start = Number(attributeOf(el, 'startPosition'))
    const end = Number(attributeOf(el, 'endPosition'))
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start) {
      this.skip(label, 'its startPosition and endPosition do not describe a passage')
      return null
    }
    const codes: ReadCode[] = []
    const comments: string[] = []
    const description = childText(el, 'Description').trim()
    if (description) comments.push(description.normalize('NFC'))
    comments.push(...this.noteTexts(el))
    for (const coding of childrenOf(el, 'Coding')) {
      const ref = childOf(coding, 'CodeRef')
      const code = this.codeByGuid.get(
        normalizeGuid(ref ? (attributeOf(ref, 'targetGUID') ?? '') : ''),
      )
      if (code) codes.push(code)
      else this.skip(label, 'one of its codings refers to a code that is not in the codebook')
      comments.push(...this.noteTexts(coding))
    }
    return { label, start, end, codes, comment: comments.join('\n\n').slice(0, MAX_COMMENT) }
  }

  async textSources(): Promise<ReadTextSource[]> {
    const out: ReadTextSource[] = []
    const sources = childOf(this.root, 'Sources')
    const others = new Map<string, number>()
    for (const [index, el] of (sources ? childrenOf(sources) : []).entries()) {
      const type = localNameOf(el)
      const name = (attributeOf(el, 'name') ?? '').normalize('NFC').trim()
      if (type !== 'TextSource') {
        others.set(type, (others.get(type) ?? 0) + 1)
        continue
      }
      const label = name ? `text source “${name}”` : `text source ${index + 1}`
      const inline = childOf(el, 'PlainTextContent')
      const path = attributeOf(el, 'plainTextPath')
      let raw: string
      let origin: ArticleOrigin = { kind: 'paste' }
      if (inline) raw = (inline.textContent ?? '').replace(/^\uFEFF/, '')
      else if (path) {
        const read = await this.internalText(path)
        if ('reason' in read) {
          this.skip(label, read.reason)
          continue
        }
        raw = read.text
        origin = {
          kind: 'file',
          fileName: `${basename(this.archive.file)}: sources/${read.name}`,
          format: 'txt',
          sha256: createHash('sha256').update(read.bytes).digest('hex'),
          byteLength: read.bytes.length,
        }
      } else {
        this.skip(label, 'it has no plain text (only rich text), which Claimdesk cannot read')
        continue
      }
      if (childrenOf(el, 'Coding').length > 0) {
        this.skip(label, 'codings of a whole source have no counterpart in Claimdesk')
      }
      out.push({
        label,
        title: name.slice(0, MAX_TITLE).trim() || `Imported text ${out.length + 1}`,
        raw,
        origin,
        meta: articleMeta(childText(el, 'Description')),
        selections: childrenOf(el, 'PlainTextSelection').flatMap(
          (s, i) => this.selection(s, label, i) ?? [],
        ),
      })
    }
    for (const [type, count] of others) {
      this.skip(`${count} ${type}${count === 1 ? '' : 's'}`, 'only text sources are imported')
    }
    return out
  }

  /** Parts of the project Claimdesk has nothing for, named so the user knows what was left. */
  noteDiscarded(): void {
    const parts: Array<[string, string]> = [
      ['Variables', 'Variable'],
      ['Cases', 'Case'],
      ['Sets', 'Set'],
      ['Links', 'Link'],
      ['Graphs', 'Graph'],
    ]
    for (const [group, item] of parts) {
      const el = childOf(this.root, group)
      const count = el ? childrenOf(el, item).length : 0
      if (count > 0) this.skip(`${count} ${group.toLowerCase()}`, 'Claimdesk has no counterpart')
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Writing into the project

/** Creates a tag for each code (parents first), reusing a tag of the same name and parent. */
async function importCodes(project: OpenProject, codes: readonly ReadCode[]) {
  const tagOf = new Map<ReadCode, string>()
  let created = 0
  let reused = 0
  const key = (name: string) => name.normalize('NFC').toLocaleLowerCase()
  for (const code of codes) {
    if (code.kindCode) continue
    const parentId = code.parent ? (tagOf.get(code.parent) ?? null) : null
    const existing = project.doc.data.tags.find(
      (t) => t.parentId === parentId && key(t.name) === key(code.name),
    )
    if (existing) {
      tagOf.set(code, existing.id)
      reused++
      continue
    }
    const input: ParsedInput<'tags:create'> = {
      name: code.name,
      description: code.description,
      parentId,
      ...(code.color ? { color: code.color } : {}),
    }
    tagOf.set(code, (await createTag(project, input)).id)
    created++
  }
  return { tagOf, created, reused }
}

/** Where a selection of the file's text lies in the article's normalised text. */
function placeSelection(
  raw: CodePointIndex,
  stored: CodePointIndex,
  selection: ReadSelection,
): { start: number; end: number } | string {
  if (selection.end > raw.length) {
    return `it ends at ${selection.end}, after the end of the text (${raw.length} characters)`
  }
  if (raw.text === stored.text) return { start: selection.start, end: selection.end }
  // Storing normalises the text (line endings, NFC, outer blank space), which can shift
  // positions: the passage is found again by its quote.
  const { quote, position } = describeRange(raw, selection.start, selection.end)
  const result = anchor(stored, quote, position)
  return result.status === 'orphan'
    ? 'its passage could not be found in the text as stored'
    : result.position
}

/**
 * Imports a REFI-QDA .qdpx: its text sources as new articles, its codes as tags (hierarchy and
 * colours kept; a code named like an existing tag at the same level is merged into it), its
 * coded text selections as annotations (the kind from our kind codes or a code named like a
 * kind, else a note) with the notes on them as comments. Tags are created one undo step each,
 * the annotations in one step; articles, as with any import, are not undoable.
 */
export async function importQdpx(project: OpenProject, file: string): Promise<QdpxImportReport> {
  const archive = await Archive.open(file)
  let reader: ProjectReader
  let sources: ReadTextSource[]
  try {
    const qdeEntry =
      archive.entries.get('project.qde') ??
      [...archive.entries.values()].find((e) => /^[^/]+\.qde$/i.test(e.fileName))
    if (!qdeEntry) throw rejected(file, 'it has no project.qde, so it is not a REFI-QDA project')
    const qde = decodeUtf8(await archive.read(qdeEntry, QDPX_LIMITS.qdeBytes))
    if (qde === null) throw rejected(file, `${qdeEntry.fileName} is not UTF-8 text`)
    const root = parseXml(qde)
    if (!root || localNameOf(root) !== 'Project') {
      throw rejected(
        file,
        `${qdeEntry.fileName} is not a REFI-QDA project (its root element is ${root ? `<${localNameOf(root)}>` : 'missing'}, not <Project>)`,
      )
    }
    reader = new ProjectReader(archive, root)
    await reader.readNotes()
    sources = await reader.textSources()
    reader.noteDiscarded()
  } finally {
    archive.close()
  }

  const report: QdpxImportReport = {
    articles: [],
    tagsCreated: 0,
    tagsReused: 0,
    annotations: 0,
    comments: 0,
    skipped: reader.skipped,
  }
  const usable = sources.filter((s) => {
    if (normalizeArticleText(s.raw).length > 0) return true
    report.skipped.push({ item: s.label, reason: 'its text is empty' })
    return false
  })
  const { tagOf, created, reused } = await importCodes(project, reader.codes)
  report.tagsCreated = created
  report.tagsReused = reused

  const changes: Change[] = []
  for (const source of usable) {
    const article = await addArticle(
      project,
      { title: source.title, text: source.raw, ...source.meta },
      source.origin,
    )
    report.articles.push(article)
    const raw = new CodePointIndex(source.raw)
    const stored = new CodePointIndex((await project.readArticle(article.id)).text)
    for (const selection of source.selections) {
      const place = placeSelection(raw, stored, selection)
      if (typeof place === 'string') {
        report.skipped.push({ item: selection.label, reason: place })
        continue
      }
      const input: ParsedInput<'annotations:create'> = {
        articleId: article.id,
        kind: kindOfCodes(selection.codes),
        ...place,
        tagIds: selection.codes.flatMap((c) => tagOf.get(c) ?? []),
        comment: selection.comment,
      }
      try {
        const after = await buildAnnotation(project, input)
        changes.push({ entity: 'annotation', articleId: article.id, before: null, after })
        if (after.comment) report.comments++
      } catch (error) {
        if (!(error instanceof AppFailure)) throw error
        report.skipped.push({ item: selection.label, reason: error.message })
      }
    }
  }
  if (changes.length > 0) {
    await project.history.commit(
      `Import ${changes.length} annotations from ${basename(file)}`,
      changes,
    )
  }
  report.annotations = changes.length
  return report
}
