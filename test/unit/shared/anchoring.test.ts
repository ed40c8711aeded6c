import { describe, it, expect } from 'vitest'
import {
  CodePointIndex,
  anchor,
  codePointLength,
  codePointToUtf16,
  describeRange,
  diffShift,
  mapThroughEdit,
  reanchorAll,
  utf16ToCodePoint,
  type AnchorResult,
  type AnchorTarget,
} from '../../../shared/anchoring'
import { normalizeArticleText } from '../../../shared/text'

// Expected positions are computed independently of the module: Array.from splits a string into
// code points, so counting its elements is the reference for every offset below.
function cp(text: string, utf16Index = text.length): number {
  return Array.from(text.slice(0, utf16Index)).length
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** UTF-16 offset of the nth occurrence of `needle`, failing loudly if it is missing. */
function unitOf(text: string, needle: string, nth = 0): number {
  let unit = -1
  for (let i = 0; i <= nth; i++) {
    unit = text.indexOf(needle, unit + 1)
    if (unit < 0) throw new Error(`test setup: occurrence ${nth} of "${needle}" is not in the text`)
  }
  return unit
}

/** Code point range of the nth occurrence of `needle`. */
function where(text: string, needle: string, nth = 0): { start: number; end: number } {
  const start = cp(text, unitOf(text, needle, nth))
  return { start, end: start + cp(needle) }
}

/** Selectors for the nth occurrence of `needle`, as the UI would store them. */
function select(text: string, needle: string, nth = 0): AnchorTarget {
  const { start, end } = where(text, needle, nth)
  return describeRange(text, start, end)
}

function expectAnchored(
  result: AnchorResult,
  status: 'exact' | 'moved' | 'fuzzy',
  position: { start: number; end: number },
): void {
  expect(result.status).toBe(status)
  expect(result.position).toEqual(position)
  expect(result.score).toBeGreaterThan(0)
  expect(result.score).toBeLessThanOrEqual(1)
}

function expectOrphan(result: AnchorResult, reason?: string): void {
  expect(result.status).toBe('orphan')
  expect(result.position).toBeUndefined()
  if (reason !== undefined && result.status === 'orphan') expect(result.reason).toBe(reason)
}

/** Deterministic pseudo-random numbers (mulberry32), so generated articles are reproducible. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const GERMAN = normalizeArticleText(
  [
    'Die Stadtverwaltung von Köln hat am Montag bestätigt, dass die Brücke über den Rhein für drei',
    'Monate gesperrt wird. „Die Sicherheit der Bürgerinnen und Bürger hat Vorrang“, sagte die',
    'Oberbürgermeisterin. Laut einem Gutachten müssen 35 Träger ausgetauscht werden. Die Kosten',
    'werden auf 12,5 Millionen Euro geschätzt. Kritiker werfen der Stadt vor, die Schäden seit',
    'Jahren gekannt zu haben. Die Straße am Ufer bleibt geöffnet, während die Bauarbeiten laufen.',
  ].join(' '),
)

const UKRAINIAN = normalizeArticleText(
  [
    'Київська міська рада ухвалила рішення про відновлення мосту через Дніпро. За словами голови',
    'комісії, роботи триватимуть щонайменше пів року. «Ми не можемо чекати», — заявив він',
    'журналістам. Вартість проєкту оцінюють у 480 мільйонів гривень. Частину коштів надасть',
    'Європейський інвестиційний банк, решту — державний бюджет.',
  ].join(' '),
)

const RUSSIAN = normalizeArticleText(
  [
    'В пятницу в Москве прошла пресс-конференция, на которой представители ведомства ответили',
    'на вопросы журналистов. По их словам, число пострадавших выросло до 17 человек. Эксперты',
    'считают, что официальные данные занижены. Следующая встреча запланирована на конец месяца.',
  ].join(' '),
)

const EMOJI = normalizeArticleText(
  [
    'Volunteers in Lviv 🇺🇦 collected 3 tonnes of food on Saturday. The organisers thanked',
    'everyone 👍🏽 and said the next drive is planned for 3 March. Around 300 people took part,',
    '3 times more than last year.',
  ].join(' '),
)

describe('code point conversion', () => {
  it('is the identity for ASCII, Latin-1 and Cyrillic text', () => {
    for (const text of ['plain ASCII', GERMAN, UKRAINIAN, RUSSIAN]) {
      const index = new CodePointIndex(text)
      expect(codePointLength(text)).toBe(text.length)
      expect(index.length).toBe(text.length)
      for (const i of [0, 1, Math.floor(text.length / 2), text.length]) {
        expect(utf16ToCodePoint(text, i)).toBe(i)
        expect(codePointToUtf16(text, i)).toBe(i)
        expect(index.toCodePoint(i)).toBe(i)
        expect(index.toUtf16(i)).toBe(i)
      }
    }
  })

  it('counts astral characters (flags, emoji with skin tone) as code points', () => {
    const text = 'a🇺🇦b👍🏽c'
    // 🇺🇦 is two regional indicators and 👍🏽 is a hand plus a modifier: 2 code points each.
    expect(text.length).toBe(11)
    expect(codePointLength(text)).toBe(7)
    expect(new CodePointIndex(text).length).toBe(7)
    const utf16OfCodePoint = [0, 1, 3, 5, 6, 8, 10, 11]
    utf16OfCodePoint.forEach((unit, point) => {
      expect(codePointToUtf16(text, point)).toBe(unit)
      expect(utf16ToCodePoint(text, unit)).toBe(point)
    })
  })

  it('rounds an offset inside a surrogate pair down to the start of the pair', () => {
    const text = 'x👍y'
    expect(utf16ToCodePoint(text, 2)).toBe(1)
    expect(utf16ToCodePoint(text, 3)).toBe(2)
  })

  it('treats lone surrogates as one code point each, like String.prototype.codePointAt', () => {
    const text = 'a\uD83Db\uDC4Dc'
    expect(codePointLength(text)).toBe(5)
    expect(codePointToUtf16(text, 3)).toBe(3)
  })

  it('agrees with Array.from on every boundary of random mixed-script text', () => {
    const alphabet = ['a', 'ß', 'ї', 'Ж', '🇺', '🇦', '👍', '🏽', ' ', '„', '😀', 'é']
    const next = random(7)
    for (let trial = 0; trial < 50; trial++) {
      let text = ''
      const size = Math.floor(next() * 200)
      for (let i = 0; i < size; i++) text += alphabet[Math.floor(next() * alphabet.length)] ?? ''
      const index = new CodePointIndex(text)
      const points = Array.from(text)
      expect(index.length).toBe(points.length)
      expect(codePointLength(text)).toBe(points.length)
      let unit = 0
      for (let point = 0; point <= points.length; point++) {
        expect(index.toUtf16(point)).toBe(unit)
        expect(index.toCodePoint(unit)).toBe(point)
        unit += points[point]?.length ?? 0
      }
      expect(index.codePoints()).toEqual(Int32Array.from(points, (c) => c.codePointAt(0) ?? 0))
    }
  })

  it('lets the string helpers and a shared index be used interchangeably', () => {
    const index = new CodePointIndex(EMOJI)
    const unit = unitOf(EMOJI, 'March')
    expect(utf16ToCodePoint(index, unit)).toBe(cp(EMOJI, unit))
    expect(codePointToUtf16(index, cp(EMOJI, unit))).toBe(unit)
    expect(codePointLength(index)).toBe(cp(EMOJI))
  })

  it('rejects offsets outside the text with a message naming the argument', () => {
    expect(() => utf16ToCodePoint('abc', 4)).toThrow(/utf16Index must be an integer from 0 to 3/)
    expect(() => codePointToUtf16('a👍', 3)).toThrow(/cpIndex must be an integer from 0 to 2/)
    expect(() => codePointToUtf16('abc', -1)).toThrow(RangeError)
    expect(() => codePointToUtf16('abc', 1.5)).toThrow(RangeError)
  })

  it('handles the empty text', () => {
    expect(codePointLength('')).toBe(0)
    expect(utf16ToCodePoint('', 0)).toBe(0)
    expect(codePointToUtf16('', 0)).toBe(0)
  })
})

describe('describeRange', () => {
  it('builds 32 code points of context on each side for ASCII', () => {
    const text = 'The quick brown fox jumps over the lazy dog while the cat sleeps on the warm mat.'
    const range = describeRange(text, 40, 49)
    expect(range).toEqual({
      quote: {
        exact: 'dog while',
        prefix: 'k brown fox jumps over the lazy ',
        suffix: ' the cat sleeps on the warm mat.',
      },
      position: { start: 40, end: 49 },
    })
  })

  it('has an empty prefix at the start of the text and an empty suffix at the end', () => {
    const text = 'Kurz und gut.'
    expect(describeRange(text, 0, 4).quote).toEqual({
      exact: 'Kurz',
      prefix: '',
      suffix: ' und gut.',
    })
    expect(describeRange(text, 9, 13).quote).toEqual({
      exact: 'gut.',
      prefix: 'Kurz und ',
      suffix: '',
    })
    expect(describeRange(text, 0, 13).quote).toEqual({ exact: text, prefix: '', suffix: '' })
  })

  it('keeps German umlauts, ß and „quotes“ as single code points', () => {
    const range = select(GERMAN, '„Die Sicherheit der Bürgerinnen und Bürger hat Vorrang“')
    expect(range.position).toEqual({ start: 116, end: 171 })
    expect(range.quote.prefix).toBe(' für drei Monate gesperrt wird. ')
    expect(range.quote.suffix).toBe(', sagte die Oberbürgermeisterin.')
    expect(describeRange(GERMAN, 116, 171).quote.exact).toBe(
      '„Die Sicherheit der Bürgerinnen und Bürger hat Vorrang“',
    )
    const strasse = select(GERMAN, 'Straße')
    expect(strasse.position.end - strasse.position.start).toBe(6)
  })

  it('counts Cyrillic letters as single code points', () => {
    const range = select(UKRAINIAN, '480 мільйонів гривень')
    expect(range.position).toEqual({ start: 218, end: 239 })
    expect(range.quote.prefix).toBe('ам. Вартість проєкту оцінюють у ')
    const russian = select(RUSSIAN, 'до 17 человек')
    expect(russian.position).toEqual({ start: 154, end: 167 })
    expect(russian.quote.suffix).toBe('. Эксперты считают, что официаль')
  })

  it('counts emoji before and inside the quote as code points, never splitting a pair', () => {
    const text = 'Volunteers in Lviv 🇺🇦 collected 3 tonnes'
    // 19 letters and spaces, then the flag as 2 code points.
    const range = describeRange(text, 19, 31)
    expect(range.quote.exact).toBe('🇺🇦 collected')
    expect(range.position).toEqual({ start: 19, end: 31 })
    const after = describeRange(text, 22, 31, 3)
    expect(after.quote.prefix).toBe('🇺🇦 ')
    expect(after.quote.prefix.length).toBe(5)
    const cut = describeRange(text, 22, 31, 2)
    expect(cut.quote.prefix).toBe('🇦 ')
    expect(cut.quote.prefix.codePointAt(0)).toBe(0x1f1e6)
    const thumbs = select(EMOJI, 'everyone 👍🏽 and')
    expect(thumbs.position.end - thumbs.position.start).toBe(15)
    expect(thumbs.quote.exact).toBe('everyone 👍🏽 and')
  })

  it('never leaves a lone surrogate in prefix or suffix, whatever the context length', () => {
    const text = '👍🏽'.repeat(40) + 'Mitte' + '🇺🇦'.repeat(40)
    for (const contextLength of [0, 1, 2, 3, 31, 32, 33, 100]) {
      const range = describeRange(text, 80, 85, contextLength)
      expect(range.quote.exact).toBe('Mitte')
      expect(cp(range.quote.prefix)).toBe(Math.min(80, contextLength))
      expect(cp(range.quote.suffix)).toBe(Math.min(80, contextLength))
      for (const context of [range.quote.prefix, range.quote.suffix]) {
        expect(context).not.toMatch(LONE_SURROGATE)
      }
    }
  })

  it('counts code points of NFC text, not of the NFD input it came from', () => {
    const nfd = 'Cafe\u0301 in Kyi\u0308v: й written as и\u0306, Mu\u0308ller'
    const text = normalizeArticleText(nfd)
    expect(text).toBe('Café in Kyïv: й written as й, Müller')
    expect(cp(nfd)).toBe(40)
    expect(codePointLength(text)).toBe(36)
    const range = describeRange(text, 30, 36)
    expect(range.quote.exact).toBe('Müller')
    expect(range.quote.prefix).toBe('Café in Kyïv: й written as й, ')
    expect(describeRange(text, 0, 4).quote.exact).toBe('Café')
    // Some letters have no precomposed form and keep their combining mark even in NFC.
    const kept = normalizeArticleText('Aq\u0307b')
    expect(codePointLength(kept)).toBe(4)
    expect(describeRange(kept, 1, 3).quote).toEqual({ exact: 'q\u0307', prefix: 'A', suffix: 'b' })
  })

  it('accepts a shared index and a custom or zero context length', () => {
    const index = new CodePointIndex(EMOJI)
    const { start, end } = where(EMOJI, 'collected')
    expect(describeRange(index, start, end, 5).quote).toEqual({
      exact: 'collected',
      prefix: 'v 🇺🇦 ',
      suffix: ' 3 to',
    })
    expect(describeRange(index, start, end, 0).quote).toEqual({
      exact: 'collected',
      prefix: '',
      suffix: '',
    })
  })

  it('rejects empty, reversed and out-of-range selections', () => {
    expect(() => describeRange('abc', 1, 1)).toThrow(/endCp \(1\) must be after startCp \(1\)/)
    expect(() => describeRange('abc', 2, 1)).toThrow(RangeError)
    expect(() => describeRange('abc', 0, 4)).toThrow(/endCp must be an integer from 0 to 3/)
    expect(() => describeRange('abc', -1, 2)).toThrow(/startCp/)
    expect(() => describeRange('abc', 0, 1, -1)).toThrow(/contextLength/)
  })
})

describe('anchor: unchanged and exact', () => {
  it.each([
    ['ASCII', EMOJI, 'collected 3 tonnes of food'],
    ['German', GERMAN, 'Laut einem Gutachten müssen 35 Träger ausgetauscht werden.'],
    ['Ukrainian', UKRAINIAN, '«Ми не можемо чекати»'],
    ['Russian', RUSSIAN, 'число пострадавших выросло до 17 человек'],
    ['emoji inside', EMOJI, 'everyone 👍🏽 and'],
  ])('finds %s text at its stored position', (_, text, needle) => {
    const { quote, position } = select(text, needle)
    expectAnchored(anchor(text, quote, position), 'exact', where(text, needle))
    expect(anchor(text, quote, position).score).toBe(1)
  })

  it('stays exact when only text after the quote changes', () => {
    const { quote, position } = select(GERMAN, 'Die Kosten')
    const changed = GERMAN + ' Nachtrag: Die Stadt hat inzwischen eine Hotline eingerichtet.'
    expectAnchored(anchor(changed, quote, position), 'exact', position)
  })

  it('stays exact when the prefix is edited without changing its length', () => {
    const { quote, position } = select(GERMAN, 'Die Kosten werden')
    const changed = GERMAN.replace('35 Träger', '53 Träger')
    expectAnchored(anchor(changed, quote, position), 'exact', position)
  })

  it('stays exact when the suffix is edited or cut off', () => {
    const { quote, position } = select(RUSSIAN, 'Эксперты считают')
    const edited = RUSSIAN.replace('официальные данные занижены', 'данные сильно занижены')
    expectAnchored(anchor(edited, quote, position), 'exact', position)
    const cut = RUSSIAN.slice(0, unitOf(RUSSIAN, 'Эксперты считают') + 'Эксперты считают'.length)
    expectAnchored(anchor(cut, quote, position), 'exact', position)
  })

  it('does not take a short quote at its old offset as exact when its context is gone', () => {
    const text = 'Es gab 3 Verletzte. Später kamen 3 weitere hinzu.'
    const { quote, position } = select(text, '3', 1)
    // Both sides rewritten, and a different "3" now sits at the same offset.
    const sameOffset = 'x'.repeat(position.start) + '3' + ' völlig anderer Kontext hier.'
    expectOrphan(anchor(sameOffset, quote, position), 'no-context')
    expectAnchored(anchor(text, quote, position), 'exact', position)
  })
})

describe('anchor: moved', () => {
  it('follows text inserted before the quote (German)', () => {
    const needle = 'Laut einem Gutachten müssen 35 Träger ausgetauscht werden.'
    const { quote, position } = select(GERMAN, needle)
    const inserted = 'Eilmeldung: Straßensperrung in Köln. '
    const changed = inserted + GERMAN
    const result = anchor(changed, quote, position)
    expectAnchored(result, 'moved', where(changed, needle))
    expect(result.position?.start).toBe(position.start + cp(inserted))
  })

  it('follows text removed before the quote (Ukrainian)', () => {
    const needle = 'Вартість проєкту оцінюють у 480 мільйонів гривень.'
    const { quote, position } = select(UKRAINIAN, needle)
    const changed = UKRAINIAN.replace(
      'За словами голови комісії, роботи триватимуть щонайменше пів року. ',
      '',
    )
    expectAnchored(anchor(changed, quote, position), 'moved', where(changed, needle))
    expect(where(changed, needle).start).toBeLessThan(position.start)
  })

  it('counts an inserted emoji as code points, not UTF-16 units (Russian)', () => {
    const needle = 'Следующая встреча'
    const { quote, position } = select(RUSSIAN, needle)
    const changed = '🇺🇦👍🏽 ' + RUSSIAN
    const result = anchor(changed, quote, position)
    expectAnchored(result, 'moved', { start: position.start + 5, end: position.end + 5 })
  })

  it('moves a quote that contains emoji when emoji are inserted before it', () => {
    const needle = 'everyone 👍🏽 and said'
    const { quote, position } = select(EMOJI, needle)
    const changed = EMOJI.replace('Lviv 🇺🇦', 'Lviv 🇺🇦🇺🇦 (Ukraine)')
    const result = anchor(changed, quote, position)
    expectAnchored(result, 'moved', where(changed, needle))
    expect(result.position?.start).toBe(position.start + 12)
  })

  it('follows the quote when text is inserted right next to it, changing its whole prefix', () => {
    const needle = 'Die Kosten werden auf 12,5 Millionen Euro geschätzt.'
    const { quote, position } = select(GERMAN, needle)
    const changed = GERMAN.replace(
      needle,
      'Ein Sprecher der Verwaltung wollte sich dazu nicht äußern. ' + needle,
    )
    expectAnchored(anchor(changed, quote, position), 'moved', where(changed, needle))
  })

  it('moves when an edit inside the prefix changes its length', () => {
    const { quote, position } = select(GERMAN, 'Die Kosten werden')
    const changed = GERMAN.replace('35 Träger', 'fünfunddreißig Träger')
    expectAnchored(anchor(changed, quote, position), 'moved', where(changed, 'Die Kosten werden'))
  })

  it('keeps a quote that starts the text when a headline is put in front of it', () => {
    const { quote, position } = select(RUSSIAN, 'В пятницу')
    expect(quote.prefix).toBe('')
    expect(position).toEqual({ start: 0, end: 9 })
    const changed = 'Срочно\n\n' + RUSSIAN
    expectAnchored(anchor(changed, quote, position), 'moved', { start: 8, end: 17 })
    expectAnchored(anchor(RUSSIAN, quote, position), 'exact', { start: 0, end: 9 })
  })

  it('keeps a quote that ends the text when more text is appended or something is put before it', () => {
    const needle = '3 times more than last year.'
    const { quote, position } = select(EMOJI, needle)
    expect(quote.suffix).toBe('')
    expect(position.end).toBe(cp(EMOJI))
    expectAnchored(anchor(EMOJI + '\n\nUpdate: 400.', quote, position), 'exact', position)
    const changed = EMOJI.replace('Around 300 people took part,', 'About 300 took part,')
    expectAnchored(anchor(changed, quote, position), 'moved', where(changed, needle))
  })

  it('accepts the expected position as a hint for proximity', () => {
    const block = ' Wiederholung ohne Unterschied im Wortlaut und Kontext. '
    const text = 'Anfang.' + block.repeat(4) + 'Ende.'
    const { quote, position } = select(text, 'Unterschied', 1)
    const second = where(text, 'Unterschied', 1)
    const third = where(text, 'Unterschied', 2)
    expectAnchored(anchor(text, quote, position), 'exact', second)
    // The second and third copies have identical surroundings; the hint decides between them.
    const moved = { start: position.start + 500, end: position.end + 500 }
    expectAnchored(anchor(text, quote, moved, { expectedStart: third.start }), 'moved', third)
  })
})

describe('anchor: repeated passages', () => {
  const sentence = 'Die Behörden bestätigten die Angaben zunächst nicht.'
  const article = [
    `In Charkiw wurden am Morgen Explosionen gemeldet. ${sentence} Später hieß es, die Luftabwehr sei aktiv gewesen.`,
    `Auch aus Odesa kamen Berichte über Drohnenangriffe. ${sentence} Der Hafen blieb nach Angaben des Betreibers in Betrieb.`,
  ].join('\n\n')

  it('lets the context decide which copy was meant, before and after an edit', () => {
    for (const nth of [0, 1]) {
      const { quote, position } = select(article, sentence, nth)
      expectAnchored(anchor(article, quote, position), 'exact', where(article, sentence, nth))
      const changed = 'Liveblog, Stand 14 Uhr.\n\n' + article.replace('am Morgen ', '')
      expectAnchored(anchor(changed, quote, position), 'moved', where(changed, sentence, nth))
    }
  })

  it('picks the copy whose context matches even when the other is closer to the old position', () => {
    const { quote, position } = select(article, sentence, 1)
    // Drop the second paragraph's lead-in and move the paragraphs around.
    const [first, second] = article.split('\n\n')
    const changed = `${second ?? ''}\n\nNeuer Absatz mit anderem Inhalt.\n\n${first ?? ''}`
    const expected = where(changed, sentence, 0)
    expect(changed.slice(unitOf(changed, sentence) - 20)).toMatch(/^.*Odesa|Drohnenangriffe/)
    expectAnchored(anchor(changed, quote, position), 'moved', expected)
  })

  it('uses closeness to the old position when the copies have identical surroundings', () => {
    const block = '\n\nAnzeige: Abonnieren Sie unseren Newsletter, um nichts zu verpassen.\n\n'
    const text = `Erster Teil des Artikels.${block}Zweiter Teil des Artikels, etwas länger.${block}Schluss.`
    const needle = 'Abonnieren Sie unseren Newsletter'
    const { quote, position } = select(text, needle, 1)
    // Six code points removed near the start: the second copy is still the closer one.
    const changed = text.replace('Erster ', '')
    expectAnchored(anchor(changed, quote, position), 'moved', where(changed, needle, 1))
    const first = select(text, needle, 0)
    expectAnchored(anchor(changed, first.quote, first.position), 'moved', where(changed, needle, 0))
  })

  it('refuses to guess between identical copies equally far from the old position', () => {
    const block =
      'Gleicher Vorspann, lang genug für den ganzen Kontext. Textbaustein. ' +
      'Gleicher Nachsatz, ebenfalls lang genug für den Kontext.'
    const text = `Anfang. ${block} Mitte. ${block} Ende.`
    const needle = 'Textbaustein'
    const one = where(text, needle, 0)
    const two = where(text, needle, 1)
    const { quote } = select(text, needle, 0)
    const middle = (one.start + two.start) / 2
    expectOrphan(anchor(text, quote, { start: middle, end: middle + 12 }), 'ambiguous')
    expectAnchored(anchor(text, quote, { start: middle - 3, end: middle + 9 }), 'moved', one)
    expectAnchored(anchor(text, quote, { start: middle + 3, end: middle + 15 }), 'moved', two)
  })

  it('follows its own paragraph when swapped paragraphs put the other copy on its old offset', () => {
    const repeated = 'Die Angaben lassen sich derzeit nicht unabhängig überprüfen.'
    const seoul = 'Das Ministerium in Seoul bestätigte die Zahl am Montag. '
    const moscow = 'Moskau und Pjöngjang schweigen. '
    const coda = 'Die Bundesregierung zeigte sich besorgt über die Entwicklung.'
    const text = ['Vorspann.', seoul + repeated, moscow + repeated, coda].join('\n\n')
    const swapped = ['Vorspann.', moscow + repeated, seoul + repeated, coda].join('\n\n')
    const first = select(text, repeated, 0)
    const second = select(text, repeated, 1)
    // The Seoul copy now sits exactly where the Moscow copy was, with the same suffix.
    expect(where(swapped, repeated, 1)).toEqual(second.position)
    for (const options of [undefined, { oldText: text }]) {
      const [a, b] = reanchorAll(swapped, [first, second], options)
      expectAnchored(
        a ?? { status: 'orphan', reason: 'not-found' },
        'moved',
        where(swapped, repeated, 1),
      )
      expectAnchored(
        b ?? { status: 'orphan', reason: 'not-found' },
        'moved',
        where(swapped, repeated, 0),
      )
    }
  })

  it('orphans a quote whose context is gone when several copies remain', () => {
    const text =
      'Am ersten Tag wurden 3 Verletzte gemeldet. Der Bürgermeister sprach von einer Tragödie. ' +
      'Bis zum Abend kamen 3 weitere hinzu, darunter 3 Kinder.'
    const { quote, position } = select(text, '3', 0)
    const changed =
      'Völlig neu geschriebene Einleitung mit anderen Worten. ' +
      'Bis zum Abend kamen 3 weitere hinzu, darunter 3 Kinder.'
    expectOrphan(anchor(changed, quote, position), 'ambiguous')
  })
})

describe('anchor: very short quotes', () => {
  const text = normalizeArticleText(
    [
      'Am 3. Mai meldeten die Behörden 3 Tote und 13 Verletzte.',
      'In der Nacht zum 23. Mai gab es 3 weitere Angriffe auf die Stadt, 3 davon auf Kraftwerke.',
      'Laut Polizei wurden 3 Verdächtige festgenommen; 33 Wohnungen wurden durchsucht.',
    ].join('\n\n'),
  )
  const count = text.split('3').length - 1
  /** Which "3" of the text is the one at `offset` inside `needle`. */
  const threeIn = (needle: string, offset: number): number =>
    text.slice(0, unitOf(text, needle) + offset).split('3').length - 1

  it('finds the right "3" among many after an insertion', () => {
    expect(count).toBeGreaterThan(8)
    for (let nth = 0; nth < count; nth++) {
      const { quote, position } = select(text, '3', nth)
      expectAnchored(anchor(text, quote, position), 'exact', where(text, '3', nth))
      const changed = 'Zusammenfassung: Eine Woche der Angriffe. ' + text
      expectAnchored(anchor(changed, quote, position), 'moved', where(changed, '3', nth))
    }
  })

  it('keeps the right "3" when one side of its context is rewritten', () => {
    const { quote, position } = select(text, '3', threeIn('Polizei wurden 3 Verdächtige', 15))
    expect(quote.prefix.endsWith('Laut Polizei wurden ')).toBe(true)
    const edited = text
      .replace('3 Verdächtige festgenommen;', '3 Personen vorläufig festgenommen;')
      .replace('In der Nacht zum', 'In der Nacht auf den')
    const { end } = where(edited, 'Polizei wurden 3')
    expectAnchored(anchor(edited, quote, position), 'moved', { start: end - 1, end })
    const other = text.replace('Laut Polizei wurden 3', 'Wie die Polizei mitteilte, wurden 3')
    const after = where(other, 'wurden 3 Verdächtige')
    expectAnchored(anchor(other, quote, position), 'moved', {
      start: after.start + 7,
      end: after.start + 8,
    })
  })

  it('orphans a short quote whose sentence was deleted instead of taking another "3"', () => {
    const needle = '3 weitere Angriffe'
    const { quote, position } = select(text, '3', threeIn(needle, 0))
    expect(quote.suffix.startsWith(' weitere Angriffe')).toBe(true)
    expect(text.slice(codePointToUtf16(text, position.start)).startsWith(needle)).toBe(true)
    const changed = text.replace(
      'In der Nacht zum 23. Mai gab es 3 weitere Angriffe auf die Stadt, 3 davon auf Kraftwerke.',
      'Zur Nacht liegen keine Angaben vor.',
    )
    expectOrphan(anchor(changed, quote, position))
  })

  it('handles one-letter Cyrillic and two-code-point emoji quotes', () => {
    const ua = 'Я знаю, що я нічого не знаю, а ти?'
    const { quote, position } = select(ua, 'я', 0)
    expectAnchored(anchor('Ну, ' + ua, quote, position), 'moved', {
      start: position.start + 4,
      end: position.end + 4,
    })
    const thumbs = select(EMOJI, '👍🏽')
    expect(thumbs.position.end - thumbs.position.start).toBe(2)
    const changed = '🇺🇦 ' + EMOJI
    expectAnchored(anchor(changed, thumbs.quote, thumbs.position), 'moved', where(changed, '👍🏽'))
  })

  it('prefers the neighbouring copy that fits over the look-alike now at the old offset', () => {
    const text = 'Zum Vergleich: Gruppe A hatte 3 3 Punkte mehr als Gruppe B, sagte der Trainer.'
    const { quote, position } = select(text, '3', 0)
    // Removing "A " puts the second "3" exactly where the first one was.
    const changed = text.replace('Gruppe A hatte', 'Gruppe hatte')
    expect(where(changed, '3', 1)).toEqual(position)
    expectAnchored(anchor(changed, quote, position), 'moved', where(changed, '3', 0))
    const second = select(text, '3', 1)
    expectAnchored(anchor(changed, second.quote, second.position), 'moved', where(changed, '3', 1))
  })

  it('orphans a unique short quote whose context no longer matches at all', () => {
    const { quote, position } = select(RUSSIAN, '17')
    const changed = 'Полностью другой текст, где число 17 упоминается без связи.'
    expectOrphan(anchor(changed, quote, position), 'no-context')
  })
})

