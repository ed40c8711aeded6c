import { describe, expect, it } from 'vitest'
import {
  formatQuantity,
  parseNumber,
  parseQuantities,
  type Quantity,
  type QuantityQualifier,
} from '../../../shared/quantities'

type Lang = 'de' | 'en' | ''

interface Expected {
  value: number
  upper?: number
  qualifier: QuantityQualifier
  unit: string
  text?: string
}

function pick(q: Quantity): Expected {
  const out: Expected = { value: q.value, qualifier: q.qualifier, unit: q.unit, text: q.text }
  if (q.upper !== undefined) out.upper = q.upper
  return out
}

function only(input: string, language: Lang = ''): Quantity {
  const found = parseQuantities(input, language)
  expect(found, `quantities in ${JSON.stringify(input)}`).toHaveLength(1)
  const [q] = found
  if (q === undefined) throw new Error('unreachable')
  return q
}

// One quantity per phrase; `text` defaults to the whole phrase.
const TABLE: ReadonlyArray<readonly [string, Lang, Expected]> = [
  // The examples from articles.
  ['mindestens 3.000 Soldaten', '', { value: 3000, qualifier: 'at-least', unit: 'soldaten' }],
  ['at least 3,000 soldiers', '', { value: 3000, qualifier: 'at-least', unit: 'soldiers' }],
  ['1,500 elite soldiers', '', { value: 1500, qualifier: 'exactly', unit: 'soldiers' }],
  ['mehr als 10.000', '', { value: 10000, qualifier: 'more-than', unit: '' }],
  [
    'bis zu 12.000 bis Dezember',
    '',
    { value: 12000, qualifier: 'up-to', unit: '', text: 'bis zu 12.000' },
  ],
  ['rund 1500', '', { value: 1500, qualifier: 'about', unit: '' }],
  ['2600 Mann', '', { value: 2600, qualifier: 'exactly', unit: 'mann' }],
  ['more than 10,000 troops', '', { value: 10000, qualifier: 'more-than', unit: 'troops' }],
  ['about 1.5 million', '', { value: 1500000, qualifier: 'about', unit: '' }],
  ['zwei Brigaden', '', { value: 2, qualifier: 'exactly', unit: 'brigaden' }],
  ['etwa 11.000 bis 12.000', '', { value: 11000, upper: 12000, qualifier: 'range', unit: '' }],
  ['up to 12,000', '', { value: 12000, qualifier: 'up-to', unit: '' }],
  // Number formats.
  ['1,5 Millionen', '', { value: 1500000, qualifier: 'exactly', unit: '' }],
  ['1,5 Millionen Menschen', 'de', { value: 1500000, qualifier: 'exactly', unit: 'menschen' }],
  ['1.5 million people', 'en', { value: 1500000, qualifier: 'exactly', unit: 'people' }],
  ['10 000 Soldaten', '', { value: 10000, qualifier: 'exactly', unit: 'soldaten' }],
  ['10\u00A0000 Soldaten', '', { value: 10000, qualifier: 'exactly', unit: 'soldaten' }],
  ['10\u202F000 troops', '', { value: 10000, qualifier: 'exactly', unit: 'troops' }],
  ['1.000.000 Menschen', '', { value: 1000000, qualifier: 'exactly', unit: 'menschen' }],
  ['1,000,000 people', '', { value: 1000000, qualifier: 'exactly', unit: 'people' }],
  ['3k soldiers', '', { value: 3000, qualifier: 'exactly', unit: 'soldiers' }],
  ['3 Mrd. Dollar', '', { value: 3e9, qualifier: 'exactly', unit: 'dollar' }],
  ['2 Milliarden Euro', '', { value: 2e9, qualifier: 'exactly', unit: 'euro' }],
  ['$1.5 billion', '', { value: 1.5e9, qualifier: 'exactly', unit: '$' }],
  ['two hundred thousand people', '', { value: 200000, qualifier: 'exactly', unit: 'people' }],
  ['1.234,5 km', '', { value: 1234.5, qualifier: 'exactly', unit: 'km' }],
  // Qualifiers.
  ['wenigstens 500 Soldaten', '', { value: 500, qualifier: 'at-least', unit: 'soldaten' }],
  ['over 1,000 drones', '', { value: 1000, qualifier: 'more-than', unit: 'drones' }],
  ['über 1.000 Drohnen', '', { value: 1000, qualifier: 'more-than', unit: 'drohnen' }],
  ['as many as 100,000 troops', '', { value: 100000, qualifier: 'up-to', unit: 'troops' }],
  ['fewer than 500 civilians', '', { value: 500, qualifier: 'less-than', unit: 'civilians' }],
  ['less than 20 percent', '', { value: 20, qualifier: 'less-than', unit: 'percent' }],
  ['weniger als 500', '', { value: 500, qualifier: 'less-than', unit: '' }],
  ['unter 100 Panzer', '', { value: 100, qualifier: 'less-than', unit: 'panzer' }],
  ['around 800 vehicles', '', { value: 800, qualifier: 'about', unit: 'vehicles' }],
  ['approximately 2,000 sorties', '', { value: 2000, qualifier: 'about', unit: 'sorties' }],
  ['roughly 11,000 troops', '', { value: 11000, qualifier: 'about', unit: 'troops' }],
  ['some 11,000 troops', '', { value: 11000, qualifier: 'about', unit: 'troops' }],
  ['nearly 70 per cent', '', { value: 70, qualifier: 'about', unit: 'percent' }],
  ['almost 400 tanks', '', { value: 400, qualifier: 'about', unit: 'tanks' }],
  ['an estimated 1,000 casualties', '', { value: 1000, qualifier: 'about', unit: 'casualties' }],
  ['ca. 3.000 Mann', '', { value: 3000, qualifier: 'about', unit: 'mann' }],
  ['circa 40 Panzer', '', { value: 40, qualifier: 'about', unit: 'panzer' }],
  ['ungefähr 200 Elitesoldaten', '', { value: 200, qualifier: 'about', unit: 'elitesoldaten' }],
  ['knapp 2.000 Soldaten', '', { value: 2000, qualifier: 'about', unit: 'soldaten' }],
  ['Fast 70 Prozent', '', { value: 70, qualifier: 'about', unit: 'percent' }],
  ['exactly 1,234 prisoners', '', { value: 1234, qualifier: 'exactly', unit: 'prisoners' }],
  ['genau 1.234 Gefangene', '', { value: 1234, qualifier: 'exactly', unit: 'gefangene' }],
  ['3,000 or more soldiers', '', { value: 3000, qualifier: 'at-least', unit: 'soldiers' }],
  ['3.000 Soldaten oder mehr', '', { value: 3000, qualifier: 'at-least', unit: 'soldaten' }],
  // Ranges.
  [
    'between 1,000 and 2,000 troops',
    '',
    { value: 1000, upper: 2000, qualifier: 'range', unit: 'troops' },
  ],
  [
    'zwischen 1.000 und 2.000 Soldaten',
    '',
    { value: 1000, upper: 2000, qualifier: 'range', unit: 'soldaten' },
  ],
  ['3,000–5,000 soldiers', '', { value: 3000, upper: 5000, qualifier: 'range', unit: 'soldiers' }],
  ['3.000-5.000 Soldaten', '', { value: 3000, upper: 5000, qualifier: 'range', unit: 'soldaten' }],
  [
    'from 3,000 to 5,000 troops',
    '',
    { value: 3000, upper: 5000, qualifier: 'range', unit: 'troops' },
  ],
  ['zwei bis drei Brigaden', '', { value: 2, upper: 3, qualifier: 'range', unit: 'brigaden' }],
  ['3 to 4 brigades', '', { value: 3, upper: 4, qualifier: 'range', unit: 'brigades' }],
  ['1 bis 2 Millionen Euro', '', { value: 1e6, upper: 2e6, qualifier: 'range', unit: 'euro' }],
  ['10% bis 15%', '', { value: 10, upper: 15, qualifier: 'range', unit: 'percent' }],
  // Number words and vague plurals.
  ['a dozen drones', '', { value: 12, qualifier: 'exactly', unit: 'drones' }],
  ['more than a dozen', '', { value: 12, qualifier: 'more-than', unit: '' }],
  ['ein Dutzend Offiziere', '', { value: 12, qualifier: 'exactly', unit: 'offiziere' }],
  ['eine Million Menschen', '', { value: 1e6, qualifier: 'exactly', unit: 'menschen' }],
  ['half a million people', '', { value: 500000, qualifier: 'exactly', unit: 'people' }],
  ['zwölf Generäle', '', { value: 12, qualifier: 'exactly', unit: 'generäle' }],
  ['at least twelve', '', { value: 12, qualifier: 'at-least', unit: '' }],
  ['hundreds of soldiers', '', { value: 100, qualifier: 'at-least', unit: 'soldiers' }],
  ['Hunderte Soldaten', '', { value: 100, qualifier: 'at-least', unit: 'soldaten' }],
  [
    'Tausende nordkoreanische Soldaten',
    '',
    { value: 1000, qualifier: 'at-least', unit: 'soldaten' },
  ],
  ['tens of thousands of troops', '', { value: 10000, qualifier: 'at-least', unit: 'troops' }],
  ['Dutzende von Drohnen', '', { value: 12, qualifier: 'at-least', unit: 'drohnen' }],
  ['several thousand troops', '', { value: 1000, qualifier: 'at-least', unit: 'troops' }],
  ['mehrere hundert Soldaten', '', { value: 100, qualifier: 'at-least', unit: 'soldaten' }],
  // Units after modifiers; percentages.
  ['3.000 nordkoreanische Soldaten', '', { value: 3000, qualifier: 'exactly', unit: 'soldaten' }],
  ['3,000 North Korean soldiers', 'en', { value: 3000, qualifier: 'exactly', unit: 'soldiers' }],
  ['15%', '', { value: 15, qualifier: 'exactly', unit: 'percent' }],
  ['15 %', '', { value: 15, qualifier: 'exactly', unit: 'percent' }],
  ['15 Prozent', '', { value: 15, qualifier: 'exactly', unit: 'percent' }],
  ['2,5 Prozentpunkte', 'de', { value: 2.5, qualifier: 'exactly', unit: 'percentage points' }],
]

