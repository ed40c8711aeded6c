import { join } from 'node:path'
import type { IntegrityProblem } from '../../shared/api'
import type { SharedFileInfo } from '../../shared/exchange-types'
import type { ArticleDocument } from '../../shared/model/article'
import type { RegistryDocument } from '../../shared/model/registry'
import { AppFailure } from '../../shared/result'
import { describeZodError } from '../../shared/validation'
import { articleSpec, projectSpec, registrySpec } from '../projects/project-files'
import { type DocumentSpec, parseDocument } from '../store/json-document'
import { sha256Hex } from './entities'
import {
  DEFAULT_SHARE_LIMITS,
  PackageZip,
  rejected,
  type ShareLimits,
  type ShareTaskOptions,
} from './package-zip'
import { parseCustody, type ProjectSnapshot, referenceProblems } from './project-snapshot'
import {
  CUSTODY_FILE,
  entryRole,
  MANIFEST_ENTRY,
  type ManifestEntry,
  SHARE_FORMAT,
  SHARE_FORMAT_VERSION,
  ShareManifest,
  unsafeMediaPathReason,
  unsafePathReason,
} from './share-format'

/** A package that passed every check, its documents in memory. */
export interface ValidatedPackage {
  file: string
  manifest: ShareManifest
  /** SHA-256 of manifest.json, which hashes every entry: names this exact package. */
  fingerprint: string
  snapshot: ProjectSnapshot
  /** The media entries (copied evidence files and captured frames), checked against the manifest. */
  media: ManifestEntry[]
  /** Broken references inside the package's project (shown to the user, not refused). */
  problems: IntegrityProblem[]
}

/** What the app shows of a checked package; `openProjectId` is the open project's, if any. */
export function sharedFileInfo(
  pkg: ValidatedPackage,
  openProjectId: string | null,
): SharedFileInfo {
  const { manifest } = pkg
  return {
    path: pkg.file,
    projectId: manifest.projectId,
    projectName: manifest.projectName,
    createdAt: manifest.createdAt,
    createdBy: manifest.createdBy,
    appVersion: manifest.appVersion,
    includesMedia: manifest.includesMedia,
    // The manifest counts too, as `claimdesk pack` reports it.
    entryCount: manifest.entries.length + 1,
    expandedSize: manifest.entries.reduce((sum, entry) => sum + entry.size, 0),
    sameProjectAsOpen: openProjectId === manifest.projectId,
    problems: pkg.problems,
  }
}

const MAX_MANIFEST_BYTES = 16 * 1024 * 1024
const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Where media entries go while a package is being read (a temporary folder). */
export interface MediaStaging {
  dir: string
  /** Only these media paths are written (and read); all are when omitted. */
  paths?: ReadonlySet<string>
}

/**
 * Reads and checks a `.claimdesk` file, which is untrusted: the zip's entries (names, kinds,
 * duplicates, sizes, compression ratios), the manifest, every entry's size and SHA-256, every
 * document's schema (with migrations) and the links between documents and media. Refuses with
 * `import-rejected` naming the entry and the problem. Writes nothing.
 */
export async function readSharePackage(
  file: string,
  limits: Partial<ShareLimits> = {},
  task: ShareTaskOptions = {},
): Promise<ValidatedPackage> {
  return readPackage(file, null, limits, task)
}

/** As readSharePackage, also streaming media entries into `staging` as they are hashed. */
export async function readPackage(
  file: string,
  staging: MediaStaging | null,
  limits: Partial<ShareLimits> = {},
  task: ShareTaskOptions = {},
): Promise<ValidatedPackage> {
  const bounds: ShareLimits = { ...DEFAULT_SHARE_LIMITS, ...limits }
  const zip = await PackageZip.open(file, bounds, (name) => checkEntryName(file, name))
  try {
    const manifestBytes = await requireManifestBytes(zip)
    const manifest = parseManifest(file, manifestBytes)
    const listed = checkListing(zip, manifest)

    const readDocument = async (path: string): Promise<string> => {
      const expected = listed.get(path)
      if (!expected) throw rejected(file, `its manifest does not list ${path}`, { entry: path })
      const bytes = await zip.readBytes(path, bounds.maxDocumentBytes)
      requireHash(file, expected, bytes.length, sha256Hex(bytes))
      try {
        return utf8.decode(bytes)
      } catch {
        throw rejected(file, `the entry "${path}" is not UTF-8 text`, { entry: path })
      }
    }
    const parse = <T>(path: string, text: string, spec: DocumentSpec<T>): T => {
      try {
        return parseDocument(text, { ...spec, label: `its ${path}` })
      } catch (error) {
        if (error instanceof AppFailure) {
          throw rejected(file, error.message.replace(/\.$/, ''), { entry: path })
        }
        throw error
      }
    }

    const project = parse('project.json', await readDocument('project.json'), projectSpec(file))
    const registry = parse('registry.json', await readDocument('registry.json'), registrySpec(file))
    const articles: ArticleDocument[] = []
    for (const summary of project.articles) {
      const path = `articles/${summary.id}.json`
      if (!listed.has(path)) {
        throw rejected(file, `its project lists article ${summary.id}, but ${path} is missing`, {
          entry: path,
        })
      }
      const article = parse(path, await readDocument(path), articleSpec(file, summary.id))
      if (article.id !== summary.id) {
        throw rejected(file, `the entry "${path}" holds article ${article.id}`, { entry: path })
      }
      articles.push(article)
    }
    const custody = listed.has(CUSTODY_FILE)
      ? parseCustodyEntry(file, await readDocument(CUSTODY_FILE))
      : []
    const snapshot: ProjectSnapshot = { project, registry, articles, custody }
    checkDocuments(file, manifest, snapshot, listed)
    const media = checkMediaLinks(file, manifest, registry, listed)

    const wanted = media.filter((m) => !staging?.paths || staging.paths.has(m.path))
    const total = wanted.reduce((sum, m) => sum + m.size, 0)
    let done = 0
    for (const entry of wanted) {
      const dest = staging ? join(staging.dir, ...entry.path.split('/')) : null
      const found = await zip.hashEntry(
        entry.path,
        dest,
        (n) => {
          done += n
          task.onProgress?.({ done, total })
        },
        task.signal,
      )
      requireHash(file, entry, found.size, found.sha256)
    }
    return {
      file,
      manifest,
      fingerprint: sha256Hex(manifestBytes),
      snapshot,
      media,
      problems: await referenceProblems(snapshot),
    }
  } finally {
    zip.close()
  }
}