describe('anchor: long quotes', () => {
  const paragraphs = [
    'Die Untersuchungskommission legte am Dienstag ihren Abschlussbericht vor. Auf 240 Seiten ' +
      'beschreiben die Sachverständigen, wie es zu dem Einsturz kommen konnte.',
    'Demnach wurden Warnungen der Ingenieure über Jahre ignoriert. Ein internes Memo aus dem Jahr ' +
      '2019 spricht von „akuter Einsturzgefahr“ an zwei Pfeilern.',
    'Der zuständige Dezernent erklärte, er habe das Memo nie gesehen. Die Opposition fordert ' +
      'seinen Rücktritt und einen Untersuchungsausschuss im Landtag.',
    'Die Staatsanwaltschaft prüft nach eigenen Angaben, ob ein Anfangsverdacht wegen fahrlässiger ' +
      'Tötung besteht. Eine Entscheidung werde in den kommenden Wochen erwartet.',
  ]
  const text = ['Vorspann zur Einordnung.', ...paragraphs, 'Schlussbemerkung der Redaktion.'].join(
    '\n\n',
  )
  const needle = paragraphs.slice(0, 3).join('\n\n')

  it('finds a several-paragraph quote exactly and after an insertion', () => {
    const { quote, position } = select(text, needle)
    expect(position.end - position.start).toBe(cp(needle))
    expectAnchored(anchor(text, quote, position), 'exact', where(text, needle))
    const changed = text.replace('Vorspann zur Einordnung.', 'Ein längerer Vorspann mit 🇺🇦 Emoji.')
    expectAnchored(anchor(changed, quote, position), 'moved', where(changed, needle))
  })

  it('re-attaches a long quote with a typo fixed inside, with the exact new range', () => {
    const { quote, position } = select(text, needle)
    const fixed = needle.replace('Sachverständigen', 'Sachverständigen,').replace('2019', '2018')
    const changed = text.replace(needle, fixed)
    const result = anchor(changed, quote, position)
    expectAnchored(result, 'fuzzy', where(changed, fixed))
    expect(result.score).toBeGreaterThan(0.99)
  })

  it('orphans a long quote when a whole paragraph of it is deleted', () => {
    const { quote, position } = select(text, needle)
    const changed = text.replace(paragraphs[1] + '\n\n', '')
    expectOrphan(anchor(changed, quote, position), 'not-found')
  })

  it('follows a long unique quote even when both sides of its context were rewritten', () => {
    const long = 'Demnach wurden Warnungen der Ingenieure über Jahre ignoriert.'
    const { quote, position } = select(text, long)
    const changed = 'Neue Einleitung, ganz anders. ' + long + ' Ein völlig neuer Schluss folgt.'
    expectAnchored(anchor(changed, quote, position), 'moved', where(changed, long))
  })

  it('does not follow a lone long copy far away when the annotated passage was deleted', () => {
    const name = 'Präsident Wolodymyr Selenskyj'
    const filler = 'Ein Absatz ohne Bezug zum Thema, der nur Platz einnimmt. '.repeat(60)
    const text = `Gestern sagte ${name} in Kyjiw, die Lage sei ernst. ${filler}Später traf ${name} Vertreter der EU.`
    const { quote, position } = select(text, name, 0)
    expect(cp(name)).toBeGreaterThanOrEqual(20)
    const changed = text.replace(`Gestern sagte ${name} in Kyjiw, die Lage sei ernst. `, '')
    expect(where(changed, name).start - position.start).toBeGreaterThan(2000)
    expectOrphan(anchor(changed, quote, position), 'no-context')
    // Nearby, the same rule follows it: that is the quote with its sentence rewritten.
    const near = `Heute: ${name} reiste ab.`
    expectAnchored(anchor(near, quote, position), 'moved', where(near, name))
  })
})

