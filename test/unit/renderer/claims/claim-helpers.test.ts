import { describe, expect, it } from 'vitest'
import type { Assessment, Claim, ClaimRelation } from '../../../../shared/model/claim'
import type { Reliability } from '../../../../shared/model/grading'
import { formatQuantity } from '../../../../shared/quantities'
import {
  bestReliability,
  claimCode,
  EMPTY_FILTER,
  isFiltered,
  matchesFilter,
  readableTextColor,
  readNumber,
  relationCounts,
  relationInput,
  relationsOf,
  sortClaims,
  toQuantity,
  writeNumber,
} from '../../../../renderer/claims/claim-helpers'

const T = '2024-11-01T00:00:00.000Z'
const assessment = (patch: Partial<Assessment> = {}): Assessment => ({
  status: 'unstarted',
  credibility: null,
  rationale: '',
  by: 'me',
  at: T,
  ...patch,
})
const claim = (id: string, patch: Partial<Claim> = {}): Claim => ({
  id,
  statement: id,
  saidBy: [],
  reportedBy: [],
  madeOn: '',
  mentions: [],
  tagIds: [],
  notes: '',
  quantities: [],
  assessments: [assessment()],
  createdAt: T,
  updatedAt: T,
  ...patch,
})
const sources = new Map<string, { reliability: Reliability | null }>([
  ['us', { reliability: 'B' }],
  ['nis', { reliability: 'C' }],
  ['unknown', { reliability: 'F' }],
  ['ungraded', { reliability: null }],
  ['tass', { reliability: 'E' }],
])
const relation = (
  id: string,
  type: ClaimRelation['type'],
  fromClaimId: string,
  toClaimId: string,
): ClaimRelation => ({ id, type, fromClaimId, toClaimId, note: '', createdAt: T })

describe('Admiralty code', () => {
  it('pairs the most reliable "said by" source with the current credibility', () => {
    const c = claim('a', {
      saidBy: ['nis', 'us', 'ungraded'],
      reportedBy: ['tass'],
      assessments: [assessment({ credibility: '4' }), assessment({ credibility: '2' })],
    })
    expect(bestReliability(c, sources)).toBe('B')
    expect(claimCode(c, sources)).toBe('B2')
  })

  it('treats F as "cannot be judged", not as the worst grade', () => {
    expect(bestReliability(claim('a', { saidBy: ['unknown', 'tass'] }), sources)).toBe('E')
    expect(bestReliability(claim('a', { saidBy: ['unknown'] }), sources)).toBe('F')
  })

  it('ignores reporters and shows dashes for what is not graded', () => {
    const c = claim('a', { reportedBy: ['us'] })
    expect(bestReliability(c, sources)).toBeNull()
    expect(claimCode(c, sources)).toBe('––')
    expect(claimCode(claim('b', { saidBy: ['missing', 'ungraded'] }), sources)).toBe('––')
  })
})

describe('relations seen from one claim', () => {
  const relations = [
    relation('r1', 'contradicts', 'a', 'b'),
    relation('r2', 'refines', 'c', 'a'),
    relation('r3', 'refines', 'a', 'd'),
    relation('r4', 'same-as', 'b', 'c'),
  ]

  it('shows a relation on both claims; refines reads refined-by the other way', () => {
    expect(relationsOf('a', relations).map((r) => [r.role, r.otherId])).toEqual([
      ['contradicts', 'b'],
      ['refined-by', 'c'],
      ['refines', 'd'],
    ])
    expect(relationsOf('b', relations).map((r) => [r.role, r.otherId])).toEqual([
      ['contradicts', 'a'],
      ['same-as', 'c'],
    ])
    expect(relationCounts('a', relations)).toEqual([
      { role: 'contradicts', count: 1 },
      { role: 'refines', count: 1 },
      { role: 'refined-by', count: 1 },
    ])
  })

  it('stores "refined by" as the other claim refining this one', () => {
    expect(relationInput('a', 'b', 'refined-by')).toEqual({
      type: 'refines',
      fromClaimId: 'b',
      toClaimId: 'a',
    })
    expect(relationInput('a', 'b', 'contradicts')).toEqual({
      type: 'contradicts',
      fromClaimId: 'a',
      toClaimId: 'b',
    })
  })
})

