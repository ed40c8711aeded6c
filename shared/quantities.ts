/**
 * Recognises numeric quantities in German and English claim text ("mindestens 3.000 Soldaten",
 * "up to 12,000 troops", "etwa 11.000 bis 12.000", "zwei Brigaden") so that figures can be
 * compared by source. Pure: no I/O, no state beyond constant tables.
 *
 * Decisions:
 * - Separators. With a language hint, German reads "." as thousands and "," as decimal, English
 *   the other way round ("1.500" is 1500 in German and 1.5 in English; "3,000" is 3000 in English
 *   and 3 in German). A single separator that the hint calls "thousands" still reads as a decimal
 *   when the digits after it are not exactly three ("1.5" in German text is 1.5). Without a hint,
 *   exactly three digits after a single separator (and one to three non-zero-led digits before)
 *   means thousands, anything else is a decimal. Repeated separators must form groups of three,
 *   mixed separators take the last one as the decimal mark, and spaces (plain, no-break, thin,
 *   figure) only ever group thousands ("10 000").
 * - Multipliers: Hundert/hundred, Tausend/thousand/Tsd., Million(en)/million/Mio., Milliarde(n)/
 *   Mrd./billion/bn, Dutzend/dozen, and an adjacent "k" ("3k"). German "Billion(en)" is 10^12;
 *   "billion" is 10^9 unless the text is German.
 * - Unit: the noun right after the number (after any multiplier), lowercased but otherwise kept
 *   as written ("Elitesoldaten" → "elitesoldaten"). Up to three modifiers in between are skipped
 *   ("1,500 elite soldiers", "3.000 nordkoreanische Soldaten", "3,000 North Korean troops") and
 *   are part of `text`. In German text only capitalised words (or short abbreviations like "km")
 *   count as nouns. Function words ("to", "bis", "were", "wurden") end the phrase with unit ''.
 * - Percentages are captured, with the unit normalised to 'percent' ("15%", "15 %", "15 Prozent",
 *   "15 per cent"); percentage points become 'percentage points'. A currency symbol before or after
 *   the number becomes the unit ('$', '€', '£').
 * - Vague plurals ("Hunderte", "hundreds of", "Tausende", "tens of thousands", "mehrere hundert",
 *   "several thousand", "Dutzende") are 'at-least' the base amount (hundreds → ≥ 100): that is
 *   the only figure the text commits to.
 * - Spelled-out numbers (eins..zwölf, one..twelve and beyond up to ninety, hundert, tausend) are
 *   only reported with some support: a qualifier, a multiplier, a unit noun or a range ("zwei
 *   Brigaden", "more than two"), so "one of the" or "Two were killed" stay out. "a dozen",
 *   "ein Dutzend", "eine Million", "half a million" always count.
 * - Ranges ("11.000 bis 12.000", "between 1,000 and 2,000", "3,000–5,000", "zwei bis drei") get
 *   qualifier 'range' with `upper`; a hedge in front ("etwa 11.000 bis 12.000") is kept in `text`
 *   but the qualifier stays 'range'. "1 bis 2 Millionen" applies the multiplier to both ends.
 * - Not counts: years (a bare four-digit 1900–2100 after a month, "im Jahr", "in", "seit", "since",
 *   "Ende", ...; or not a multiple of 50; or with neither a qualifier nor a unit), dates ("12.
 *   Oktober", "October 12", "12.10.2024", "2024-10-12"), times ("14:30", "10 Uhr", "9 a.m."),
 *   ordinals ("3rd", "die 3. Brigade", "1990s"), ratios ("24/7"), labels ("Artikel 5", "page 3",
 *   "Nr. 7"), identifiers ("F-16", "A320") and hyphen compounds ("12-year-old").
 */

export type QuantityQualifier =
  'exactly' | 'at-least' | 'more-than' | 'up-to' | 'less-than' | 'about' | 'range'

export interface Quantity {
  /** The number; the lower bound for ranges. */
  value: number
  /** Upper bound, for ranges only. */
  upper?: number
  qualifier: QuantityQualifier
  /** Lowercased noun after the number ('soldiers', 'soldaten', 'percent'), '' if none. */
  unit: string
  /** The matched phrase as it appears, qualifier and unit included. */
  text: string
  /** UTF-16 offsets: input.slice(start, end) === text. */
  start: number
  end: number
}

export type QuantityFormatStyle = 'symbols' | 'words'

type Lang = 'de' | 'en' | ''

interface Token {
  text: string
  lower: string
  start: number
  end: number
  kind: 'num' | 'word' | 'punct'
}

interface Ctx {
  text: string
  toks: Token[]
  /** Explicit language hint: the only thing that resolves separator ambiguity. */
  hint: Lang
  /** Hint, or a guess from function words: picks vocabulary and unit rules. */
  lang: Lang
}

interface Atom {
  kind: 'digits' | 'word' | 'article' | 'vague'
  value: number
  hasMultiplier: boolean
  /** Token index after the atom. */
  next: number
  /** A bare four-digit integer between 1900 and 2100. */
  yearLike: boolean
}

const SPACE_CHARS = ' \u00A0\u2007\u2009\u202F'
const TOKEN_RE = new RegExp(
  `\\d{1,3}(?:(?:,\\d{3})+|(?:\\.\\d{3})+|(?:[${SPACE_CHARS}]\\d{3})+)(?:[.,]\\d+)?(?!\\d)` +
    `|\\d+(?:[.,]\\d+)*` +
    `|[\\p{L}\\p{M}]+(?:[-\\u2010'\\u2019][\\p{L}\\p{M}]+)*` +
    `|\\S`,
  'gu',
)
const SPACE_GROUPED_RE = new RegExp(`^(\\d{1,3}(?:[${SPACE_CHARS}]\\d{3})+)(?:[.,](\\d+))?$`)
const GAP_RE = /^[^\S\n]*\n?[^\S\n]*$/