describe('anchor: edited quotes', () => {
  it('re-attaches a quote with one character changed, keeping the range (German)', () => {
    const needle = 'Laut einem Gutachten müssen 35 Träger ausgetauscht werden.'
    const { quote, position } = select(GERMAN, needle)
    const edited = needle.replace('35', '36')
    const changed = GERMAN.replace(needle, edited)
    const result = anchor(changed, quote, position)
    expectAnchored(result, 'fuzzy', position)
    expect(result.score).toBeCloseTo(1 - 1 / cp(needle), 10)
  })

  it('re-attaches a quote whose typo fix adds a letter, with the longer range (Ukrainian)', () => {
    const original = UKRAINIAN.replace('журналістам', 'журналстам')
    const needle = '«Ми не можемо чекати», — заявив він журналстам.'
    const { quote, position } = select(original, needle)
    const fixed = '«Ми не можемо чекати», — заявив він журналістам.'
    const result = anchor(UKRAINIAN, quote, position)
    expectAnchored(result, 'fuzzy', where(UKRAINIAN, fixed))
    expect(result.position?.end).toBe(position.end + 1)
  })

  it('re-attaches an edited quote whose first or last character changed', () => {
    const needle = 'число пострадавших выросло до 17 человек'
    const { quote, position } = select(RUSSIAN, needle)
    const first = RUSSIAN.replace(needle, 'Число пострадавших выросло до 17 человек')
    expectAnchored(anchor(first, quote, position), 'fuzzy', position)
    const last = RUSSIAN.replace(needle, 'число пострадавших выросло до 17 человеK')
    expectAnchored(anchor(last, quote, position), 'fuzzy', position)
  })

  it('re-attaches an edited quote that also moved far away', () => {
    const needle = 'число пострадавших выросло до 17 человек'
    const { quote, position } = select(RUSSIAN, needle)
    const edited = 'число пострадавших выросло до 18 человек'
    const changed = 'Предисловие. '.repeat(400) + RUSSIAN.replace(needle, edited)
    expectAnchored(anchor(changed, quote, position), 'fuzzy', where(changed, edited))
  })

  it('re-attaches an edited quote with emoji and keeps code point positions', () => {
    const needle = 'The organisers thanked everyone 👍🏽 and said'
    const { quote, position } = select(EMOJI, needle)
    const edited = 'The organizers thanked everyone 👍🏽 and said'
    const changed = '🇺🇦 ' + EMOJI.replace(needle, edited)
    const result = anchor(changed, quote, position)
    expectAnchored(result, 'fuzzy', { start: position.start + 3, end: position.end + 3 })
  })

  it('orphans a heavily edited quote', () => {
    const needle = 'Laut einem Gutachten müssen 35 Träger ausgetauscht werden.'
    const { quote, position } = select(GERMAN, needle)
    const changed = GERMAN.replace(needle, 'Ein Gutachten empfiehlt, 40 Träger zu ersetzen.')
    expectOrphan(anchor(changed, quote, position), 'not-found')
  })

  it('does not attach to a look-alike sentence elsewhere once the original is gone', () => {
    const a = 'Der Minister sagte, die Lage sei unter Kontrolle.'
    const b = 'Der Ministerin sagte, die Lage sei unter Kontrolle!'
    const text = `Bericht aus Kyjiw. ${a} Danach folgten Fragen. Ganz anderer Abschnitt hier. ${b} Ende.`
    const { quote, position } = select(text, a)
    const changed = text.replace(`Bericht aus Kyjiw. ${a} Danach folgten Fragen.`, 'Gestrichen.')
    expectOrphan(anchor(changed, quote, position), 'not-found')
  })

  it('prefers the edited original over an exact copy whose context does not match', () => {
    const needle = 'Die Regierung kündigte neue Sanktionen gegen 12 Unternehmen an.'
    const text = [
      `Zitat des Tages: „${needle}“`,
      `Am Vormittag: ${needle} Die Liste soll morgen veröffentlicht werden.`,
    ].join('\n\n')
    const { quote, position } = select(text, needle, 1)
    const edited = needle.replace('12', '14')
    const changed = text.replace(`Am Vormittag: ${needle}`, `Am Vormittag: ${edited}`)
    expectAnchored(anchor(changed, quote, position), 'fuzzy', where(changed, edited))
  })

  it('takes its threshold from the options', () => {
    const needle = 'Laut einem Gutachten müssen 35 Träger ausgetauscht werden.'
    const { quote, position } = select(GERMAN, needle)
    const one = GERMAN.replace(needle, needle.replace('35', '36'))
    expectOrphan(anchor(one, quote, position, { fuzzyThreshold: 0.99 }))
    const heavier = needle.replace('35 Träger ausgetauscht', '36 Träger ersetzt')
    const changed = GERMAN.replace(needle, heavier)
    expectOrphan(anchor(changed, quote, position))
    expectAnchored(
      anchor(changed, quote, position, { fuzzyThreshold: 0.8 }),
      'fuzzy',
      where(changed, heavier),
    )
  })

  it('never fuzzily matches very short quotes', () => {
    const { quote, position } = select(RUSSIAN, '17')
    expectOrphan(anchor(RUSSIAN.replace('17', '18'), quote, position), 'not-found')
  })
})