function checkEntryName(file: string, name: string): void {
  if (name === MANIFEST_ENTRY) return
  const unsafe = unsafePathReason(name)
  if (unsafe) throw rejected(file, `the entry "${name}" is unsafe: ${unsafe}`, { entry: name })
  if (!entryRole(name)) {
    throw rejected(file, `the entry "${name}" is not part of a Claimdesk project's layout`, {
      entry: name,
    })
  }
}

async function requireManifestBytes(zip: PackageZip): Promise<Buffer> {
  if (!zip.entries.has(MANIFEST_ENTRY)) {
    throw rejected(zip.file, `it has no ${MANIFEST_ENTRY}, so it is not a Claimdesk package`)
  }
  return zip.readBytes(MANIFEST_ENTRY, MAX_MANIFEST_BYTES)
}

function parseManifest(file: string, bytes: Buffer): ShareManifest {
  let raw: unknown
  try {
    raw = JSON.parse(utf8.decode(bytes))
  } catch {
    throw rejected(file, `its ${MANIFEST_ENTRY} is not valid JSON`, { entry: MANIFEST_ENTRY })
  }
  const head = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>
  if (head.format !== SHARE_FORMAT) {
    throw rejected(file, `its ${MANIFEST_ENTRY} does not describe a Claimdesk project package`, {
      entry: MANIFEST_ENTRY,
    })
  }
  const version = head.formatVersion
  if (typeof version === 'number' && Number.isInteger(version) && version > SHARE_FORMAT_VERSION) {
    throw rejected(
      file,
      `it was made by a newer Claimdesk (package format version ${version}; this version reads up to ${SHARE_FORMAT_VERSION}). Update Claimdesk to open it`,
      { entry: MANIFEST_ENTRY, formatVersion: version },
    )
  }
  if (version !== SHARE_FORMAT_VERSION) {
    throw rejected(file, `its package format version ${String(version)} is unknown`, {
      entry: MANIFEST_ENTRY,
    })
  }
  const parsed = ShareManifest.safeParse(raw)
  if (!parsed.success) {
    throw rejected(file, `its ${MANIFEST_ENTRY} is invalid (${describeZodError(parsed.error)})`, {
      entry: MANIFEST_ENTRY,
    })
  }
  return parsed.data
}

/** The manifest and the zip must list the same entries, with the same sizes. */
function checkListing(zip: PackageZip, manifest: ShareManifest): Map<string, ManifestEntry> {
  const file = zip.file
  const listed = new Map<string, ManifestEntry>()
  for (const entry of manifest.entries) {
    if (entry.path === MANIFEST_ENTRY) {
      throw rejected(file, `its manifest lists itself`, { entry: entry.path })
    }
    checkEntryName(file, entry.path)
    if (listed.has(entry.path)) {
      throw rejected(file, `its manifest lists "${entry.path}" twice`, { entry: entry.path })
    }
    listed.set(entry.path, entry)
    const actual = zip.entries.get(entry.path)
    if (!actual) {
      throw rejected(file, `the entry "${entry.path}" is listed in the manifest but missing`, {
        entry: entry.path,
      })
    }
    if (actual.size !== entry.size) {
      throw rejected(
        file,
        `the entry "${entry.path}" is ${actual.size} bytes but the manifest says ${entry.size}`,
        { entry: entry.path },
      )
    }
  }
  for (const path of zip.entries.keys()) {
    if (path !== MANIFEST_ENTRY && !listed.has(path)) {
      throw rejected(file, `the entry "${path}" is not listed in the manifest`, { entry: path })
    }
  }
  for (const required of ['project.json', 'registry.json']) {
    if (!listed.has(required)) {
      throw rejected(file, `it has no ${required}`, { entry: required })
    }
  }
  return listed
}

