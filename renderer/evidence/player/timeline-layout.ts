import type { ClaimLink } from '../../../shared/model/evidence'

interface Span {
  id: string
  start: number
  end: number
}

/**
 * Puts overlapping segments on separate lanes so each stays clickable: segments are taken in
 * order of start and go on the first lane whose last segment has ended.
 */
export function assignLanes(spans: readonly Span[]): Map<string, number> {
  const lanes = new Map<string, number>()
  const laneEnds: number[] = []
  const ordered = [...spans].sort((a, b) => a.start - b.start || a.end - b.end)
  for (const span of ordered) {
    let lane = laneEnds.findIndex((end) => end <= span.start)
    if (lane === -1) lane = laneEnds.length
    laneEnds[lane] = span.end
    lanes.set(span.id, lane)
  }
  return lanes
}

export type StanceTone = 'none' | 'supports' | 'contradicts' | 'context' | 'mixed'

/** One colour for a segment's or region's links: the stance they share, or 'mixed'. */
export function stanceTone(links: readonly ClaimLink[]): StanceTone {
  const stances = new Set(links.map((l) => l.stance))
  if (stances.has('supports') && stances.has('contradicts')) return 'mixed'
  if (stances.has('contradicts')) return 'contradicts'
  if (stances.has('supports')) return 'supports'
  if (stances.has('context')) return 'context'
  return 'none'
}

/** Position along the timeline, in percent of the duration (0 when the duration is unknown). */
export function percentOf(time: number, duration: number): number {
  if (!(duration > 0)) return 0
  return Math.min(100, Math.max(0, (time / duration) * 100))
}