describe('anchor: robustness', () => {
  it('survives a stored position beyond the end of a shortened text', () => {
    const { quote, position } = select(GERMAN, 'Bauarbeiten laufen.')
    const changed = 'Die Bauarbeiten laufen.'
    expectAnchored(anchor(changed, quote, position), 'moved', where(changed, 'Bauarbeiten laufen.'))
    expectOrphan(anchor('', quote, position), 'not-found')
  })

  it('never reports a match that splits a surrogate pair', () => {
    const quote = { exact: '\uDDE6', prefix: '', suffix: '' }
    expectOrphan(anchor('🇺🇦', quote, { start: 0, end: 1 }))
  })
})

describe('diffShift and mapThroughEdit', () => {
  it('finds the single changed region in code points', () => {
    expect(diffShift('abc', 'abc')).toBeUndefined()
    expect(diffShift('Hallo Welt', 'Hallo schöne Welt')).toEqual({
      start: 6,
      oldEnd: 6,
      newEnd: 13,
    })
    expect(diffShift('a👍🏽b', 'a👍🏾b')).toEqual({ start: 2, oldEnd: 3, newEnd: 3 })
    expect(diffShift('x🇺🇦y', 'x🇺🇦🇺🇦y')).toEqual({ start: 3, oldEnd: 3, newEnd: 5 })
    expect(diffShift('Kyiv, Ukraine. Tags: war', 'Kyiv, Ukraine.')).toEqual({
      start: 14,
      oldEnd: 24,
      newEnd: 14,
    })
  })

  it('maps ranges before and after the edit and refuses ranges it touches', () => {
    const edit = { start: 10, oldEnd: 12, newEnd: 20 }
    expect(mapThroughEdit(edit, { start: 2, end: 10 })).toEqual({ start: 2, end: 10 })
    expect(mapThroughEdit(edit, { start: 12, end: 15 })).toEqual({ start: 20, end: 23 })
    expect(mapThroughEdit(edit, { start: 9, end: 11 })).toBeUndefined()
    expect(mapThroughEdit(edit, { start: 11, end: 14 })).toBeUndefined()
  })
})

