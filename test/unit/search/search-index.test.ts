import { beforeEach, describe, expect, it } from 'vitest'
import { SearchIndex } from '../../../main/search/search-index'
import type {
  SearchDoc,
  SearchDocType,
  SearchHit,
  SearchOptions,
  SearchResults,
} from '../../../main/search/types'

const DE_ARTICLE: SearchDoc = {
  type: 'article',
  id: 'de-grenze',
  language: 'de',
  title: 'Bundeswehr: Mehr als 3.000 Soldaten an der Grenze?',
  text:
    'Berlin. Laut einem Bericht des Tagesspiegels sollen mindestens 3.000 Soldaten an die ' +
    'Grenze verlegt worden sein. Das Verteidigungsministerium bestätigte die Zahl zunächst ' +
    'nicht.\n\nEin Sprecher sagte, ein einzelner Soldat habe die Aufnahmen geteilt. Die Straße ' +
    'zum Stützpunkt war laut Anwohnern gesperrt; Bürgermeister Jürgen Müller sprach von einer ' +
    'Maßnahme „von beachtlicher Größe“. Der Bürgermeister sei groß geworden in der Gegend.',
}

const EN_ARTICLE: SearchDoc = {
  type: 'article',
  id: 'en-border',
  language: 'en',
  title: 'Fact check: Were 3,000 soldiers moved to the border?',
  text:
    'Posts shared on Telegram claim that 3,000 soldiers were deployed near the border. The ' +
    'ministry denied the claim on Monday. One soldier told reporters that the footage was ' +
    'filmed in 2019 on Strasse 7, a road near the Mueller farm. 📌 Officials confirmed that ' +
    'the images had been deleted.',
}

const UK_ARTICLE: SearchDoc = {
  type: 'article',
  id: 'uk-kordon',
  language: 'uk',
  title: 'Уряд спростував інформацію про 10 000 військових',
  text:
    'Речник міністерства заявив, що повідомлення про 10 000 військових на кордоні є ' +
    'неправдивим. Супутникові знімки не підтверджують ці дані.',
}

const RU_ARTICLE: SearchDoc = {
  type: 'article',
  id: 'ru-yolki',
  language: 'ru',
  title: 'Ёлки и пропаганда: как распространяли фейк',
  text:
    'По данным исследователей, видео опубликовали в Telegram. Представитель министерства ' +
    'ЗАЯВИЛ, что это «монтаж», а на складе нашли 3000 ёлок.',
}

const ANNOTATION: SearchDoc = {
  type: 'annotation',
  id: 'ann-1',
  articleId: 'de-grenze',
  language: 'de',
  title: 'mindestens 3.000 Soldaten an die Grenze verlegt',
  text: 'Zahl nicht unabhängig überprüft; Mueller widerspricht dem Bericht.',
}

const CLAIM: SearchDoc = {
  type: 'claim',
  id: 'claim-1',
  language: 'de',
  title: 'An der Grenze stehen 3000 Soldaten',
  text: 'Verbreitet auf Telegram, angeblich nach Angaben des Ministeriums.',
}

const SOURCE: SearchDoc = {
  type: 'source',
  id: 'src-tsp',
  title: 'Der Tagesspiegel',
  text: 'Tsp, Tagesspiegel Berlin – Berliner Tageszeitung',
}

const NOTE: SearchDoc = {
  type: 'note',
  id: 'note-1',
  articleId: 'en-border',
  language: 'en',
  title: 'Ask the ministry',
  text: 'Call the press office about the deleted images and the soldiers.',
}

const CORPUS = [DE_ARTICLE, EN_ARTICLE, UK_ARTICLE, RU_ARTICLE, ANNOTATION, CLAIM, SOURCE, NOTE]

function indexOf(docs: readonly SearchDoc[]): SearchIndex {
  const index = new SearchIndex()
  for (const doc of docs) index.add(doc)
  return index
}

const allHits = (results: SearchResults): SearchHit[] => Object.values(results.groups).flat()

