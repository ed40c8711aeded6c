import { randomBytes } from 'node:crypto'
import { constants } from 'node:fs'
import { copyFile, link, mkdir, readdir, rm, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { MergeMediaView } from '../../shared/exchange-types'
import { AppFailure } from '../../shared/result'
import { hashFile } from '../evidence/hashing'
import { syncDirectory } from '../store/durable-write'
import type { ProjectSnapshot } from './project-snapshot'
import type { ManifestEntry } from './share-format'
import { removeFolder } from './staging'

/**
 * Copied files and frames `merged` refers to that are not on disk in `folder` as recorded, with
 * what a merge does about each (see MergeMediaView): a missing file the package holds with the
 * recorded SHA-256 is restored; a file with other content is kept, since it may be the only copy
 * of someone's work (the plan and the outcome list it; verify reports it). A file `local` already
 * records with the same path and hash is trusted on its size alone (hashing every video on every
 * merge would take minutes); any other file on disk is hashed.
 */
export async function mediaToReconcile(
  folder: string,
  local: ProjectSnapshot,
  merged: ProjectSnapshot,
  packageMedia: readonly ManifestEntry[],
): Promise<MergeMediaView[]> {
  const vouched = new Set<string>()
  for (const item of local.registry.evidence) {
    if (item.file.storage === 'copy') vouched.add(`${item.file.path}|${item.file.sha256}`)
    for (const f of item.frames) vouched.add(`${f.path}|${f.sha256}`)
  }
  const wanted = new Map<string, { sha256: string; size: number | null }>()
  for (const item of merged.registry.evidence) {
    if (item.file.storage === 'copy') {
      wanted.set(item.file.path, { sha256: item.file.sha256, size: item.file.size })
    }
    for (const f of item.frames) wanted.set(f.path, { sha256: f.sha256, size: null })
  }
  // By path and hash: a package file at the same path with other content is not the one wanted.
  const held = new Set(packageMedia.map((m) => `${m.path}|${m.sha256}`))
  const result: MergeMediaView[] = []
  for (const [path, { sha256, size }] of wanted) {
    const file = join(folder, ...path.split('/'))
    const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null
      throw new AppFailure('io-error', `${file} cannot be read: ${error.message}`, { file })
    })
    if (info === null) {
      const status = held.has(`${path}|${sha256}`) ? 'restore' : 'unavailable'
      result.push({ path, sha256, status })
      continue
    }
    if (info.isFile() && vouched.has(`${path}|${sha256}`) && (size === null || info.size === size))
      continue
    const onDisk = info.isFile() ? await hashFile(file).catch(() => null) : null
    if (onDisk?.sha256 !== sha256) result.push({ path, sha256, status: 'differs' })
  }
  return result
}

/**
 * Moves a staged media file to `to`, which must not exist: a merge never replaces a local file.
 * A hard link refuses an existing target atomically; where links are not possible (another
 * disk, FAT) an exclusive copy does the same.
 */
export async function moveIntoNewFile(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true })
  try {
    try {
      await link(from, to)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') {
        throw error
      }
      await copyFile(from, to, constants.COPYFILE_EXCL)
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    throw new AppFailure(
      'io-error',
      `${to} appeared while the merge was running; it was not replaced. Prepare the merge again.`,
      { file: to },
    )
  }
  await rm(from, { force: true })
  await syncDirectory(dirname(to))
}

/** Merges stage media in a folder with this prefix inside the project (same disk: a rename). */
export const IMPORT_STAGING_PREFIX = '.claimdesk-import-'

// Staging folders of merges running in this process: never stale, however old.
const activeStaging = new Set<string>()

/**
 * Removes staging folders a crashed merge left in `folder`: only folders named with the prefix,
 * last changed before `startedAt`, and not in use by a merge still running.
 */
export async function removeStaleStaging(folder: string, startedAt: number): Promise<string[]> {
  const removed: string[] = []
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => [])
  for (const entry of entries) {
    if (!entry.isDirectory() || !entry.name.startsWith(IMPORT_STAGING_PREFIX)) continue
    const dir = join(folder, entry.name)
    if (activeStaging.has(dir)) continue
    const info = await stat(dir).catch(() => null)
    if (!info || info.mtimeMs >= startedAt) continue
    await removeFolder(dir)
    removed.push(dir)
  }
  return removed
}

/** A new staging folder's path in `folder` (created when first written), stale ones cleared first. */
export async function beginStaging(folder: string): Promise<string> {
  await removeStaleStaging(folder, Date.now())
  const dir = join(folder, `${IMPORT_STAGING_PREFIX}${randomBytes(6).toString('hex')}`)
  activeStaging.add(dir)
  return dir
}

/** Removes a staging folder begun with beginStaging. */
export async function endStaging(dir: string): Promise<void> {
  try {
    await removeFolder(dir)
  } finally {
    activeStaging.delete(dir)
  }
}
