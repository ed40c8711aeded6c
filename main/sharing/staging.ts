import { copyFile, mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { syncDirectory } from '../store/durable-write'

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  )
}

/**
 * A temporary folder for media being imported, on the same disk as `target` when possible (its
 * nearest existing folder), so moving files into place is a rename, not a second copy.
 */
export async function stagingFolderNear(target: string): Promise<string> {
  let dir = dirname(target)
  while (!(await exists(dir)) && dirname(dir) !== dir) dir = dirname(dir)
  try {
    return await mkdtemp(join(dir, '.claimdesk-import-'))
  } catch {
    return mkdtemp(join(tmpdir(), 'claimdesk-import-'))
  }
}

/** Moves a file into place, replacing what is there; copies when the two are on different disks. */
export async function moveFileInto(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true })
  try {
    await rename(from, to)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error
    await copyFile(from, to)
    await rm(from, { force: true })
  }
  await syncDirectory(dirname(to))
}

export const removeFolder = (dir: string) => rm(dir, { recursive: true, force: true })
