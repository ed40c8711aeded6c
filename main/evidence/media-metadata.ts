import { open } from 'node:fs/promises'
import { basename } from 'node:path'
import exifr from 'exifr'
import mediaInfoFactory, { type MediaInfo, type MediaInfoResult, type Track } from 'mediainfo.js'
import {
  type Coordinates,
  emptyMetadata,
  type EvidenceKind,
  type MediaMetadata,
} from '../../shared/model/evidence'
import { AppFailure } from '../../shared/result'
import { KeyedQueue } from '../store/durable-write'
import { countPdfPages } from './pdf-pages'

/** Video codecs Chromium (and so Claimdesk's player) decodes, as mediainfo names them. */
const PLAYABLE_CODECS = new Set(['AVC', 'VP8', 'VP9', 'AV1'])

let instance: Promise<MediaInfo<'object'>> | null = null
/** One instance analyses one file at a time. */
const analyses = new KeyedQueue()

/** One mediainfo instance for the process: its WASM module is costly to start. */
function mediaInfo(): Promise<MediaInfo<'object'>> {
  if (!instance) {
    instance = mediaInfoFactory({ format: 'object' })
    // A module that failed to start is tried again for the next file.
    instance.catch(() => {
      instance = null
    })
  }
  return instance
}

/** Runs mediainfo over the file, reading only the chunks it asks for (never the whole file). */
async function analyze(path: string, size: number): Promise<MediaInfoResult> {
  return analyses.run('mediainfo', async () => {
    const info = await mediaInfo()
    const handle = await open(path, 'r')
    try {
      return await info.analyzeData(size, async (length, offset) => {
        const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - offset)))
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset)
        return buffer.subarray(0, bytesRead)
      })
    } finally {
      await handle.close()
    }
  })
}

const positiveInt = (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null
const positive = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null

/**
 * A container date such as "2026-03-01 10:00:00 UTC" (mediainfo's form) or an ISO date with a
 * zone, as an ISO timestamp. MP4's zero date (1904-01-01) and the Unix epoch mean "not set".
 */
export function containerDate(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const text = value.trim()
  const utc = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(?: UTC|Z)$/.exec(text)
  const zoned = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?[+-]\d{2}:?\d{2}$/.test(text)
  const date = utc ? new Date(`${utc[1]}T${utc[2]}Z`) : zoned ? new Date(text) : null
  if (!date || Number.isNaN(date.getTime())) return null
  const iso = date.toISOString()
  if (iso.startsWith('1904-01-01') || iso === '1970-01-01T00:00:00.000Z') return null
  return iso
}

function track(result: MediaInfoResult, type: Track['@type']): Record<string, unknown> | undefined {
  return result.media?.track.find((t) => t['@type'] === type) as Record<string, unknown> | undefined
}

function videoMetadata(name: string, result: MediaInfoResult): MediaMetadata {
  const general = track(result, 'General') ?? {}
  const video = track(result, 'Video')
  const extra = general.extra as Record<string, unknown> | undefined
  const durationSeconds = positive(general.Duration) ?? positive(video?.Duration)
  if (extra?.IsTruncated === 'Yes' || !video || durationSeconds === null) {
    throw new AppFailure(
      'invalid-input',
      `${name} is truncated or damaged: it holds no complete, playable video (was a download or copy cut short?).`,
    )
  }
  const codec = typeof video.Format === 'string' ? video.Format : 'unknown'
  if (!PLAYABLE_CODECS.has(codec)) {
    throw new AppFailure(
      'invalid-input',
      `${name} uses the ${codec} codec, which Claimdesk cannot play; convert it to H.264 MP4 or WebM.`,
    )
  }
  const recordedAt =
    [general.Recorded_Date, general.Encoded_Date, general.Tagged_Date, video.Encoded_Date]
      .map(containerDate)
      .find((d) => d !== null) ?? null
  return {
    ...emptyMetadata(typeof general.Format === 'string' ? general.Format : 'video'),
    codec,
    durationSeconds,
    width: positiveInt(video.Width),
    height: positiveInt(video.Height),
    frameRate: positive(video.FrameRate) ?? positive(general.FrameRate),
    recordedAt,
  }
}

const latitude = (v: unknown) => (typeof v === 'number' && Math.abs(v) <= 90 ? v : null)
const longitude = (v: unknown) => (typeof v === 'number' && Math.abs(v) <= 180 ? v : null)

/** EXIF DateTimeOriginal as written, and GPS position, where the image carries them. */
async function exifOf(path: string): Promise<{ exifDate: string | null; gps: Coordinates | null }> {
  let tags: Record<string, unknown> | undefined
  try {
    tags = (await exifr.parse(path, {
      pick: [
        'DateTimeOriginal',
        'GPSLatitude',
        'GPSLatitudeRef',
        'GPSLongitude',
        'GPSLongitudeRef',
      ],
      reviveValues: false,
    })) as Record<string, unknown> | undefined
  } catch {
    // Damaged or absent EXIF is common (messengers strip it) and says nothing about the image.
    return { exifDate: null, gps: null }
  }
  const raw = tags?.DateTimeOriginal
  const exifDate =
    typeof raw === 'string' && raw.replace(/\0/g, '').trim()
      ? raw.replace(/\0/g, '').trim().slice(0, 40)
      : null
  const lat = latitude(tags?.latitude)
  const lon = longitude(tags?.longitude)
  return { exifDate, gps: lat !== null && lon !== null ? { lat, lon } : null }
}

/**
 * What the file's content says about itself. Refuses videos that are truncated or damaged and
 * videos in codecs the player cannot decode, naming the file.
 */
export async function readMediaMetadata(
  path: string,
  kind: EvidenceKind,
  size: number,
): Promise<MediaMetadata> {
  const name = basename(path)
  if (kind === 'document') {
    return { ...emptyMetadata('PDF'), pageCount: await countPdfPages(path) }
  }
  const result = await analyze(path, size)
  if (kind === 'video') return videoMetadata(name, result)
  const general = track(result, 'General') ?? {}
  const image = track(result, 'Image')
  return {
    ...emptyMetadata(typeof general.Format === 'string' ? general.Format : 'image'),
    width: positiveInt(image?.Width),
    height: positiveInt(image?.Height),
    ...(await exifOf(path)),
  }
}
