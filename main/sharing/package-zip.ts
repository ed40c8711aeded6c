import { createHash } from 'node:crypto'
import { type FileHandle, mkdir, open } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import type { Readable } from 'node:stream'
import { type Entry, openPromise, type ZipFile } from 'yauzl'
import { AppFailure } from '../../shared/result'
import { ioReason } from '../store/durable-write'

/** Bounds on what an untrusted package may make us read, so a zip bomb is refused early. */
export interface ShareLimits {
  /** All entries together, uncompressed. */
  maxTotalBytes: number
  maxEntries: number
  /** Uncompressed ÷ compressed size allowed for one entry above `ratioCheckAboveBytes`. */
  maxCompressionRatio: number
  ratioCheckAboveBytes: number
  /** One JSON document (they are read into memory). */
  maxDocumentBytes: number
}

const MB = 1024 * 1024
export const DEFAULT_SHARE_LIMITS: ShareLimits = {
  maxTotalBytes: 4 * 1024 * MB,
  maxEntries: 100_000,
  maxCompressionRatio: 200,
  ratioCheckAboveBytes: MB,
  maxDocumentBytes: 256 * MB,
}

export interface ShareProgress {
  done: number
  total: number
}

/** Cancelling and progress for long share operations (bytes of media). */
export interface ShareTaskOptions {
  signal?: AbortSignal
  onProgress?: (progress: ShareProgress) => void
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * MB) return `${(bytes / (1024 * MB)).toFixed(1)} GB`
  if (bytes >= MB) return `${(bytes / MB).toFixed(1)} MB`
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`
  return `${bytes} bytes`
}

/** The refusal of a package: names the file and the problem; nothing has been changed. */
export function rejected(
  file: string,
  problem: string,
  details: Record<string, unknown> = {},
): AppFailure {
  return new AppFailure(
    'import-rejected',
    `${basename(file)} cannot be imported: ${problem}. Nothing was changed.`,
    { file, ...details },
  )
}

export function cancelledTask(file: string): AppFailure {
  return new AppFailure('cancelled', `Reading ${basename(file)} was cancelled.`, { file })
}

export interface PackageEntry {
  path: string
  /** Uncompressed size as the zip declares it (yauzl holds the data to it). */
  size: number
  entry: Entry
}

const S_IFMT = 0o170000
const S_IFREG = 0o100000
const S_IFLNK = 0o120000
const UTF8_FLAG = 0x800
const utf8 = new TextDecoder('utf-8', { fatal: true })

function entryName(file: string, entry: Entry, index: number): string {
  const raw = entry.fileNameRaw
  // Without the UTF-8 flag the spec says CP437; our packages always set it, so only ASCII passes.
  if ((entry.generalPurposeBitFlag & UTF8_FLAG) === 0 && raw.some((b) => b >= 0x80)) {
    throw rejected(file, `entry ${index + 1} has a name that is not UTF-8`)
  }
  try {
    return utf8.decode(raw)
  } catch {
    throw rejected(file, `entry ${index + 1} has a name that is not valid UTF-8`)
  }
}

/**
 * A `.claimdesk` zip opened for checking: the entry table is read and checked (kinds of entry,
 * duplicate names, sizes and compression ratios) before any entry's data is read.
 */
export class PackageZip {
  private constructor(
    readonly file: string,
    private readonly zip: ZipFile,
    readonly entries: Map<string, PackageEntry>,
  ) {}

  /**
   * Opens `file`; `checkName` refuses names that are unsafe or not in the layout (it runs on
   * each name before anything else about the entry is believed).
   */
  static async open(
    file: string,
    limits: ShareLimits,
    checkName: (name: string) => void,
  ): Promise<PackageZip> {
    let zip: ZipFile
    try {
      zip = await openPromise(file, {
        autoClose: false,
        decodeStrings: false,
        validateEntrySizes: true,
      })
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT') throw new AppFailure('not-found', `${file} does not exist.`, { file })
      if (code) throw new AppFailure('io-error', `Could not read ${file}: ${ioReason(error)}.`)
      throw rejected(
        file,
        `it is not a Claimdesk package (not a zip file, or a damaged or truncated one: ${(error as Error).message})`,
      )
    }
    try {
      return new PackageZip(file, zip, await readEntryTable(file, zip, limits, checkName))
    } catch (error) {
      zip.close()
      throw error
    }
  }

  close(): void {
    this.zip.close()
  }

  /** An entry's bytes in memory (documents), refused above `maxBytes`. */
  async readBytes(path: string, maxBytes: number): Promise<Buffer> {
    const item = this.require(path)
    if (item.size > maxBytes) {
      throw rejected(this.file, `the entry "${path}" is larger than ${formatBytes(maxBytes)}`, {
        entry: path,
      })
    }
    const chunks: Buffer[] = []
    await this.pump(item, async (chunk) => {
      chunks.push(chunk)
    })
    return Buffer.concat(chunks)
  }

  /**
   * Streams an entry through SHA-256, into `dest` if given (created new and fsynced), and
   * returns its hash and size. Memory stays bounded whatever the entry's size.
   */
  async hashEntry(
    path: string,
    dest: string | null,
    onBytes: (n: number) => void,
    signal?: AbortSignal,
  ): Promise<{ sha256: string; size: number }> {
    const item = this.require(path)
    const hash = createHash('sha256')
    let size = 0
    let out: FileHandle | null = null
    try {
      if (dest) {
        await mkdir(dirname(dest), { recursive: true })
        out = await open(dest, 'wx')
      }
      const handle = out
      await this.pump(
        item,
        async (chunk) => {
          hash.update(chunk)
          size += chunk.length
          onBytes(chunk.length)
          if (handle) await writeAll(handle, chunk)
        },
        signal,
      )
      await out?.sync()
    } finally {
      await out?.close()
    }
    return { sha256: hash.digest('hex'), size }
  }

  private require(path: string): PackageEntry {
    const item = this.entries.get(path)
    if (!item) throw rejected(this.file, `the entry "${path}" is missing`, { entry: path })
    return item
  }

  private async pump(
    item: PackageEntry,
    onChunk: (chunk: Buffer) => Promise<void>,
    signal?: AbortSignal,
  ): Promise<void> {
    let stream: Readable
    try {
      stream = await this.zip.openReadStreamPromise(item.entry)
    } catch (error) {
      throw rejected(
        this.file,
        `the entry "${item.path}" cannot be read (${(error as Error).message})`,
        {
          entry: item.path,
        },
      )
    }
    let read = 0
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (signal?.aborted) throw cancelledTask(this.file)
        read += chunk.length
        // yauzl already stops at the declared size; this guard does not depend on it.
        if (read > item.size) {
          throw rejected(this.file, `the entry "${item.path}" holds more data than it declares`, {
            entry: item.path,
          })
        }
        await onChunk(chunk)
      }
    } catch (error) {
      stream.destroy()
      if (error instanceof AppFailure) throw error
      const code = (error as NodeJS.ErrnoException).code
      if (code && code.startsWith('E') && !code.startsWith('ERR_')) {
        throw new AppFailure(
          'io-error',
          `Could not read or write while importing: ${ioReason(error)}.`,
        )
      }
      throw rejected(
        this.file,
        `the entry "${item.path}" is damaged (${(error as Error).message})`,
        {
          entry: item.path,
        },
      )
    }
  }
}

async function writeAll(handle: FileHandle, chunk: Buffer): Promise<void> {
  let offset = 0
  while (offset < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset)
    offset += bytesWritten
  }
}

async function readEntryTable(
  file: string,
  zip: ZipFile,
  limits: ShareLimits,
  checkName: (name: string) => void,
): Promise<Map<string, PackageEntry>> {
  if (zip.entryCount > limits.maxEntries) {
    throw rejected(
      file,
      `it has ${zip.entryCount} entries (at most ${limits.maxEntries} are allowed)`,
    )
  }
  const entries = new Map<string, PackageEntry>()
  const folded = new Map<string, string>()
  let total = 0
  let index = 0
  try {
    for await (const entry of zip.eachEntry()) {
      const path = entryName(file, entry, index)
      index++
      checkName(path)
      const mode = (entry.externalFileAttributes >>> 16) & 0xffff
      const type = mode & S_IFMT
      if (type === S_IFLNK) {
        throw rejected(file, `the entry "${path}" is a symbolic link`, { entry: path })
      }
      if (path.endsWith('/') || (type !== 0 && type !== S_IFREG)) {
        throw rejected(file, `the entry "${path}" is not an ordinary file`, { entry: path })
      }
      if (entries.has(path)) {
        throw rejected(file, `the entry "${path}" appears twice`, { entry: path })
      }
      const lower = path.toLowerCase()
      const twin = folded.get(lower)
      if (twin !== undefined) {
        throw rejected(
          file,
          `the entries "${twin}" and "${path}" differ only in upper and lower case`,
          { entry: path },
        )
      }
      if (entry.isEncrypted()) {
        throw rejected(file, `the entry "${path}" is encrypted`, { entry: path })
      }
      if (!entry.canDecodeFileData()) {
        throw rejected(file, `the entry "${path}" uses an unsupported compression method`, {
          entry: path,
        })
      }
      const size = entry.uncompressedSize
      const ratio = size / Math.max(1, entry.compressedSize)
      if (size > limits.ratioCheckAboveBytes && ratio > limits.maxCompressionRatio) {
        throw rejected(
          file,
          `the entry "${path}" expands ${Math.round(ratio)} times (to ${formatBytes(size)}), which looks like a zip bomb`,
          { entry: path },
        )
      }
      total += size
      if (total > limits.maxTotalBytes) {
        throw rejected(
          file,
          `its entries expand to more than ${formatBytes(limits.maxTotalBytes)}`,
          { entry: path },
        )
      }
      folded.set(lower, path)
      entries.set(path, { path, size, entry })
    }
  } catch (error) {
    if (error instanceof AppFailure) throw error
    throw rejected(file, `it is a damaged zip file (${(error as Error).message})`)
  }
  return entries
}