/** A reproducible article of roughly `words` words in four languages, with emoji and numbers. */
function makeArticle(words: number, seed: number): string {
  const vocabulary = [
    ...'die der und nicht Regierung Brücke Straße Bürgermeisterin Gutachten über für Köln'.split(
      ' ',
    ),
    ...'київ міста рада рішення мосту голови комісії роботи війна допомога гривень'.split(' '),
    ...'в москве прошла пресс-конференция журналистов пострадавших эксперты данные'.split(' '),
    ...'the volunteers collected food people took part drive planned report said'.split(' '),
    ...'🇺🇦 👍🏽 „Zitat“ «цитата» 3 17 2024 12,5 300'.split(' '),
  ]
  const next = random(seed)
  const paragraphs: string[] = []
  let count = 0
  while (count < words) {
    const sentences: string[] = []
    const sentenceCount = 2 + Math.floor(next() * 4)
    for (let s = 0; s < sentenceCount; s++) {
      const length = 5 + Math.floor(next() * 12)
      const sentence: string[] = []
      for (let w = 0; w < length; w++) {
        sentence.push(vocabulary[Math.floor(next() * vocabulary.length)] ?? 'x')
      }
      count += length
      const first = sentence[0] ?? ''
      sentence[0] = first.charAt(0).toUpperCase() + first.slice(1)
      sentences.push(sentence.join(next() < 0.1 ? ', ' : ' ') + '.')
    }
    paragraphs.push(sentences.join(' '))
  }
  return normalizeArticleText(paragraphs.join('\n\n'))
}

