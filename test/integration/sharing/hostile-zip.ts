import { createHash } from 'node:crypto'
import { openPromise } from 'yauzl'
import { constants, crc32, deflateRawSync } from 'node:zlib'

/**
 * A hand-made zip writer for hostile packages: names, modes and duplicates that yazl refuses to
 * write (which is the point), and deflate data assembled from repeated blocks for zip bombs.
 */
export interface RawEntry {
  name: string
  data?: Buffer
  /** Unix mode including the file type; defaults to a regular file. */
  mode?: number
  /** Precompressed deflate data with its uncompressed size and CRC (for bombs). */
  deflated?: { bytes: Buffer; size: number; crc: number }
}

const S_IFREG = 0o100000

/**
 * The fields a local header and its central directory entry share, from "version needed" to
 * the name's length: `at` is where they start (4 in a local header, 6 in a central one).
 */
function writeSharedFields(
  header: Buffer,
  at: number,
  fields: { crc: number; compressedSize: number; size: number; nameLength: number },
): void {
  header.writeUInt16LE(20, at) // version needed to extract: 2.0
  header.writeUInt16LE(0x800, at + 2) // names are UTF-8
  header.writeUInt16LE(8, at + 4) // deflate
  header.writeUInt16LE(0, at + 6) // time 00:00
  header.writeUInt16LE(33, at + 8) // date 1980-01-01
  header.writeUInt32LE(fields.crc, at + 10)
  header.writeUInt32LE(fields.compressedSize, at + 14)
  header.writeUInt32LE(fields.size, at + 18)
  header.writeUInt16LE(fields.nameLength, at + 22)
}

export function buildZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8')
    const data = entry.data ?? Buffer.alloc(0)
    const compressed = entry.deflated?.bytes ?? deflateRawSync(data)
    const size = entry.deflated?.size ?? data.length
    const crc = entry.deflated?.crc ?? crc32(data)
    const shared = { crc, compressedSize: compressed.length, size, nameLength: name.length }
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    writeSharedFields(local, 4, shared)
    local.writeUInt16LE(0, 28)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE((3 << 8) | 20, 4)
    writeSharedFields(central, 6, shared)
    central.writeUInt32LE(((entry.mode ?? S_IFREG | 0o644) << 16) >>> 0, 38)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, compressed)
    centrals.push(central, name)
    offset += local.length + name.length + compressed.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

/** Deflate data for `megabytes` MB of zeros, about 1 KB per MB, made in milliseconds. */
export function zerosBomb(megabytes: number): RawEntry['deflated'] {
  const block = Buffer.alloc(1024 * 1024)
  const chunk = deflateRawSync(block, { level: 9, finishFlush: constants.Z_FULL_FLUSH })
  let crc = 0
  for (let i = 0; i < megabytes; i++) crc = crc32(block, crc)
  const bytes = Buffer.concat([
    ...Array<Buffer>(megabytes).fill(chunk),
    deflateRawSync(Buffer.alloc(0)),
  ])
  return { bytes, size: megabytes * 1024 * 1024, crc }
}

/** Every entry of a (trusted, small) zip, in order. */
export async function readZipEntries(file: string): Promise<Map<string, Buffer>> {
  const zip = await openPromise(file)
  const entries = new Map<string, Buffer>()
  for await (const entry of zip.eachEntry()) {
    const stream = await zip.openReadStreamPromise(entry)
    const chunks: Buffer[] = []
    for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk)
    entries.set(entry.fileName, Buffer.concat(chunks))
  }
  return entries
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex')

/** A manifest listing `entries` correctly, based on `manifest` with `overrides`. */
export function manifestFor(
  manifest: Record<string, unknown>,
  entries: Array<{ name: string; data: Buffer }>,
  overrides: Record<string, unknown> = {},
): Buffer {
  const listed = entries.map((e) => ({ path: e.name, size: e.data.length, sha256: sha256(e.data) }))
  return Buffer.from(JSON.stringify({ ...manifest, entries: listed, ...overrides }))
}