describe('parseQuantities: phrase table', () => {
  it('has at least 40 rows', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(40)
  })

  it.each(TABLE)('%j (%j)', (input, language, expected) => {
    const q = only(input, language)
    expect(pick(q)).toEqual({ ...expected, text: expected.text ?? input })
    expect(input.slice(q.start, q.end)).toBe(q.text)
  })
})

describe('parseQuantities: in article sentences', () => {
  it('finds several quantities in one sentence, in order, with correct offsets', () => {
    const s =
      'Laut südkoreanischem Geheimdienst schickte Nordkorea bis Dezember 2024 rund 11.000 bis ' +
      '12.000 Soldaten, von denen mindestens 3.000 getötet oder verletzt wurden.'
    const found = parseQuantities(s, 'de')
    expect(found.map(pick)).toEqual([
      {
        value: 11000,
        upper: 12000,
        qualifier: 'range',
        unit: 'soldaten',
        text: 'rund 11.000 bis 12.000 Soldaten',
      },
      { value: 3000, qualifier: 'at-least', unit: '', text: 'mindestens 3.000' },
    ])
    for (const q of found) expect(s.slice(q.start, q.end)).toBe(q.text)
  })

  it('reads an English wire sentence', () => {
    const s =
      'According to U.S. officials, at least 3,000 North Korean soldiers were killed or wounded ' +
      'by mid-January, out of roughly 11,000 deployed to the Kursk region.'
    expect(parseQuantities(s).map(pick)).toEqual([
      {
        value: 3000,
        qualifier: 'at-least',
        unit: 'soldiers',
        text: 'at least 3,000 North Korean soldiers',
      },
      { value: 11000, qualifier: 'about', unit: '', text: 'roughly 11,000' },
    ])
  })

  it('keeps counts and skips the year, date and ordinal around them', () => {
    const s =
      'Das Pentagon sprach am 4. November 2024 von 8.000 Soldaten in Kursk, Kiew von 11.000.'
    expect(parseQuantities(s).map(pick)).toEqual([
      { value: 8000, qualifier: 'exactly', unit: 'soldaten', text: '8.000 Soldaten' },
      { value: 11000, qualifier: 'exactly', unit: '', text: '11.000' },
    ])
  })

  it('mixes counts and percentages', () => {
    const s = 'Die Brigade zählte 2.600 Mann und 15 Panzer; 30 Prozent fielen.'
    expect(parseQuantities(s).map((q) => [q.value, q.unit])).toEqual([
      [2600, 'mann'],
      [15, 'panzer'],
      [30, 'percent'],
    ])
  })

  it('reports offsets in UTF-16 units after non-ASCII text', () => {
    const s = 'Außenminister: „Über 1.000 Drohnen 🚀 und knapp 2.000 Soldaten“'
    const found = parseQuantities(s)
    expect(found.map((q) => q.text)).toEqual(['Über 1.000 Drohnen', 'knapp 2.000 Soldaten'])
    for (const q of found) {
      expect(s.slice(q.start, q.end)).toBe(q.text)
      expect(q.start).toBe(s.indexOf(q.text))
    }
  })

  it('does not overlap matches', () => {
    const found = parseQuantities('3,000 or more tanks and 50 or so drones, 3 to 4 brigades')
    expect(found.map((q) => q.text)).toEqual([
      '3,000 or more tanks',
      '50 or so drones',
      '3 to 4 brigades',
    ])
    for (let k = 1; k < found.length; k++) {
      expect(found[k]?.start ?? 0).toBeGreaterThanOrEqual(found[k - 1]?.end ?? 0)
    }
  })
})