/** "type:id" of every hit, per type in rank order. */
const ranked = (results: SearchResults): string[] =>
  allHits(results).map((hit) => `${hit.type}:${hit.id}`)

/** "type:id" of every hit, by type, then by id. */
const found = (results: SearchResults): string[] =>
  Object.values(results.groups).flatMap((hits) => hits.map((hit) => `${hit.type}:${hit.id}`).sort())

/** What each hit highlights: title substrings, then snippet substrings. */
function marked(hit: SearchHit | undefined): { title: string[]; text: string[] } {
  if (!hit) throw new Error('no such hit')
  return {
    title: hit.titleHighlights.map(([a, b]) => hit.title.slice(a, b)),
    text: hit.snippets.flatMap((s) => s.highlights.map(([a, b]) => s.text.slice(a, b))),
  }
}

const hitOf = (results: SearchResults, id: string): SearchHit | undefined =>
  allHits(results).find((hit) => hit.id === id)

describe('SearchIndex', () => {
  let index: SearchIndex
  const search = (query: string, options?: SearchOptions) => index.search(query, options)
  beforeEach(() => {
    index = indexOf(CORPUS)
  })

  describe('matching', () => {
    it('ignores case in German, English and Cyrillic', () => {
      expect(found(search('BUNDESWEHR'))).toEqual(['article:de-grenze'])
      expect(found(search('telegram '))).toEqual([
        'article:en-border',
        'article:ru-yolki',
        'claim:claim-1',
      ])
      expect(found(search('заявил'))).toEqual(['article:ru-yolki'])
      expect(marked(hitOf(search('заявил'), 'ru-yolki')).text).toEqual(['ЗАЯВИЛ'])
      expect(found(search('УРЯД'))).toEqual(['article:uk-kordon'])
    })

    it('folds ß, both spellings of umlauts, and ё', () => {
      expect(found(search('Strasse '))).toEqual(['article:de-grenze', 'article:en-border'])
      expect(marked(hitOf(search('Strasse '), 'de-grenze')).text).toEqual(['Straße'])
      expect(found(search('Straße '))).toEqual(['article:de-grenze', 'article:en-border'])
      expect(marked(hitOf(search('Straße '), 'en-border')).text).toEqual(['Strasse'])

      for (const query of ['Müller ', 'Mueller ', 'Muller ']) {
        expect(found(search(query)), query).toContain('article:de-grenze')
        expect(marked(hitOf(search(query), 'de-grenze')).text).toEqual(['Müller'])
      }
      expect(found(search('Müller '))).toEqual([
        'article:de-grenze',
        'article:en-border',
        'annotation:ann-1',
      ])
      expect(found(search('gross '))).toEqual(['article:de-grenze'])
      expect(marked(hitOf(search('gross '), 'de-grenze')).text).toEqual(['Größe', 'groß'])
      expect(found(search('Grösse '))).toEqual(['article:de-grenze'])
      expect(found(search('unabhangig '))).toEqual(['annotation:ann-1'])

      expect(found(search('елки '))).toEqual(['article:ru-yolki'])
      expect(marked(hitOf(search('елки '), 'ru-yolki')).title).toEqual(['Ёлки'])
      expect(found(search('ёлок'))).toEqual(['article:ru-yolki'])
    })

    it('stems German and English words lightly', () => {
      const soldat = search('Soldat ')
      expect(found(soldat)).toEqual(['article:de-grenze', 'annotation:ann-1', 'claim:claim-1'])
      expect(marked(hitOf(soldat, 'de-grenze'))).toEqual({
        title: ['Soldaten'],
        text: ['Soldaten', 'Soldat'],
      })
      expect(found(search('Soldaten '))).toEqual(found(soldat))
      expect(found(search('Bürgermeistern '))).toEqual(['article:de-grenze'])

      const soldier = search('soldier ')
      expect(found(soldier)).toEqual(['article:en-border', 'note:note-1'])
      expect(marked(hitOf(soldier, 'en-border')).text).toEqual(['soldiers', 'soldier'])
      expect(found(search('soldiers '))).toEqual(found(soldier))
      expect(found(search('delete '))).toEqual(['article:en-border', 'note:note-1'])
      expect(marked(hitOf(search('deleting '), 'note-1')).text).toEqual(['deleted'])
      expect(found(search('denies '))).toEqual(['article:en-border'])
    })

    it("applies a document's stemmer only, both for unknown languages", () => {
      const text = 'The Bundeswehr calls its Soldaten back.'
      index.add({ type: 'note', id: 'en', language: 'en', title: 'Note', text })
      index.add({ type: 'note', id: 'de', language: 'de', title: 'Notiz', text })
      index.add({ type: 'note', id: 'none', title: 'Notiz', text })
      const notes = search('Soldat ', { types: ['note'] }).groups.note.map((hit) => hit.id)
      expect(notes.sort()).toEqual(['de', 'none'])
      // Unstemmed words match in every language.
      expect(search('Soldaten ', { types: ['note'] }).totals.note).toBe(3)
    })

    it('finds words by their beginning while typing the last word', () => {
      const typing = search('Verteidigungsmin')
      expect(found(typing)).toEqual(['article:de-grenze'])
      expect(marked(hitOf(typing, 'de-grenze')).text).toEqual(['Verteidigungsministerium'])
      expect(found(search('Verteidigungsmin '))).toEqual([])
      expect(found(search('Ve'))).toEqual([])
      expect(found(search('Stützp'))).toEqual(['article:de-grenze'])
      expect(found(search('Stutzp'))).toEqual(['article:de-grenze'])
      expect(found(search('Tagessp'))).toEqual(['article:de-grenze', 'source:src-tsp'])
      expect(found(search('підтвердж'))).toEqual(['article:uk-kordon'])
      // Only the last word is a prefix.
      expect(found(search('Tagessp Berlin'))).toEqual([])
    })

    it('requires every word', () => {
      expect(found(search('Soldaten Grenze Telegram '))).toEqual(['claim:claim-1'])
      expect(found(search('soldiers ministry '))).toEqual(['article:en-border', 'note:note-1'])
      expect(found(search('soldiers Bundeswehr '))).toEqual([])
      expect(found(search('Soldaten unbekanntesWort '))).toEqual([])
    })

    it('matches quoted phrases word by word in order, folded but not stemmed', () => {
      expect(found(search('"an die Grenze"'))).toEqual(['article:de-grenze', 'annotation:ann-1'])
      expect(found(search('"die Grenze an"'))).toEqual([])
      expect(found(search('"an der Grenze"'))).toEqual(['article:de-grenze', 'claim:claim-1'])
      expect(marked(hitOf(search('"an der Grenze"'), 'claim-1')).title).toEqual(['An der Grenze'])
      expect(found(search('"die Strasse zum Stutzpunkt"'))).toEqual(['article:de-grenze'])
      expect(marked(hitOf(search('"die Strasse zum"'), 'de-grenze')).text).toEqual([
        'Die Straße zum',
      ])
      expect(found(search('"an die Grenzen"'))).toEqual([])
      // A phrase does not run from the title into the text.
      expect(found(search('"Grenze Berlin"'))).toEqual([])
    })

    it('excludes words and phrases with a minus', () => {
      expect(found(search('Soldaten Grenze'))).toEqual([
        'article:de-grenze',
        'annotation:ann-1',
        'claim:claim-1',
      ])
      expect(found(search('Soldaten -Telegram Grenze'))).toEqual([
        'article:de-grenze',
        'annotation:ann-1',
      ])
      expect(found(search('Soldaten -"an die Grenze"'))).toEqual(['claim:claim-1'])
      // Exclusions match stems too: "-Soldat" also drops "Soldaten".
      expect(found(search('Grenze -Soldat'))).toEqual([])
      expect(found(search('-Soldaten'))).toEqual([])
    })

    it('matches 3.000, 3,000, 3000 and 10 000 however they are written', () => {
      const every3000 = ['article:de-grenze', 'article:en-border', 'article:ru-yolki']
      const all = (q: string) => search(q, { types: ['article', 'claim'] })
      expect(found(all('3000'))).toEqual([...every3000, 'claim:claim-1'])
      expect(found(all('3.000'))).toEqual([...every3000, 'claim:claim-1'])
      expect(found(all('3,000'))).toEqual([...every3000, 'claim:claim-1'])
      expect(marked(hitOf(all('3000'), 'de-grenze'))).toEqual({
        title: ['3.000'],
        text: ['3.000'],
      })
      expect(marked(hitOf(all('3000'), 'en-border')).text).toEqual(['3,000'])
      // The number as written ranks first.
      expect(ranked(search('3,000', { types: ['article'] }))[0]).toBe('article:en-border')
      expect(ranked(search('3.000', { types: ['article'] }))[0]).toBe('article:de-grenze')
      expect(ranked(search('3000', { types: ['article'] }))[0]).toBe('article:ru-yolki')

      for (const query of ['10000', '10 000', '"10 000"', '10.000']) {
        expect(found(search(query)), query).toEqual(['article:uk-kordon'])
      }
      expect(marked(hitOf(search('10000'), 'uk-kordon')).title).toEqual(['10 000'])
      expect(found(search('3'))).toEqual([])
      expect(found(search('2019'))).toEqual(['article:en-border'])
    })

    it('finds nothing for empty queries, unknown words or only exclusions', () => {
      for (const query of ['', '   ', '"', '-Soldaten', '…', 'Xylophon ']) {
        const results = search(query)
        expect(results.total, query).toBe(0)
        expect(found(results)).toEqual([])
        expect(results.query).toBe(query)
      }
    })
  })

  describe('grouping', () => {
    it('groups hits by type and counts all matches', () => {
      const results = search('Grenze ')
      expect(Object.keys(results.groups).sort()).toEqual([
        'annotation',
        'article',
        'claim',
        'note',
        'source',
      ])
      expect(results.groups.article.map((h) => h.id)).toEqual(['de-grenze'])
      expect(results.groups.annotation.map((h) => [h.id, h.articleId])).toEqual([
        ['ann-1', 'de-grenze'],
      ])
      expect(results.groups.claim.map((h) => h.id)).toEqual(['claim-1'])
      expect(results.groups.source).toEqual([])
      expect(results.total).toBe(3)
      expect(results.totals).toEqual({ article: 1, annotation: 1, claim: 1, source: 0, note: 0 })
      expect(results.tookMs).toBeGreaterThanOrEqual(0)
    })

    it('searches only the requested types', () => {
      const results = search('Grenze ', { types: ['claim', 'source'] })
      expect(found(results)).toEqual(['claim:claim-1'])
      expect(results.total).toBe(1)
      expect(results.groups.article).toEqual([])
      expect(search('Grenze ', { types: [] }).total).toBe(0)
    })

    it('returns at most limitPerType hits per type but counts them all', () => {
      for (let i = 0; i < 30; i++) {
        index.add({ type: 'annotation', id: `extra-${i}`, title: 'Grenze', text: `Nummer ${i}` })
      }
      const results = search('Grenze ', { limitPerType: 5 })
      expect(results.groups.annotation).toHaveLength(5)
      expect(results.totals.annotation).toBe(31)
      expect(results.total).toBe(33)
      expect(search('Grenze ').groups.annotation).toHaveLength(20)
      expect(found(search('Grenze ', { limitPerType: 0 }))).toEqual([])
      expect(search('Grenze ', { limitPerType: 0 }).total).toBe(33)
    })
  })

  describe('changes', () => {
    it('finds updated text and forgets the old', () => {
      index.update({ ...CLAIM, title: 'An der Grenze stehen 5000 Panzer' })
      expect(found(search('Panzer '))).toEqual(['claim:claim-1'])
      expect(found(search('3000', { types: ['claim'] }))).toEqual([])
      expect(index.size).toBe(CORPUS.length)
    })

    it('forgets removed documents and ignores unknown ones', () => {
      index.remove('article', 'de-grenze')
      index.remove('article', 'no-such-article')
      index.remove('claim', 'de-grenze')
      expect(index.size).toBe(CORPUS.length - 1)
      expect(found(search('Soldaten '))).toEqual(['annotation:ann-1', 'claim:claim-1'])
      expect(found(search('Verteidigungsmin'))).toEqual([])
      index.add(DE_ARTICLE)
      expect(found(search('Verteidigungsmin'))).toEqual(['article:de-grenze'])
    })

    it('treats adding an existing id as an update', () => {
      index.add({ ...NOTE, text: 'Nothing about the army.' })
      expect(index.size).toBe(CORPUS.length)
      expect(found(search('press ', { types: ['note'] }))).toEqual([])
      expect(found(search('army ', { types: ['note'] }))).toEqual(['note:note-1'])
    })

    it('stays correct through many updates (postings are compacted)', () => {
      const words = ['Wahl', 'Urteil', 'Haushalt', 'Gutachten']
      for (let round = 0; round < 60; round++) {
        for (let i = 0; i < 20; i++) {
          const word = words[(round + i) % words.length] ?? 'Wahl'
          index.update({ type: 'annotation', id: `a${i}`, title: word, text: `Runde ${round}` })
        }
      }
      expect(index.size).toBe(CORPUS.length + 20)
      // Round 59: annotation i has words[(59 + i) % 4].
      const expected = (word: string) =>
        Array.from({ length: 20 }, (_, i) => i)
          .filter((i) => words[(59 + i) % words.length] === word)
          .map((i) => `a${i}`)
          .sort()
      for (const word of words) {
        const hits = search(`${word} `, { types: ['annotation'] }).groups.annotation
        expect(hits.map((h) => h.id).sort(), word).toEqual(expected(word))
      }
      expect(search('Runde 59', { types: ['annotation'] }).total).toBe(20)
      expect(search('Runde 58 ', { types: ['annotation'] }).total).toBe(0)
    })

    it('rejects unknown types', () => {
      expect(() => index.add({ ...NOTE, type: 'tweet' as SearchDocType })).toThrow(TypeError)
    })
  })

  describe('ranking', () => {
    const docs = (texts: Record<string, string>): SearchIndex =>
      indexOf(
        Object.entries(texts).map(([id, text]) => ({
          type: 'article' as const,
          id,
          title: 'Meldung',
          text,
          language: 'de',
        })),
      )

    it('ranks the exact phrase before the same words scattered', () => {
      index = docs({
        scattered:
          'Das Kanzleramt wollte sich zunächst nicht äußern. Erst am Abend bestätigte ein ' +
          'Sprecher die Angaben.',
        adjacent:
          'Am Abend äußerte sich die Regierung: Das Kanzleramt bestätigte die Angaben eines ' +
          'Sprechers.',
        reversed:
          'Ein Sprecher bestätigte am Abend, das Kanzleramt habe die Angaben geprüft und ' +
          'nichts beanstandet.',
      })
      expect(search('Kanzleramt bestätigte').groups.article.map((h) => h.id)[0]).toBe('adjacent')
      expect(search('"Kanzleramt bestätigte"').groups.article.map((h) => h.id)).toEqual([
        'adjacent',
      ])
      expect(marked(hitOf(search('"Kanzleramt bestätigte"'), 'adjacent')).text).toEqual([
        'Kanzleramt bestätigte',
      ])
    })

    it('ranks exact matches before folded, stemmed and prefix matches', () => {
      index = docs({
        folded: 'Gesperrt war die Strasse nach Norden seit dem Morgen.',
        exact: 'Gesperrt war die Straße nach Norden seit dem Morgen.',
        stemmed: 'Gesperrt waren die Straßen nach Norden seit dem Morgen.',
        prefixed: 'Gesperrt war die Straßenbahn nach Norden seit dem Morgen.',
      })
      const ids = (q: string) => search(q).groups.article.map((h) => h.id)
      expect(ids('Straße')).toEqual(['exact', 'folded', 'stemmed', 'prefixed'])
      expect(ids('Strasse')).toEqual(['folded', 'exact', 'stemmed', 'prefixed'])
      expect(ids('Straße ')).toEqual(['exact', 'folded', 'stemmed'])
    })

    it('weighs title matches above text matches', () => {
      index = indexOf([
        { type: 'claim', id: 'text', title: 'Eine Behauptung', text: 'Es geht um Wahlbetrug.' },
        { type: 'claim', id: 'title', title: 'Wahlbetrug', text: 'Eine Behauptung im Netz.' },
      ])
      expect(search('Wahlbetrug').groups.claim.map((h) => h.id)).toEqual(['title', 'text'])
    })

    it('prefers rare words and repeated matches', () => {
      index = docs({
        once: 'Der Haushalt wurde beschlossen. Der Rat tagte lange.',
        twice: 'Der Haushalt wurde beschlossen. Der Haushalt war umstritten.',
      })
      expect(search('Haushalt').groups.article.map((h) => h.id)).toEqual(['twice', 'once'])
      expect(search('Haushalt').groups.article.every((h) => h.score > 0)).toBe(true)
    })
  })

  describe('snippets and highlights', () => {
    const long = (middle: string): string => {
      const filler = (n: number) =>
        Array.from({ length: n }, (_, i) => `Satz ${i} ohne jeden Bezug zum Thema.`).join(' ')
      return `${filler(20)} ${middle} ${filler(20)}`
    }

    it('cuts snippets around matches in the original text', () => {
      const text = long('Laut Anwohnern war die Straße gesperrt.')
      index = indexOf([{ type: 'article', id: 'a', title: 'Meldung', text, language: 'de' }])
      const [hit] = search('Strasse').groups.article
      expect(hit?.snippets).toHaveLength(1)
      const snippet = hit?.snippets[0]
      if (!snippet) throw new Error('no snippet')
      expect(snippet.text.startsWith('…')).toBe(true)
      expect(snippet.text.endsWith('…')).toBe(true)
      expect(snippet.text.length).toBeLessThanOrEqual(175)
      expect(snippet.highlights.map(([a, b]) => snippet.text.slice(a, b))).toEqual(['Straße'])
      expect(text.slice(snippet.start, snippet.start + snippet.text.length - 2)).toBe(
        snippet.text.slice(1, -1),
      )
      // Whole words at both ends.
      expect(text[snippet.start - 1]).toBe(' ')
      expect(text[snippet.start + snippet.text.length - 2]).toBe(' ')
    })

    it('gives up to three snippets in text order, preferring ones with more query words', () => {
      const text = [
        long('Erstens nannte das Kanzleramt keine Zahl.'),
        long('Zweitens bestätigte das Kanzleramt später die Zahl.'),
        long('Drittens blieb das Kanzleramt bei der Zahl.'),
        long('Viertens schwieg das Kanzleramt.'),
      ].join('\n\n')
      index = indexOf([{ type: 'article', id: 'a', title: 'Meldung', text, language: 'de' }])
      const [hit] = search('Kanzleramt bestätigte').groups.article
      const snippets = hit?.snippets ?? []
      expect(snippets).toHaveLength(3)
      expect(snippets.map((s) => s.start)).toEqual(
        [...snippets.map((s) => s.start)].sort((a, b) => a - b),
      )
      expect(snippets.some((s) => s.text.includes('Zweitens bestätigte das Kanzleramt'))).toBe(true)
      for (const s of snippets) {
        expect(s.text).not.toMatch(/\n|\s\s/)
        for (const [a, b] of s.highlights)
          expect(s.text.slice(a, b)).toMatch(/^(Kanzleramt|bestätigte)$/)
      }
    })

    it('shows paragraph breaks as one space and keeps highlights on the words', () => {
      const text = 'Erster Absatz endet hier.\n\nZweiter Absatz: die Straße\n\nDritter Absatz.'
      index = indexOf([{ type: 'note', id: 'n', title: 'Notiz', text, language: 'de' }])
      const [hit] = search('"Straße Dritter"').groups.note
      expect(hit?.snippets).toEqual([
        {
          text: 'Erster Absatz endet hier. Zweiter Absatz: die Straße Dritter Absatz.',
          highlights: [[46, 60]],
          start: 0,
        },
      ])
      expect(marked(hit).text).toEqual(['Straße Dritter'])
    })

    it('shows the beginning of the text when only the title matched', () => {
      const [hit] = search('Tagesspiegel', { types: ['source'] }).groups.source
      expect(marked(hit).title).toEqual(['Tagesspiegel'])
      expect(hit?.snippets).toEqual([
        {
          text: 'Tsp, Tagesspiegel Berlin – Berliner Tageszeitung',
          highlights: [[5, 17]],
          start: 0,
        },
      ])
      const [claim] = search('stehen', { types: ['claim'] }).groups.claim
      expect(claim?.snippets.map((s) => [s.text.slice(0, 10), s.highlights])).toEqual([
        ['Verbreitet', []],
      ])
    })

    it('points at the original characters after emoji and decomposed umlauts', () => {
      const text = '📌🇩🇪 Laut Mu\u0308ller (Bu\u0308rgermeister) 👉 war die Strasse gesperrt.'
      index = indexOf([{ type: 'note', id: 'n', title: '✅ Notiz', text, language: 'de' }])
      const [hit] = search('Müller Bürgermeister Straße').groups.note
      expect(marked(hit).text).toEqual(['Mu\u0308ller', 'Bu\u0308rgermeister', 'Strasse'])
      expect(hit?.snippets[0]?.start).toBe(0)
    })

    it('highlights phrases only where the whole phrase stands', () => {
      const hit = hitOf(search('"an die Grenze"'), 'de-grenze')
      expect(marked(hit)).toEqual({ title: [], text: ['an die Grenze'] })
    })
  })
})

