import { describe, expect, it } from 'vitest'
import { TOKEN_GROUPED_NUMBER, tokenize } from '../../../main/search/tokenize'

const keys = (text: string): string[] => tokenize(text).map((t) => t.key)

/** Every token's range must cut out exactly what it was read from. */
function expectRangesIn(text: string): void {
  for (const token of tokenize(text)) {
    const original = text.slice(token.start, token.end)
    expect(
      original
        .normalize('NFC')
        .toLocaleLowerCase()
        .replace(/\u00AD/g, ''),
    ).toBe(
      token.flags & TOKEN_GROUPED_NUMBER
        ? original.replace(/[\u00A0\u202F\u2009]/g, ' ').replace(/’/g, "'")
        : token.key,
    )
  }
}

describe('tokenize', () => {
  it('splits on everything but letters, marks and digits, and lowercases', () => {
    const text = 'Das Kanzleramt „bestätigte“ den BERICHT (S. 12) – laut O’Neill: COVID-19!'
    expect(keys(text)).toEqual([
      'das',
      'kanzleramt',
      'bestätigte',
      'den',
      'bericht',
      's',
      '12',
      'laut',
      'o',
      'neill',
      'covid',
      '19',
    ])
    expectRangesIn(text)
  })

  it('keeps Cyrillic words whole and lowercases them', () => {
    expect(keys('Представитель министерства ЗАЯВИЛ: «Ёлки» — фейк')).toEqual([
      'представитель',
      'министерства',
      'заявил',
      'ёлки',
      'фейк',
    ])
    expect(keys('Уряд спростував інформацію про їжу й воду')).toEqual([
      'уряд',
      'спростував',
      'інформацію',
      'про',
      'їжу',
      'й',
      'воду',
    ])
  })

  it('reads grouped numbers as one token and leaves decimals, times and lists alone', () => {
    const tokens = tokenize('3.000 und 3,000 und 10 000 und 10\u00A0000 und 1.234.567 Soldaten')
    expect(tokens.filter((t) => t.flags & TOKEN_GROUPED_NUMBER).map((t) => t.key)).toEqual([
      '3.000',
      '3,000',
      '10 000',
      '10 000',
      '1.234.567',
    ])
    expect(keys('3,5 Prozent um 12.30 Uhr')).toEqual(['3', '5', 'prozent', 'um', '12', '30', 'uhr'])
    expect(keys('In 2019, 300 people; 2024 300')).toEqual([
      'in',
      '2019',
      '300',
      'people',
      '2024',
      '300',
    ])
    expect(keys('3.0000 and 12345.678')).toEqual(['3', '0000', 'and', '12345', '678'])
    expect(keys('Ende 2.500.')).toEqual(['ende', '2.500'])
    expectRangesIn('Ende 2.500. Es waren 10 000 Menschen')
  })

  it('points into the original text when it is not NFC', () => {
    const text = 'Laut Mu\u0308ller war es gro\u00DF'
    const tokens = tokenize(text)
    expect(tokens.map((t) => t.key)).toEqual(['laut', 'müller', 'war', 'es', 'groß'])
    const muller = tokens[1]
    expect(muller && text.slice(muller.start, muller.end)).toBe('Mu\u0308ller')
  })

  it('keeps soft hyphens inside a word in its range but not in its key', () => {
    const text = 'die Verhand\u00ADlungen\u00AD sind'
    const tokens = tokenize(text)
    expect(tokens.map((t) => t.key)).toEqual(['die', 'verhandlungen', 'sind'])
    const word = tokens[1]
    expect(word && text.slice(word.start, word.end)).toBe('Verhand\u00ADlungen')
  })

  it('handles emoji and letters outside the BMP', () => {
    const text = '📌 Soldaten 🇺🇦 an 𝐁𝐞𝐫𝐥𝐢𝐧 👉'
    const tokens = tokenize(text)
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['Soldaten', 'an', '𝐁𝐞𝐫𝐥𝐢𝐧'])
  })

  it('makes nothing of empty or separator-only text', () => {
    expect(tokenize('')).toEqual([])
    expect(tokenize(' – … !? 📌 ')).toEqual([])
  })
})
