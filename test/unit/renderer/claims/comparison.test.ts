import { describe, expect, it } from 'vitest'
import type { Claim, ClaimQuantity } from '../../../../shared/model/claim'
import {
  dayNumber,
  dayTicks,
  groupByUnit,
  monthTicks,
  niceTicks,
  spreadLabels,
  unitKey,
  unitStem,
} from '../../../../renderer/claims/comparison'

const figure = (
  value: number,
  unit: string,
  extra: Partial<ClaimQuantity> = {},
): ClaimQuantity => ({
  value,
  upper: null,
  qualifier: 'exactly',
  unit,
  text: `${value} ${unit}`,
  ...extra,
})

let n = 0
const claim = (quantities: ClaimQuantity[], madeOn = ''): Claim => ({
  id: `c${++n}`,
  statement: quantities.map((q) => q.text).join(', ') || 'no figure',
  saidBy: [],
  reportedBy: [],
  madeOn,
  mentions: [],
  tagIds: [],
  notes: '',
  quantities,
  assessments: [
    {
      status: 'unstarted',
      credibility: null,
      rationale: '',
      by: '',
      at: '2024-11-01T00:00:00.000Z',
    },
  ],
  createdAt: '2024-11-01T00:00:00.000Z',
  updatedAt: '2024-11-01T00:00:00.000Z',
})

describe('unitKey', () => {
  it('treats soldiers, Soldaten, troops, Truppen, Mann and Elitesoldaten as one quantity', () => {
    const units = ['soldiers', 'soldier', 'Soldaten', 'soldat', 'troops', 'Truppen', 'Mann', 'men']
    const compounds = [
      'Elitesoldaten',
      'elite soldiers',
      'Bodentruppen',
      'Kampftruppen',
      'personnel',
    ]
    const keys = new Set([...units, ...compounds].map(unitKey))
    expect([...keys]).toEqual(['troops'])
  })

  it('joins singular and plural in either language', () => {
    expect(unitKey('Brigade')).toBe(unitKey('Brigaden'))
    expect(unitKey('brigade')).toBe(unitKey('brigades'))
    expect(unitKey('Rakete')).toBe(unitKey('missiles'))
    expect(unitKey('Drohne')).toBe(unitKey('drones'))
    expect(unitKey('Panzer')).toBe(unitKey('tanks'))
    expect(unitKey('casualty')).toBe(unitKey('casualties'))
    expect(unitKey('Zivilisten')).toBe(unitKey('civilians'))
    expect(unitKey('Tote')).toBe(unitKey('Toten'))
    expect(unitKey('Tote')).toBe(unitKey('dead'))
  })

  it('keeps different things apart', () => {
    expect(unitKey('soldiers')).not.toBe(unitKey('civilians'))
    expect(unitKey('soldiers')).not.toBe(unitKey('women'))
    expect(unitKey('tanks')).not.toBe(unitKey('drones'))
    expect(unitKey('percent')).toBe('percent')
    expect(unitKey('$')).toBe(unitKey('dollars'))
    expect(unitKey('€')).not.toBe(unitKey('$'))
    expect(unitKey('')).toBe('')
    expect(unitKey('  ')).toBe('')
  })

  it('stems without mangling short words', () => {
    expect(unitStem('km')).toBe('km')
    expect(unitStem('men')).toBe('men')
    expect(unitStem('Mann')).toBe('mann')
    expect(unitStem('bus')).toBe('bus')
    expect(unitStem('Kilometer')).toBe('kilometer')
    expect(unitStem('kilometers')).toBe('kilometer')
  })
})