describe('separator ambiguity', () => {
  it('reads 1.500 as thousands in German and without a hint, as a decimal in English', () => {
    expect(only('1.500 Soldaten', 'de').value).toBe(1500)
    expect(only('1.500 Soldaten').value).toBe(1500)
    expect(only('1.500 soldiers', 'en').value).toBe(1.5)
  })

  it('reads 3,000 as thousands in English and without a hint, as a decimal in German', () => {
    expect(only('3,000 soldiers', 'en').value).toBe(3000)
    expect(only('3,000 soldiers').value).toBe(3000)
    expect(only('3,000', 'de').value).toBe(3)
  })

  it('reads a non-three-digit group as a decimal whatever the hint', () => {
    expect(only('1,5 Millionen', 'de').value).toBe(1.5e6)
    expect(only('1.5 Millionen', 'de').value).toBe(1.5e6)
    expect(only('2,5 Prozent', 'en').value).toBe(2.5)
    expect(only('about 1.5 million', 'en').value).toBe(1.5e6)
  })

  it('parseNumber follows the same rules', () => {
    expect(parseNumber('3.000')).toBe(3000)
    expect(parseNumber('3.000', 'en')).toBe(3)
    expect(parseNumber('3,000')).toBe(3000)
    expect(parseNumber('3,000', 'de')).toBe(3)
    expect(parseNumber('1.500', 'de')).toBe(1500)
    expect(parseNumber('1.500', 'en')).toBe(1.5)
    expect(parseNumber('12.000')).toBe(12000)
    expect(parseNumber('2600')).toBe(2600)
    expect(parseNumber('0.500')).toBe(0.5)
    expect(parseNumber('1.500,5')).toBe(1500.5)
    expect(parseNumber('1,500.5')).toBe(1500.5)
    expect(parseNumber('10 000')).toBe(10000)
    expect(parseNumber('10\u2009000')).toBe(10000)
    expect(parseNumber('1,5 Millionen')).toBe(1.5e6)
    expect(parseNumber('1.5 million')).toBe(1.5e6)
    expect(parseNumber('2,5 Mrd.')).toBe(2.5e9)
    expect(parseNumber('3k')).toBe(3000)
    expect(parseNumber('zwölf')).toBe(12)
    expect(parseNumber('a dozen')).toBe(12)
    expect(parseNumber('eine Million')).toBe(1e6)
  })

  it('parseNumber rejects what is not a single number', () => {
    for (const s of ['', 'abc', '12.10.2024', '1.2.3', '15%', 'Hunderte', '3 Soldaten']) {
      expect(parseNumber(s), s).toBeNull()
    }
  })
})

