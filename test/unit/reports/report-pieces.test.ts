import { describe, expect, it } from 'vitest'
import { csvField } from '../../../main/reports/render-csv'
import { escapeHtml } from '../../../main/reports/render-html'
import { escapeMarkdown } from '../../../main/reports/render-markdown'
import { paragraphsOf } from '../../../main/reports/report-format'
import { selectClaims, withDescendantTags } from '../../../main/reports/report-selection'
import { reportText } from '../../../main/reports/report-text'
import { formatTimeCode } from '../../../shared/time-code'
import type { Claim } from '../../../shared/model/claim'
import type { Tag } from '../../../shared/model/tag'
import { REPORT_SECTIONS, ReportOptions } from '../../../shared/report-options'

const AT = '2026-03-01T10:00:00.000Z'
const tag = (id: string, parentId: string | null = null): Tag => ({
  id,
  name: id,
  color: '#123456',
  description: '',
  parentId,
  createdAt: AT,
  updatedAt: AT,
})
const claim = (id: string, madeOn: string, tagIds: string[] = []): Claim => ({
  id,
  statement: id,
  saidBy: [],
  reportedBy: [],
  madeOn,
  mentions: [],
  tagIds,
  notes: '',
  quantities: [],
  assessments: [{ status: 'unstarted', credibility: null, rationale: '', by: '', at: AT }],
  createdAt: AT,
  updatedAt: AT,
})

describe('report pieces', () => {
  it('options: a title is enough; defaults fill in every section in order', () => {
    const options = ReportOptions.parse({ title: 'Report' })
    expect(options).toMatchObject({ author: '', language: 'en', format: 'html', methodNotes: '' })
    expect(options.sections).toEqual([...REPORT_SECTIONS])
    expect(options.filter).toEqual({
      statuses: [],
      tagIds: [],
      sourceIds: [],
      articleIds: [],
      dateFrom: '',
      dateTo: '',
    })
    expect(ReportOptions.safeParse({ title: 'R', sections: ['claims', 'claims'] }).success).toBe(
      false,
    )
    expect(ReportOptions.safeParse({ title: 'R', sections: [] }).success).toBe(false)
    expect(ReportOptions.safeParse({ title: 'R', language: 'fr' }).success).toBe(false)
  })

  it('tags select the tags below them, and a cycle in a damaged codebook ends', () => {
    const tags = [tag('a'), tag('b', 'a'), tag('c', 'b'), tag('x', 'y'), tag('y', 'x')]
    expect([...withDescendantTags(['a'], tags)].sort()).toEqual(['a', 'b', 'c'])
    expect([...withDescendantTags(['x'], tags)].sort()).toEqual(['x', 'y'])
    const claims = [
      claim('late', '2024-12-01', ['c']),
      claim('undated', '', ['a']),
      claim('early', '2024-01-01', ['b']),
      claim('other', '2024-06-01', ['z']),
    ]
    const all = {
      statuses: [],
      tagIds: [],
      sourceIds: [],
      articleIds: [],
      dateFrom: '',
      dateTo: '',
    }
    expect(selectClaims(claims, all, tags).map((c) => c.id)).toEqual([
      'early',
      'other',
      'late',
      'undated',
    ])
    expect(selectClaims(claims, { ...all, tagIds: ['b'] }, tags).map((c) => c.id)).toEqual([
      'early',
      'late',
    ])
  })

  it('CSV fields: quoted when they must be, formulas defused, everything else untouched', () => {
    expect(csvField('plain text')).toBe('plain text')
    expect(csvField('a, b')).toBe('"a, b"')
    expect(csvField('say "no"')).toBe('"say ""no"""')
    expect(csvField('two\nlines')).toBe('"two\nlines"')
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvField('Ümlaut – ß')).toBe('Ümlaut – ß')
  })

  it('escapes HTML and Markdown so text shows as written', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    )
    expect(escapeMarkdown('*bold* _it_ [link](x) <b> a|b `c`')).toBe(
      '\\*bold\\* \\_it\\_ \\[link\\](x) \\<b\\> a\\|b \\`c\\`',
    )
    expect(escapeMarkdown('# not a heading\n- not a list\n1. not a list\n2024 was')).toBe(
      '\\# not a heading\n\\- not a list\n1\\. not a list\n2024 was',
    )
    expect(escapeMarkdown('AT&T &amp;')).toBe('AT&T \\&amp;')
  })

  it('time codes like the player, paragraphs of free text', () => {
    expect(formatTimeCode(0)).toBe('0:00.000')
    expect(formatTimeCode(61.5)).toBe('1:01.500')
    expect(formatTimeCode(3725.25)).toBe('1:02:05.250')
    expect(paragraphsOf('one\r\ntwo\n\n\n three \n\n')).toEqual([['one', 'two'], [' three']])
  })

  it('German fixed text: every label is filled in and translated', () => {
    const en = reportText('en')
    const de = reportText('de')
    const strings = (value: unknown, path = ''): Array<[string, string]> =>
      typeof value === 'string'
        ? [[path, value]]
        : typeof value === 'object' && value !== null
          ? Object.entries(value).flatMap(([k, v]) => strings(v, `${path}.${k}`))
          : []
    const deByPath = new Map(strings(de))
    // Only words that are the same in both languages may stay English.
    const same = strings(en)
      .filter(([path, text]) => deByPath.get(path) === text)
      .map(([, text]) => text)
    const international = ['Status', 'Person', 'NGO', 'Video', 'Codec', 'GPS', 'SHA-256', 'Format']
    expect(same.filter((text) => !international.includes(text) && text !== 'Name')).toEqual([
      'Organisation',
    ])
    expect(strings(de).every(([, text]) => text.trim() !== '')).toBe(true)
    expect(de.claim.assessed('Mira', '2. März 2026')).toBe('Bewertet von Mira am 2. März 2026')
    expect(de.titleBlock.counts(1, 3)).toBe('1 von 3 Behauptungen')
  })
})