/** Word-aligned selections spread over the text, 1 to 8 words long. */
function makeAnnotations(text: string, count: number, seed: number): AnchorTarget[] {
  const next = random(seed)
  const starts: number[] = []
  for (let i = 0; i < text.length; i++) {
    if (i === 0 || (text[i - 1] === ' ' && text[i] !== ' ')) starts.push(i)
  }
  const index = new CodePointIndex(text)
  const annotations: AnchorTarget[] = []
  for (let n = 0; n < count; n++) {
    const first = Math.floor(next() * (starts.length - 10))
    const words = 1 + Math.floor(next() * 8)
    const from = starts[first] ?? 0
    let to = (starts[first + words] ?? text.length) - 1
    while (to > from + 1 && /[ .,]/.test(text.charAt(to - 1))) to--
    annotations.push(describeRange(index, index.toCodePoint(from), index.toCodePoint(to)))
  }
  return annotations
}

/** Plain dynamic-programming edit distance over code points, the reference for fuzzy results. */
function editDistance(a: string, b: string): number {
  const x = Array.from(a)
  const y = Array.from(b)
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j)
  for (let i = 1; i <= x.length; i++) {
    const current = [i]
    for (let j = 1; j <= y.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1)
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution))
    }
    previous = current
  }
  return previous[y.length] ?? 0
}

