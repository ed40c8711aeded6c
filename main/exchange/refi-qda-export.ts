import { stat } from 'node:fs/promises'
import { extname, isAbsolute, join } from 'node:path'
import type { Readable } from 'node:stream'
import { ZipFile } from 'yazl'
import { ANNOTATION_KINDS } from '../../shared/model/annotation'
import type { ArticleDocument, ArticleSummary } from '../../shared/model/article'
import type { EvidenceItem, Segment } from '../../shared/model/evidence'
import type { ProjectView } from '../projects/project-view'
import { writeFileDurably, writeStreamDurably } from '../store/durable-write'
import {
  CODEBOOK_NAMESPACE,
  codeElements,
  derivedGuid,
  KIND_CODES,
  ORIGIN,
  PROJECT_NAMESPACE,
  refiGuid,
} from './refi-qda'
import { element, serializeXml, type XmlElement } from './xml'

// REFI-QDA project (.qdpx) and codebook (.qdc) export. A .qdpx is a ZIP holding project.qde
// and, flat under sources/, one UTF-8 .txt per article and (on request) the video files, named
// by GUID and referenced as internal://<GUID>.<ext>. Selections count code points from 0, end
// exclusive; video selections are milliseconds.

/** REFI-QDA's limit for a file inside a .qdpx (2 GB − 1 byte). */
export const MAX_INTERNAL_FILE_BYTES = 2 ** 31 - 1

export interface QdpxExportOptions {
  /** Copy video evidence into the .qdpx (default: refer to the files where they are). */
  includeMedia?: boolean
}

export interface ExportSkip {
  item: string
  reason: string
}

export interface QdpxExportSummary {
  file: string
  textSources: number
  textSelections: number
  videoSources: number
  videoSelections: number
  /** Video files copied into the .qdpx. */
  mediaIncluded: number
  codes: number
  notes: number
  skipped: ExportSkip[]
}

export interface QdcExportSummary {
  file: string
  /** Codes written: the tags and the kind codes. */
  codes: number
}

/** A file to put under sources/ in the ZIP: text held in memory or a file on disk. */
type SourceFile = { name: string; text: string } | { name: string; path: string }

const NAME_LENGTH = 60
/** The kinds folder and its five codes. */
const KIND_CODE_COUNT = ANNOTATION_KINDS.length + 1

/** A short one-line name for a selection, from its quote. */
function shortName(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim()
  const points = Array.from(line)
  return points.length > NAME_LENGTH ? `${points.slice(0, NAME_LENGTH - 1).join('')}…` : line
}

/** "absolute:///C:/x/y.mp4" or "absolute:///home/x/y.mp4" for a file outside the .qdpx. */
function absoluteUrl(path: string): string {
  const slashed = path.replace(/\\/g, '/')
  return `absolute://${slashed.startsWith('/') ? '' : '/'}${slashed}`
}

const MIME_EXTENSIONS: Record<string, string> = {
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'video/quicktime': 'mov',
  'video/x-matroska': 'mkv',
}

function mediaExtension(item: EvidenceItem): string {
  const fromName = extname(item.file.originalName).slice(1).toLowerCase()
  if (/^[a-z0-9]{1,8}$/.test(fromName)) return fromName
  return MIME_EXTENSIONS[item.file.mimeType] ?? 'bin'
}

function mediaPath(project: ProjectView, item: EvidenceItem): string {
  return item.file.storage === 'copy' && !isAbsolute(item.file.path)
    ? join(project.folder, item.file.path)
    : item.file.path
}

/** Lines of an article's metadata for its source's Description (read back on import). */
export function describeArticle(article: ArticleSummary): string {
  const lines = [
    article.url && `URL: ${article.url}`,
    article.outlet && `Outlet: ${article.outlet}`,
    article.authors.length > 0 && `Authors: ${article.authors.join('; ')}`,
    article.publishedAt && `Published: ${article.publishedAt}`,
    article.language && `Language: ${article.language}`,
  ]
  return lines.filter(Boolean).join('\n')
}

class QdeBuilder {
  readonly sourceFiles: SourceFile[] = []
  readonly notes: XmlElement[] = []
  readonly skipped: ExportSkip[] = []
  readonly counts = { textSelections: 0, videoSources: 0, videoSelections: 0, mediaIncluded: 0 }
  readonly userGuid: string
  private readonly tagIds: Set<string>

  constructor(
    private readonly project: ProjectView,
    private readonly options: QdpxExportOptions,
  ) {
    this.userGuid = derivedGuid(`user:${project.userName}`)
    this.tagIds = new Set(project.doc.data.tags.map((t) => t.id))
  }