describe('filters', () => {
  const c = claim('a', {
    statement: 'Mindestens 3.000 nordkoreanische Soldaten in Kursk',
    notes: 'Quelle: Südkoreas Geheimdienst',
    saidBy: ['nis'],
    reportedBy: ['us'],
    madeOn: '2024-10-18',
    tagIds: ['t1'],
    mentions: [{ articleId: 'art1', annotationId: 'an1' }],
    assessments: [assessment({ status: 'in-progress', credibility: '3' })],
  })
  const match = (patch: Partial<typeof EMPTY_FILTER>) =>
    matchesFilter(c, { ...EMPTY_FILTER, ...patch }, sources)

  it('matches everything without filters', () => {
    expect(isFiltered(EMPTY_FILTER)).toBe(false)
    expect(match({})).toBe(true)
  })

  it('filters by status, source (said or reported), tag, grade and article', () => {
    expect(match({ statuses: ['in-progress', 'verified'] })).toBe(true)
    expect(match({ statuses: ['verified'] })).toBe(false)
    expect(match({ sourceId: 'us' })).toBe(true)
    expect(match({ sourceId: 'tass' })).toBe(false)
    expect(match({ tagId: 't1' })).toBe(true)
    expect(match({ tagId: 't2' })).toBe(false)
    expect(match({ reliability: 'C' })).toBe(true)
    expect(match({ reliability: 'B' })).toBe(false)
    expect(match({ reliability: 'none' })).toBe(false)
    expect(matchesFilter(claim('x'), { ...EMPTY_FILTER, reliability: 'none' }, sources)).toBe(true)
    expect(match({ articleId: 'art1' })).toBe(true)
    expect(match({ articleId: 'art2' })).toBe(false)
  })

  it('filters by date range, leaving undated claims out once a bound is set', () => {
    expect(match({ from: '2024-10-18', to: '2024-10-18' })).toBe(true)
    expect(match({ from: '2024-10-19' })).toBe(false)
    expect(match({ to: '2024-10-17' })).toBe(false)
    expect(matchesFilter(claim('x'), { ...EMPTY_FILTER, to: '2030-01-01' }, sources)).toBe(false)
  })

  it('searches statements and notes, ignoring case, accents and word order', () => {
    expect(match({ text: 'soldaten NORDKOREANISCHE' })).toBe(true)
    expect(match({ text: 'sudkoreas' })).toBe(true)
    expect(match({ text: 'Soldaten Belgorod' })).toBe(false)
  })
})

describe('sortClaims', () => {
  const a = claim('a', {
    statement: 'Beta',
    madeOn: '2024-10-23',
    quantities: [{ value: 3000, upper: null, qualifier: 'at-least', unit: 'soldiers', text: '' }],
    assessments: [assessment({ status: 'verified', credibility: '2' })],
  })
  const b = claim('b', {
    statement: 'alpha',
    madeOn: '2024-10-18',
    mentions: [
      { articleId: 'x', annotationId: '1' },
      { articleId: 'x', annotationId: '2' },
    ],
    quantities: [{ value: 1500, upper: null, qualifier: 'exactly', unit: 'soldiers', text: '' }],
    assessments: [assessment({ status: 'in-progress', credibility: '6' })],
  })
  const c = claim('c', { statement: 'Gamma' })
  const ids = (claims: Claim[]) => claims.map((x) => x.id)

  it('sorts by each key, with missing values last in both directions', () => {
    expect(ids(sortClaims([a, b, c], { key: 'statement', direction: 'ascending' }))).toEqual([
      'b',
      'a',
      'c',
    ])
    expect(ids(sortClaims([a, b, c], { key: 'date', direction: 'ascending' }))).toEqual([
      'b',
      'a',
      'c',
    ])
    expect(ids(sortClaims([a, b, c], { key: 'date', direction: 'descending' }))).toEqual([
      'a',
      'b',
      'c',
    ])
    expect(ids(sortClaims([c, a, b], { key: 'figure', direction: 'descending' }))).toEqual([
      'a',
      'b',
      'c',
    ])
    expect(ids(sortClaims([a, b, c], { key: 'credibility', direction: 'ascending' }))).toEqual([
      'a',
      'b',
      'c',
    ])
    expect(ids(sortClaims([a, b, c], { key: 'mentions', direction: 'descending' }))).toEqual([
      'b',
      'a',
      'c',
    ])
    expect(ids(sortClaims([a, b, c], { key: 'status', direction: 'ascending' }))).toEqual([
      'c',
      'b',
      'a',
    ])
  })
})

describe('numbers and figures', () => {
  it('reads numbers as typed in the UI language', () => {
    expect(readNumber('3000')).toBe(3000)
    expect(readNumber('3,000')).toBe(3000)
    expect(readNumber('3,000', 'de')).toBe(3)
    expect(readNumber('3.000', 'de')).toBe(3000)
    expect(readNumber('3.000')).toBe(3)
    expect(readNumber('1.500,5', 'de')).toBe(1500.5)
    expect(readNumber('1,500.5')).toBe(1500.5)
    expect(readNumber('10 000')).toBe(10000)
    expect(readNumber('2,5', 'de')).toBe(2.5)
    expect(readNumber('1.000.000')).toBe(1_000_000)
    expect(readNumber('')).toBeNull()
    expect(readNumber('viele')).toBeNull()
    for (const locale of ['de', 'en'] as const)
      for (const v of [1.234, 3000, 0.5, -12])
        expect(readNumber(writeNumber(v, locale), locale)).toBe(v)
  })

  it('formats a stored figure through the shared formatter', () => {
    const q = {
      value: 3000,
      upper: null,
      qualifier: 'at-least',
      unit: 'soldiers',
      text: 'x',
    } as const
    expect(formatQuantity(toQuantity(q), 'en')).toBe('≥ 3,000 soldiers')
    expect(
      formatQuantity(toQuantity({ ...q, qualifier: 'range', value: 11000, upper: 12000 }), 'de'),
    ).toBe('11.000–12.000 Soldiers')
  })

  it('picks readable text on custom status colours', () => {
    expect(readableTextColor('#ffffff')).toBe('#000000')
    expect(readableTextColor('#f0e442')).toBe('#000000')
    expect(readableTextColor('#1f5fae')).toBe('#ffffff')
    expect(readableTextColor('#7b3fd1')).toBe('#ffffff')
  })
})
