import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { Readable, Transform } from 'node:stream'
import { ZipFile } from 'yazl'
import { version as APP_VERSION } from '../../package.json'
import type { ArticleDocument } from '../../shared/model/article'
import type { RegistryDocument } from '../../shared/model/registry'
import { AppFailure } from '../../shared/result'
import { readCustody } from '../evidence/custody-log'
import { OpenProject } from '../projects/open-project'
import { ioReason, writeStreamDurably } from '../store/durable-write'
import { articleFilePath, projectFilePath, registryFilePath } from '../store/project-layout'
import { entitiesOf, entityHash, sha256Hex } from './entities'
import { recordMergeBase } from './merge-base'
import type { ShareTaskOptions } from './package-zip'
import { custodyText, documentText, type ProjectSnapshot } from './project-snapshot'
import {
  CUSTODY_FILE,
  type LinkedFile,
  MANIFEST_ENTRY,
  type ManifestEntry,
  SHARE_FORMAT,
  SHARE_FORMAT_VERSION,
  type ShareManifest,
  unsafeMediaPathReason,
} from './share-format'

export interface PackOptions extends ShareTaskOptions {
  /** Copy the project's copied evidence files and captured frames into the package. */
  includeMedia: boolean
  /**
   * The documents to pack, taken by the caller (the app takes them in its edit queue, so the
   * package holds one state even if edits go on while media streams). Default: the project's
   * documents, articles read one at a time as they are packed.
   */
  documents?: ProjectSnapshot
}

export interface PackResult {
  /** The package written. */
  file: string
  /** Its size in bytes. */
  size: number
  /** How many entries it holds, manifest included. */
  entries: number
}

interface MediaFile {
  path: string
  sha256: string
  owner: string
}

/** Copied evidence files and frames of the registry, one per path. */
function mediaFilesOf(registry: RegistryDocument): MediaFile[] {
  const byPath = new Map<string, MediaFile>()
  const add = (file: MediaFile) => {
    const unsafe = unsafeMediaPathReason(file.path)
    if (unsafe) {
      throw new AppFailure(
        'invalid-input',
        `${file.owner} refers to "${file.path}", which cannot be shared: ${unsafe}.`,
      )
    }
    const other = byPath.get(file.path)
    if (other && other.sha256 !== file.sha256) {
      throw new AppFailure(
        'invalid-input',
        `${file.owner} and ${other.owner} both refer to "${file.path}" with different SHA-256; verify them before sharing.`,
      )
    }
    byPath.set(file.path, file)
  }
  for (const item of registry.evidence) {
    if (item.file.storage === 'copy') {
      add({ path: item.file.path, sha256: item.file.sha256, owner: `Evidence “${item.title}”` })
    }
    for (const frame of item.frames) {
      add({ path: frame.path, sha256: frame.sha256, owner: `A frame of evidence “${item.title}”` })
    }
  }
  return [...byPath.values()]
}

async function sizeOrZero(file: string): Promise<number> {
  try {
    return (await stat(file)).size
  } catch {
    return 0
  }
}

/**
 * How large a package of the project will be, at most (documents are counted uncompressed;
 * media is stored as it is), so the user sees the size before choosing.
 */
export async function estimateShareSize(
  project: OpenProject,
  includeMedia: boolean,
): Promise<number> {
  const folder = project.folder
  const files = [
    projectFilePath(folder),
    registryFilePath(folder),
    join(folder, CUSTODY_FILE),
    ...project.doc.data.articles.map((a) => articleFilePath(folder, a.id)),
  ]
  const media = includeMedia ? mediaFilesOf(project.registry.data) : []
  const paths = [...files, ...media.map((m) => join(folder, ...m.path.split('/')))]
  const sizes = await Promise.all(paths.map(sizeOrZero))
  // Per entry: local header, central directory record and data descriptor, name twice, and its
  // line in the manifest.
  const overhead = paths.length * 300 + 1024
  return sizes.reduce((sum, s) => sum + s, 0) + overhead
}

/**
 * Writes the project as one `.claimdesk` file: documents, the custody log and (with
 * `includeMedia`) copied evidence files and frames, each hashed while it streams into the zip,
 * and last the manifest listing them all. Written to a temp file beside `destFile`, fsynced and
 * renamed, so `destFile` is whole or untouched. A folder is opened (and locked) for the time it
 * takes. Records the packed state as the merge base for this project id.
 */
export async function packProject(
  project: OpenProject | string,
  destFile: string,
  options: PackOptions,
): Promise<PackResult> {
  if (typeof project !== 'string') return packOpenProject(project, destFile, options)
  const opened = await OpenProject.open(project)
  try {
    return await packOpenProject(opened, destFile, options)
  } finally {
    await opened.close()
  }
}