  /** Everyone named in the project: the current user and whoever assessed claims or evidence. */
  users(): XmlElement {
    const names = new Set([this.project.userName])
    const { claims, evidence } = this.project.registry.data
    for (const entity of [...claims, ...evidence]) {
      for (const a of entity.assessments) if (a.by.trim()) names.add(a.by.trim())
    }
    return element(
      'Users',
      {},
      [...names].map((name) => element('User', { guid: derivedGuid(`user:${name}`), name })),
    )
  }

  private coding(selectionGuid: string, codeGuid: string, at: string): XmlElement {
    return element(
      'Coding',
      {
        guid: derivedGuid(`coding:${selectionGuid}:${codeGuid}`),
        creatingUser: this.userGuid,
        creationDateTime: at,
      },
      [element('CodeRef', { targetGUID: codeGuid })],
    )
  }

  /** A Note holding `text`; returns the NoteRef that points at it. */
  private note(key: string, name: string, text: string, at: string): XmlElement {
    const guid = derivedGuid(`note:${key}`)
    this.notes.push(
      element('Note', { guid, name, creatingUser: this.userGuid, creationDateTime: at }, [
        element('PlainTextContent', {}, [text]),
      ]),
    )
    return element('NoteRef', { targetGUID: guid })
  }

  textSource(article: ArticleSummary, doc: ArticleDocument): XmlElement {
    const guid = refiGuid(article.id)
    const file = `${guid}.txt`
    this.sourceFiles.push({ name: file, text: doc.text })
    const selections: XmlElement[] = []
    const ordered = [...doc.annotations].sort((a, b) => a.position.start - b.position.start)
    for (const annotation of ordered) {
      if (annotation.orphaned) {
        this.skipped.push({
          item: `“${shortName(annotation.quote.exact)}” in “${article.title}”`,
          reason: 'it lost its place in an edit of the text (an orphan), so it has no position',
        })
        continue
      }
      const selectionGuid = refiGuid(annotation.id)
      const codes = [
        ...annotation.tagIds.filter((id) => this.tagIds.has(id)).map(refiGuid),
        KIND_CODES[annotation.kind].guid,
      ]
      selections.push(
        element(
          'PlainTextSelection',
          {
            guid: selectionGuid,
            name: shortName(annotation.quote.exact),
            startPosition: annotation.position.start,
            endPosition: annotation.position.end,
            creatingUser: this.userGuid,
            creationDateTime: annotation.createdAt,
            modifiedDateTime: annotation.updatedAt,
          },
          [
            ...codes.map((code) => this.coding(selectionGuid, code, annotation.createdAt)),
            annotation.comment.trim()
              ? this.note(
                  annotation.id,
                  `Comment on “${shortName(annotation.quote.exact)}”`,
                  annotation.comment,
                  annotation.updatedAt,
                )
              : null,
          ],
        ),
      )
    }
    this.counts.textSelections += selections.length
    const description = describeArticle(article)
    return element(
      'TextSource',
      {
        guid,
        name: article.title,
        plainTextPath: `internal://${file}`,
        creatingUser: this.userGuid,
        creationDateTime: article.addedAt,
        modifiedDateTime: article.updatedAt,
      },
      [description ? element('Description', {}, [description]) : null, ...selections],
    )
  }

  private segmentDescription(segment: Segment): string | null {
    const { claims } = this.project.registry.data
    const lines = segment.claimLinks.flatMap((link) => {
      const claim = claims.find((c) => c.id === link.claimId)
      return claim ? [`${link.stance}: ${claim.statement}`] : []
    })
    return lines.length > 0 ? lines.join('\n') : null
  }

  async videoSource(item: EvidenceItem): Promise<XmlElement> {
    const guid = refiGuid(item.id)
    const file = mediaPath(this.project, item)
    let path = absoluteUrl(file)
    if (this.options.includeMedia) {
      const size = await stat(file).then(
        (s) => (s.isFile() ? s.size : null),
        () => null,
      )
      if (size === null) {
        this.skipped.push({
          item: `video “${item.title}”`,
          reason: `its file ${file} is missing, so it is referred to by its path instead`,
        })
      } else if (size > MAX_INTERNAL_FILE_BYTES) {
        this.skipped.push({
          item: `video “${item.title}”`,
          reason:
            'it is larger than the 2 GB REFI-QDA allows inside a .qdpx, so it is referred to by its path instead',
        })
      } else {
        const name = `${guid}.${mediaExtension(item)}`
        this.sourceFiles.push({ name, path: file })
        path = `internal://${name}`
        this.counts.mediaIncluded++
      }
    }
    const selections = item.segments.map((segment) => {
      const selectionGuid = refiGuid(segment.id)
      const description = this.segmentDescription(segment)
      const begin = Math.round(segment.start * 1000)
      const end = Math.round(segment.end * 1000)
      return element(
        'VideoSelection',
        {
          guid: selectionGuid,
          name: segment.label.trim() || `${segment.start}–${segment.end} s`,
          begin,
          end,
          creatingUser: this.userGuid,
          creationDateTime: segment.createdAt,
          modifiedDateTime: segment.updatedAt,
        },
        [
          description ? element('Description', {}, [description]) : null,
          this.coding(selectionGuid, KIND_CODES.evidence.guid, segment.createdAt),
          segment.note.trim()
            ? this.note(
                segment.id,
                `Note on “${segment.label || 'segment'}”`,
                segment.note,
                segment.updatedAt,
              )
            : null,
        ],
      )
    })
    this.counts.videoSources++
    this.counts.videoSelections += selections.length
    const provenance = [
      `SHA-256: ${item.file.sha256}`,
      item.provenance.originalUrl && `Original URL: ${item.provenance.originalUrl}`,
      item.provenance.platform && `Platform: ${item.provenance.platform}`,
    ]
    return element(
      'VideoSource',
      {
        guid,
        name: item.title,
        path,
        creatingUser: this.userGuid,
        creationDateTime: item.createdAt,
        modifiedDateTime: item.updatedAt,
      },
      [element('Description', {}, [provenance.filter(Boolean).join('\n')]), ...selections],
    )
  }
}

