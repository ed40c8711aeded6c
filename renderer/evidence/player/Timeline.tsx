import { type PointerEvent as ReactPointerEvent, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Segment } from '../../../shared/model/evidence'
import { clampTime, formatRange, formatTimeCode, snapToFrame } from './time-code'
import { assignLanes, percentOf, stanceTone } from './timeline-layout'

export interface TimeRange {
  start: number
  end: number
}

interface TimelineProps {
  duration: number
  time: number
  fps: number
  segments: Segment[]
  selectedId: string | null
  /** The in/out points being set, before they are saved as a segment. */
  inPoint: number | null
  outPoint: number | null
  onSeek(time: number): void
  onSelect(segment: Segment): void
  /** A dragged edge was let go: save the segment's new range. */
  onResize(segment: Segment, range: TimeRange): Promise<boolean>
}

interface Drag {
  segmentId: string
  edge: 'start' | 'end'
  range: TimeRange
}

const LANE_HEIGHT = 26
const TRACK_PADDING = 6

/**
 * The whole video as a track: playhead, segments as bars (on lanes where they overlap), the
 * pending in/out range. Click the track to seek, a segment to select it, drag a segment's edge
 * to change it.
 */
export function Timeline(props: TimelineProps) {
  const { duration, fps, segments } = props
  const { t } = useTranslation()
  const trackRef = useRef<HTMLDivElement>(null)
  const [drag, setDrag] = useState<Drag | null>(null)
  const [scrubbing, setScrubbing] = useState(false)
  const lanes = assignLanes(segments)
  const laneCount = Math.max(1, ...[...lanes.values()].map((l) => l + 1))
  const frame = 1 / fps

  const timeAt = (clientX: number) => {
    const box = trackRef.current?.getBoundingClientRect()
    if (!box || box.width <= 0) return 0
    return clampTime(((clientX - box.left) / box.width) * duration, duration)
  }

  const onTrackPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (event.button !== 0 || event.target !== event.currentTarget || !(duration > 0)) return
    event.currentTarget.setPointerCapture(event.pointerId)
    setScrubbing(true)
    props.onSeek(timeAt(event.clientX))
  }

  const startDrag = (event: ReactPointerEvent, segment: Segment, edge: Drag['edge']) => {
    if (event.button !== 0) return
    event.preventDefault()
    event.stopPropagation()
    ;(event.currentTarget as Element).setPointerCapture(event.pointerId)
    setDrag({ segmentId: segment.id, edge, range: { start: segment.start, end: segment.end } })
  }
  const moveDrag = (event: ReactPointerEvent) => {
    if (!drag) return
    const at = snapToFrame(timeAt(event.clientX), fps)
    const range =
      drag.edge === 'start'
        ? { start: Math.max(0, Math.min(at, drag.range.end - frame)), end: drag.range.end }
        : {
            start: drag.range.start,
            end: Math.min(duration, Math.max(at, drag.range.start + frame)),
          }
    setDrag({ ...drag, range })
  }
  const endDrag = () => {
    if (!drag) return
    const segment = segments.find((s) => s.id === drag.segmentId)
    setDrag(null)
    if (segment && (segment.start !== drag.range.start || segment.end !== drag.range.end))
      void props.onResize(segment, drag.range)
  }

  const pending =
    props.inPoint !== null && props.outPoint !== null && props.outPoint > props.inPoint
      ? { start: props.inPoint, end: props.outPoint }
      : null

  return (
    <div className="timeline">
      <div
        ref={trackRef}
        className="timeline-track"
        style={{ height: laneCount * LANE_HEIGHT + TRACK_PADDING * 2 }}
        onPointerDown={onTrackPointerDown}
        onPointerMove={(e) => {
          if (scrubbing) props.onSeek(timeAt(e.clientX))
        }}
        onPointerUp={() => setScrubbing(false)}
        onPointerCancel={() => setScrubbing(false)}
        data-testid="timeline-track"
      >
        {pending && (
          <div
            className="timeline-pending"
            style={{
              left: `${percentOf(pending.start, duration)}%`,
              width: `${percentOf(pending.end, duration) - percentOf(pending.start, duration)}%`,
            }}
            aria-hidden="true"
          />
        )}
        {segments.map((segment) => {
          const range = drag?.segmentId === segment.id ? drag.range : segment
          const lane = lanes.get(segment.id) ?? 0
          const label = segment.label || t('player.segment.untitled')
          const selected = segment.id === props.selectedId
          return (
            <div
              key={segment.id}
              className={`timeline-segment tone-${stanceTone(segment.claimLinks)}${selected ? ' selected' : ''}`}
              style={{
                left: `${percentOf(range.start, duration)}%`,
                width: `${percentOf(range.end, duration) - percentOf(range.start, duration)}%`,
                top: TRACK_PADDING + lane * LANE_HEIGHT,
                height: LANE_HEIGHT - 4,
              }}
            >
              <button
                type="button"
                className="timeline-segment-bar"
                aria-pressed={selected}
                aria-label={`${label}, ${formatRange(range.start, range.end)}`}
                title={`${label}, ${formatRange(range.start, range.end)}`}
                onClick={() => props.onSelect(segment)}
              >
                <span className="timeline-segment-label">{label}</span>
              </button>
              {(['start', 'end'] as const).map((edge) => (
                <span
                  key={edge}
                  className={`timeline-edge timeline-edge-${edge}`}
                  data-edge={edge}
                  aria-hidden="true"
                  title={
                    edge === 'start' ? t('player.timeline.dragStart') : t('player.timeline.dragEnd')
                  }
                  onPointerDown={(e) => startDrag(e, segment, edge)}
                  onPointerMove={moveDrag}
                  onPointerUp={endDrag}
                  onPointerCancel={() => setDrag(null)}
                />
              ))}
            </div>
          )
        })}
        {props.inPoint !== null && (
          <div
            className="timeline-mark timeline-mark-in"
            style={{ left: `${percentOf(props.inPoint, duration)}%` }}
            title={t('player.inPointAt', { time: formatTimeCode(props.inPoint) })}
            aria-hidden="true"
          />
        )}
        {props.outPoint !== null && (
          <div
            className="timeline-mark timeline-mark-out"
            style={{ left: `${percentOf(props.outPoint, duration)}%` }}
            title={t('player.outPointAt', { time: formatTimeCode(props.outPoint) })}
            aria-hidden="true"
          />
        )}
        <div
          className="timeline-playhead"
          style={{ left: `${percentOf(props.time, duration)}%` }}
          aria-hidden="true"
        />
      </div>
      <div className="timeline-scale small muted" aria-hidden="true">
        <span>{formatTimeCode(0)}</span>
        {drag && (
          <span className="timeline-drag-time">
            {formatRange(drag.range.start, drag.range.end)}
          </span>
        )}
        <span>{formatTimeCode(duration)}</span>
      </div>
    </div>
  )
}