describe('SearchIndex against a brute-force search', () => {
  it('finds exactly the documents containing a word or a phrase, through updates and removals', () => {
    const vocabulary = 'alpha beta gamma delta epsilon zeta theta kappa lambda sigma omega'.split(
      ' ',
    )
    let seed = 11
    const random = (n: number) => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0
      return (seed >>> 8) % n
    }
    const words = (n: number) =>
      Array.from({ length: n }, () => vocabulary[random(vocabulary.length)] ?? 'alpha')
    const docs = new Map<string, SearchDoc>()
    const index = new SearchIndex()
    const put = (id: string) => {
      const doc: SearchDoc = {
        type: random(2) === 0 ? 'annotation' : 'claim',
        id,
        title: words(1 + random(4)).join(' '),
        text: words(random(60)).join(' '),
        language: '',
      }
      const old = docs.get(id)
      if (old && old.type !== doc.type) index.remove(old.type, id)
      docs.set(id, doc)
      index.update(doc)
    }
    for (let i = 0; i < 400; i++) put(`d${i}`)
    for (let round = 0; round < 1_500; round++) {
      const id = `d${random(400)}`
      const doc = docs.get(id)
      if (doc && random(4) === 0) {
        index.remove(doc.type, id)
        docs.delete(id)
      } else {
        put(id)
      }
    }
    expect(index.size).toBe(docs.size)
    const contains = (text: string, phrase: string[]) => {
      const tokens = text.split(' ')
      return tokens.some((_, i) => phrase.every((w, j) => tokens[i + j] === w))
    }
    const expected = (phrase: string[]) =>
      [...docs.values()]
        .filter((d) => contains(d.title, phrase) || contains(d.text, phrase))
        .map((d) => `${d.type}:${d.id}`)
        .sort()
    const actual = (query: string) =>
      Object.values(index.search(query, { limitPerType: 1000 }).groups)
        .flat()
        .map((hit) => `${hit.type}:${hit.id}`)
        .sort()
    for (const a of vocabulary) {
      expect(actual(`"${a}"`), a).toEqual(expected([a]))
      for (const b of vocabulary.slice(0, 4)) {
        expect(actual(`"${a} ${b}"`), `${a} ${b}`).toEqual(expected([a, b]))
      }
    }
  })
})