describe('anchoring under random edits', () => {
  it('puts every annotation the edit did not touch at its true place, and no other anywhere wrong', () => {
    const text = makeArticle(3000, 21)
    const points = Array.from(text)
    const targets = makeAnnotations(text, 150, 22)
    const next = random(23)
    const insertions = ['Eingeschobener Satz 🇺🇦 mit 3 Wörtern. ', 'ß', '', 'Neuer Text.']
    for (let round = 0; round < 40; round++) {
      const kind = round % 4
      const insert = insertions[kind] ?? ''
      const a = Math.floor(next() * points.length)
      const removed = kind === 0 ? 0 : 1 + Math.floor(next() * (kind === 1 ? 3 : 400))
      const b = Math.min(points.length, a + removed)
      const changed = [...points.slice(0, a), insert, ...points.slice(b)].join('')
      const shift = cp(insert) - (b - a)
      for (const options of [undefined, { oldText: text }]) {
        const results = reanchorAll(changed, targets, options)
        results.forEach((result, i) => {
          const { quote, position } = targets[i] ?? select(GERMAN, 'Köln')
          const context = { round, i, exact: quote.exact, result }
          if (position.end <= a || position.start >= b) {
            const truth =
              position.end <= a
                ? position
                : { start: position.start + shift, end: position.end + shift }
            expect(context).toEqual({
              ...context,
              result: {
                status: expect.stringMatching(/exact|moved/),
                position: truth,
                score: expect.any(Number),
              },
            })
            return
          }
          if (result.status === 'orphan') return
          const found = describeRange(changed, result.position.start, result.position.end).quote
            .exact
          if (result.status !== 'fuzzy') {
            // A touched quote may only move to an identical copy (chosen by context or length).
            expect(found).toBe(quote.exact)
            return
          }
          const distance = editDistance(found, quote.exact)
          expect(1 - distance / Math.max(cp(found), cp(quote.exact))).toBeGreaterThanOrEqual(0.85)
          // An edited quote is only looked for where it was.
          expect(result.position.end).toBeGreaterThan(a - cp(quote.exact))
          expect(result.position.start).toBeLessThan(a + cp(insert) + cp(quote.exact))
        })
      }
    }
  })
})

describe('anchoring after paragraphs are reordered', () => {
  it('moves every annotation inside a paragraph along with it', () => {
    const text = makeArticle(1500, 31)
    const paragraphs = text.split('\n\n')
    const starts: number[] = []
    let offset = 0
    for (const paragraph of paragraphs) {
      starts.push(offset)
      offset += cp(paragraph) + 2
    }
    const targets = makeAnnotations(text, 120, 32)
    const next = random(33)
    for (let round = 0; round < 8; round++) {
      const order = paragraphs.map((_, i) => i)
      const [taken] = order.splice(Math.floor(next() * order.length), 1)
      order.splice(Math.floor(next() * order.length), 0, taken ?? 0)
      const changed = order.map((i) => paragraphs[i]).join('\n\n')
      const moved = new Map(
        order.map((i) => [i, cp(changed, unitOf(changed, paragraphs[i] ?? ''))]),
      )
      for (const options of [undefined, { oldText: text }]) {
        reanchorAll(changed, targets, options).forEach((result, i) => {
          const { position } = targets[i] ?? select(GERMAN, 'Köln')
          const p = starts.findLastIndex((start) => start <= position.start)
          const start = starts[p] ?? 0
          if (position.end > start + cp(paragraphs[p] ?? '')) return
          const shift = (moved.get(p) ?? 0) - start
          expect({ round, i, result }).toEqual({
            round,
            i,
            result: {
              status: shift === 0 ? 'exact' : 'moved',
              position: { start: position.start + shift, end: position.end + shift },
              score: expect.any(Number),
            },
          })
        })
      }
    }
  })
})

