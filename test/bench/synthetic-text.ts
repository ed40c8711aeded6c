/**
 * Deterministic synthetic article text: German, English and Cyrillic (Ukrainian/Russian)
 * prose with the punctuation, quotes and the odd emoji that real imports bring along.
 * Everything is driven by a seeded generator so benchmark runs are comparable.
 */

/** A seeded pseudo-random source (xorshift-style mixing of a 32-bit counter). */
export interface Rng {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number
  pick<T>(items: readonly T[]): T
  chance(probability: number): boolean
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0 || 0x9e3779b9
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let z = state
    z = Math.imul(z ^ (z >>> 15), z | 1)
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61)
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => {
      const item = items[int(0, items.length - 1)]
      if (item === undefined) throw new Error('pick() from an empty list')
      return item
    },
    chance: (probability) => next() < probability,
  }
}

/** A UUID-shaped id (version 4 layout) drawn from `rng`, so ids repeat across runs. */
export function syntheticId(rng: Rng): string {
  const hex = (digits: number): string => {
    let out = ''
    for (let i = 0; i < digits; i++) out += Math.floor(rng.next() * 16).toString(16)
    return out
  }
  const variant = (8 + rng.int(0, 3)).toString(16)
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`
}

export type TextLanguage = 'de' | 'en' | 'uk' | 'ru'
export const TEXT_LANGUAGES: readonly TextLanguage[] = ['de', 'en', 'uk', 'ru']

const words = (list: string): readonly string[] =>
  list.normalize('NFC').split(/\s+/).filter(Boolean)

const VOCABULARY: Record<TextLanguage, readonly string[]> = {
  de: words(`
    die der das und nicht mit für auf über nach gegen zwischen während Regierung Bundestag
    Ministerium Behörde Sprecherin Angaben zufolge berichtete erklärte bestätigte dementierte
    Bericht Quelle Zeugen Dokument Vertrag Verhandlungen Abstimmung Haushalt Millionen Euro
    Grenze Flüchtlinge Ermittlungen Staatsanwaltschaft Gericht Urteil Behauptung Äußerung
    öffentlich überprüft möglicherweise tatsächlich angeblich später früher zunächst bereits
    Straße Größe Maßnahmen Gespräch Überwachung Bürgermeister Wähler Mehrheit Stimmen Schätzung
    Fälschung Bildmaterial Satellitenaufnahmen Aufnahmen veröffentlicht gelöscht geteilt
    Kanzleramt Landkreis Stadtrat Gutachten Prüfung Datenschutz Verbraucher Preise Löhne
  `),
  en: words(`
    the of and to in that for on with as was said according officials ministry government
    report source witnesses document agreement talks vote budget million dollars border
    refugees investigation prosecutors court ruling claim statement publicly verified
    reportedly allegedly later earlier initially already spokesperson confirmed denied
    satellite images footage published deleted shared analysis researchers estimate
    election turnout majority parliament committee hearing evidence misleading accurate
    context timeline campaign network accounts posts coordinated inauthentic behaviour
    council mayor district survey prices wages inflation energy supply sanctions
  `),
  uk: words(`
    і та що не на у з до від за про уряд міністерство речник повідомив заявив підтвердив
    спростував джерело свідки документ угода переговори голосування бюджет мільйонів гривень
    кордон біженці розслідування прокуратура суд рішення твердження заява публічно перевірено
    нібито пізніше раніше спочатку вже супутникові знімки відео опубліковано видалено
    поширено аналіз дослідники оцінка вибори явка більшість парламент комітет докази
    оманливий точний контекст хронологія кампанія мережа акаунти допис громада область місто
  `),
  ru: words(`
    и в не на с что по от за о к правительство министерство представитель сообщил заявил
    подтвердил опроверг источник свидетели документ соглашение переговоры голосование бюджет
    миллионов рублей граница беженцы расследование прокуратура суд решение утверждение
    публично проверено якобы позже ранее сначала уже спутниковые снимки видео опубликовано
    удалено распространено анализ исследователи оценка выборы явка большинство парламент
    комитет доказательства вводящий точный контекст хронология кампания сеть аккаунты пост
  `),
}

const QUOTES: Record<TextLanguage, readonly [string, string]> = {
  de: ['„', '“'],
  en: ['“', '”'],
  uk: ['«', '»'],
  ru: ['«', '»'],
}

const EXTRAS = ['📌', '🇺🇦', '🇩🇪', '👉', '✅'] as const

const utf8Length = (s: string): number => Buffer.byteLength(s, 'utf8')

const capitalize = (word: string): string =>
  word.length === 0 ? word : word[0]?.toUpperCase() + word.slice(1)

function sentence(rng: Rng, language: TextLanguage, minWords: number, maxWords: number): string {
  const vocabulary = VOCABULARY[language]
  const count = rng.int(minWords, maxWords)
  const parts: string[] = []
  for (let i = 0; i < count; i++) {
    let word = rng.pick(vocabulary)
    if (i === 0) word = capitalize(word)
    else if (rng.chance(0.04)) word = String(rng.int(2, 2025))
    else if (rng.chance(0.06)) word = `${word},`
    parts.push(word)
  }
  if (rng.chance(0.12)) {
    // A quoted phrase, sometimes in another language (interviews, translated statements).
    const quoted = rng.chance(0.5) ? rng.pick(TEXT_LANGUAGES) : language
    const [open, close] = QUOTES[language]
    parts.splice(
      rng.int(1, parts.length),
      0,
      `${open}${sentence(rng, quoted, 2, 6).slice(0, -1)}${close}`,
    )
  }
  if (rng.chance(0.02)) parts.push(rng.pick(EXTRAS))
  const body = parts.join(' ').replace(/,$/, '')
  return `${body}${rng.pick(['.', '.', '.', '.', '!', '?'])}`
}

/** A title of a few words in `language`. */
export function syntheticTitle(rng: Rng, language: TextLanguage): string {
  return sentence(rng, language, 4, 10).replace(/[.!?]$/, '')
}

/** A short remark, as an annotator would write one. */
export function syntheticComment(rng: Rng, language: TextLanguage): string {
  return sentence(rng, language, 3, 14)
}

/**
 * Paragraphs separated by blank lines until the UTF-8 size reaches `targetBytes`. The result
 * is already in stored form (NFC, `\n` only, no trailing spaces), so normalizing it is a no-op.
 */
export function syntheticArticleText(
  rng: Rng,
  language: TextLanguage,
  targetBytes: number,
): string {
  const paragraphs: string[] = []
  let bytes = 0
  while (bytes < targetBytes) {
    const sentences: string[] = []
    const count = rng.int(2, 6)
    for (let i = 0; i < count; i++) {
      // Most sentences are in the article's language; some quote or cite another one.
      const lang = rng.chance(0.85) ? language : rng.pick(TEXT_LANGUAGES)
      sentences.push(sentence(rng, lang, 6, 22))
    }
    const paragraph = sentences.join(' ')
    paragraphs.push(paragraph)
    bytes += utf8Length(paragraph) + 2
  }
  return paragraphs.join('\n\n')
}