function requireHash(file: string, expected: ManifestEntry, size: number, sha256: string): void {
  if (size !== expected.size || sha256 !== expected.sha256) {
    throw rejected(
      file,
      `the entry "${expected.path}" does not match its size and SHA-256 in the manifest (it was changed or damaged)`,
      { entry: expected.path },
    )
  }
}

function parseCustodyEntry(file: string, text: string) {
  try {
    return parseCustody(text, `its ${CUSTODY_FILE}`)
  } catch (error) {
    if (error instanceof AppFailure) {
      throw rejected(file, error.message.replace(/\.$/, ''), { entry: CUSTODY_FILE })
    }
    throw error
  }
}

function requireUniqueIds(
  file: string,
  where: string,
  what: string,
  items: ReadonlyArray<{ id: string }>,
): void {
  const seen = new Set<string>()
  for (const { id } of items) {
    if (seen.has(id)) throw rejected(file, `its ${where} has two ${what} with id ${id}`)
    seen.add(id)
  }
}

/** Ids are unique, the article index matches the article entries, the project is the one named. */
function checkDocuments(
  file: string,
  manifest: ShareManifest,
  snapshot: ProjectSnapshot,
  listed: Map<string, ManifestEntry>,
): void {
  const { project, registry, articles } = snapshot
  if (project.id !== manifest.projectId) {
    throw rejected(
      file,
      `its manifest names project ${manifest.projectId} but project.json is project ${project.id}`,
      { entry: 'project.json' },
    )
  }
  requireUniqueIds(file, 'project.json', 'articles', project.articles)
  requireUniqueIds(file, 'project.json', 'tags', project.tags)
  for (const article of articles) {
    requireUniqueIds(file, `articles/${article.id}.json`, 'annotations', article.annotations)
  }
  const lists: Array<[string, ReadonlyArray<{ id: string }>]> = [
    ['sources', registry.sources],
    ['claims', registry.claims],
    ['relations', registry.relations],
    ['statuses', registry.statuses],
    ['evidence items', registry.evidence],
  ]
  for (const [what, items] of lists) requireUniqueIds(file, 'registry.json', what, items)
  const indexed = new Set(project.articles.map((a) => a.id))
  for (const path of listed.keys()) {
    const role = entryRole(path)
    if (role?.kind === 'article' && !indexed.has(role.articleId)) {
      throw rejected(file, `the entry "${path}" is not in the project's article index`, {
        entry: path,
      })
    }
  }
}

/**
 * Every copied evidence file and frame must have a safe `media/…` path; every media entry must be
 * a file the registry refers to, with the hash recorded there; with media, none may be missing.
 */
function checkMediaLinks(
  file: string,
  manifest: ShareManifest,
  registry: RegistryDocument,
  listed: Map<string, ManifestEntry>,
): ManifestEntry[] {
  const referenced = new Map<string, { sha256: string; owner: string }>()
  const refer = (path: string, sha256: string, owner: string) => {
    const unsafe = unsafeMediaPathReason(path)
    if (unsafe)
      throw rejected(file, `${owner} refers to the file "${path}", which is unsafe: ${unsafe}`)
    const other = referenced.get(path)
    if (other && other.sha256 !== sha256) {
      throw rejected(file, `${owner} and ${other.owner} refer to "${path}" with different SHA-256`)
    }
    referenced.set(path, { sha256, owner })
  }
  for (const item of registry.evidence) {
    if (item.file.storage === 'copy')
      refer(item.file.path, item.file.sha256, `evidence “${item.title}”`)
    for (const frame of item.frames) {
      refer(frame.path, frame.sha256, `a frame of evidence “${item.title}”`)
    }
  }
  const media: ManifestEntry[] = []
  for (const entry of listed.values()) {
    if (entryRole(entry.path)?.kind !== 'media') continue
    if (!manifest.includesMedia) {
      throw rejected(file, `it holds "${entry.path}" although its manifest says it has no media`, {
        entry: entry.path,
      })
    }
    const ref = referenced.get(entry.path)
    if (!ref) {
      throw rejected(file, `no evidence item refers to the entry "${entry.path}"`, {
        entry: entry.path,
      })
    }
    if (ref.sha256 !== entry.sha256) {
      throw rejected(
        file,
        `the entry "${entry.path}" is not the file ${ref.owner} refers to (its SHA-256 differs)`,
        { entry: entry.path },
      )
    }
    media.push(entry)
  }
  if (manifest.includesMedia) {
    for (const [path, ref] of referenced) {
      if (!listed.has(path)) {
        throw rejected(file, `${ref.owner} refers to "${path}", which the package does not hold`, {
          entry: path,
        })
      }
    }
  }
  return media
}
