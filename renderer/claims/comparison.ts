/**
 * Pure helpers for comparing figures across claims: the scales and label placement of the
 * timeline. No React, no calls to main. Unit grouping lives in shared/ (reports use it too).
 */
export {
  type ComparisonRow,
  groupByUnit,
  type UnitGroup,
  unitKey,
  unitStem,
} from '../../shared/claim-figures'

/** Round tick values covering [min, max] in about `count` steps of 1, 2, 2.5 or 5 × 10ⁿ. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return []
  if (max < min) [min, max] = [max, min]
  if (max === min) {
    if (max === 0) return [0, 1]
    const pad = Math.abs(max) / 2
    min -= pad
    max += pad
  }
  const rough = (max - min) / Math.max(1, count)
  const power = 10 ** Math.floor(Math.log10(rough))
  // The round step nearest to the rough one (by ratio).
  const step = [1, 2, 2.5, 5, 10]
    .map((m) => m * power)
    .reduce((best, s) =>
      Math.abs(Math.log(s / rough)) < Math.abs(Math.log(best / rough)) ? s : best,
    )
  const first = Math.floor(min / step) * step
  const ticks: number[] = []
  for (let v = first; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)))
  if ((ticks.at(-1) ?? -Infinity) < max)
    ticks.push(Number((first + ticks.length * step).toPrecision(12)))
  return ticks
}

/** Days since 1970-01-01 for a `YYYY-MM-DD` date. */
export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000)
}

function isoOfDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10)
}

/**
 * Month ticks (first of the month, `YYYY-MM-DD`) across [from, to] (day numbers), every 1, 2,
 * 3, 6 or 12 months so that there are at most `maxTicks`.
 */
export function monthTicks(from: number, to: number, maxTicks = 8): string[] {
  const start = new Date(from * 86_400_000)
  const end = new Date(to * 86_400_000)
  const months =
    (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() - start.getUTCMonth()
  const step = [1, 2, 3, 6, 12, 24, 60].find((s) => months / s < maxTicks) ?? 120
  const ticks: string[] = []
  // Start on a month that is a multiple of the step, so quarters and years line up.
  let y = start.getUTCFullYear()
  let m = Math.ceil((start.getUTCMonth() + (start.getUTCDate() > 1 ? 1 : 0)) / step) * step
  for (;;) {
    y += Math.floor(m / 12)
    m %= 12
    const day = Math.round(Date.UTC(y, m, 1) / 86_400_000)
    if (day > to) break
    if (day >= from) ticks.push(isoOfDay(day))
    m += step
  }
  return ticks
}

/**
 * Date ticks for short ranges (`YYYY-MM-DD`): the 1st, 8th, 15th and 22nd of each month up to
 * about six weeks, else the 1st and 15th. For longer ranges use `monthTicks`.
 */
export function dayTicks(from: number, to: number): string[] {
  const days = to - from <= 45 ? [1, 8, 15, 22] : [1, 15]
  const ticks: string[] = []
  const start = new Date(from * 86_400_000)
  for (let y = start.getUTCFullYear(), m = start.getUTCMonth(); ; m++) {
    const monthStart = Math.round(Date.UTC(y, m, 1) / 86_400_000)
    if (monthStart > to) break
    for (const d of days) {
      const day = monthStart + d - 1
      if (day >= from && day <= to) ticks.push(isoOfDay(day))
    }
  }
  return ticks
}

export interface LabelBox {
  /** Preferred vertical centre. */
  y: number
  x0: number
  x1: number
}

/**
 * Vertical centres for labels so that none overlap another whose horizontal extent it shares:
 * each label keeps its place if it can, else moves to the nearest free slot (`gap` apart),
 * within [top, bottom]. Returns the centres in input order.
 */
export function spreadLabels(
  labels: readonly LabelBox[],
  gap: number,
  top: number,
  bottom: number,
): number[] {
  const placed: Array<LabelBox & { at: number }> = []
  const out = new Array<number>(labels.length)
  const order = labels.map((label, i) => ({ label, i })).sort((a, b) => a.label.y - b.label.y)
  for (const { label, i } of order) {
    const clashes = (y: number) =>
      placed.some((p) => p.x0 < label.x1 && label.x0 < p.x1 && Math.abs(p.at - y) < gap)
    let at = Math.min(Math.max(label.y, top), bottom)
    if (clashes(at)) {
      for (let k = 1; k < 200; k++) {
        const down = at + k * (gap / 2)
        const up = at - k * (gap / 2)
        if (down <= bottom && !clashes(down)) {
          at = down
          break
        }
        if (up >= top && !clashes(up)) {
          at = up
          break
        }
      }
    }
    placed.push({ ...label, at })
    out[i] = at
  }
  return out
}
