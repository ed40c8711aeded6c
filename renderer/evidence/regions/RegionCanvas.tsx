import { type PointerEvent, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Region } from '../../../shared/model/evidence'
import { stanceTone } from '../player/timeline-layout'
import {
  type FractionRect,
  isDeliberate,
  type Point,
  pointInImage,
  rectFromCorners,
} from './region-geometry'

interface RegionCanvasProps {
  src: string
  alt: string
  regions: Region[]
  selectedId: string | null
  /** The rectangle just drawn, before it is saved. */
  pending: FractionRect | null
  onSelect(region: Region): void
  onDraw(rect: FractionRect): void
  onDeleteRequest(region: Region): void
  onError(): void
  onLoad(natural: { width: number; height: number }): void
  /** The image's own size, once loaded. */
  natural: { width: number; height: number } | null
}

/** How tall the image may be shown. */
const MAX_HEIGHT = '62vh'

/** Moves shorter than this (in screen pixels) are clicks, not the start of a rectangle. */
const DRAG_THRESHOLD = 4

const pct = (v: number) => `${v * 100}%`

/**
 * The image scaled to fit, with its regions as outlined boxes. Drag anywhere to draw a new
 * rectangle (also across an existing region); click a box to select it.
 */
export function RegionCanvas(props: RegionCanvasProps) {
  const { t } = useTranslation()
  const overlayRef = useRef<HTMLDivElement>(null)
  const press = useRef<{ x: number; y: number; from: Point; pointerId: number } | null>(null)
  const justDrew = useRef(false)
  const [drawing, setDrawing] = useState<FractionRect | null>(null)

  const pointAt = (event: PointerEvent) => {
    const box = overlayRef.current?.getBoundingClientRect()
    return box ? pointInImage(event.clientX, event.clientY, box) : { x: 0, y: 0 }
  }
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return
    justDrew.current = false
    press.current = {
      x: event.clientX,
      y: event.clientY,
      from: pointAt(event),
      pointerId: event.pointerId,
    }
  }
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const start = press.current
    if (!start) return
    const moved = Math.hypot(event.clientX - start.x, event.clientY - start.y)
    if (!drawing && moved < DRAG_THRESHOLD) return
    if (!drawing) event.currentTarget.setPointerCapture(start.pointerId)
    setDrawing(rectFromCorners(start.from, pointAt(event)))
  }
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    const start = press.current
    press.current = null
    if (!start || !drawing) return
    const rect = rectFromCorners(start.from, pointAt(event))
    setDrawing(null)
    // The click that follows a drag must not select the region the drag started on.
    justDrew.current = true
    const box = overlayRef.current?.getBoundingClientRect()
    if (box && isDeliberate(rect, box)) props.onDraw(rect)
  }

  const shownPending = drawing ?? props.pending
  // Small images are enlarged to the available width (up to a height limit) so regions can be
  // drawn precisely; the box keeps the image's aspect so the overlay matches it exactly.
  const fit = props.natural
    ? { width: `min(100%, calc(${MAX_HEIGHT} * ${props.natural.width / props.natural.height}))` }
    : undefined
  return (
    <div className={props.natural ? 'region-canvas sized' : 'region-canvas'} style={fit}>
      <img
        src={props.src}
        alt={props.alt}
        draggable={false}
        onError={props.onError}
        onLoad={(e) =>
          props.onLoad({
            width: e.currentTarget.naturalWidth,
            height: e.currentTarget.naturalHeight,
          })
        }
      />
      <div
        ref={overlayRef}
        className="region-overlay"
        data-testid="region-overlay"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => {
          press.current = null
          setDrawing(null)
        }}
        onClickCapture={(e) => {
          if (justDrew.current) {
            justDrew.current = false
            e.stopPropagation()
            e.preventDefault()
          }
        }}
      >
        {props.regions.map((region) => {
          const label = region.label || t('player.region.untitled')
          const selected = region.id === props.selectedId
          return (
            <button
              key={region.id}
              type="button"
              className={`region-box tone-${stanceTone(region.claimLinks)}${selected ? ' selected' : ''}`}
              style={{
                left: pct(region.x),
                top: pct(region.y),
                width: pct(region.width),
                height: pct(region.height),
              }}
              aria-pressed={selected}
              aria-label={t('player.region.boxLabel', { label })}
              onClick={() => props.onSelect(region)}
              onKeyDown={(e) => {
                if (e.key === 'Delete' || e.key === 'Backspace') {
                  e.preventDefault()
                  props.onDeleteRequest(region)
                }
              }}
            >
              <span className="region-tag">{label}</span>
            </button>
          )
        })}
        {shownPending && (
          <div
            className="region-box region-pending"
            style={{
              left: pct(shownPending.x),
              top: pct(shownPending.y),
              width: pct(shownPending.width),
              height: pct(shownPending.height),
            }}
            aria-hidden="true"
          />
        )}
      </div>
    </div>
  )
}
