/**
 * Test media made with ffmpeg once and cached under node_modules/.cache: short clips in the
 * containers and codecs evidence must accept or refuse, images (one with EXIF date and GPS),
 * a tiny PDF and files that lie about their content. Tests copy a fixture before using it.
 */
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { copyFile, mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { PROJECT_ROOT } from './project'

const run = promisify(execFile)

/** Bump when a fixture changes, so stale caches are not reused. */
const FIXTURES_VERSION = 1
const CACHE_DIR = join(PROJECT_ROOT, 'node_modules/.cache/claimdesk-media', `v${FIXTURES_VERSION}`)

export const FIXTURE_CLIP_FPS = 25
export const FIXTURE_CLIP_SECONDS = 3
export const FIXTURE_CLIP_WIDTH = 320
export const FIXTURE_CLIP_HEIGHT = 240
export const FIXTURE_CLIP_RECORDED_AT = '2026-03-01T10:00:00.000Z'
export const FIXTURE_IMAGE_WIDTH = 64
export const FIXTURE_IMAGE_HEIGHT = 48
/** EXIF DateTimeOriginal of photo.jpg, as the camera writes it (local time, no zone). */
export const FIXTURE_PHOTO_EXIF_DATE = '2026:03:01 11:00:00'
export const FIXTURE_PHOTO_GPS = { lat: 50.45, lon: 30.5 }
export const FIXTURE_PDF_PAGES = 2

export const MEDIA_FIXTURES = [
  'clip.mp4',
  'clip.webm',
  'clip.mov',
  'truncated.mp4',
  'mpeg4-part2.mp4',
  'photo.jpg',
  'image.png',
  'image.webp',
  'doc.pdf',
  'png-named.mp4',
  'empty.mp4',
] as const
export type MediaFixture = (typeof MEDIA_FIXTURES)[number]

let building: Promise<string> | null = null

/** The folder holding every fixture, made on first use (and reused by later test runs). */
export function mediaFixturesDir(): Promise<string> {
  building ??= ensureFixtures()
  return building
}

/** The cached path of one fixture (do not change the file: copy it with `copyMediaFixture`). */
export async function mediaFixture(name: MediaFixture): Promise<string> {
  return join(await mediaFixturesDir(), name)
}

/** Copies a fixture into `dir` (as `asName` if given) and returns the copy's path. */
export async function copyMediaFixture(
  name: MediaFixture,
  dir: string,
  asName: string = name,
): Promise<string> {
  const target = join(dir, asName)
  await mkdir(dir, { recursive: true })
  await copyFile(await mediaFixture(name), target)
  return target
}

/**
 * A valid MP4 of about `megabytes` MB: clip.mp4 followed by a `free` box of random bytes, so
 * hashing it takes long enough to be cancelled while parsers still read it as the 3 s clip.
 */
export async function makeLargeClip(dir: string, megabytes: number, name = 'large.mp4') {
  const target = await copyMediaFixture('clip.mp4', dir, name)
  const padding = megabytes * 1024 * 1024
  const handle = await open(target, 'a')
  try {
    const header = Buffer.alloc(8)
    header.writeUInt32BE(padding + 8, 0)
    header.write('free', 4, 'latin1')
    await handle.write(header)
    const chunk = randomBytes(1024 * 1024)
    for (let i = 0; i < megabytes; i++) await handle.write(chunk)
  } finally {
    await handle.close()
  }
  return target
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  )
}

async function ensureFixtures(): Promise<string> {
  if (await exists(join(CACHE_DIR, MEDIA_FIXTURES.at(-1) ?? ''))) return CACHE_DIR
  // Built aside and renamed into place, so parallel test files never see half a set.
  const staging = `${CACHE_DIR}.${process.pid}-${randomBytes(4).toString('hex')}`
  await mkdir(staging, { recursive: true })
  try {
    await buildFixtures(staging)
    await mkdir(join(CACHE_DIR, '..'), { recursive: true })
    await rename(staging, CACHE_DIR).catch(async (error: NodeJS.ErrnoException) => {
      // Another worker finished first: its set is as good as ours.
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error
    })
  } finally {
    await rm(staging, { recursive: true, force: true })
  }
  return CACHE_DIR
}

