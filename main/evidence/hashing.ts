import { createHash } from 'node:crypto'
import { createReadStream, type Stats } from 'node:fs'
import { type FileHandle, mkdir, open, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import { AppFailure } from '../../shared/result'
import { ioReason, syncDirectory, tempPathBeside } from '../store/durable-write'

export interface HashProgress {
  done: number
  total: number
}

export interface HashOptions {
  signal?: AbortSignal
  onProgress?: (p: HashProgress) => void
  /** Also write the bytes read to this file, durably (temp file, fsync, rename). */
  copyTo?: string
}

export interface HashResult {
  sha256: string
  size: number
}

/**
 * Large reads keep the disk streaming and the per-chunk overhead (hash calls, progress events)
 * low, while memory stays bounded whatever the file's size.
 */
const CHUNK_SIZE = 4 * 1024 * 1024

/**
 * Streams the file once: SHA-256 (and, with copyTo, a durable copy). Cancel → AppFailure('cancelled').
 * Hashing the very bytes that are copied means the hash recorded is the hash of the copy.
 */
export async function hashFile(path: string, options: HashOptions = {}): Promise<HashResult> {
  const { signal, onProgress, copyTo } = options
  const total = (await statRegularFile(path)).size
  if (signal?.aborted) throw cancelled(path)

  let temp: string | null = null
  let out: FileHandle | null = null
  // Each chunk's write runs while the next chunk is read and hashed; at most one is in flight.
  let writing: Promise<void> = Promise.resolve()
  try {
    if (copyTo) {
      await copying(mkdir(dirname(copyTo), { recursive: true }))
      temp = tempPathBeside(copyTo)
      out = await copying(open(temp, 'wx'))
    }
    const hash = createHash('sha256')
    let done = 0
    const input = createReadStream(path, { highWaterMark: CHUNK_SIZE, signal })
    for await (const chunk of input as AsyncIterable<Buffer>) {
      hash.update(chunk)
      if (out) {
        await writing
        writing = copying(writeAll(out, chunk))
        // Awaited with the next chunk or after the last; until then it must not count as unhandled.
        writing.catch(() => undefined)
      }
      done += chunk.length
      onProgress?.({ done, total })
    }
    await writing
    if (signal?.aborted) throw cancelled(path)
    if (out && temp && copyTo) {
      await copying(out.sync())
      await copying(out.close())
      out = null
      await copying(rename(temp, copyTo))
      temp = null
      await copying(syncDirectory(dirname(copyTo)))
    }
    return { sha256: hash.digest('hex'), size: done }
  } catch (error) {
    if (signal?.aborted) throw cancelled(path)
    throw error instanceof CopyError
      ? failure(path, copyTo, error.reason)
      : failure(path, undefined, error)
  } finally {
    await writing.catch(() => undefined)
    await out?.close().catch(() => undefined)
    if (temp) await rm(temp, { force: true })
  }
}

/** An error from writing the copy, to be reported against the copy rather than the source. */
class CopyError extends Error {
  constructor(readonly reason: unknown) {
    super('copy failed')
  }
}

function copying<T>(work: Promise<T>): Promise<T> {
  return work.catch((error: unknown) => {
    throw new CopyError(error)
  })
}

async function statRegularFile(path: string): Promise<Stats> {
  let info: Stats
  try {
    info = await stat(path)
  } catch (error) {
    throw failure(path, undefined, error)
  }
  if (info.isDirectory()) {
    throw new AppFailure('invalid-input', `${path} is a folder, not a file.`, { file: path })
  }
  // A pipe or device could block forever or never end; only ordinary files are evidence.
  if (!info.isFile()) {
    throw new AppFailure('invalid-input', `${path} is not an ordinary file.`, { file: path })
  }
  return info
}

/** A write may take fewer bytes than asked (rare for files, but allowed); loop until all are out. */
async function writeAll(handle: FileHandle, chunk: Buffer): Promise<void> {
  let offset = 0
  while (offset < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset)
    offset += bytesWritten
  }
}

function cancelled(path: string): AppFailure {
  return new AppFailure('cancelled', `Reading ${basename(path)} was cancelled.`, { file: path })
}

/** `copyTo` is given when writing the copy failed, not reading the file. */
function failure(path: string, copyTo: string | undefined, error: unknown): AppFailure {
  if (error instanceof AppFailure) return error
  const err = error as NodeJS.ErrnoException
  const writing = copyTo !== undefined
  if (!writing && err.code === 'ENOENT') {
    return new AppFailure('not-found', `${path} was not found (was it moved or deleted?).`, {
      file: path,
    })
  }
  if (!writing && err.code === 'EISDIR') {
    return new AppFailure('invalid-input', `${path} is a folder, not a file.`, { file: path })
  }
  const message = writing
    ? `Could not copy ${basename(path)} to ${copyTo}: ${ioReason(error)}.`
    : `Could not read ${path}: ${ioReason(error)}.`
  return new AppFailure('io-error', message, {
    file: writing ? copyTo : path,
    errno: err.code ?? '',
  })
}
