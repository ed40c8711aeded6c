import { randomUUID } from 'node:crypto'
import type { ParsedInput } from '../../shared/api'
import type { EvidenceItem, Segment } from '../../shared/model/evidence'
import { AppFailure } from '../../shared/result'
import type { OpenProject } from '../projects/open-project'
import { commitItem, findEvidence, now, requireClaimLinks, titled } from './evidence-items'

/** Frame rate assumed where a video does not state one, for the end-of-video tolerance. */
const FALLBACK_FPS = 25

/** The video item, or a refusal naming what the item is instead. */
export function findVideo(project: OpenProject, id: string): EvidenceItem {
  const item = findEvidence(project, id)
  if (item.kind !== 'video') {
    throw new AppFailure('invalid-input', `${titled(item)} is not a video.`, { field: 'itemId' })
  }
  return item
}

/** Refuses a time past the video's end (one frame's slack: players round the last frame). */
export function requireWithinVideo(item: EvidenceItem, seconds: number, field: string): void {
  const duration = item.metadata.durationSeconds
  if (duration === null) return
  const slack = 1 / (item.metadata.frameRate ?? FALLBACK_FPS)
  if (seconds > duration + slack) {
    throw new AppFailure(
      'invalid-input',
      `${seconds.toFixed(3)} s is past the end of ${titled(item)}, which lasts ${duration.toFixed(3)} s.`,
      { field },
    )
  }
}

function checkedSegment(item: EvidenceItem, segment: Segment): Segment {
  if (!(segment.end > segment.start)) {
    throw new AppFailure('invalid-input', 'A segment must end after it starts.', { field: 'end' })
  }
  requireWithinVideo(item, segment.end, 'end')
  return segment
}

function findSegment(item: EvidenceItem, id: string): Segment {
  const segment = item.segments.find((s) => s.id === id)
  if (!segment) {
    throw new AppFailure(
      'not-found',
      `No segment ${id} in ${titled(item)}; it may have been deleted.`,
    )
  }
  return segment
}

export async function addSegment(
  project: OpenProject,
  input: ParsedInput<'evidence:addSegment'>,
): Promise<Segment> {
  const before = findVideo(project, input.itemId)
  const time = now()
  const segment = checkedSegment(before, {
    id: randomUUID(),
    start: input.start,
    end: input.end,
    label: input.label,
    note: input.note,
    claimLinks: requireClaimLinks(project, input.claimLinks),
    createdAt: time,
    updatedAt: time,
  })
  // Segments are kept in time order.
  const segments = [...before.segments, segment].sort((a, b) => a.start - b.start || a.end - b.end)
  await commitItem(project, `Add segment to ${titled(before)}`, before, {
    ...before,
    segments,
    updatedAt: time,
  })
  return segment
}

export async function updateSegment(
  project: OpenProject,
  input: ParsedInput<'evidence:updateSegment'>,
): Promise<Segment> {
  const before = findVideo(project, input.itemId)
  const old = findSegment(before, input.id)
  const time = now()
  const segment = checkedSegment(before, {
    ...old,
    start: input.start ?? old.start,
    end: input.end ?? old.end,
    label: input.label ?? old.label,
    note: input.note ?? old.note,
    claimLinks: input.claimLinks ? requireClaimLinks(project, input.claimLinks) : old.claimLinks,
    updatedAt: time,
  })
  const segments = before.segments
    .map((s) => (s.id === segment.id ? segment : s))
    .sort((a, b) => a.start - b.start || a.end - b.end)
  await commitItem(project, `Edit segment of ${titled(before)}`, before, {
    ...before,
    segments,
    updatedAt: time,
  })
  return segment
}

/** Removes a segment; frames that illustrated it stay, no longer tied to a segment. */
export async function deleteSegment(
  project: OpenProject,
  input: ParsedInput<'evidence:deleteSegment'>,
): Promise<void> {
  const before = findVideo(project, input.itemId)
  findSegment(before, input.id)
  await commitItem(project, `Delete segment of ${titled(before)}`, before, {
    ...before,
    segments: before.segments.filter((s) => s.id !== input.id),
    frames: before.frames.map((f) => (f.segmentId === input.id ? { ...f, segmentId: null } : f)),
    updatedAt: now(),
  })
}
