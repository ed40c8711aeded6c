/**
 * Pure helpers for the claim views: grades, filters, sorting and relation directions. No React,
 * no calls to main, so the rules here are unit-tested on their own.
 */
import { bestReliability, latestAssessment } from '../../shared/claim-grading'
import { BUILTIN_STATUSES, type Claim, type ClaimRelation } from '../../shared/model/claim'
import { CREDIBILITY_GRADES, type Credibility, type Reliability } from '../../shared/model/grading'
import type { Source } from '../../shared/model/source'

// Grades and figures are shared with the main process (reports); the views import them from here.
export { bestReliability, claimCode, latestAssessment } from '../../shared/claim-grading'
export { toQuantity } from '../../shared/claim-figures'
export { readableTextColor } from '../../shared/colors'

/**
 * How a relation reads from one claim's side. A relation is stored once, from one claim to
 * another, and shown on both: contradicts, corroborates and same-as read the same either way,
 * "refines" reads "refined by" on the other claim.
 */
export const RELATION_ROLES = [
  'contradicts',
  'corroborates',
  'same-as',
  'refines',
  'refined-by',
] as const
export type RelationRole = (typeof RELATION_ROLES)[number]

export interface RelatedClaim {
  relation: ClaimRelation
  otherId: string
  role: RelationRole
}

/** Every relation touching `claimId`, as seen from that claim. */
export function relationsOf(claimId: string, relations: readonly ClaimRelation[]): RelatedClaim[] {
  const out: RelatedClaim[] = []
  for (const relation of relations) {
    const outgoing = relation.fromClaimId === claimId
    if (!outgoing && relation.toClaimId !== claimId) continue
    const role: RelationRole =
      relation.type === 'refines' && !outgoing ? 'refined-by' : relation.type
    out.push({ relation, otherId: outgoing ? relation.toClaimId : relation.fromClaimId, role })
  }
  return out
}

/** How many relations of each role a claim has (only roles that occur). */
export function relationCounts(
  claimId: string,
  relations: readonly ClaimRelation[],
): Array<{ role: RelationRole; count: number }> {
  const counts = new Map<RelationRole, number>()
  for (const { role } of relationsOf(claimId, relations))
    counts.set(role, (counts.get(role) ?? 0) + 1)
  return RELATION_ROLES.filter((r) => counts.has(r)).map((role) => ({
    role,
    count: counts.get(role) ?? 0,
  }))
}

/** The relation to store for "this claim <role> other": refined-by is refines the other way. */
export function relationInput(
  claimId: string,
  otherId: string,
  role: RelationRole,
): { type: ClaimRelation['type']; fromClaimId: string; toClaimId: string } {
  return role === 'refined-by'
    ? { type: 'refines', fromClaimId: otherId, toClaimId: claimId }
    : { type: role, fromClaimId: claimId, toClaimId: otherId }
}

/** Case-, accent- and ß-folded text for searching. */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase().replace(/ß/g, 'ss')
}

export interface ClaimFilter {
  /** Current statuses to show; empty shows all. */
  statuses: string[]
  /** A source that said or reported the claim; '' for any. */
  sourceId: string
  tagId: string
  /** The reliability in the claim's Admiralty code; 'none' for ungraded; '' for any. */
  reliability: '' | 'none' | Reliability
  /** An article with a mention of the claim; '' for any. */
  articleId: string
  /** Inclusive `YYYY-MM-DD` bounds on the date made; undated claims drop out once one is set. */
  from: string
  to: string
  /** Words to find in the statement or notes. */
  text: string
}

export const EMPTY_FILTER: ClaimFilter = {
  statuses: [],
  sourceId: '',
  tagId: '',
  reliability: '',
  articleId: '',
  from: '',
  to: '',
  text: '',
}

export function isFiltered(filter: ClaimFilter): boolean {
  return (
    filter.statuses.length > 0 ||
    filter.sourceId !== '' ||
    filter.tagId !== '' ||
    filter.reliability !== '' ||
    filter.articleId !== '' ||
    filter.from !== '' ||
    filter.to !== '' ||
    filter.text.trim() !== ''
  )
}

