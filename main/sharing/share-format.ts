import { z } from 'zod'
import { Id, Sha256, Timestamp } from '../../shared/model/common'
import { CUSTODY_FILE } from '../store/project-layout'

export { CUSTODY_FILE }

/**
 * The `.claimdesk` file: a zip holding one project's documents (and, if chosen, its copied
 * media) plus `manifest.json`, which lists every other entry with its size and SHA-256.
 */
export const SHARE_FORMAT = 'claimdesk-project'
/** Bump when a package changes so that older readers could misread it. */
export const SHARE_FORMAT_VERSION = 1
export const SHARE_EXTENSION = '.claimdesk'

export const MANIFEST_ENTRY = 'manifest.json'
/** Per-project merge bases: `.claimdesk-sync/<projectId>.json`. */
export const SYNC_DIR = '.claimdesk-sync'

export const ManifestEntry = z.object({
  path: z.string().min(1).max(1000),
  size: z.number().int().nonnegative(),
  sha256: Sha256,
})
export type ManifestEntry = z.infer<typeof ManifestEntry>

/** A linked (not copied) evidence file: never packed, named so the recipient knows it exists. */
export const LinkedFile = z.object({ itemId: Id, path: z.string().max(4096), sha256: Sha256 })
export type LinkedFile = z.infer<typeof LinkedFile>

export const ShareManifest = z.object({
  format: z.literal(SHARE_FORMAT),
  formatVersion: z.literal(SHARE_FORMAT_VERSION),
  projectId: Id,
  projectName: z.string().max(200),
  appVersion: z.string().max(50),
  createdAt: Timestamp,
  createdBy: z.string().max(200),
  includesMedia: z.boolean(),
  entries: z.array(ManifestEntry),
  linkedFiles: z.array(LinkedFile),
})
export type ShareManifest = z.infer<typeof ShareManifest>

/** What an entry of a package holds, by its path. */
export type EntryRole =
  | { kind: 'project' }
  | { kind: 'registry' }
  | { kind: 'custody' }
  | { kind: 'article'; articleId: string }
  | { kind: 'media' }

const ARTICLE_ENTRY = /^articles\/([A-Za-z0-9_-]{1,100})\.json$/
// Control characters and the characters Windows refuses in file names.
// eslint-disable-next-line no-control-regex
const BAD_CHARACTERS = /[\u0000-\u001f\u007f:*?"<>|]/
const WINDOWS_DEVICE_NAMES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i

/**
 * Why a relative path (of a zip entry or a copied evidence file) is unsafe to create inside a
 * project folder on any platform, or null if it is safe.
 */
export function unsafePathReason(path: string): string | null {
  if (path.length === 0) return 'it is empty'
  if (path.length > 1000) return 'it is longer than 1000 characters'
  if (path.startsWith('/')) return 'it is an absolute path'
  if (/^[A-Za-z]:/.test(path)) return 'it starts with a drive letter'
  if (path.includes('\\')) return 'it contains a backslash'
  const segments = path.split('/')
  if (segments.includes('..')) return 'it contains ".." and would leave the project folder'
  if (segments.some((s) => s === '' || s === '.')) return 'it has an empty or "." part'
  if (BAD_CHARACTERS.test(path)) return 'it contains characters not allowed in file names'
  if (segments.some((s) => s.endsWith(' ') || s.endsWith('.')))
    return 'a part of it ends with a space or a dot'
  if (segments.some((s) => WINDOWS_DEVICE_NAMES.test(s))) return 'it names a Windows device'
  return null
}

/** Why a copied evidence file's recorded path is not a safe `media/…` path, or null. */
export function unsafeMediaPathReason(path: string): string | null {
  const unsafe = unsafePathReason(path)
  if (unsafe) return unsafe
  return path.startsWith('media/') ? null : 'it is not inside media/'
}

/** The role of an entry path in the package layout, or null if the layout has no such entry. */
export function entryRole(path: string): EntryRole | null {
  if (path === 'project.json') return { kind: 'project' }
  if (path === 'registry.json') return { kind: 'registry' }
  if (path === CUSTODY_FILE) return { kind: 'custody' }
  const article = ARTICLE_ENTRY.exec(path)
  if (article?.[1]) return { kind: 'article', articleId: article[1] }
  if (path.startsWith('media/') && unsafeMediaPathReason(path) === null) return { kind: 'media' }
  return null
}