describe('groupByUnit', () => {
  it('groups the canonical example into one group, dated figures first, by date then value', () => {
    const us = claim([figure(3000, 'soldiers', { qualifier: 'at-least' })], '2024-10-23')
    const nis = claim([figure(1500, 'Elitesoldaten')], '2024-10-18')
    const hur = claim([figure(10000, 'Soldaten', { qualifier: 'more-than' })], '2024-10-25')
    const planned = claim([figure(12000, 'troops')])
    const other = claim([figure(2, 'Brigaden')], '2024-10-01')
    const none = claim([])
    const groups = groupByUnit([us, nis, hur, planned, other, none])
    expect(groups.map((g) => g.key)).toEqual(['troops', unitKey('Brigaden')])
    const troops = groups[0]
    expect(troops?.rows.map((r) => r.claim.id)).toEqual([nis.id, us.id, hur.id, planned.id])
    expect(troops?.units).toHaveLength(4)
  })

  it('lists a claim once per figure, and the most used spelling first', () => {
    const a = claim([
      figure(11000, 'Soldaten', { qualifier: 'range', upper: 12000 }),
      figure(5, 'Brigaden'),
    ])
    const b = claim([figure(3000, 'Soldaten')])
    const c = claim([figure(3000, 'soldiers')])
    const [troops, brigades] = groupByUnit([a, b, c])
    expect(troops?.units).toEqual(['Soldaten', 'soldiers'])
    expect(troops?.rows.map((r) => [r.claim.id, r.index])).toEqual([
      [b.id, 0],
      [c.id, 0],
      [a.id, 0],
    ])
    expect(brigades?.rows.map((r) => [r.claim.id, r.index])).toEqual([[a.id, 1]])
  })
})

describe('niceTicks', () => {
  it('covers the range with round steps', () => {
    expect(niceTicks(0, 13440, 5)).toEqual([0, 2500, 5000, 7500, 10000, 12500, 15000])
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1])
    expect(niceTicks(0, 0)).toEqual([0, 1])
    const ticks = niceTicks(0, 3360, 5)
    expect(ticks[0]).toBe(0)
    expect(ticks.at(-1)).toBeGreaterThanOrEqual(3360)
  })
})

describe('monthTicks', () => {
  it('marks the first of each month inside the range', () => {
    expect(monthTicks(dayNumber('2024-09-20'), dayNumber('2024-12-10'))).toEqual([
      '2024-10-01',
      '2024-11-01',
      '2024-12-01',
    ])
  })

  it('thins out over long ranges and aligns with quarters and years', () => {
    const ticks = monthTicks(dayNumber('2022-02-10'), dayNumber('2024-11-30'), 8)
    expect(ticks.length).toBeLessThanOrEqual(8)
    expect(ticks[0]).toBe('2022-07-01')
    expect(ticks.every((t) => ['01', '07'].includes(t.slice(5, 7)))).toBe(true)
  })
})

describe('dayTicks', () => {
  it('marks weeks over short ranges and half months over longer ones', () => {
    expect(dayTicks(dayNumber('2024-10-13'), dayNumber('2024-10-30'))).toEqual([
      '2024-10-15',
      '2024-10-22',
    ])
    expect(dayTicks(dayNumber('2024-10-10'), dayNumber('2025-01-05'))).toEqual([
      '2024-10-15',
      '2024-11-01',
      '2024-11-15',
      '2024-12-01',
      '2024-12-15',
      '2025-01-01',
    ])
  })
})

describe('spreadLabels', () => {
  it('keeps labels in place when they do not collide', () => {
    expect(
      spreadLabels(
        [
          { y: 50, x0: 0, x1: 40 },
          { y: 52, x0: 100, x1: 140 },
        ],
        20,
        0,
        300,
      ),
    ).toEqual([50, 52])
  })

  it('moves colliding labels apart and stays within bounds', () => {
    const ys = spreadLabels(
      [
        { y: 100, x0: 0, x1: 50 },
        { y: 104, x0: 10, x1: 60 },
        { y: 290, x0: 0, x1: 50 },
        { y: 295, x0: 0, x1: 50 },
      ],
      20,
      0,
      300,
    )
    expect(ys[0]).toBe(100)
    expect(Math.abs((ys[1] ?? 0) - (ys[0] ?? 0))).toBeGreaterThanOrEqual(20)
    expect(Math.abs((ys[3] ?? 0) - (ys[2] ?? 0))).toBeGreaterThanOrEqual(20)
    expect(Math.max(...ys)).toBeLessThanOrEqual(300)
  })
})
