import { mkdir, readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { z } from 'zod'
import { Id, Sha256 } from '../../shared/model/common'
import { KeyedQueue, writeFileDurably } from '../store/durable-write'
import { SYNC_DIR } from './share-format'

/**
 * The last common version of a shared project: the hash of each entity as it was when this
 * folder last packed, unpacked or merged a package of that project id. A merge uses it to tell
 * "changed here" from "changed there" (three-way), instead of guessing from clocks alone.
 */
const MergeBaseFile = z.object({
  format: z.literal('claimdesk-merge-base'),
  projectId: Id,
  entities: z.record(z.string().max(300), Sha256),
})

export const mergeBasePath = (folder: string, projectId: string) =>
  join(folder, SYNC_DIR, `${projectId}.json`)

/** The recorded base for `projectId`, or null if there is none (or it is unreadable). */
export async function readMergeBase(
  folder: string,
  projectId: string,
): Promise<Record<string, string> | null> {
  let text: string
  try {
    text = await readFile(mergeBasePath(folder, projectId), 'utf8')
  } catch {
    return null
  }
  try {
    const parsed = MergeBaseFile.safeParse(JSON.parse(text))
    // A damaged base only costs automatic resolutions: every differing entity becomes a conflict.
    return parsed.success && parsed.data.projectId === projectId ? parsed.data.entities : null
  } catch {
    return null
  }
}

// Pack, unpack and merge each read, extend and rewrite a base: one at a time per file, or two
// running together would both start from the old base and one's additions would be lost.
const baseUpdates = new KeyedQueue()

/**
 * Records entity hashes for `projectId`, on top of what was recorded before. Writes nothing if
 * the base would not change (so repeating a merge leaves the folder byte for byte as it was).
 */
export function recordMergeBase(
  folder: string,
  projectId: string,
  hashes: Record<string, string>,
): Promise<boolean> {
  return baseUpdates.run(resolve(mergeBasePath(folder, projectId)), () =>
    updateMergeBase(folder, projectId, hashes),
  )
}

async function updateMergeBase(
  folder: string,
  projectId: string,
  hashes: Record<string, string>,
): Promise<boolean> {
  const previous = (await readMergeBase(folder, projectId)) ?? {}
  const merged: Record<string, string> = { ...previous, ...hashes }
  const changed =
    Object.keys(merged).length !== Object.keys(previous).length ||
    Object.entries(hashes).some(([key, hash]) => previous[key] !== hash)
  if (!changed) return false
  const entities: Record<string, string> = {}
  for (const key of Object.keys(merged).sort()) entities[key] = merged[key] as string
  const file = mergeBasePath(folder, projectId)
  await mkdir(join(folder, SYNC_DIR), { recursive: true })
  const body = { format: 'claimdesk-merge-base', projectId, entities }
  await writeFileDurably(file, `${JSON.stringify(body, null, 1)}\n`)
  return true
}