async function packOpenProject(
  project: OpenProject,
  destFile: string,
  options: PackOptions,
): Promise<PackResult> {
  const { signal, onProgress, documents } = options
  const projectDoc = documents?.project ?? structuredClone(project.doc.data)
  const registry = documents?.registry ?? structuredClone(project.registry.data)
  const media = options.includeMedia ? mediaFilesOf(registry) : []
  // Lines a crash cut short are left out, as the app reads the log.
  const custody = documents?.custody ?? (await readCustody(project.folder))
  const given = new Map(documents?.articles.map((a) => [a.id, a]))
  const readArticle = async (id: string) => given.get(id) ?? (await project.readArticle(id))
  const mediaSizes = await Promise.all(
    media.map(async (m) => {
      const file = join(project.folder, ...m.path.split('/'))
      try {
        return (await stat(file)).size
      } catch (error) {
        throw new AppFailure(
          'not-found',
          `${m.owner} refers to ${m.path}, which is missing (${ioReason(error)}). Relink or remove it, or share without media.`,
          { file },
        )
      }
    }),
  )
  const total = mediaSizes.reduce((sum, s) => sum + s, 0)
  let done = 0

  const entries: ManifestEntry[] = []
  const articles: ArticleDocument[] = []
  // Open media reads, closed if the pack fails half-way.
  const reading = new Set<Readable>()
  const zip = new ZipFile()
  let fail: (error: unknown) => void = () => {}
  const failed = new Promise<never>((_, reject) => {
    fail = reject
  })
  failed.catch(() => undefined)
  zip.on('error', (error: unknown) => fail(error))
  const onAbort = () => fail(new AppFailure('cancelled', 'Sharing the project was cancelled.'))
  if (signal?.aborted) onAbort()
  signal?.addEventListener('abort', onAbort)

  const addDocument = (path: string, produce: () => Promise<Buffer>) => {
    zip.addReadStreamLazy(path, { compress: true }, (callback) => {
      produce().then(
        (bytes) => {
          entries.push({ path, size: bytes.length, sha256: sha256Hex(bytes) })
          callback(null, Readable.from([bytes]))
        },
        (error: unknown) => {
          fail(error)
          callback(error, Readable.from([]))
        },
      )
    })
  }
  const text = (data: unknown) => Buffer.from(documentText(data), 'utf8')
  addDocument('project.json', async () => text(projectDoc))
  addDocument('registry.json', async () => text(registry))
  for (const summary of projectDoc.articles) {
    // One article in memory at a time.
    addDocument(`articles/${summary.id}.json`, async () => {
      const article = await readArticle(summary.id)
      articles.push(article)
      return text(article)
    })
  }
  if (custody.length > 0) {
    addDocument(CUSTODY_FILE, async () => Buffer.from(custodyText(custody), 'utf8'))
  }
  media.forEach((m, i) => {
    const file = join(project.folder, ...m.path.split('/'))
    const size = mediaSizes[i] ?? 0
    // Already-compressed footage and images gain nothing from deflate: stored as they are.
    zip.addReadStreamLazy(m.path, { compress: false, size }, (callback) => {
      const hash = createHash('sha256')
      const hasher = new Transform({
        transform(chunk: Buffer, _encoding, next) {
          hash.update(chunk)
          done += chunk.length
          onProgress?.({ done, total })
          next(null, chunk)
        },
        flush(next) {
          const sha256 = hash.digest('hex')
          if (sha256 !== m.sha256) {
            next(
              new AppFailure(
                'invalid-input',
                `${m.owner}: ${m.path} no longer matches the SHA-256 recorded when it was added. Verify it, or share without media.`,
                { file },
              ),
            )
            return
          }
          entries.push({ path: m.path, size, sha256 })
          next()
        },
      })
      const source = createReadStream(file)
      reading.add(source)
      pipeline(source, hasher).then(
        () => reading.delete(source),
        (error: unknown) => fail(error),
      )
      callback(null, hasher)
    })
  })
  const linkedFiles: LinkedFile[] = registry.evidence
    .filter((item) => item.file.storage === 'link')
    .map((item) => ({ itemId: item.id, path: item.file.path, sha256: item.file.sha256 }))
  zip.addReadStreamLazy(MANIFEST_ENTRY, { compress: true }, (callback) => {
    // Runs after every other entry has streamed, so their hashes are all known.
    const manifest: ShareManifest = {
      format: SHARE_FORMAT,
      formatVersion: SHARE_FORMAT_VERSION,
      projectId: projectDoc.id,
      projectName: projectDoc.name,
      appVersion: APP_VERSION,
      createdAt: new Date().toISOString(),
      createdBy: project.userName,
      includesMedia: options.includeMedia,
      entries,
      linkedFiles,
    }
    callback(null, Readable.from([Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`)]))
  })
  zip.end()

  try {
    await writeStreamDurably(destFile, zip.outputStream as Readable, failed)
  } catch (error) {
    for (const source of reading) source.destroy()
    throw error
  } finally {
    signal?.removeEventListener('abort', onAbort)
  }

  const packed: ProjectSnapshot = { project: projectDoc, registry, articles, custody }
  const hashes: Record<string, string> = {}
  for (const [key, record] of entitiesOf(packed)) hashes[key] = entityHash(record.value)
  await recordMergeBase(project.folder, projectDoc.id, hashes)
  return { file: destFile, size: (await stat(destFile)).size, entries: entries.length + 1 }
}