describe('not counts', () => {
  it.each([
    'Im Oktober 2024 wurden die Truppen verlegt.',
    'Im Jahr 2024 wurden die Truppen verlegt.',
    'In 2024, the troops moved.',
    'Seit 2014 herrscht Krieg.',
    'Nordkorea hat 2024 Truppen entsandt.',
    'Am 12. Oktober meldete Kiew Verluste.',
    'On October 12, 2024, Kyiv reported losses.',
    'On 12 October 2024 Kyiv reported losses.',
    'Stand: 12.10.2024',
    'Stand: 2024-10-12',
    'Um 14:30 Uhr begann der Angriff.',
    'Gegen 10 Uhr begann der Angriff.',
    'At 9 a.m. the attack began.',
    'Die 3. Brigade griff an.',
    'the 3rd brigade and the 12th battalion',
    'in the 1990s',
    'von 2022 bis 2024',
    'the F-16 and the A320 and COVID-19 and 24/7 coverage',
    'nach Artikel 5 und Resolution 2231, Seite 12, Nr. 7',
    'a 12-year-old boy',
    'one of the soldiers',
    'Two were killed.',
  ])('%j', (input) => {
    expect(parseQuantities(input)).toEqual([])
  })

  it('finds nothing in text without numbers', () => {
    expect(parseQuantities('')).toEqual([])
    expect(parseQuantities('Keine Zahlen bekannt.')).toEqual([])
    expect(parseQuantities('No figures were given by the ministry.')).toEqual([])
  })

  it('keeps a round four-digit count with a noun or a qualifier', () => {
    expect(only('2024 schickte Nordkorea 2000 Soldaten').text).toBe('2000 Soldaten')
    expect(only('rund 2000').qualifier).toBe('about')
    expect(only('Bis 2030 sollen 2000 Soldaten kommen').value).toBe(2000)
  })
})