function tokenize(text: string): Token[] {
  const out: Token[] = []
  for (const m of text.matchAll(TOKEN_RE)) {
    const s = m[0]
    const start = m.index
    const kind = /^\d/.test(s) ? 'num' : /^[\p{L}\p{M}]/u.test(s) ? 'word' : 'punct'
    out.push({ text: s, lower: s.toLowerCase(), start, end: start + s.length, kind })
  }
  return out
}

function phrase(s: string): string[] {
  return tokenize(s).map((t) => t.lower)
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const NUMBER_WORDS_EN = new Map<string, number>([
  ['one', 1],
  ['two', 2],
  ['three', 3],
  ['four', 4],
  ['five', 5],
  ['six', 6],
  ['seven', 7],
  ['eight', 8],
  ['nine', 9],
  ['ten', 10],
  ['eleven', 11],
  ['twelve', 12],
  ['thirteen', 13],
  ['fourteen', 14],
  ['fifteen', 15],
  ['sixteen', 16],
  ['seventeen', 17],
  ['eighteen', 18],
  ['nineteen', 19],
  ['twenty', 20],
  ['thirty', 30],
  ['forty', 40],
  ['fifty', 50],
  ['sixty', 60],
  ['seventy', 70],
  ['eighty', 80],
  ['ninety', 90],
  ['hundred', 100],
  ['thousand', 1000],
  ['dozen', 12],
])

const NUMBER_WORDS_DE = new Map<string, number>([
  ['eins', 1],
  ['zwei', 2],
  ['zwo', 2],
  ['drei', 3],
  ['vier', 4],
  ['fünf', 5],
  ['sechs', 6],
  ['sieben', 7],
  ['acht', 8],
  ['neun', 9],
  ['zehn', 10],
  ['elf', 11],
  ['zwölf', 12],
  ['dreizehn', 13],
  ['vierzehn', 14],
  ['fünfzehn', 15],
  ['sechzehn', 16],
  ['siebzehn', 17],
  ['achtzehn', 18],
  ['neunzehn', 19],
  ['zwanzig', 20],
  ['dreißig', 30],
  ['vierzig', 40],
  ['fünfzig', 50],
  ['sechzig', 60],
  ['siebzig', 70],
  ['achtzig', 80],
  ['neunzig', 90],
  ['hundert', 100],
  ['tausend', 1000],
  ['dutzend', 12],
])

const MULTIPLIERS = new Map<string, number>([
  ['hundred', 100],
  ['hundert', 100],
  ['dozen', 12],
  ['dutzend', 12],
  ['thousand', 1e3],
  ['tausend', 1e3],
  ['tsd', 1e3],
  ['million', 1e6],
  ['millionen', 1e6],
  ['mio', 1e6],
  ['mn', 1e6],
  ['milliarde', 1e9],
  ['milliarden', 1e9],
  ['mrd', 1e9],
  ['bn', 1e9],
  ['billion', 1e9],
  ['billionen', 1e12],
])
const ABBREVIATED_MULTIPLIERS = new Set(['tsd', 'mio', 'mn', 'mrd', 'bn'])

const VAGUE: ReadonlyArray<readonly [string[], number, Lang]> = [
  [phrase('hundreds of thousands'), 1e5, 'en'],
  [phrase('tens of thousands'), 1e4, 'en'],
  [phrase('dozens'), 12, 'en'],
  [phrase('hundreds'), 100, 'en'],
  [phrase('thousands'), 1e3, 'en'],
  [phrase('millions'), 1e6, 'en'],
  [phrase('billions'), 1e9, 'en'],
  [phrase('dutzende'), 12, 'de'],
  [phrase('hunderte'), 100, 'de'],
  [phrase('tausende'), 1e3, 'de'],
  [phrase('zehntausende'), 1e4, 'de'],
  [phrase('hunderttausende'), 1e5, 'de'],
  [phrase('millionen'), 1e6, 'de'],
  [phrase('milliarden'), 1e9, 'de'],
]
const VAGUE_PREFIXES: ReadonlyArray<readonly [string[], Lang]> = [
  [phrase('a couple of'), 'en'],
  [phrase('a few'), 'en'],
  [phrase('several'), 'en'],
  [phrase('ein paar'), 'de'],
  [phrase('mehrere'), 'de'],
  [phrase('einige'), 'de'],
  [phrase('etliche'), 'de'],
]
const ARTICLES = new Set(['a', 'an', 'ein', 'eine', 'einen', 'einer', 'einem', 'eines'])
const HALF_ARTICLES: ReadonlyArray<readonly [string[], Lang]> = [
  [phrase('half a'), 'en'],
  [phrase('eine halbe'), 'de'],
  [phrase('einer halben'), 'de'],
  [phrase('ein halbes'), 'de'],
]

const QUALIFIERS: ReadonlyArray<readonly [string[], QuantityQualifier, Lang]> = (
  [
    ['at least', 'at-least', 'en'],
    ['no fewer than', 'at-least', 'en'],
    ['no less than', 'at-least', 'en'],
    ['not less than', 'at-least', 'en'],
    ['a minimum of', 'at-least', 'en'],
    ['mindestens', 'at-least', 'de'],
    ['wenigstens', 'at-least', 'de'],
    ['nicht weniger als', 'at-least', 'de'],
    ['more than', 'more-than', 'en'],
    ['over', 'more-than', 'en'],
    ['above', 'more-than', 'en'],
    ['in excess of', 'more-than', 'en'],
    ['upwards of', 'more-than', 'en'],
    ['mehr als', 'more-than', 'de'],
    ['über', 'more-than', 'de'],
    ['up to', 'up-to', 'en'],
    ['as many as', 'up-to', 'en'],
    ['at most', 'up-to', 'en'],
    ['no more than', 'up-to', 'en'],
    ['not more than', 'up-to', 'en'],
    ['a maximum of', 'up-to', 'en'],
    ['bis zu', 'up-to', 'de'],
    ['bis', 'up-to', 'de'],
    ['höchstens', 'up-to', 'de'],
    ['maximal', 'up-to', 'de'],
    ['nicht mehr als', 'up-to', 'de'],
    ['fewer than', 'less-than', 'en'],
    ['less than', 'less-than', 'en'],
    ['under', 'less-than', 'en'],
    ['below', 'less-than', 'en'],
    ['just under', 'less-than', 'en'],
    ['weniger als', 'less-than', 'de'],
    ['unter', 'less-than', 'de'],
    ['knapp unter', 'less-than', 'de'],
    ['about', 'about', 'en'],
    ['around', 'about', 'en'],
    ['approximately', 'about', 'en'],
    ['approx.', 'about', 'en'],
    ['roughly', 'about', 'en'],
    ['some', 'about', 'en'],
    ['nearly', 'about', 'en'],
    ['almost', 'about', 'en'],
    ['close to', 'about', 'en'],
    ['an estimated', 'about', 'en'],
    ['estimated', 'about', 'en'],
    ['circa', 'about', ''],
    ['ca.', 'about', ''],
    ['rund', 'about', 'de'],
    ['etwa', 'about', 'de'],
    ['zirka', 'about', 'de'],
    ['ungefähr', 'about', 'de'],
    ['knapp', 'about', 'de'],
    ['fast', 'about', 'de'],
    ['beinahe', 'about', 'de'],
    ['nahezu', 'about', 'de'],
    ['schätzungsweise', 'about', 'de'],
    ['geschätzt', 'about', 'de'],
    ['um die', 'about', 'de'],
    ['an die', 'about', 'de'],
    ['exactly', 'exactly', 'en'],
    ['precisely', 'exactly', 'en'],
    ['genau', 'exactly', 'de'],
    ['exakt', 'exactly', 'de'],
  ] as const
)
  .map(([p, q, l]) => [phrase(p), q, l] as const)
  .sort((a, b) => b[0].length - a[0].length)

/** Phrases after the number (and unit) that turn an exact figure into a bound. */
const TRAILING_QUALIFIERS: ReadonlyArray<readonly [string[], QuantityQualifier]> = [
  [phrase('or more'), 'at-least'],
  [phrase('and more'), 'at-least'],
  [phrase('oder mehr'), 'at-least'],
  [phrase('und mehr'), 'at-least'],
  [phrase('or fewer'), 'up-to'],
  [phrase('or less'), 'up-to'],
  [phrase('oder weniger'), 'up-to'],
  [phrase('or so'), 'about'],
]

const RANGE_INTRO = new Set(['between', 'zwischen', 'from', 'von'])
const RANGE_CONNECTORS = new Set(['bis', 'to', 'or', 'oder', '-', '\u2013', '\u2014'])
const CURRENCY = new Set(['$', '€', '£'])

const MONTHS = new Set(
  (
    'januar jänner februar märz april mai juni juli august september oktober november dezember ' +
    'january february march may june july october december ' +
    'jan feb mär mrz apr jun jul aug sep sept okt nov dez mar oct dec'
  ).split(' '),
)
const STRONG_YEAR_CONTEXT = new Set(
  (
    'in im seit since until till jahr jahre jahres jahresende year anfang ende mitte ' +
    'frühjahr frühling sommer herbst winter spring summer autumn fall early late mid'
  ).split(' '),
)
const WEAK_YEAR_CONTEXT = new Set(
  'von vom from of bis by ab vor nach before after um gegen'.split(' '),
)
const LABELS = new Set(
  (
    'artikel article seite page kapitel chapter nummer number paragraph paragraf absatz ' +
    'resolution version flight flug linie line zeile gleis platz tag day woche week runde round ' +
    'folge episode staffel season teil part band volume ziffer modell model typ type route'
  ).split(' '),
)
const LABEL_ABBREVIATIONS = new Set(['nr', 'no', 'art', 'abs', 'kap', 'ch', 'vol', 'bd', 'p', 'pp'])
const ORDINAL_ARTICLES_DE = new Set(
  'der die das den dem des am im zum zur vom beim ihre ihrer seine seiner'.split(' '),
)
const SKIPPED_SUFFIXES = new Set('st nd rd th te ten ter tes er ern s h am pm uhr'.split(' '))
const ONE_BLOCKERS = new Set('no any every each the this that which such another'.split(' '))

const STOP_EN = new Set(
  (
    'a an the of to and or nor but if so not no in on at by for from with into onto than as per ' +
    'is are was were be been being will would could should may might must can have has had do ' +
    'does did this that these those who which whom whose it its they them their there he she his ' +
    'her we our you more less fewer most also only each every other another such said says ' +
    'according between since until after before during over under about around up down out off ' +
    'all both via plus while when where toward towards near against among through within'
  ).split(' '),
)
const STOP_DE = new Set(
  (
    'der die das den dem des ein eine einer eines einem einen und oder aber sowie bis zu zum zur ' +
    'in im an am auf aus bei beim mit nach seit von vom vor für gegen um über unter durch ohne ' +
    'zwischen während laut gemäß sind seien waren wären sein soll sollen sollten werden wurden ' +
    'würden wird wurde haben hatten hätten hat hatte ist war sei nicht kein keine auch noch ' +
    'schon bereits etwa rund mehr weniger als wie so nur sich es er sie wir ihr ihre seine dass ' +
    'daß weil wenn ob man jedoch dann davon darunter insgesamt pro je'
  ).split(' '),
)
const EN_MODIFIERS = new Set(
  (
    'elite additional extra new fresh regular active reserve combat special ground foreign ' +
    'local north south east west american african german military civilian enemy allied young ' +
    'old armed well-trained'
  ).split(' '),
)
/** English -ed words that stand for people when used as a noun after a number. */
const EN_PARTICIPLE_NOUNS = new Set(
  'killed wounded injured captured detained displaced arrested evacuated'.split(' '),
)
const PERCENT_WORDS = new Set(['prozent', 'percent', 'pct'])
const PERCENT_POINT_WORDS = new Set(['prozentpunkte', 'prozentpunkt', 'prozentpunkten'])

const DE_HINTS = new Set(
  (
    'der die das und nicht mit von den dem des ein eine einen ist sind wurde wurden auch nach bei ' +
    'zu hat haben sich auf für im als mindestens laut sei seien etwa rund bis soldaten mehr'
  ).split(' '),
)
const EN_HINTS = new Set(
  (
    'the and of to is are was were with that for on by from have has been this will at least ' +
    'more than about soldiers troops according said up'
  ).split(' '),
)

// ---------------------------------------------------------------------------------------------
// Small helpers

function inLang(wordLang: Lang, lang: Lang): boolean {
  return wordLang === '' || lang === '' || wordLang === lang
}

function isCapitalized(t: Token): boolean {
  return t.kind === 'word' && t.text[0] !== t.lower[0]
}

function isLowercase(t: Token): boolean {
  return t.kind === 'word' && t.text === t.lower
}

function isMonth(t: Token | undefined): boolean {
  return t !== undefined && isCapitalized(t) && MONTHS.has(t.lower)
}

function isStop(t: Token, lang: Lang): boolean {
  if (lang === 'en') return STOP_EN.has(t.lower)
  if (lang === 'de') return STOP_DE.has(t.lower)
  return STOP_EN.has(t.lower) || STOP_DE.has(t.lower)
}

function numberWord(lower: string, lang: Lang): number | undefined {
  return (
    (lang !== 'de' ? NUMBER_WORDS_EN.get(lower) : undefined) ??
    (lang !== 'en' ? NUMBER_WORDS_DE.get(lower) : undefined)
  )
}

function guessLanguage(text: string): Lang {
  let de = 0
  let en = 0
  for (const m of text.toLowerCase().matchAll(/[\p{L}]+/gu)) {
    if (DE_HINTS.has(m[0])) de++
    if (EN_HINTS.has(m[0])) en++
  }
  return de > en ? 'de' : en > de ? 'en' : ''
}

function makeCtx(text: string, hint: Lang): Ctx {
  return { text, toks: tokenize(text), hint, lang: hint || guessLanguage(text) }
}

/** Whitespace (at most one line break, possibly none) between token i and token i + 1. */
function gapOk(ctx: Ctx, i: number): boolean {
  const a = ctx.toks[i]
  const b = ctx.toks[i + 1]
  return a !== undefined && b !== undefined && GAP_RE.test(ctx.text.slice(a.end, b.start))
}

/** Like gapOk, but with at least one whitespace character. */
function spaced(ctx: Ctx, i: number): boolean {
  const a = ctx.toks[i]
  const b = ctx.toks[i + 1]
  return a !== undefined && b !== undefined && b.start > a.end && gapOk(ctx, i)
}

function adjacent(ctx: Ctx, i: number): boolean {
  const a = ctx.toks[i]
  const b = ctx.toks[i + 1]
  return a !== undefined && b !== undefined && a.end === b.start
}

/** Index after `words` if they start at token i (joined by whitespace), else null. */
function matchForward(ctx: Ctx, i: number, words: readonly string[]): number | null {
  for (let k = 0; k < words.length; k++) {
    const t = ctx.toks[i + k]
    if (t === undefined || t.lower !== words[k]) return null
    if (k > 0 && !gapOk(ctx, i + k - 1)) return null
  }
  return i + words.length
}

/** Index of the first token if `words` end right before token `end` (whitespace-joined). */
function matchBackward(ctx: Ctx, end: number, words: readonly string[]): number | null {
  const start = end - words.length
  if (start < 0 || !gapOk(ctx, end - 1)) return null
  return matchForward(ctx, start, words) === end ? start : null
}

function roundValue(v: number): number {
  return Number(v.toPrecision(12))
}

// ---------------------------------------------------------------------------------------------
// Numbers

function parseDigits(raw: string, hint: Lang): number | null {
  const spacedMatch = SPACE_GROUPED_RE.exec(raw)
  if (spacedMatch?.[1] !== undefined) {
    const int = spacedMatch[1].replace(/\D/g, '')
    const frac = spacedMatch[2]
    return Number(frac === undefined ? int : `${int}.${frac}`)
  }
  if (/^\d+$/.test(raw)) return Number(raw)
  if (!/^\d+(?:[.,]\d+)+$/.test(raw)) return null
  const hasDot = raw.includes('.')
  const hasComma = raw.includes(',')
  if (hasDot && hasComma) {
    const dec = raw.lastIndexOf('.') > raw.lastIndexOf(',') ? '.' : ','
    const grp = dec === '.' ? ',' : '.'
    const re = new RegExp(`^\\d{1,3}(?:\\${grp}\\d{3})+\\${dec}\\d+$`)
    if (!re.test(raw)) return null
    return Number(raw.split(grp).join('').replace(dec, '.'))
  }
  const sep = hasDot ? '.' : ','
  const parts = raw.split(sep)
  const [int, frac] = parts
  if (int === undefined || frac === undefined) return null
  if (parts.length > 2) {
    const grouped = /^\d{1,3}$/.test(int) && parts.slice(1).every((p) => /^\d{3}$/.test(p))
    return grouped ? Number(parts.join('')) : null
  }
  const thousandsShape = frac.length === 3 && int.length <= 3 && !int.startsWith('0')
  const grouping =
    hint === 'de'
      ? sep === '.' && thousandsShape
      : hint === 'en'
        ? sep === ',' && thousandsShape
        : thousandsShape
  return grouping ? Number(int + frac) : Number(`${int}.${frac}`)
}

function multiplierAt(ctx: Ctx, j: number): { value: number; next: number } | null {
  const t = ctx.toks[j]
  if (t === undefined || t.kind !== 'word' || !spaced(ctx, j - 1)) return null
  let value = MULTIPLIERS.get(t.lower)
  if (value === undefined) return null
  if (t.lower === 'billion' && ctx.lang === 'de') value = 1e12
  let next = j + 1
  if (ABBREVIATED_MULTIPLIERS.has(t.lower) && ctx.toks[next]?.text === '.' && adjacent(ctx, j)) {
    next++
  }
  return { value, next }
}

/** A multiplier word, or "hundred"/"dozen" followed by a bigger one ("two hundred thousand"). */
function readMultipliers(ctx: Ctx, j: number): { value: number; next: number } | null {
  const first = multiplierAt(ctx, j)
  if (first === null) return null
  if (first.value <= 100) {
    const second = multiplierAt(ctx, first.next)
    if (second !== null && second.value > 100) {
      return { value: first.value * second.value, next: second.next }
    }
  }
  return first
}

function parseAtom(ctx: Ctx, i: number): Atom | null {
  const t = ctx.toks[i]
  if (t === undefined) return null
  if (t.kind === 'num') {
    const base = parseDigits(t.text, ctx.hint)
    if (base === null) return null
    const after = ctx.toks[i + 1]
    if (after !== undefined && adjacent(ctx, i) && (after.text === 'k' || after.text === 'K')) {
      return {
        kind: 'digits',
        value: base * 1e3,
        hasMultiplier: true,
        next: i + 2,
        yearLike: false,
      }
    }
    const mult = readMultipliers(ctx, i + 1)
    const yearLike = mult === null && /^\d{4}$/.test(t.text) && base >= 1900 && base <= 2100
    return {
      kind: 'digits',
      value: roundValue(base * (mult?.value ?? 1)),
      hasMultiplier: mult !== null,
      next: mult?.next ?? i + 1,
      yearLike,
    }
  }
  if (t.kind !== 'word') return null

  for (const [words, value, lang] of VAGUE) {
    if (!inLang(lang, ctx.lang)) continue
    const next = matchForward(ctx, i, words)
    if (next !== null) return { kind: 'vague', value, hasMultiplier: false, next, yearLike: false }
  }
  for (const [words, lang] of VAGUE_PREFIXES) {
    if (!inLang(lang, ctx.lang)) continue
    const after = matchForward(ctx, i, words)
    const mult = after === null ? null : readMultipliers(ctx, after)
    if (mult !== null) {
      return {
        kind: 'vague',
        value: mult.value,
        hasMultiplier: true,
        next: mult.next,
        yearLike: false,
      }
    }
  }
  for (const [words, lang] of HALF_ARTICLES) {
    if (!inLang(lang, ctx.lang)) continue
    const after = matchForward(ctx, i, words)
    const mult = after === null ? null : readMultipliers(ctx, after)
    if (mult !== null) {
      const value = roundValue(mult.value / 2)
      return { kind: 'article', value, hasMultiplier: true, next: mult.next, yearLike: false }
    }
  }
  if (ARTICLES.has(t.lower)) {
    const mult = readMultipliers(ctx, i + 1)
    if (mult === null) return null
    return {
      kind: 'article',
      value: mult.value,
      hasMultiplier: true,
      next: mult.next,
      yearLike: false,
    }
  }
  const base = numberWord(t.lower, ctx.lang)
  if (base === undefined) return null
  const mult = readMultipliers(ctx, i + 1)
  return {
    kind: 'word',
    value: roundValue(base * (mult?.value ?? 1)),
    hasMultiplier: mult !== null,
    next: mult?.next ?? i + 1,
    yearLike: false,
  }
}

/** The plain number reading of a token such as "3.000", "1,5 Millionen", "3k", "zwölf". */
export function parseNumber(token: string, language: 'de' | 'en' | '' = ''): number | null {
  const text = token.trim()
  if (text === '') return null
  const ctx = makeCtx(text, language)
  const atom = parseAtom(ctx, 0)
  if (atom === null || atom.kind === 'vague' || atom.next !== ctx.toks.length) return null
  return atom.value
}

// ---------------------------------------------------------------------------------------------
// Context checks

/** Digits that are part of a date, time, ratio, identifier, label or ordinal, not a count. */
function isNonCount(ctx: Ctx, i: number, atom: Atom): boolean {
  const t = ctx.toks[i]
  if (t === undefined) return true
  const prev = ctx.toks[i - 1]
  const prev2 = ctx.toks[i - 2]
  const next = ctx.toks[atom.next]
  const next2 = ctx.toks[atom.next + 1]
  const smallInt = /^\d{1,2}$/.test(t.text) && Number(t.text) >= 1 && Number(t.text) <= 31
  if (inIsoDate(ctx, i)) return true

  if (prev !== undefined && adjacent(ctx, i - 1)) {
    // "F16", "#3", "§ 5", "24/7" (right side), "14:30" (right side), "F-16", "2024-10-12"
    if (prev.kind === 'word' || prev.kind === 'num') return true
    if ('#№§'.includes(prev.text)) return true
    if ('-/:.\u2010'.includes(prev.text) && prev2 !== undefined && adjacent(ctx, i - 2)) {
      if (prev2.kind === 'word') return true
      if (prev2.kind === 'num' && prev.text !== '-') return true
    }
  }
  if (prev !== undefined && prev.text === '§') return true
  if (prev !== undefined && gapOk(ctx, i - 1)) {
    if (prev.kind === 'word' && LABELS.has(prev.lower)) return true
    if (smallInt && isMonth(prev)) return true // "October 12"
    if (prev.text === '.' && prev2 !== undefined && adjacent(ctx, i - 2)) {
      if (LABEL_ABBREVIATIONS.has(prev2.lower)) return true // "Nr. 7"
      if (smallInt && isMonth(prev2)) return true // "Oct. 12"
    }
  }
  if (atom.hasMultiplier || next === undefined) return false
  if (adjacent(ctx, atom.next - 1)) {
    if ((next.text === ':' || next.text === '/') && next2?.kind === 'num') return true // 14:30, 24/7
    if (next.kind === 'word' && SKIPPED_SUFFIXES.has(next.lower)) return true // 3rd, 1990s, 9pm
    if (next.text === '-' && next2?.kind === 'word' && adjacent(ctx, atom.next)) return true
    if (next.text === '.' && /^\d{1,2}\.\d{1,2}$/.test(t.text)) return true // "12.10."
    if (next.text === '.' && /^\d{1,3}$/.test(t.text) && next2 !== undefined) {
      if (gapOk(ctx, atom.next) && isMonth(next2)) return true // "12. Oktober"
      if (ctx.lang !== 'en' && gapOk(ctx, atom.next) && next2.kind === 'word') {
        // German ordinal: "die 3. Brigade", "3. bis 5."
        if (isLowercase(next2)) return true
        if (prev !== undefined && ORDINAL_ARTICLES_DE.has(prev.lower)) return true
      }
    }
  }
  if (smallInt && gapOk(ctx, atom.next - 1) && isMonth(next)) return true // "12 October"
  return isTimeAfter(ctx, atom.next)
}

/** Token i is part of "2024-10-12". */
function inIsoDate(ctx: Ctx, i: number): boolean {
  const shapes = [/^\d{4}$/, /^-$/, /^\d{1,2}$/, /^-$/, /^\d{1,2}$/]
  for (const first of [i, i - 2, i - 4]) {
    const ok = shapes.every((re, k) => {
      const t = ctx.toks[first + k]
      return t !== undefined && re.test(t.text) && (k === 0 || adjacent(ctx, first + k - 1))
    })
    if (ok) return true
  }
  return false
}

function isTimeAfter(ctx: Ctx, j: number): boolean {
  const t = ctx.toks[j]
  if (t === undefined || !gapOk(ctx, j - 1)) return false
  if (t.lower === 'uhr' || t.lower === "o'clock" || t.lower === 'o’clock' || t.lower === 'pm') {
    return true
  }
  if ((t.lower === 'a' || t.lower === 'p') && ctx.toks[j + 1]?.text === '.') {
    return ctx.toks[j + 2]?.lower === 'm' && adjacent(ctx, j) && adjacent(ctx, j + 1)
  }
  if (t.lower === 'am') {
    if (ctx.lang === 'en') return true
    if (ctx.lang === 'de') return false
    const after = ctx.toks[j + 1]
    return after === undefined || after.kind !== 'word' || isLowercase(after)
  }
  return false
}

// ---------------------------------------------------------------------------------------------
// Units

function isUnitWord(t: Token, ctx: Ctx): boolean {
  if (t.kind !== 'word' || isStop(t, ctx.lang) || isMonth(t)) return false
  if (MULTIPLIERS.has(t.lower) || numberWord(t.lower, ctx.lang) !== undefined) return false
  if (ctx.lang === 'de' && !isCapitalized(t) && t.text.length > 3) return false
  if (ctx.lang !== 'de' && /ed$/.test(t.lower) && !EN_PARTICIPLE_NOUNS.has(t.lower)) {
    return isCapitalized(t) && ctx.lang === ''
  }
  return true
}

function isModifier(t: Token, next: Token, ctx: Ctx): boolean {
  if (t.kind !== 'word' || next.kind !== 'word') return false
  if (isStop(t, ctx.lang) || isStop(next, ctx.lang)) return false
  if (ctx.lang !== 'en' && isLowercase(t) && isCapitalized(next) && t.lower.length >= 3) {
    if (/(?:e|en|er|es|em)$/.test(t.lower)) return true // "nordkoreanische Soldaten"
  }
  if (ctx.lang !== 'de') {
    if (EN_MODIFIERS.has(t.lower)) return true
    if (/(?:ian|ean|ese|ish)$/.test(t.lower)) return true // "Korean", "Chinese", "British"
    if (isLowercase(t) && t.lower.length >= 5 && /(?:ed|al|ary|ive)$/.test(t.lower)) return true
    if (ctx.lang === 'en' && isCapitalized(t)) return true // "North Korean soldiers"
  }
  return false
}

/** The unit after token j-1: special forms first, then modifiers and a noun. */
function readUnit(ctx: Ctx, j: number, skipOf: boolean): { unit: string; next: number } | null {
  let k = j
  if (skipOf) {
    const of = ctx.toks[k]
    if (of !== undefined && (of.lower === 'of' || of.lower === 'von') && spaced(ctx, k - 1)) k++
  }
  const words: Token[] = []
  for (let m = k; m < k + 4; m++) {
    const t = ctx.toks[m]
    if (t === undefined || t.kind !== 'word' || !spaced(ctx, m - 1)) break
    words.push(t)
  }
  const [w0, w1] = words
  if (w0 === undefined) return null
  if (PERCENT_WORDS.has(w0.lower)) return { unit: 'percent', next: k + 1 }
  if (PERCENT_POINT_WORDS.has(w0.lower)) return { unit: 'percentage points', next: k + 1 }
  if (w0.lower === 'per' && w1?.lower === 'cent') return { unit: 'percent', next: k + 2 }
  if (w0.lower === 'percentage' && (w1?.lower === 'points' || w1?.lower === 'point')) {
    return { unit: 'percentage points', next: k + 2 }
  }
  let n = 0
  while (n < 3) {
    const cur = words[n]
    const after = words[n + 1]
    if (cur === undefined || after === undefined || !isModifier(cur, after, ctx)) break
    n++
  }
  const candidate = words[n]
  if (candidate !== undefined && isUnitWord(candidate, ctx)) {
    return { unit: candidate.lower, next: k + n + 1 }
  }
  const last = n > 0 ? words[n - 1] : undefined
  if (last !== undefined && isUnitWord(last, ctx)) return { unit: last.lower, next: k + n }
  return null
}

// ---------------------------------------------------------------------------------------------
// Phrases

function qualifierBefore(
  ctx: Ctx,
  end: number,
): { qualifier: QuantityQualifier; start: number } | null {
  for (const [words, qualifier, lang] of QUALIFIERS) {
    if (!inLang(lang, ctx.lang)) continue
    const start = matchBackward(ctx, end, words)
    if (start !== null) return { qualifier, start }
  }
  return null
}

function trailingQualifier(
  ctx: Ctx,
  end: number,
): { qualifier: QuantityQualifier; next: number } | null {
  if (!gapOk(ctx, end - 1)) return null
  for (const [words, qualifier] of TRAILING_QUALIFIERS) {
    const next = matchForward(ctx, end, words)
    if (next !== null) return { qualifier, next }
  }
  return null
}

function yearContext(ctx: Ctx, i: number): 'strong' | 'weak' | null {
  const prev = ctx.toks[i - 1]
  if (prev === undefined || !gapOk(ctx, i - 1)) return null
  if (isMonth(prev) || STRONG_YEAR_CONTEXT.has(prev.lower)) return 'strong'
  if (prev.text === '.' && isMonth(ctx.toks[i - 2])) return 'strong'
  return WEAK_YEAR_CONTEXT.has(prev.lower) ? 'weak' : null
}

/** The quantity whose number starts at token i, and the token index after it. */
function quantityAt(ctx: Ctx, i: number, floor: number): { q: Quantity; next: number } | null {
  const atom = parseAtom(ctx, i)
  if (atom === null) return null
  if (atom.kind === 'digits' && isNonCount(ctx, i, atom)) return null
  const toks = ctx.toks

  // Prefix: currency symbol, range intro ("between", "zwischen"), qualifier.
  let first = i
  let unit = ''
  const cur = toks[i - 1]
  if (cur !== undefined && i - 1 >= floor && CURRENCY.has(cur.text) && gapOk(ctx, i - 1)) {
    first = i - 1
    unit = cur.text
  }
  const intro = toks[first - 1]
  const introOk = intro !== undefined && first - 1 >= floor && gapOk(ctx, first - 1)
  const introWord = introOk && RANGE_INTRO.has(intro.lower) ? intro.lower : ''

  let end = atom.next
  let value = atom.value
  let upper: number | undefined

  // Suffixes right after the number: "5km", "15%", "30 €".
  const suffix = toks[end]
  if (suffix !== undefined && atom.kind === 'digits' && !atom.hasMultiplier) {
    if (suffix.kind === 'word' && adjacent(ctx, end - 1)) {
      unit = suffix.lower
      end++
    }
  }
  const sym = toks[end]
  if (sym !== undefined && unit === '' && gapOk(ctx, end - 1)) {
    if (sym.text === '%') unit = 'percent'
    else if (CURRENCY.has(sym.text)) unit = sym.text
    if (unit !== '') end++
  }

  // Range: "11.000 bis 12.000", "between 1,000 and 2,000", "3,000–5,000", "zwei bis drei".
  let rangeIntro = false
  const conn = toks[end]
  if (atom.kind !== 'vague' && conn !== undefined && gapOk(ctx, end - 1)) {
    const andOk = introWord === 'between' || introWord === 'zwischen'
    const isConn =
      RANGE_CONNECTORS.has(conn.lower) || (andOk && (conn.lower === 'and' || conn.lower === 'und'))
    let j = end + 1
    if (unit !== '' && toks[j]?.text === unit) j++ // "$1 to $2 million"
    const b = isConn && gapOk(ctx, j - 1) ? parseAtom(ctx, j) : null
    const bYear = b !== null && b.yearLike && b.value % 50 !== 0
    if (
      b !== null &&
      b.kind !== 'vague' &&
      !bYear &&
      !(b.kind === 'digits' && isNonCount(ctx, j, b))
    ) {
      let lower = value
      if (!atom.hasMultiplier && b.hasMultiplier && atom.kind !== 'article') {
        const bBase = baseOf(ctx, j)
        const factor = bBase === 0 ? 1 : b.value / bBase
        if (roundValue(lower * factor) <= b.value) lower = roundValue(lower * factor)
      }
      if (b.value > lower) {
        value = lower
        upper = b.value
        end = b.next
        rangeIntro = introWord !== ''
        const bSuffix = toks[end]
        if (bSuffix?.kind === 'word' && bSuffix.lower === unit && adjacent(ctx, end - 1)) end++
        const bSym = toks[end]
        if (bSym !== undefined && gapOk(ctx, end - 1) && (unit === '' || unit === 'percent')) {
          if (bSym.text === '%') {
            unit = 'percent'
            end++
          } else if (CURRENCY.has(bSym.text) && unit === '') {
            unit = bSym.text
            end++
          }
        }
      }
    }
  }

  // "3,000 or more soldiers": a trailing qualifier between the number and its noun.
  let trailing: QuantityQualifier | null = null
  if (upper === undefined && atom.kind !== 'vague') {
    const t = trailingQualifier(ctx, end)
    if (t !== null && t.next < ctx.toks.length && readUnit(ctx, t.next, false) !== null) {
      trailing = t.qualifier
      end = t.next
    }
  }

  // Unit noun.
  if (unit === '') {
    if (isTimeAfter(ctx, end) && atom.kind === 'digits') return null
    const u = readUnit(ctx, end, atom.kind === 'vague')
    if (u !== null) {
      unit = u.unit
      end = u.next
    }
  }

  // Qualifier before the phrase.
  let qualifier: QuantityQualifier = 'exactly'
  let hasQualifier = false
  let start = rangeIntro ? first - 1 : first
  if (atom.kind === 'vague') {
    qualifier = 'at-least'
  } else {
    const qb = qualifierBefore(ctx, start)
    if (qb !== null && qb.start >= floor) {
      qualifier = qb.qualifier
      hasQualifier = true
      start = qb.start
    }
  }
  if (upper !== undefined) qualifier = 'range'

  // Trailing "or more" / "oder mehr", before or after the noun.
  if (qualifier === 'exactly' && upper === undefined && atom.kind !== 'vague') {
    const t = trailing === null ? trailingQualifier(ctx, end) : null
    const follow = t === null ? undefined : toks[t.next]
    if (t !== null && !(follow?.kind === 'word' && gapOk(ctx, t.next - 1))) {
      trailing = t.qualifier
      end = t.next
    }
    if (trailing !== null) {
      qualifier = trailing
      hasQualifier = true
    }
  }

  // Years: "im Jahr 2024", "Oktober 2024", "seit 2014", "2024 schickte ...".
  if (atom.yearLike) {
    const context = yearContext(ctx, first)
    const round = atom.value % 50 === 0
    if (context === 'strong' || !round) return null
    if (context === 'weak' && unit === '') return null
    if (!hasQualifier && unit === '' && upper === undefined) return null
  }

  // Spelled-out numbers need support.
  if (atom.kind === 'word' && !atom.hasMultiplier && !hasQualifier && unit === '') {
    if (upper === undefined) return null
  }
  const head = toks[i]
  if (head !== undefined && (head.lower === 'one' || head.lower === 'eins')) {
    const before = toks[i - 1]
    if (before !== undefined && ONE_BLOCKERS.has(before.lower)) return null
  }

  const startTok = toks[start]
  const endTok = toks[end - 1]
  if (startTok === undefined || endTok === undefined) return null
  const q: Quantity = {
    value,
    qualifier,
    unit,
    text: ctx.text.slice(startTok.start, endTok.end),
    start: startTok.start,
    end: endTok.end,
  }
  if (upper !== undefined) q.upper = upper
  return { q, next: end }
}

/** The value of the atom at j without its multiplier. */
function baseOf(ctx: Ctx, j: number): number {
  const t = ctx.toks[j]
  if (t === undefined) return 0
  if (t.kind === 'num') return parseDigits(t.text, ctx.hint) ?? 0
  return numberWord(t.lower, ctx.lang) ?? 0
}

/** All quantities in `text`, in order, without overlaps. */
export function parseQuantities(text: string, language: 'de' | 'en' | '' = ''): Quantity[] {
  const ctx = makeCtx(text, language)
  const out: Quantity[] = []
  let floor = 0
  for (let i = 0; i < ctx.toks.length; i++) {
    const found = quantityAt(ctx, i, floor)
    if (found === null) continue
    out.push(found.q)
    floor = found.next
    i = found.next - 1
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Formatting

const QUALIFIER_SYMBOLS: Record<QuantityQualifier, string> = {
  exactly: '',
  'at-least': '≥ ',
  'more-than': '> ',
  'up-to': '≤ ',
  'less-than': '< ',
  about: '≈ ',
  range: '',
}
const QUALIFIER_WORDS_DE: Record<QuantityQualifier, string> = {
  exactly: '',
  'at-least': 'mindestens ',
  'more-than': 'mehr als ',
  'up-to': 'bis zu ',
  'less-than': 'weniger als ',
  about: 'etwa ',
  range: '',
}
const QUALIFIER_WORDS_EN: Record<QuantityQualifier, string> = {
  exactly: '',
  'at-least': 'at least ',
  'more-than': 'more than ',
  'up-to': 'up to ',
  'less-than': 'less than ',
  about: 'about ',
  range: '',
}

function isNice(x: number): boolean {
  return Math.abs(Math.round(x * 1000) - x * 1000) < 1e-6
}

function formatAmount(values: number[], locale: 'en' | 'de'): string {
  const nf = new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-US', {
    maximumFractionDigits: 3,
  })
  const largest = Math.max(...values)
  const scales = [
    { div: 1e9, en: 'billion', de1: 'Milliarde', de: 'Milliarden' },
    { div: 1e6, en: 'million', de1: 'Million', de: 'Millionen' },
  ]
  for (const s of scales) {
    if (largest >= s.div && values.every((v) => isNice(v / s.div))) {
      const nums = values.map((v) => nf.format(roundValue(v / s.div)))
      const word =
        locale === 'en' ? s.en : values.length === 1 && values[0] === s.div ? s.de1 : s.de
      return `${nums.join('–')} ${word}`
    }
  }
  return values.map((v) => nf.format(v)).join('–')
}

/**
 * A short display form: "≥ 3,000 soldiers" (English, symbols by default) or "mehr als 10.000
 * Soldaten" (German, words by default). Pass `style` to choose the other form. Units are not
 * translated; in German, units longer than three letters are capitalised like nouns.
 */
/** The unit word as it appears in the quantity's phrase, if it does. */
function unitAsWritten(q: Pick<Quantity, 'text' | 'unit'>): string | null {
  const escaped = q.unit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const match = new RegExp(`(?<![\\p{L}])${escaped}(?![\\p{L}])`, 'iu').exec(q.text)
  return match ? match[0] : null
}

export function formatQuantity(
  q: Quantity,
  locale: 'en' | 'de',
  style: QuantityFormatStyle = locale === 'en' ? 'symbols' : 'words',
): string {
  const amount = formatAmount(q.upper === undefined ? [q.value] : [q.value, q.upper], locale)
  const countable = q.unit !== '' && q.unit !== 'percent' && !CURRENCY.has(q.unit)
  let prefix =
    style === 'symbols'
      ? QUALIFIER_SYMBOLS[q.qualifier]
      : locale === 'de'
        ? QUALIFIER_WORDS_DE[q.qualifier]
        : QUALIFIER_WORDS_EN[q.qualifier]
  if (style === 'words' && locale === 'en' && q.qualifier === 'less-than' && countable) {
    prefix = 'fewer than '
  }
  if (q.unit === '') return prefix + amount
  if (q.unit === 'percent') return `${prefix}${amount}${locale === 'de' ? ' %' : '%'}`
  if (CURRENCY.has(q.unit)) {
    return locale === 'de' ? `${prefix}${amount} ${q.unit}` : `${prefix}${q.unit}${amount}`
  }
  if (q.unit === 'percentage points') {
    return `${prefix}${amount} ${locale === 'de' ? 'Prozentpunkte' : 'percentage points'}`
  }
  // The unit as the source wrote it ("Soldaten", not "soldaten"); the stored unit is lowercase.
  const written = unitAsWritten(q)
  const unit =
    written ??
    (locale === 'de' && q.unit.length > 3 ? q.unit[0]?.toUpperCase() + q.unit.slice(1) : q.unit)
  return `${prefix}${amount} ${unit}`
}
