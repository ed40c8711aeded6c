import { describe, expect, it } from 'vitest'
import {
  foldVariants,
  STEM_ANY,
  STEM_DE,
  STEM_EN,
  stemEnglish,
  stemGerman,
  stemmersFor,
  stemVariants,
} from '../../../main/search/variants'

describe('foldVariants', () => {
  it('spells umlauts both ways and ß as ss', () => {
    expect(foldVariants('müller')).toEqual(['mueller', 'muller'])
    expect(foldVariants('größe')).toEqual(['groesse', 'grosse'])
    expect(foldVariants('straße')).toEqual(['strasse'])
    expect(foldVariants('groß')).toEqual(['gross'])
  })

  it('drops other accents and folds ё, but keeps Ukrainian letters', () => {
    expect(foldVariants('café')).toEqual(['cafe'])
    expect(foldVariants('łódź')).toEqual(['lodz'])
    expect(foldVariants('ёлки')).toEqual(['елки'])
    expect(foldVariants('їжак')).toEqual([])
    expect(foldVariants('край')).toEqual([])
  })

  it('gives grouped numbers their digits, and space-grouped ones their parts', () => {
    expect(foldVariants('3.000')).toEqual(['3000'])
    expect(foldVariants('3,000')).toEqual(['3000'])
    expect(foldVariants("1'234'567")).toEqual(['1234567'])
    expect(foldVariants('10 000')).toEqual(['10000', '10', '000'])
  })

  it('has nothing for plain ASCII words and numbers', () => {
    expect(foldVariants('soldiers')).toEqual([])
    expect(foldVariants('3000')).toEqual([])
  })
})

describe('stemGerman', () => {
  const cases: Array<[string, string]> = [
    ['soldaten', 'soldat'],
    ['soldat', 'soldat'],
    ['kindern', 'kind'],
    ['kinder', 'kind'],
    ['hauses', 'haus'],
    ['haus', 'haus'],
    ['berichts', 'bericht'],
    ['bericht', 'bericht'],
    ['autos', 'autos'],
    ['strasse', 'strass'],
    ['strassen', 'strass'],
    ['regeln', 'regel'],
    ['ergebnisse', 'ergebnis'],
    ['ergebnis', 'ergebnis'],
    ['sprecherinnen', 'sprecherin'],
    ['verhandlungen', 'verhandlung'],
    ['bestaetigte', 'bestaetigt'],
    ['rat', 'rat'],
  ]
  it.each(cases)('%s → %s', (word, stem) => expect(stemGerman(word)).toBe(stem))
})

describe('stemEnglish', () => {
  const cases: Array<[string, string]> = [
    ['soldiers', 'soldier'],
    ['soldier', 'soldier'],
    ['parties', 'party'],
    ['denied', 'deny'],
    ['boxes', 'box'],
    ['churches', 'church'],
    ['addresses', 'address'],
    ['confirmed', 'confirm'],
    ['reporting', 'report'],
    ['deleted', 'delet'],
    ['delete', 'delet'],
    ['deleting', 'delet'],
    ['stopped', 'stop'],
    ['planning', 'plan'],
    ['agreed', 'agre'],
    ['analysis', 'analysis'],
    ['status', 'status'],
    ['news', 'news'],
    ['string', 'string'],
    ['was', 'was'],
  ]
  it.each(cases)('%s → %s', (word, stem) => expect(stemEnglish(word)).toBe(stem))
})

describe('stemVariants', () => {
  it('says which stemmer made each stem', () => {
    expect(stemVariants('soldaten')).toEqual([['soldat', STEM_DE]])
    expect(stemVariants('soldiers')).toEqual([['soldier', STEM_ANY]])
    expect(stemVariants('confirmed')).toEqual([['confirm', STEM_EN]])
  })

  it('does not stem Cyrillic, digits or short words', () => {
    expect(stemVariants('солдатами')).toEqual([])
    expect(stemVariants('covid19')).toEqual([])
    expect(stemVariants('die')).toEqual([])
  })

  it('maps language hints to stemmers', () => {
    expect(stemmersFor('de')).toBe(STEM_DE)
    expect(stemmersFor('en')).toBe(STEM_EN)
    expect(stemmersFor('uk')).toBe(STEM_ANY)
    expect(stemmersFor('')).toBe(STEM_ANY)
    expect(stemmersFor(undefined)).toBe(STEM_ANY)
  })
})
