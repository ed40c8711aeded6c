/**
 * Figures of claims compared across sources: which units count as the same thing, and the rows
 * of the comparison table grouped by unit. Pure, shared by the comparison view and reports.
 *
 * Units are compared by a crude stem (lowercased, English "-s/-ies" and German "-en/-e" endings
 * dropped), so "soldier"/"soldiers", "Brigade"/"Brigaden" and "Rakete"/"Raketen" meet. Words that
 * mean the same thing in a comparison ("soldiers", "Soldaten", "troops", "Truppen", "Mann") are
 * mapped to one concept through a small synonym table; German compounds whose last part is such
 * a word ("Elitesoldaten", "Bodentruppen", "Kampfdrohnen") join that concept too.
 */
import type { Claim, ClaimQuantity } from './model/claim'
import { compareOptionalDates } from './model/common'
import type { Quantity } from './quantities'

/** A stored figure in the shape `formatQuantity` takes. */
export function toQuantity(q: ClaimQuantity): Quantity {
  return {
    value: q.value,
    ...(q.upper === null ? {} : { upper: q.upper }),
    qualifier: q.qualifier,
    unit: q.unit,
    text: q.text,
    start: 0,
    end: q.text.length,
  }
}

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
  return compareOptionalDates(a.claim.madeOn, b.claim.madeOn) || a.quantity.value - b.quantity.value
}