describe('formatQuantity', () => {
  const q = (input: string, language: Lang = ''): Quantity => only(input, language)

  it('formats English with symbols by default', () => {
    expect(formatQuantity(q('mindestens 3.000 Soldaten'), 'en')).toBe('≥ 3,000 Soldaten')
    expect(formatQuantity(q('at least 3,000 soldiers'), 'en')).toBe('≥ 3,000 soldiers')
    expect(formatQuantity(q('more than 10,000 troops'), 'en')).toBe('> 10,000 troops')
    expect(formatQuantity(q('up to 12,000'), 'en')).toBe('≤ 12,000')
    expect(formatQuantity(q('fewer than 500 civilians'), 'en')).toBe('< 500 civilians')
    expect(formatQuantity(q('about 1.5 million'), 'en')).toBe('≈ 1.5 million')
    expect(formatQuantity(q('etwa 11.000 bis 12.000 Soldaten'), 'en')).toBe(
      '11,000–12,000 Soldaten',
    )
    expect(formatQuantity(q('2600 Mann'), 'en')).toBe('2,600 Mann')
    expect(formatQuantity(q('15 Prozent'), 'en')).toBe('15%')
    expect(formatQuantity(q('$1.5 billion'), 'en')).toBe('$1.5 billion')
  })

  it('formats German with words by default', () => {
    expect(formatQuantity(q('mehr als 10.000 Soldaten'), 'de')).toBe('mehr als 10.000 Soldaten')
    expect(formatQuantity(q('at least 3,000 soldiers'), 'de')).toBe('mindestens 3.000 soldiers')
    expect(formatQuantity(q('bis zu 12.000'), 'de')).toBe('bis zu 12.000')
    expect(formatQuantity(q('weniger als 500'), 'de')).toBe('weniger als 500')
    expect(formatQuantity(q('rund 1500'), 'de')).toBe('etwa 1.500')
    expect(formatQuantity(q('1,5 Millionen'), 'de')).toBe('1,5 Millionen')
    expect(formatQuantity(q('eine Million Menschen'), 'de')).toBe('1 Million Menschen')
    expect(formatQuantity(q('1 bis 2 Millionen Euro'), 'de')).toBe('1–2 Millionen Euro')
    expect(formatQuantity(q('2600 Mann'), 'de')).toBe('2.600 Mann')
    expect(formatQuantity(q('15 Prozent'), 'de')).toBe('15 %')
    expect(formatQuantity(q('5 km'), 'de')).toBe('5 km')
  })

  it('switches style on request', () => {
    expect(formatQuantity(q('at least 3,000 soldiers'), 'en', 'words')).toBe(
      'at least 3,000 soldiers',
    )
    expect(formatQuantity(q('fewer than 500 civilians'), 'en', 'words')).toBe(
      'fewer than 500 civilians',
    )
    expect(formatQuantity(q('unter 20 Prozent'), 'en', 'words')).toBe('less than 20%')
    expect(formatQuantity(q('mehr als 10.000 Soldaten'), 'de', 'symbols')).toBe('> 10.000 Soldaten')
  })
})
