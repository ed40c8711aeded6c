import { createHash, randomUUID } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { ParsedInput } from '../../shared/api'
import type { CapturedFrame, EvidenceItem } from '../../shared/model/evidence'
import { AppFailure } from '../../shared/result'
import type { OpenProject } from '../projects/open-project'
import { writeFileDurably } from '../store/durable-write'
import { FRAMES_DIR, MEDIA_DIR } from '../store/project-layout'
import { appendCustody } from './custody-log'
import { commitItem, now, titled } from './evidence-items'
import { findVideo, requireWithinVideo } from './segments'

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** Width and height from a PNG's header chunk; anything that is not a PNG is refused. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  const isPng =
    bytes.length >= 24 &&
    bytes.subarray(0, 8).equals(PNG_SIGNATURE) &&
    bytes.readUInt32BE(8) === 13 &&
    bytes.toString('latin1', 12, 16) === 'IHDR'
  if (!isPng) {
    throw new AppFailure(
      'invalid-input',
      'The captured frame is not a PNG image (it has no PNG signature and header).',
      { field: 'pngBase64' },
    )
  }
  const width = bytes.readUInt32BE(16)
  const height = bytes.readUInt32BE(20)
  if (width === 0 || height === 0) {
    throw new AppFailure('invalid-input', 'The captured frame is empty (0 pixels wide or high).', {
      field: 'pngBase64',
    })
  }
  return { width, height }
}

function requireSegment(item: EvidenceItem, segmentId: string | null): void {
  if (segmentId !== null && !item.segments.some((s) => s.id === segmentId)) {
    throw new AppFailure(
      'not-found',
      `No segment ${segmentId} in ${titled(item)}; it may have been deleted.`,
      { field: 'segmentId' },
    )
  }
}

function findFrame(item: EvidenceItem, id: string): CapturedFrame {
  const frame = item.frames.find((f) => f.id === id)
  if (!frame) {
    throw new AppFailure(
      'not-found',
      `No frame ${id} in ${titled(item)}; it may have been deleted.`,
    )
  }
  return frame
}

/**
 * Stores a still the renderer drew from the video: the PNG is written durably to
 * media/frames/<id>.png with its own SHA-256, recorded in the custody log, then added to the
 * item in an undoable step (undo keeps the file, so redo can bring the frame back).
 */
export async function captureFrame(
  project: OpenProject,
  input: ParsedInput<'evidence:captureFrame'>,
): Promise<CapturedFrame> {
  const before = findVideo(project, input.itemId)
  requireWithinVideo(before, input.time, 'time')
  requireSegment(before, input.segmentId)
  const bytes = Buffer.from(input.pngBase64, 'base64')
  const { width, height } = pngSize(bytes)
  const id = randomUUID()
  const relative = `${MEDIA_DIR}/${FRAMES_DIR}/${id}.png`
  const dir = join(project.folder, MEDIA_DIR, FRAMES_DIR)
  await mkdir(dir, { recursive: true })
  await writeFileDurably(join(dir, `${id}.png`), bytes)
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const time = now()
  const frame: CapturedFrame = {
    id,
    time: input.time,
    segmentId: input.segmentId,
    path: relative,
    sha256,
    width,
    height,
    note: '',
    createdAt: time,
  }
  await appendCustody(project.folder, {
    itemId: before.id,
    at: time,
    by: project.userName,
    event: 'frame-captured',
    path: relative,
    sha256,
    detail: `Frame at ${input.time.toFixed(3)} s, ${width}×${height} pixels, from the file with SHA-256 ${before.file.sha256}.`,
  })
  const frames = [...before.frames, frame].sort((a, b) => a.time - b.time)
  await commitItem(project, `Capture frame of ${titled(before)}`, before, {
    ...before,
    frames,
    updatedAt: time,
  })
  return frame
}

export async function updateFrame(
  project: OpenProject,
  input: ParsedInput<'evidence:updateFrame'>,
): Promise<CapturedFrame> {
  const before = findVideo(project, input.itemId)
  const old = findFrame(before, input.id)
  if (input.segmentId !== undefined) requireSegment(before, input.segmentId)
  const frame: CapturedFrame = {
    ...old,
    segmentId: input.segmentId === undefined ? old.segmentId : input.segmentId,
    note: input.note ?? old.note,
  }
  await commitItem(project, `Edit frame of ${titled(before)}`, before, {
    ...before,
    frames: before.frames.map((f) => (f.id === frame.id ? frame : f)),
    updatedAt: now(),
  })
  return frame
}

/** Removes a frame from the item; its PNG stays on disk so that undo can restore it. */
export async function deleteFrame(
  project: OpenProject,
  input: ParsedInput<'evidence:deleteFrame'>,
): Promise<void> {
  const before = findVideo(project, input.itemId)
  findFrame(before, input.id)
  await commitItem(project, `Delete frame of ${titled(before)}`, before, {
    ...before,
    frames: before.frames.filter((f) => f.id !== input.id),
    updatedAt: now(),
  })
}