describe('reanchorAll', () => {
  it('returns results in input order for a mix of outcomes', () => {
    const targets = [
      select(GERMAN, 'Die Kosten werden'),
      select(GERMAN, 'Kritiker werfen der Stadt vor'),
      select(GERMAN, 'Laut einem Gutachten müssen 35 Träger ausgetauscht werden.'),
      select(GERMAN, 'Die Stadtverwaltung von Köln'),
    ]
    const changed = GERMAN.replace('Kritiker werfen der Stadt vor, ', '')
      .replace('35 Träger', '36 Träger')
      .replace('Die Stadtverwaltung', 'Die Verwaltung der Stadt')
    const results = reanchorAll(changed, targets)
    expect(results.map((r) => r.status)).toEqual(['moved', 'orphan', 'fuzzy', 'orphan'])
    expect(results[0]?.position).toEqual(where(changed, 'Die Kosten werden'))
    expect(results[2]?.position).toEqual(
      where(changed, 'Laut einem Gutachten müssen 36 Träger ausgetauscht werden.'),
    )
  })

  it('matches anchor() one by one', () => {
    const text = makeArticle(2000, 11)
    const targets = makeAnnotations(text, 100, 12)
    const changed = text.slice(0, 3000) + 'Eingefügter Absatz.\n\n' + text.slice(3000)
    const all = reanchorAll(changed, targets)
    targets.forEach((t, i) => {
      expect(all[i]).toEqual(anchor(changed, t.quote, t.position))
    })
  })

  it('leaves every annotation exact when boilerplate at the end is removed', () => {
    const body = `${GERMAN}\n\n${UKRAINIAN}\n\n${RUSSIAN}\n\n${EMOJI}`
    const boilerplate =
      '\n\nSchlagwörter: Köln, Brücke, Verkehr\n\nDieser Artikel ist nur für Abonnenten.'
    const text = body + boilerplate
    const needles = [
      'Die Stadtverwaltung',
      'Die Kosten werden',
      '480 мільйонів гривень',
      '17',
      'число пострадавших',
      'everyone 👍🏽 and',
      '3 times more than last year.',
      'last year.',
    ]
    const targets = needles.map((needle) => select(text, needle))
    const last = select(text, 'year.')
    targets.push(last)
    expect(last.quote.suffix.startsWith('\n\nSchlagwörter')).toBe(true)
    for (const options of [undefined, { oldText: text }]) {
      const results = reanchorAll(body, targets, options)
      results.forEach((result, i) => {
        expectAnchored(result, 'exact', targets[i]?.position ?? { start: -1, end: -1 })
      })
    }
  })

  it('moves every annotation by the length of boilerplate removed at the start', () => {
    const header = 'Startseite › Politik › Ausland\n\nLesezeit: 3 Minuten\n\n'
    const text = header + GERMAN
    const targets = ['Köln', 'Die Kosten', '3', 'Bauarbeiten laufen.'].map((n) => select(GERMAN, n))
    const moved = targets.map((t) => ({
      quote: t.quote,
      position: { start: t.position.start + cp(header), end: t.position.end + cp(header) },
    }))
    for (const options of [undefined, { oldText: text }]) {
      reanchorAll(GERMAN, moved, options).forEach((result, i) => {
        expectAnchored(result, 'moved', targets[i]?.position ?? { start: -1, end: -1 })
      })
    }
  })

  it('moves 1,000 annotations of a 50,000-word article after a paragraph is inserted', () => {
    const text = makeArticle(50_000, 1)
    expect(text.split(/\s+/).length).toBeGreaterThanOrEqual(50_000)
    const targets = makeAnnotations(text, 1000, 2)
    const cut = unitOf(text, '\n\n', 1) + 2
    const paragraph =
      'Korrektur der Redaktion 🇺🇦: In einer früheren Fassung stand eine falsche Zahl. ' +
      'Редакція виправила помилку. Мы приносим извинения.\n\n'
    const changed = text.slice(0, cut) + paragraph + text.slice(cut)
    const shift = cp(paragraph)
    const cutCp = cp(text, cut)
    const check = (results: AnchorResult[]): void => {
      expect(results).toHaveLength(1000)
      results.forEach((result, i) => {
        const old = targets[i]?.position ?? { start: -1, end: -1 }
        const before = old.end <= cutCp
        const expected = before ? old : { start: old.start + shift, end: old.end + shift }
        expect({ i, result }).toEqual({
          i,
          result: {
            status: before ? 'exact' : 'moved',
            position: expected,
            score: expect.any(Number),
          },
        })
      })
    }
    check(reanchorAll(changed, targets))
    check(reanchorAll(changed, targets, { oldText: text }))
    const some = targets.filter((_, i) => i % 50 === 0)
    const shared = reanchorAll(new CodePointIndex(changed), some)
    some.forEach((target, i) => {
      expect(shared[i]).toEqual(anchor(changed, target.quote, target.position))
    })
  })

  it('uses the old text to tell identical passages apart where closeness alone would fail', () => {
    const block =
      'Gleicher Vorspann, lang genug für den ganzen Kontext. Textbaustein. ' +
      'Gleicher Nachsatz, ebenfalls lang genug für den Kontext.'
    const text = `Anfang. ${block} ${block} Ende.`
    const needle = 'Textbaustein'
    const target = select(text, needle, 1)
    // More than half the distance between the copies is inserted before both of them.
    const changed = 'Eine neue Einleitung, deutlich länger als die Hälfte eines Bausteins. ' + text
    const distance = (nth: number): number =>
      Math.abs(where(changed, needle, nth).start - target.position.start)
    expect(distance(0)).toBeLessThan(distance(1))
    // Without the old text, closeness to the old offset is all there is to go by.
    expectAnchored(
      reanchorAll(changed, [target])[0] ?? { status: 'orphan', reason: 'not-found' },
      'moved',
      where(changed, needle, 0),
    )
    expectAnchored(
      reanchorAll(changed, [target], { oldText: text })[0] ?? {
        status: 'orphan',
        reason: 'not-found',
      },
      'moved',
      where(changed, needle, 1),
    )
  })

  it('returns an empty list for no annotations', () => {
    expect(reanchorAll(GERMAN, [])).toEqual([])
  })
})

describe('a figure repeated in the article', () => {
  it('orphans the annotation when its sentence is deleted, rather than jumping to the other copy', () => {
    const oldText =
      'Geheimdienste melden mindestens 3.000 Soldaten in Russland.\n\n' +
      'Am Montag bestätigte das Ministerium in Seoul, dass mindestens 3.000 Soldaten im Oktober verlegt wurden.\n\n' +
      'Die Angaben lassen sich nicht überprüfen.'
    const start = [...oldText.slice(0, oldText.indexOf('mindestens 3.000', 70))].length
    const target = describeRange(oldText, start, start + 25)
    const newText = oldText.replace(/Am Montag[^\n]*wurden\./, '').replace(/\n{3,}/g, '\n\n')
    const [withOld] = reanchorAll(newText, [target], { oldText })
    expect(withOld?.status).toBe('orphan')
  })
})