async function ffmpeg(args: string[]): Promise<void> {
  await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args])
}

const TEST_PATTERN = [
  '-f',
  'lavfi',
  '-i',
  `testsrc2=size=${FIXTURE_CLIP_WIDTH}x${FIXTURE_CLIP_HEIGHT}:rate=${FIXTURE_CLIP_FPS}:duration=${FIXTURE_CLIP_SECONDS}`,
  '-pix_fmt',
  'yuv420p',
  '-metadata',
  'creation_time=2026-03-01T10:00:00Z',
]
const H264 = ['-c:v', 'libx264', '-preset', 'veryfast', '-g', String(FIXTURE_CLIP_FPS)]
const STILL = [
  '-f',
  'lavfi',
  '-i',
  `testsrc2=size=${FIXTURE_IMAGE_WIDTH}x${FIXTURE_IMAGE_HEIGHT}:rate=1`,
  '-frames:v',
  '1',
]

async function buildFixtures(dir: string): Promise<void> {
  const at = (name: string) => join(dir, name)
  await ffmpeg([...TEST_PATTERN, ...H264, '-movflags', '+faststart', at('clip.mp4')])
  await ffmpeg([
    ...TEST_PATTERN,
    '-c:v',
    'libvpx-vp9',
    '-b:v',
    '200k',
    '-deadline',
    'realtime',
    at('clip.webm'),
  ])
  await ffmpeg([...TEST_PATTERN, ...H264, '-f', 'mov', at('clip.mov')])
  await ffmpeg([...TEST_PATTERN, '-c:v', 'mpeg4', at('mpeg4-part2.mp4')])
  // Without faststart the index (moov) comes last: the first 40% holds no usable index.
  await ffmpeg([...TEST_PATTERN, ...H264, at('whole.mp4')])
  const whole = await readFile(at('whole.mp4'))
  await writeFile(at('truncated.mp4'), whole.subarray(0, Math.floor(whole.length * 0.4)))
  await rm(at('whole.mp4'))
  await ffmpeg([...STILL, at('image.png')])
  await ffmpeg([...STILL, '-c:v', 'libwebp', at('image.webp')])
  await ffmpeg([...STILL, '-q:v', '3', at('plain.jpg')])
  await writeFile(
    at('photo.jpg'),
    withExif(await readFile(at('plain.jpg')), FIXTURE_PHOTO_EXIF_DATE, FIXTURE_PHOTO_GPS),
  )
  await rm(at('plain.jpg'))
  await writeFile(at('doc.pdf'), minimalPdf(FIXTURE_PDF_PAGES))
  await copyFile(at('image.png'), at('png-named.mp4'))
  await writeFile(at('empty.mp4'), '')
}

// --- EXIF: a big-endian TIFF structure with IFD0 → Exif IFD (DateTimeOriginal) and GPS IFD.

const ASCII = 2
const SHORT = 3
const LONG = 4
const RATIONAL = 5
const BYTE = 1
const TYPE_SIZE: Record<number, number> = {
  [BYTE]: 1,
  [ASCII]: 1,
  [SHORT]: 2,
  [LONG]: 4,
  [RATIONAL]: 8,
}

interface IfdEntry {
  tag: number
  type: number
  count: number
  value: Buffer
}

