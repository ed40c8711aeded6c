/**
 * Pure helpers for comparing figures across claims: which units count as the same thing, and the
 * scales and label placement of the timeline. No React, no calls to main.
 *
 * Units are compared by a crude stem (lowercased, English "-s/-ies" and German "-en/-e" endings
 * dropped), so "soldier"/"soldiers", "Brigade"/"Brigaden" and "Rakete"/"Raketen" meet. Words that
 * mean the same thing in a comparison ("soldiers", "Soldaten", "troops", "Truppen", "Mann") are
 * mapped to one concept through a small synonym table; German compounds whose last part is such
 * a word ("Elitesoldaten", "Bodentruppen", "Kampfdrohnen") join that concept too.
 */
import type { Claim, ClaimQuantity } from '../../shared/model/claim'

/** Concepts and the unit words (any number, either language) that name them. */
const SYNONYMS: Record<string, readonly string[]> = {
  troops: [
    'soldier',
    'soldiers',
    'soldat',
    'soldaten',
    'troop',
    'troops',
    'truppe',
    'truppen',
    'mann',
    'men',
    'elitesoldaten',
    'servicemen',
    'military personnel',
    'personnel',
    'militärangehörige',
    'fighters',
    'kämpfer',
  ],
  people: ['people', 'persons', 'person', 'personen', 'menschen', 'mensch'],
  civilians: ['civilian', 'civilians', 'zivilist', 'zivilisten', 'zivilpersonen'],
  dead: ['dead', 'deaths', 'killed', 'tote', 'toten', 'todesopfer', 'gefallene', 'gefallenen'],
  wounded: ['wounded', 'injured', 'verletzte', 'verletzten', 'verwundete', 'verwundeten'],
  casualties: ['casualties', 'losses', 'verluste', 'opfer', 'victims'],
  refugees: ['refugees', 'flüchtlinge', 'geflüchtete', 'geflüchteten'],
  tanks: ['tanks', 'panzer'],
  drones: ['drones', 'drohnen'],
  missiles: ['missiles', 'rockets', 'raketen', 'marschflugkörper'],
  shells: ['shells', 'artillery shells', 'granaten', 'geschosse'],
  dollars: ['$', 'dollar', 'dollars', 'usd', 'us-dollar'],
  euros: ['€', 'euro', 'euros', 'eur'],
}

/** A unit word reduced to a stem that its singular and plural share. */
export function unitStem(unit: string): string {
  let w = unit.normalize('NFC').trim().toLocaleLowerCase().replace(/\s+/g, ' ')
  if (w.length > 3 && w.endsWith('ies')) return `${w.slice(0, -3)}y`
  if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1)
  if (w.length > 4 && w.endsWith('en')) w = w.slice(0, -2)
  else if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1)
  return w
}

const CONCEPT_BY_STEM = new Map<string, string>()
for (const [concept, words] of Object.entries(SYNONYMS))
  for (const word of words) CONCEPT_BY_STEM.set(unitStem(word), concept)
/** Stems long enough to recognise as the head of a German compound, longest first. */
const COMPOUND_HEADS = [...CONCEPT_BY_STEM.keys()]
  .filter((stem) => stem.length >= 5 && !stem.includes(' '))
  .sort((a, b) => b.length - a.length)

/**
 * The group a unit belongs to: a concept name from the synonym table ("troops"), else the unit's
 * stem. '' stays '' (a bare number).
 */
export function unitKey(unit: string): string {
  const stem = unitStem(unit)
  if (stem === '') return ''
  const concept = CONCEPT_BY_STEM.get(stem)
  if (concept) return concept
  const head = COMPOUND_HEADS.find((h) => stem.endsWith(h) && stem.length > h.length)
  return head ? (CONCEPT_BY_STEM.get(head) ?? stem) : stem
}

export interface ComparisonRow {
  claim: Claim
  quantity: ClaimQuantity
  /** The figure's index in the claim's quantities. */
  index: number
}

export interface UnitGroup {
  key: string
  /** The units as written in this group, most frequent first. */
  units: string[]
  rows: ComparisonRow[]
}

/**
 * Every figure of every claim, grouped by unit: largest group first (ties by key). Within a
 * group, rows are ordered by date made (undated last), then value.
 */
export function groupByUnit(claims: readonly Claim[]): UnitGroup[] {
  const groups = new Map<string, { rows: ComparisonRow[]; units: Map<string, number> }>()
  for (const claim of claims) {
    claim.quantities.forEach((quantity, index) => {
      const key = unitKey(quantity.unit)
      const group = groups.get(key) ?? { rows: [], units: new Map<string, number>() }
      group.rows.push({ claim, quantity, index })
      const unit = quantity.unit.trim()
      if (unit) group.units.set(unit, (group.units.get(unit) ?? 0) + 1)
      groups.set(key, group)
    })
  }
  return [...groups.entries()]
    .map(([key, group]) => ({
      key,
      units: [...group.units.entries()].sort((a, b) => b[1] - a[1]).map(([unit]) => unit),
      rows: group.rows.sort(compareRows),
    }))
    .sort((a, b) => b.rows.length - a.rows.length || a.key.localeCompare(b.key))
}

function compareRows(a: ComparisonRow, b: ComparisonRow): number {
  const da = a.claim.madeOn
  const db = b.claim.madeOn
  if (da !== db) {
    if (!da) return 1
    if (!db) return -1
    return da < db ? -1 : 1
  }
  return a.quantity.value - b.quantity.value
}

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
