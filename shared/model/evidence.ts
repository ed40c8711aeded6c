import { z } from 'zod'
import { Id, OptionalDate, Sha256, Timestamp } from './common'
import { Assessment } from './claim'
import { MentionRef } from './source'

export const EVIDENCE_KINDS = ['video', 'image', 'document'] as const
export const EvidenceKind = z.enum(EVIDENCE_KINDS)
export type EvidenceKind = z.infer<typeof EvidenceKind>

/** Copied into the project's media/ folder, or linked where it lies (its path is kept). */
export const STORAGE_MODES = ['copy', 'link'] as const
export const StorageMode = z.enum(STORAGE_MODES)
export type StorageMode = z.infer<typeof StorageMode>

/** How a piece of evidence bears on a claim. */
export const STANCES = ['supports', 'contradicts', 'context'] as const
export const Stance = z.enum(STANCES)
export type Stance = z.infer<typeof Stance>

export const ClaimLink = z.object({ claimId: Id, stance: Stance })
export type ClaimLink = z.infer<typeof ClaimLink>

const Latitude = z.number().min(-90).max(90)
const Longitude = z.number().min(-180).max(180)
export const Coordinates = z.object({ lat: Latitude, lon: Longitude })
export type Coordinates = z.infer<typeof Coordinates>

/** The file as it was examined: where it is, and the hash that proves it is the same file. */
export const EvidenceFile = z.object({
  storage: StorageMode,
  /** For 'copy': a path relative to the project folder (media/…); for 'link': absolute. */
  path: z.string().min(1).max(4096),
  /** The file name it was added from. */
  originalName: z.string().min(1).max(1000),
  /** Where it was added from (absolute path on the machine that added it). */
  addedFrom: z.string().max(4096),
  sha256: Sha256,
  size: z.number().int().positive(),
  /** From the content, e.g. video/mp4, image/jpeg, application/pdf. */
  mimeType: z.string().min(1).max(100),
})
export type EvidenceFile = z.infer<typeof EvidenceFile>

/** What the file's content says about itself. Fields that do not apply are null. */
export const MediaMetadata = z.object({
  /** Container or file format as named by the parser, e.g. "MPEG-4", "WebM", "JPEG". */
  format: z.string().max(100),
  /** Video codec, e.g. "AVC", "VP9". */
  codec: z.string().max(100).nullable(),
  durationSeconds: z.number().nonnegative().nullable(),
  width: z.number().int().positive().nullable(),
  height: z.number().int().positive().nullable(),
  frameRate: z.number().positive().nullable(),
  /** Recorded creation time in the container (an MP4's 1904-01-01 means unset and is null). */
  recordedAt: Timestamp.nullable(),
  /** EXIF DateTimeOriginal (images), as written: the camera's local time has no zone. */
  exifDate: z.string().max(40).nullable(),
  gps: Coordinates.nullable(),
  /** PDF page count. */
  pageCount: z.number().int().nonnegative().nullable(),
})
export type MediaMetadata = z.infer<typeof MediaMetadata>

/** Metadata that knows only the file's format; readers fill in what the file states. */
export const emptyMetadata = (format: string): MediaMetadata => ({
  format,
  codec: null,
  durationSeconds: null,
  width: null,
  height: null,
  frameRate: null,
  recordedAt: null,
  exifDate: null,
  gps: null,
  pageCount: null,
})

/** Where the file came from and what is claimed about it. */
export const Provenance = z.object({
  originalUrl: z.string().max(4000),
  /** e.g. "Telegram", "X", "YouTube". */
  platform: z.string().max(200),
  /** The source in the registry that published it, e.g. a communications centre. */
  publisherId: Id.nullable(),
  publishedAt: OptionalDate,
  retrievedAt: OptionalDate,
  retrievedBy: z.string().max(200),
  claimedPlace: z.string().max(500),
  claimedCoordinates: Coordinates.nullable(),
  claimedDate: OptionalDate,
  verificationNotes: z.string().max(20_000),
})
export type Provenance = z.infer<typeof Provenance>

