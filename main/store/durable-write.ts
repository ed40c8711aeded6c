import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { AppFailure } from '../../shared/result'

/** Temp files we write carry this ending, so a folder scan can clear ones a crash left behind. */
export const TEMP_SUFFIX = '.claimdesk-tmp'

/**
 * Replaces `file` so that a crash at any moment leaves either the old or the new content:
 * a uniquely named temp file is written and fsynced, renamed over the target, and the
 * directory is fsynced so the rename itself survives a power cut.
 */
export async function writeFileDurably(file: string, content: string | Uint8Array): Promise<void> {
  try {
    await replaceFile(file, content)
  } catch (error) {
    throw saveFailure(file, error)
  }
}

const REASONS: Record<string, string> = {
  ENOENT: 'its folder is missing (was a drive disconnected or the folder moved?)',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission was denied',
  EPERM: 'permission was denied',
  EROFS: 'the disk is read-only',
  EIO: 'the disk reported an input/output error',
}

/** What a file-system error means, in words for the user. */
export function ioReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? ''
  return REASONS[code] ?? (error instanceof Error ? error.message : String(error))
}

/** A save error that names the file the user knows, not our temp file, and what went wrong. */
function saveFailure(file: string, error: unknown): AppFailure {
  const code = (error as NodeJS.ErrnoException).code ?? ''
  const reason = ioReason(error)
  return new AppFailure(
    'io-error',
    `Could not save ${file}: ${reason}. Your change is kept; try again.`,
    {
      file,
      errno: code,
    },
  )
}

/**
 * Writes what `source` streams (a ZIP being built) to `file` as durably as `writeFileDurably`:
 * temp file, fsync, rename, directory fsync. Rejecting `failed` stops early (a cancel, a part
 * that cannot be read): the source is closed and no file or temp file is left. AppFailures pass
 * through; any other error becomes an `io-error` that names `file`.
 */
export async function writeStreamDurably(
  file: string,
  source: Readable,
  failed?: Promise<never>,
): Promise<void> {
  const temp = tempPathBeside(file)
  const out = createWriteStream(temp, { flags: 'wx' })
  const writing = pipeline(source, out)
  try {
    await (failed ? Promise.race([writing, failed]) : writing)
    const handle = await open(temp, 'r+')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, file)
    await syncDirectory(dirname(file))
  } catch (error) {
    source.destroy()
    out.destroy()
    await writing.catch(() => undefined)
    await rm(temp, { force: true })
    if (error instanceof AppFailure) throw error
    throw new AppFailure('io-error', `Could not write ${file}: ${ioReason(error)}.`, { file })
  }
}

/** A unique, hidden temp file name beside `file` (same folder, so a rename replaces it). */
export function tempPathBeside(file: string): string {
  return join(
    dirname(file),
    `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`,
  )
}

async function replaceFile(file: string, content: string | Uint8Array): Promise<void> {
  const dir = dirname(file)
  const temp = tempPathBeside(file)
  const handle = await open(temp, 'wx')
  try {
    await handle.writeFile(content)
    await handle.sync()
  } catch (error) {
    await handle.close()
    await rm(temp, { force: true })
    throw error
  }
  await handle.close()
  try {
    await rename(temp, file)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
  await syncDirectory(dir)
}

/** fsync on a directory makes a rename durable; some platforms (Windows) cannot, and need not. */
export async function syncDirectory(dir: string): Promise<void> {
  let handle
  try {
    handle = await open(dir, 'r')
    await handle.sync()
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EACCES') throw error
  } finally {
    await handle?.close()
  }
}

/** Runs tasks for the same key one after another (writes to one file never interleave). */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>()

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve()
    const next = previous.then(task, task)
    const tail = next.catch(() => undefined)
    this.tails.set(key, tail)
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key)
    })
    return next
  }

  /** Resolves once every queued task has settled. */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()])
  }
}