const ascii = (tag: number, text: string): IfdEntry => ({
  tag,
  type: ASCII,
  count: text.length + 1,
  value: Buffer.from(`${text}\0`, 'latin1'),
})
const long = (tag: number, n: number): IfdEntry => {
  const value = Buffer.alloc(4)
  value.writeUInt32BE(n)
  return { tag, type: LONG, count: 1, value }
}
/** Degrees as degrees, minutes and seconds (seconds to 1/100). */
const degrees = (tag: number, angle: number): IfdEntry => {
  const d = Math.floor(angle)
  const m = Math.floor((angle - d) * 60)
  const s = Math.round(((angle - d) * 60 - m) * 60 * 100)
  const value = Buffer.alloc(24)
  ;[d, 1, m, 1, s, 100].forEach((n, i) => value.writeUInt32BE(n, i * 4))
  return { tag, type: RATIONAL, count: 3, value }
}

/** Lays out one IFD at `offset`: entries (sorted by tag), next-IFD 0, then values over 4 bytes. */
function ifd(entries: IfdEntry[], offset: number): Buffer {
  const sorted = [...entries].sort((a, b) => a.tag - b.tag)
  const tableSize = 2 + sorted.length * 12 + 4
  const table = Buffer.alloc(tableSize)
  const data: Buffer[] = []
  let dataOffset = offset + tableSize
  table.writeUInt16BE(sorted.length, 0)
  sorted.forEach((entry, i) => {
    const at = 2 + i * 12
    table.writeUInt16BE(entry.tag, at)
    table.writeUInt16BE(entry.type, at + 2)
    table.writeUInt32BE(entry.count, at + 4)
    if (entry.count * (TYPE_SIZE[entry.type] ?? 1) <= 4) entry.value.copy(table, at + 8)
    else {
      table.writeUInt32BE(dataOffset, at + 8)
      const padded =
        entry.value.length % 2 === 0 ? entry.value : Buffer.concat([entry.value, Buffer.alloc(1)])
      data.push(padded)
      dataOffset += padded.length
    }
  })
  return Buffer.concat([table, ...data])
}

function exifSegment(dateTimeOriginal: string, gps: { lat: number; lon: number }): Buffer {
  const header = Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08])
  // IFD0 holds two pointers: its size is fixed, so the sub-IFDs' offsets are known up front.
  const ifd0Size = 2 + 2 * 12 + 4
  const exifOffset = 8 + ifd0Size
  const exif = ifd([ascii(0x9003, dateTimeOriginal)], exifOffset)
  const gpsOffset = exifOffset + exif.length
  const gpsIfd = ifd(
    [
      { tag: 0x0000, type: BYTE, count: 4, value: Buffer.from([2, 3, 0, 0]) },
      ascii(0x0001, gps.lat >= 0 ? 'N' : 'S'),
      degrees(0x0002, Math.abs(gps.lat)),
      ascii(0x0003, gps.lon >= 0 ? 'E' : 'W'),
      degrees(0x0004, Math.abs(gps.lon)),
    ],
    gpsOffset,
  )
  const ifd0 = ifd([long(0x8769, exifOffset), long(0x8825, gpsOffset)], 8)
  const tiff = Buffer.concat([header, ifd0, exif, gpsIfd])
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff])
  const marker = Buffer.alloc(4)
  marker.writeUInt16BE(0xffe1, 0)
  marker.writeUInt16BE(payload.length + 2, 2)
  return Buffer.concat([marker, payload])
}

/** The JPEG with an APP1 Exif segment right after its start-of-image marker. */
function withExif(jpeg: Buffer, dateTimeOriginal: string, gps: { lat: number; lon: number }) {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('ffmpeg did not write a JPEG')
  return Buffer.concat([jpeg.subarray(0, 2), exifSegment(dateTimeOriginal, gps), jpeg.subarray(2)])
}

/** A small valid PDF with `pages` empty pages and a correct cross-reference table. */
function minimalPdf(pages: number): Buffer {
  const kids = Array.from({ length: pages }, (_, i) => `${3 + i} 0 R`).join(' ')
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    ...Array.from(
      { length: pages },
      () => '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
    ),
  ]
  let body = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'))
    body += `${i + 1} 0 obj\n${object}\nendobj\n`
  })
  const xref = Buffer.byteLength(body, 'latin1')
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(body, 'latin1')
}