export function matchesFilter(
  claim: Claim,
  filter: ClaimFilter,
  sourcesById: ReadonlyMap<string, Pick<Source, 'reliability'>>,
): boolean {
  if (filter.statuses.length > 0 && !filter.statuses.includes(latestAssessment(claim).status))
    return false
  if (
    filter.sourceId &&
    !claim.saidBy.includes(filter.sourceId) &&
    !claim.reportedBy.includes(filter.sourceId)
  )
    return false
  if (filter.tagId && !claim.tagIds.includes(filter.tagId)) return false
  if (filter.reliability) {
    const grade = bestReliability(claim, sourcesById)
    if ((grade ?? 'none') !== filter.reliability) return false
  }
  if (filter.articleId && !claim.mentions.some((m) => m.articleId === filter.articleId))
    return false
  if (filter.from && (!claim.madeOn || claim.madeOn < filter.from)) return false
  if (filter.to && (!claim.madeOn || claim.madeOn > filter.to)) return false
  const words = foldText(filter.text).split(/\s+/).filter(Boolean)
  if (words.length > 0) {
    const haystack = foldText(`${claim.statement}\n${claim.notes}`)
    if (!words.every((w) => haystack.includes(w))) return false
  }
  return true
}

export const SORT_KEYS = [
  'statement',
  'figure',
  'date',
  'status',
  'credibility',
  'mentions',
] as const
export type SortKey = (typeof SORT_KEYS)[number]
export interface ClaimSort {
  key: SortKey
  direction: 'ascending' | 'descending'
}

/** The sort key's value for a claim; null sorts last in either direction. */
function sortValue(
  claim: Claim,
  key: SortKey,
  statusOrder: readonly string[],
): string | number | null {
  switch (key) {
    case 'statement':
      return claim.statement
    case 'figure':
      return claim.quantities[0]?.value ?? null
    case 'date':
      return claim.madeOn || null
    case 'status': {
      const index = statusOrder.indexOf(latestAssessment(claim).status)
      return index === -1 ? statusOrder.length : index
    }
    case 'credibility': {
      const credibility: Credibility | null = latestAssessment(claim).credibility
      return credibility === null ? null : CREDIBILITY_GRADES.indexOf(credibility)
    }
    case 'mentions':
      return claim.mentions.length
  }
}

/**
 * Claims in the requested order; claims without a value (no date, no figure, no credibility)
 * come last either way, and ties keep the order in which the claims were created.
 */
export function sortClaims(
  claims: readonly Claim[],
  sort: ClaimSort,
  statusOrder: readonly string[] = BUILTIN_STATUSES,
  collator: Intl.Collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true }),
): Claim[] {
  const sign = sort.direction === 'ascending' ? 1 : -1
  const keyed = claims.map((claim, index) => ({
    claim,
    index,
    value: sortValue(claim, sort.key, statusOrder),
  }))
  keyed.sort((a, b) => {
    if (a.value === null || b.value === null) {
      if (a.value === b.value) return a.index - b.index
      return a.value === null ? 1 : -1
    }
    const order =
      typeof a.value === 'number' && typeof b.value === 'number'
        ? a.value - b.value
        : collator.compare(String(a.value), String(b.value))
    return order === 0 ? a.index - b.index : sign * order
  })
  return keyed.map((k) => k.claim)
}

/**
 * A number as a person types it in the UI language: "3000", "3000.5", "10 000", and in English
 * "3,000" and "1,500.5", in German "3.000" and "1.500,5". With both marks the last one is the
 * decimal mark. A lone mark that could group thousands ("3,000" in English, "3.000" in German)
 * does; otherwise it is the decimal mark. Null if it is not a number.
 */
export function readNumber(input: string, locale: 'de' | 'en' = 'en'): number | null {
  let s = input.trim().replace(/[\s\u00a0\u202f']/g, '')
  if (!s) return null
  const group = locale === 'de' ? '.' : ','
  const decimal = locale === 'de' ? ',' : '.'
  if (s.includes(',') && s.includes('.')) {
    const last = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.'
    s = s
      .split(last === ',' ? '.' : ',')
      .join('')
      .replace(last, '.')
  } else if (new RegExp(`^-?\\d{1,3}(\\${group}\\d{3})+$`).test(s)) {
    s = s.split(group).join('')
  } else if (/^-?\d{1,3}([.,]\d{3}){2,}$/.test(s)) {
    s = s.replace(/[.,]/g, '')
  } else {
    s = s.replace(decimal, '.').replace(group, '.')
  }
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null
  const n = Number(s)
  return Number.isFinite(n) ? n : null
}

/** A stored number as `readNumber` reads it back in the UI language (no grouping). */
export function writeNumber(value: number, locale: 'de' | 'en' = 'en'): string {
  const s = String(value)
  return locale === 'de' ? s.replace('.', ',') : s
}