export const emptyProvenance = (): Provenance => ({
  originalUrl: '',
  platform: '',
  publisherId: null,
  publishedAt: '',
  retrievedAt: '',
  retrievedBy: '',
  claimedPlace: '',
  claimedCoordinates: null,
  claimedDate: '',
  verificationNotes: '',
})

/** A stretch of a video, in seconds, that matters for one or more claims. */
export const Segment = z
  .object({
    id: Id,
    start: z.number().nonnegative(),
    end: z.number().nonnegative(),
    label: z.string().max(300),
    note: z.string().max(20_000),
    claimLinks: z.array(ClaimLink),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .refine((s) => s.end > s.start, { message: 'a segment must end after it starts', path: ['end'] })
export type Segment = z.infer<typeof Segment>

/** A still captured from a video, stored as a PNG in the project with its own hash. */
export const CapturedFrame = z.object({
  id: Id,
  /** Seconds into the video. */
  time: z.number().nonnegative(),
  /** The segment it illustrates, if any. */
  segmentId: Id.nullable(),
  /** Relative to the project folder: media/frames/<id>.png. */
  path: z.string().min(1).max(1000),
  sha256: Sha256,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  note: z.string().max(5000),
  createdAt: Timestamp,
})
export type CapturedFrame = z.infer<typeof CapturedFrame>

/** A rectangle on an image, in fractions of its width and height (0–1). */
export const Region = z
  .object({
    id: Id,
    x: z.number().min(0).max(1),
    y: z.number().min(0).max(1),
    width: z.number().positive().max(1),
    height: z.number().positive().max(1),
    label: z.string().max(300),
    note: z.string().max(20_000),
    claimLinks: z.array(ClaimLink),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .refine((r) => r.x + r.width <= 1.000001 && r.y + r.height <= 1.000001, {
    message: 'a region must lie inside the image',
  })
export type Region = z.infer<typeof Region>

/** A piece of footage, an image or a document held as evidence. */
export const EvidenceItem = z.object({
  id: Id,
  kind: EvidenceKind,
  title: z.string().trim().min(1, 'the title must not be empty').max(500),
  file: EvidenceFile,
  metadata: MediaMetadata,
  provenance: Provenance,
  /** Verification status and credibility, as for claims; the last entry is current. */
  assessments: z.array(Assessment).min(1),
  /** Claims the item as a whole bears on (segments and regions carry their own links). */
  claimLinks: z.array(ClaimLink),
  /** Evidence annotations in articles that refer to this item. */
  mentions: z.array(MentionRef),
  segments: z.array(Segment),
  frames: z.array(CapturedFrame),
  regions: z.array(Region),
  createdAt: Timestamp,
  updatedAt: Timestamp,
})
export type EvidenceItem = z.infer<typeof EvidenceItem>

export const CUSTODY_EVENTS = [
  'added',
  'verified',
  'verification-failed',
  'missing',
  'relinked',
  'relink-refused',
  'frame-captured',
] as const
export const CustodyEvent = z.enum(CUSTODY_EVENTS)
export type CustodyEvent = z.infer<typeof CustodyEvent>

/**
 * One line of `custody.jsonl`: an append-only record of what happened to an item's file.
 * Never rewritten and never touched by undo.
 */
export const CustodyEntry = z.object({
  itemId: Id,
  at: Timestamp,
  by: z.string().max(200),
  event: CustodyEvent,
  /** The file involved (path as given). */
  path: z.string().max(4096),
  /** The hash found, where one was computed. */
  sha256: Sha256.nullable(),
  detail: z.string().max(2000),
})
export type CustodyEntry = z.infer<typeof CustodyEntry>

/** The state of an item's file as last checked in this session. */
export interface FileCheck {
  itemId: string
  state: 'unchecked' | 'ok' | 'changed' | 'missing'
  checkedAt: string | null
  message: string
}
