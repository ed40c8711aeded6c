import { type KeyboardEvent, useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { ClaimQuantity } from '../../shared/model/claim'
import { dayNumber, dayTicks, monthTicks, niceTicks, spreadLabels } from './comparison'

/** One figure to plot. */
export interface TimelinePoint {
  key: string
  claimId: string
  quantity: ClaimQuantity
  /** `YYYY-MM-DD`, or '' for the undated lane. */
  madeOn: string
  color: string
  /** Short figure without unit, e.g. "≥ 3,000". */
  figure: string
  source: string
  /** A shorter name for the visible label (the full one stays in the accessible name). */
  sourceShort?: string
  /** Tooltip text. */
  tooltip: string
}

export interface TimelineLink {
  from: string
  to: string
  tooltip: string
}

const W = 900
const H = 380
const M = { top: 34, right: 12, bottom: 40, left: 64 }
const LANE_W = 190
const LANE_GAP = 18
const ARROW = 22
const LABEL_GAP = 28
const CHAR_W = 6.6
const MAX_SOURCE_CHARS = 24
/** Room right of the latest point for its label. */
const LABEL_ROOM = 180
/** Below this many days the axis shows days, above it months. */
const DAY_TICKS_UP_TO = 120

const clip = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text

/**
 * Figures over time: x is the date the claim was made (claims without a date in a lane of their
 * own), y the value. Ranges are bars, "at least"/"more than" point up, "up to"/"less than" point
 * down. Each source has a colour; dashed red lines join claims that contradict each other.
 */
export function Timeline({
  points,
  links,
  unitLabel,
  locale,
  onOpenClaim,
}: {
  points: TimelinePoint[]
  links: TimelineLink[]
  unitLabel: string
  locale: 'de' | 'en'
  onOpenClaim: (claimId: string) => void
}) {
  const { t } = useTranslation()
  const id = useId()
  const dated = points.filter((p) => p.madeOn)
  const undated = points.filter((p) => !p.madeOn)
  const plotLeft = M.left
  const plotRight = W - M.right - (undated.length > 0 ? LANE_W + LANE_GAP : 0)
  const laneLeft = plotRight + LANE_GAP
  const plotTop = M.top
  const plotBottom = H - M.bottom

  // Value scale: from zero (or the lowest value) to the highest figure, with room for arrows.
  const values = points.flatMap((p) => [p.quantity.value, p.quantity.upper ?? p.quantity.value])
  const lowest = Math.min(0, ...values)
  const highest = Math.max(...values, 1)
  const yTicks = niceTicks(lowest, highest * 1.12, 5)
  const y0 = yTicks[0] ?? 0
  const y1 = yTicks[yTicks.length - 1] ?? 1
  const y = (v: number) => plotBottom - ((v - y0) / (y1 - y0 || 1)) * (plotBottom - plotTop)

  // Date scale: a little room before the first date, room for a label after the last.
  const days = dated.map((p) => dayNumber(p.madeOn))
  const first = days.length > 0 ? Math.min(...days) : 0
  const last = days.length > 0 ? Math.max(...days) : 0
  const d0 = first - Math.max(5, (last - first) * 0.06)
  const plotWidth = plotRight - plotLeft
  const d1 = last + ((last - d0) * LABEL_ROOM) / Math.max(1, plotWidth - LABEL_ROOM)
  const x = (day: number) => plotLeft + ((day - d0) / (d1 - d0)) * plotWidth
  const shortRange = d1 - d0 <= DAY_TICKS_UP_TO
  const xTicks =
    dated.length === 0
      ? []
      : shortRange
        ? dayTicks(Math.ceil(d0), Math.floor(d1))
        : monthTicks(Math.ceil(d0), Math.floor(d1), 7)

  const numberFormat = new Intl.NumberFormat(locale, {
    notation: y1 >= 1_000_000 ? 'compact' : 'standard',
  })
  const tickFormat = new Intl.DateTimeFormat(
    locale,
    shortRange
      ? { day: 'numeric', month: 'short', timeZone: 'UTC' }
      : { month: 'short', year: 'numeric', timeZone: 'UTC' },
  )
  // Day ticks name the year once, on the first tick.
  const firstTickFormat = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  })

  // Where each point sits: claims of the same day side by side.
  const byDay = new Map<string, TimelinePoint[]>()
  for (const p of dated) byDay.set(p.madeOn, [...(byDay.get(p.madeOn) ?? []), p])
  const placed = points.map((p) => {
    let cx: number
    if (p.madeOn) {
      const same = byDay.get(p.madeOn) ?? [p]
      cx = x(dayNumber(p.madeOn)) + (same.indexOf(p) - (same.length - 1) / 2) * 14
    } else {
      cx = laneLeft + 14 + (undated.indexOf(p) % 3) * 6
    }
    const q = p.quantity
    const top = y(q.qualifier === 'range' && q.upper !== null ? q.upper : q.value)
    const base = y(q.value)
    const cy = q.qualifier === 'range' ? (top + base) / 2 : base
    return { p, cx, cy, base, top }
  })

  // Labels: figure over source, right of the point unless that runs out of room.
  const boxes = placed.map(({ p, cx, cy }) => {
    const width =
      Math.max(p.figure.length, clip(p.sourceShort ?? p.source, MAX_SOURCE_CHARS).length) * CHAR_W +
      4
    const limit = p.madeOn ? plotRight : W - M.right
    const right = cx + 10 + width <= limit
    return right
      ? { y: cy, x0: cx + 10, x1: cx + 10 + width, anchor: 'start' as const }
      : { y: cy, x0: cx - 10 - width, x1: cx - 10, anchor: 'end' as const }
  })
  const labelY = spreadLabels(boxes, LABEL_GAP, plotTop + 12, plotBottom - 12)
  const where = new Map(placed.map((pl) => [pl.p.key, pl]))

  const open = (event: KeyboardEvent, claimId: string) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault()
      onOpenClaim(claimId)
    }
  }

  return (
    <svg
      className="timeline"
      viewBox={`0 0 ${W} ${H}`}
      role="group"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
    >
      <title id={`${id}-title`}>{t('comparison.timelineTitle', { unit: unitLabel })}</title>
      <desc id={`${id}-desc`}>
        {t('comparison.timelineDesc', { count: points.length, undated: undated.length })}
      </desc>

      {/* Value axis */}
      <text className="timeline-axis-title" x={plotLeft} y={16}>
        {unitLabel}
      </text>
      {yTicks.map((v) => (
        <g key={v} className="timeline-grid">
          <line x1={plotLeft} x2={plotRight} y1={y(v)} y2={y(v)} />
          <text x={plotLeft - 8} y={y(v)} dy="0.32em" textAnchor="end">
            {numberFormat.format(v)}
          </text>
        </g>
      ))}
      {/* Date axis */}
      <line
        className="timeline-axis"
        x1={plotLeft}
        x2={plotRight}
        y1={plotBottom}
        y2={plotBottom}
      />
      {xTicks.map((iso, i) => (
        <g key={iso} className="timeline-tick">
          <line x1={x(dayNumber(iso))} x2={x(dayNumber(iso))} y1={plotBottom} y2={plotBottom + 5} />
          <text x={x(dayNumber(iso))} y={plotBottom + 18} textAnchor="middle">
            {(shortRange && i === 0 ? firstTickFormat : tickFormat).format(
              new Date(`${iso}T00:00:00Z`),
            )}
          </text>
        </g>
      ))}
      {dated.length === 0 && (
        <text
          className="timeline-note"
          x={(plotLeft + plotRight) / 2}
          y={(plotTop + plotBottom) / 2}
          textAnchor="middle"
        >
          {t('comparison.noDates')}
        </text>
      )}
      {undated.length > 0 && (
        <g className="timeline-lane">
          <rect x={laneLeft} y={plotTop} width={LANE_W} height={plotBottom - plotTop} />
          <text x={laneLeft + LANE_W / 2} y={plotBottom + 18} textAnchor="middle">
            {t('comparison.undatedLane')}
          </text>
        </g>
      )}

      {/* Contradictions under the points */}
      {links.map((link) => {
        const a = where.get(link.from)
        const b = where.get(link.to)
        if (!a || !b) return null
        return (
          <g key={`${link.from}-${link.to}`} className="timeline-contradiction">
            <title>{link.tooltip}</title>
            <line x1={a.cx} y1={a.cy} x2={b.cx} y2={b.cy} />
            <circle cx={(a.cx + b.cx) / 2} cy={(a.cy + b.cy) / 2} r={9} />
            <text
              x={(a.cx + b.cx) / 2}
              y={(a.cy + b.cy) / 2}
              dy="0.35em"
              textAnchor="middle"
              aria-hidden="true"
            >
              ⚡
            </text>
          </g>
        )
      })}

      {placed.map(({ p, cx, cy, base, top }, i) => {
        const q = p.quantity
        const box = boxes[i]
        const ly = labelY[i] ?? cy
        const up = q.qualifier === 'at-least' || q.qualifier === 'more-than'
        const down = q.qualifier === 'up-to' || q.qualifier === 'less-than'
        const hollow =
          q.qualifier === 'about' || q.qualifier === 'more-than' || q.qualifier === 'less-than'
        const tip = up ? Math.max(plotTop - 10, base - ARROW) : Math.min(plotBottom, base + ARROW)
        return (
          <g
            key={p.key}
            className="timeline-point"
            tabIndex={0}
            role="button"
            aria-label={t('comparison.openPoint', { figure: p.figure, source: p.source })}
            onClick={() => onOpenClaim(p.claimId)}
            onKeyDown={(e) => open(e, p.claimId)}
            style={{ color: p.color }}
          >
            <title>{p.tooltip}</title>
            <circle className="timeline-focus" cx={cx} cy={cy} r={11} />
            {q.qualifier === 'range' ? (
              <>
                <line className="timeline-range" x1={cx} x2={cx} y1={base} y2={top} />
                <line className="timeline-cap" x1={cx - 6} x2={cx + 6} y1={base} y2={base} />
                <line className="timeline-cap" x1={cx - 6} x2={cx + 6} y1={top} y2={top} />
              </>
            ) : (
              <>
                {(up || down) && (
                  <>
                    <line className="timeline-arrow" x1={cx} x2={cx} y1={base} y2={tip} />
                    <polygon
                      className="timeline-arrowhead"
                      points={
                        up
                          ? `${cx - 5},${tip + 7} ${cx + 5},${tip + 7} ${cx},${tip - 1}`
                          : `${cx - 5},${tip - 7} ${cx + 5},${tip - 7} ${cx},${tip + 1}`
                      }
                    />
                  </>
                )}
                <circle
                  className={hollow ? 'timeline-dot hollow' : 'timeline-dot'}
                  cx={cx}
                  cy={base}
                  r={5.5}
                />
              </>
            )}
            {box && Math.abs(ly - cy) > 8 && (
              <line
                className="timeline-leader"
                x1={box.anchor === 'start' ? cx + 6 : cx - 6}
                y1={cy}
                x2={box.anchor === 'start' ? box.x0 - 2 : box.x1 + 2}
                y2={ly}
              />
            )}
            {box && (
              <text
                className="timeline-label"
                x={box.anchor === 'start' ? box.x0 : box.x1}
                y={ly}
                textAnchor={box.anchor}
              >
                <tspan
                  className="timeline-label-figure"
                  x={box.anchor === 'start' ? box.x0 : box.x1}
                  dy="-0.15em"
                >
                  {p.figure}
                </tspan>
                <tspan
                  className="timeline-label-source"
                  x={box.anchor === 'start' ? box.x0 : box.x1}
                  dy="1.2em"
                >
                  {clip(p.sourceShort ?? p.source, MAX_SOURCE_CHARS)}
                </tspan>
              </text>
            )}
          </g>
        )
      })}
    </svg>
  )
}