interface BuiltQde {
  xml: string
  files: SourceFile[]
  summary: Omit<QdpxExportSummary, 'file'>
}

/** project.qde of the open project and the files it refers to under sources/. */
export async function buildProjectQde(
  project: ProjectView,
  options: QdpxExportOptions = {},
): Promise<BuiltQde> {
  const builder = new QdeBuilder(project, options)
  const data = project.doc.data
  const sources: XmlElement[] = []
  for (const article of data.articles) {
    sources.push(builder.textSource(article, await project.readArticle(article.id)))
  }
  for (const item of project.registry.data.evidence) {
    if (item.kind === 'video') sources.push(await builder.videoSource(item))
    else {
      builder.skipped.push({
        item: `${item.kind} “${item.title}”`,
        reason: 'only articles and videos are exported to REFI-QDA',
      })
    }
  }
  const codes = codeElements(data.tags)
  // Element order is fixed by Project.xsd: Users, CodeBook, …, Sources, Notes, …, Description.
  const root = element(
    'Project',
    {
      xmlns: PROJECT_NAMESPACE,
      name: data.name,
      origin: ORIGIN,
      creatingUserGUID: builder.userGuid,
      creationDateTime: data.createdAt,
      modifyingUserGUID: builder.userGuid,
      modifiedDateTime: data.updatedAt,
    },
    [
      builder.users(),
      element('CodeBook', {}, [element('Codes', {}, codes)]),
      sources.length > 0 ? element('Sources', {}, sources) : null,
      builder.notes.length > 0 ? element('Notes', {}, builder.notes) : null,
    ],
  )
  return {
    xml: serializeXml(root),
    files: builder.sourceFiles,
    summary: {
      textSources: data.articles.length,
      ...builder.counts,
      codes: data.tags.length + KIND_CODE_COUNT,
      notes: builder.notes.length,
      skipped: builder.skipped,
    },
  }
}

/** Writes the ZIP to a temp file beside `destFile`, syncs it and renames it into place. */
async function writeZip(destFile: string, qde: string, files: readonly SourceFile[]) {
  const zip = new ZipFile()
  zip.addBuffer(Buffer.from(qde, 'utf8'), 'project.qde')
  zip.addEmptyDirectory('sources/')
  for (const file of files) {
    if ('text' in file) zip.addBuffer(Buffer.from(file.text, 'utf8'), `sources/${file.name}`)
    // Video is compressed already; deflating it again costs time and saves nothing.
    else zip.addFile(file.path, `sources/${file.name}`, { compress: false })
  }
  zip.end()
  await writeStreamDurably(destFile, zip.outputStream as Readable)
}

/** Exports the project as a REFI-QDA .qdpx (articles, codes, codings, comments, video segments). */
export async function exportQdpx(
  project: ProjectView,
  destFile: string,
  options: QdpxExportOptions = {},
): Promise<QdpxExportSummary> {
  const { xml, files, summary } = await buildProjectQde(project, options)
  await writeZip(destFile, xml, files)
  return { file: destFile, ...summary }
}

/** The codebook alone as a REFI-QDA .qdc (Codebook.xsd): the tags and the kind codes. */
export function codebookQdc(project: ProjectView): string {
  const root = element('CodeBook', { xmlns: CODEBOOK_NAMESPACE, origin: ORIGIN }, [
    element('Codes', {}, codeElements(project.doc.data.tags)),
  ])
  return serializeXml(root)
}

/** Writes the codebook as a REFI-QDA .qdc file. */
export async function exportQdc(project: ProjectView, destFile: string): Promise<QdcExportSummary> {
  await writeFileDurably(destFile, codebookQdc(project))
  return { file: destFile, codes: project.doc.data.tags.length + KIND_CODE_COUNT }
}
