/**
 * Offline language guess for the four languages Claimdesk users import most: German,
 * English, Ukrainian and Russian. It counts letters that only one language uses and common
 * short words; it answers '' rather than guess when the evidence is thin or mixed.
 */

/** Characters looked at; the beginning of an article is plenty. */
const SAMPLE_CHARS = 20_000
/** Fewer letters than this and the answer is ''. */
const MIN_LETTERS = 20
/** The winner's score must be at least this many times the runner-up's. */
const MIN_MARGIN = 2
/** ...and at least this share of the words, so that other languages come out as ''. */
const MIN_SHARE = 0.08

const UK_LETTERS = new Set('іїєґІЇЄҐ')
// ъ is left out: it is rare in Russian but common in Bulgarian, which must not come out as 'ru'.
const RU_LETTERS = new Set('ыэёЫЭЁ')
const DE_LETTERS = new Set('äöüßÄÖÜẞ')

// Short, frequent words that the other language of the pair does not use as a word.
const UK_WORDS = new Set([
  'що',
  'та',
  'це',
  'як',
  'від',
  'його',
  'її',
  'він',
  'вона',
  'було',
  'які',
  'який',
  'яка',
  'також',
  'але',
  'після',
  'між',
  'щоб',
  'бо',
  'ще',
  'вже',
  'тому',
  'якщо',
  'коли',
  'де',
  'з',
  'і',
  'й',
  'під',
  'чи',
  'вони',
  'їх',
  'цього',
  'року',
  'або',
  'ці',
  'щодо',
])
const RU_WORDS = new Set([
  'что',
  'это',
  'и',
  'как',
  'он',
  'она',
  'был',
  'было',
  'его',
  'её',
  'также',
  'но',
  'после',
  'между',
  'чтобы',
  'уже',
  'ещё',
  'если',
  'когда',
  'где',
  'который',
  'которые',
  'только',
  'из',
  'от',
  'они',
  'их',
  'этого',
  'года',
  'или',
  'эти',
  'всё',
  'лишь',
])
const DE_WORDS = new Set([
  'der',
  'die',
  'das',
  'und',
  'nicht',
  'ist',
  'ein',
  'eine',
  'einer',
  'zu',
  'mit',
  'von',
  'den',
  'des',
  'sich',
  'auch',
  'auf',
  'für',
  'im',
  'dem',
  'wird',
  'sind',
  'nach',
  'bei',
  'aus',
  'wie',
  'oder',
  'aber',
  'noch',
  'nur',
  'hat',
  'haben',
  'wurde',
  'werden',
  'sie',
  'es',
  'er',
  'dass',
  'zum',
  'zur',
  'über',
  'vor',
  'einen',
  'einem',
])
const EN_WORDS = new Set([
  'the',
  'and',
  'is',
  'of',
  'to',
  'that',
  'it',
  'for',
  'on',
  'are',
  'with',
  'as',
  'by',
  'this',
  'have',
  'from',
  'be',
  'not',
  'at',
  'or',
  'they',
  'their',
  'which',
  'has',
  'were',
  'been',
  'but',
  'he',
  'she',
  'we',
  'said',
  'would',
  'about',
  'there',
  'who',
])

const isCyrillic = (char: string): boolean => /\p{Script=Cyrillic}/u.test(char)
const isLatin = (char: string): boolean => /\p{Script=Latin}/u.test(char)

/** Which script dominates a text's letters: 'cyrillic', 'latin' or null when neither does. */
export function dominantScript(text: string): 'cyrillic' | 'latin' | null {
  let cyrillic = 0
  let latin = 0
  for (const char of text.slice(0, SAMPLE_CHARS)) {
    if (isCyrillic(char)) cyrillic++
    else if (isLatin(char)) latin++
  }
  if (cyrillic + latin < MIN_LETTERS) return null
  if (cyrillic >= (cyrillic + latin) * 0.6) return 'cyrillic'
  if (latin >= (cyrillic + latin) * 0.6) return 'latin'
  return null
}

interface Evidence {
  letters: Set<string>
  words: Set<string>
}

function score(sample: string, words: string[], evidence: Evidence): number {
  let letters = 0
  for (const char of sample) if (evidence.letters.has(char)) letters++
  let hits = 0
  for (const word of words) if (evidence.words.has(word)) hits++
  // A distinctive letter is weaker evidence than a whole distinctive word.
  return hits + letters * 0.5
}

function pick(candidates: [string, number][], words: number): string {
  const sorted = [...candidates].sort((a, b) => b[1] - a[1])
  const best = sorted[0]
  const second = sorted[1]
  if (!best || !second) return ''
  const enough = best[1] >= Math.max(3, words * MIN_SHARE)
  return enough && best[1] >= second[1] * MIN_MARGIN ? best[0] : ''
}

/** 'de', 'en', 'uk' or 'ru' for text clearly in one of them, else ''. */
export function detectLanguage(text: string): string {
  const sample = text.slice(0, SAMPLE_CHARS).normalize('NFC')
  const script = dominantScript(sample)
  if (script === null) return ''
  const lower = sample.toLowerCase()
  const words = lower.match(/[\p{L}\p{M}'’]+/gu) ?? []
  if (script === 'cyrillic') {
    return pick(
      [
        ['uk', score(sample, words, { letters: UK_LETTERS, words: UK_WORDS })],
        ['ru', score(sample, words, { letters: RU_LETTERS, words: RU_WORDS })],
      ],
      words.length,
    )
  }
  return pick(
    [
      ['de', score(sample, words, { letters: DE_LETTERS, words: DE_WORDS })],
      ['en', score(sample, words, { letters: new Set(), words: EN_WORDS })],
    ],
    words.length,
  )
}

/**
 * Primary subtag of a declared language ('de-DE' → 'de', 'ru_RU' → 'ru'), with the common
 * mistake 'ua' for Ukrainian corrected; '' for anything that is not a language tag.
 */
export function normalizeLanguageTag(tag: string): string {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? ''
  if (!/^[a-z]{2,3}$/.test(primary)) return ''
  return primary === 'ua' ? 'uk' : primary
}

const CYRILLIC_LANGUAGES = new Set(['ru', 'uk', 'be', 'bg', 'sr', 'mk', 'kk', 'ky', 'mn', 'tg'])

/**
 * The language a file declares, unless it is written in the other script (a Russian article
 * on a site whose template says lang="en"); then, and when nothing is declared, the guess.
 */
export function chooseLanguage(declared: string, text: string): string {
  const tag = normalizeLanguageTag(declared)
  if (tag === '') return detectLanguage(text)
  const script = dominantScript(text)
  const declaredCyrillic = CYRILLIC_LANGUAGES.has(tag)
  if ((script === 'cyrillic' && !declaredCyrillic) || (script === 'latin' && declaredCyrillic)) {
    return detectLanguage(text)
  }
  return tag
}
