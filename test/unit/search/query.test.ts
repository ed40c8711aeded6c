import { describe, expect, it } from 'vitest'
import { parseQuery, type QueryItem } from '../../../main/search/query'

/** A compact view: words as "key", "key*" (prefix), phrases as '"a b"', "-" for exclusion. */
function show(items: QueryItem[]): string[] {
  return items.map((item) => {
    const sign = item.negated ? '-' : ''
    if (item.kind === 'word') return `${sign}${item.token.key}${item.prefix ? '*' : ''}`
    const words = item.tokens.map((t) => t.key).join(' ')
    return item.quoted ? `${sign}"${words}"` : `${sign}(${words})`
  })
}

describe('parseQuery', () => {
  it('reads words, the last one also as a prefix', () => {
    expect(show(parseQuery('Soldaten Grenze'))).toEqual(['soldaten', 'grenze*'])
    expect(show(parseQuery('Soldaten Grenze '))).toEqual(['soldaten', 'grenze'])
    expect(show(parseQuery('Soldaten Gr'))).toEqual(['soldaten', 'gr'])
    expect(show(parseQuery('Soldaten 2019'))).toEqual(['soldaten', '2019'])
  })

  it('reads phrases in straight and typographic quotes', () => {
    expect(show(parseQuery('"Straße der Einheit" Berlin'))).toEqual([
      '"straße der einheit"',
      'berlin*',
    ])
    expect(show(parseQuery('„von beachtlicher Größe“'))).toEqual(['"von beachtlicher größe"'])
    expect(show(parseQuery('«заявил что»'))).toEqual(['"заявил что"'])
    expect(show(parseQuery('Soldaten "nicht bestätigt'))).toEqual(['soldaten', '"nicht bestätigt"'])
  })

  it('reads exclusions of words and phrases', () => {
    expect(show(parseQuery('Soldaten -Grenze'))).toEqual(['soldaten', '-grenze'])
    expect(show(parseQuery('-"nicht bestätigt" Soldaten'))).toEqual([
      '-"nicht bestätigt"',
      'soldaten*',
    ])
    expect(show(parseQuery('Soldaten -"nicht bestätigt"'))).toEqual([
      'soldaten',
      '-"nicht bestätigt"',
    ])
    expect(show(parseQuery('Soldaten - Grenze'))).toEqual(['soldaten', 'grenze*'])
  })

  it('keeps words with inner punctuation together as a phrase', () => {
    expect(show(parseQuery('COVID-19 Impfstoff'))).toEqual(['(covid 19)', 'impfstoff*'])
    expect(show(parseQuery('O’Neill'))).toEqual(['(o neill)'])
  })

  it('groups numbers like the documents do', () => {
    expect(show(parseQuery('10 000 Soldaten'))).toEqual(['10 000', 'soldaten*'])
    expect(show(parseQuery('3.000'))).toEqual(['3.000'])
    expect(show(parseQuery('3,000 soldiers'))).toEqual(['3,000', 'soldiers*'])
  })

  it('makes nothing of empty queries', () => {
    expect(parseQuery('')).toEqual([])
    expect(parseQuery('   ')).toEqual([])
    expect(parseQuery('"" - …')).toEqual([])
  })
})
