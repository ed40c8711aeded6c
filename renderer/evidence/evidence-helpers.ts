/**
 * Pure helpers for the evidence views: formatting, the claims an item bears on and the items a
 * claim is backed by. No React and no calls to main.
 */
import type { Assessment } from '../../shared/model/claim'
import type {
  CapturedFrame,
  EvidenceItem,
  FileCheck,
  Region,
  Segment,
  Stance,
} from '../../shared/model/evidence'

/** The item's current assessment: the last one recorded (the list is never empty). */
export function currentItemAssessment(item: Pick<EvidenceItem, 'assessments'>): Assessment {
  return item.assessments[item.assessments.length - 1] as Assessment
}

const BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB'] as const

/** A size as people read it, in decimal units as file managers show them: "12.4 MB". */
export function formatBytes(bytes: number, locale: string): string {
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000
    unit++
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1
  const number = new Intl.NumberFormat(locale, {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  }).format(value)
  return `${number} ${BYTE_UNITS[unit]}`
}

/** Seconds as a time code to the millisecond, m:ss.mmm (minutes keep counting past an hour). */
export function formatTimecode(seconds: number): string {
  const totalMs = Math.max(0, Math.round(seconds * 1000))
  const minutes = Math.floor(totalMs / 60_000)
  const secs = Math.floor((totalMs % 60_000) / 1000)
  const ms = totalMs % 1000
  return `${minutes}:${String(secs).padStart(2, '0')}.${String(ms).padStart(3, '0')}`
}

/** A duration for lists: m:ss, rounded to the second (h:mm:ss from an hour on). */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = String(total % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}

/** "1920×1080" or '' when the size is not known. */
export function formatResolution(metadata: EvidenceItem['metadata']): string {
  return metadata.width && metadata.height ? `${metadata.width}×${metadata.height}` : ''
}

/** What part of an item a claim link belongs to. */
export type LinkTarget =
  { type: 'item' } | { type: 'segment'; segment: Segment } | { type: 'region'; region: Region }

export interface TouchedClaim {
  claimId: string
  stance: Stance
  target: LinkTarget
}

/** Every claim link of an item: the item as a whole first, then its segments, then regions. */
export function claimLinksOf(item: EvidenceItem): TouchedClaim[] {
  const out: TouchedClaim[] = item.claimLinks.map((l) => ({ ...l, target: { type: 'item' } }))
  for (const segment of [...item.segments].sort((a, b) => a.start - b.start))
    for (const l of segment.claimLinks) out.push({ ...l, target: { type: 'segment', segment } })
  for (const region of item.regions)
    for (const l of region.claimLinks) out.push({ ...l, target: { type: 'region', region } })
  return out
}

/** An item's links grouped by claim, in the order the claims are first linked. */
export function claimsTouchedBy(
  item: EvidenceItem,
): Array<{ claimId: string; links: TouchedClaim[] }> {
  const groups = new Map<string, TouchedClaim[]>()
  for (const link of claimLinksOf(item)) {
    const list = groups.get(link.claimId) ?? []
    list.push(link)
    groups.set(link.claimId, list)
  }
  return [...groups].map(([claimId, links]) => ({ claimId, links }))
}

export interface ClaimEvidenceEntry extends TouchedClaim {
  item: EvidenceItem
}

/** Every item, segment and region linked to a claim, item by item in registry order. */
export function evidenceForClaim(
  claimId: string,
  items: readonly EvidenceItem[],
): ClaimEvidenceEntry[] {
  return items.flatMap((item) =>
    claimLinksOf(item)
      .filter((l) => l.claimId === claimId)
      .map((l) => ({ ...l, item })),
  )
}

/** The segment's first captured frame: the earliest in the video (frames are kept in time order). */
export function firstFrameOf(item: EvidenceItem, segmentId: string): CapturedFrame | null {
  return item.frames.find((f) => f.segmentId === segmentId) ?? null
}

/** A still that stands for the item in lists: its earliest captured frame, if any. */
export function posterFrameOf(item: EvidenceItem): CapturedFrame | null {
  return item.frames[0] ?? null
}

export type FileState = FileCheck['state']

/** The state of the item's file, 'unchecked' when the session has not looked yet. */
export function fileStateOf(checks: ReadonlyMap<string, FileCheck>, itemId: string): FileState {
  return checks.get(itemId)?.state ?? 'unchecked'
}

/** The last path component, for Unix and Windows paths alike. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/)
  return parts[parts.length - 1] || path
}

/** Claim statements shortened for chips and options. */
export function shorten(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}
