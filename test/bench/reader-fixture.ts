/**
 * The reader benchmarks' article: 50,000 words of mixed German, English and Cyrillic prose in
 * paragraphs, ending in site boilerplate, with ten typos, and 1,000 annotation spans on it (some
 * nested, some overlapping, ten around the typos). Deterministic, like every bench fixture.
 * Positions are Unicode code points, as stored.
 */
import {
  createRng,
  type Rng,
  syntheticArticleText,
  TEXT_LANGUAGES,
  type TextLanguage,
} from './synthetic-text'

export interface Span {
  start: number
  end: number
}

/** Where one typo sits in the article: the letter missing at code point `at`. */
export interface Typo {
  at: number
  letter: string
}

export interface ReaderArticle {
  /** The stored text: body, then boilerplate. */
  text: string
  words: number
  /** Code point where the boilerplate paragraphs start (after the body's last "\n\n"). */
  boilerplateStart: number
  typos: Typo[]
  /** In creation order: first one around each typo, then random, nested and overlapping ones. */
  spans: Span[]
  nested: number
  overlapping: number
}

const BOILERPLATE = [
  'Mehr zum Thema: Newsletter abonnieren und keine Recherche verpassen.',
  'Share this article: Facebook · X · Telegram · WhatsApp · E-Mail',
  'Wir verwenden Cookies, um Inhalte zu personalisieren. Datenschutzerklärung · Impressum · ' +
    'Cookie-Einstellungen',
  'Читайте також: головні новини дня у нашому Telegram-каналі.',
  '© 2025 Example Media GmbH. Alle Rechte vorbehalten. Nachdruck nur mit Genehmigung.',
].join('\n\n')

export const countWords = (text: string): number => text.split(/\s+/u).filter(Boolean).length

/** The article's paragraphs, about `words` words in all, the languages taking turns. */
function bodyParagraphs(rng: Rng, words: number): string[] {
  const paragraphs: string[] = []
  let count = 0
  const order: readonly TextLanguage[] = ['de', 'en', 'uk', 'de', 'en', 'ru', ...TEXT_LANGUAGES]
  for (let i = 0; count < words; i++) {
    const language = order[i % order.length] ?? 'de'
    for (const paragraph of syntheticArticleText(rng, language, 1_500).split('\n\n')) {
      const n = countWords(paragraph)
      if (count + n > words) {
        // The last paragraph is cut to the word so the article has exactly `words` words.
        const cut = paragraph.split(' ').slice(0, words - count)
        if (cut.length > 0) paragraphs.push(`${cut.join(' ').replace(/[,„“«]+$/u, '')}.`)
        count = words
        break
      }
      paragraphs.push(paragraph)
      count += n
    }
  }
  return paragraphs
}

const isSpace = (c: string | undefined): boolean => c === undefined || /\s/u.test(c)
const isLetter = (c: string | undefined): boolean => c !== undefined && /\p{L}/u.test(c)

/**
 * Drops one inner letter from ten long words spread through `points` (< `limit`), as a typist
 * would; returns the damaged text's code points and where each letter went missing.
 */
function addTypos(rng: Rng, points: string[], limit: number, count: number): Typo[] {
  const typos: Typo[] = []
  for (let k = count - 1; k >= 0; k--) {
    // From the end, so earlier positions stay valid; each in its own tenth of the text.
    let at = Math.floor(((k + 0.5) / count) * limit) + rng.int(0, 500)
    for (;;) {
      while (at < limit && !(isSpace(points[at - 1]) && isLetter(points[at]))) at++
      let end = at
      while (isLetter(points[end])) end++
      if (end - at >= 7 || at >= limit) break
      at = end
    }
    const inner = at + rng.int(2, 4)
    const [letter] = points.splice(inner, 1)
    typos.push({ at: inner, letter: letter ?? '' })
  }
  return typos.reverse()
}

/**
 * A span from the first word start at or after `from` to a word end within one paragraph, of
 * about `length` code points (5–60), never past `limit`.
 */
function spanAround(
  rng: Rng,
  points: readonly string[],
  from: number,
  limit: number,
  length = rng.int(5, 60),
): Span {
  let start = from
  while (start < limit && !(isSpace(points[start - 1]) && !isSpace(points[start]))) start++
  const atWordEnd = (i: number) => i >= limit || (isSpace(points[i]) && !isSpace(points[i - 1]))
  let end = Math.min(limit, start + length)
  // Forward to the end of the word if that stays within 60 code points, else back to the last.
  let forward = end
  while (forward < Math.min(limit, start + 60) && !atWordEnd(forward)) forward++
  if (atWordEnd(forward)) end = forward
  else while (end > start + 5 && !atWordEnd(end)) end--
  for (let i = start; i < end - 1; i++) {
    if (points[i] === '\n' && points[i + 1] === '\n') {
      end = i
      break
    }
  }
  while (end > start && isSpace(points[end - 1])) end--
  return { start, end: Math.max(end, start + 1) }
}

/** The 50,000-word article with its typos and 1,000 annotation spans. */
export function readerArticle(
  options: { words?: number; annotations?: number; typos?: number; seed?: number } = {},
): ReaderArticle {
  const rng = createRng(options.seed ?? 5_000_001)
  const boilerplateWords = countWords(BOILERPLATE)
  const body = bodyParagraphs(rng, (options.words ?? 50_000) - boilerplateWords).join('\n\n')
  const points = Array.from(`${body}\n\n${BOILERPLATE}`)
  const bodyLength = Array.from(body).length
  const typos = addTypos(rng, points, bodyLength, options.typos ?? 10)
  const boilerplateStart = bodyLength - typos.length + 2
  const text = points.join('')

  const wanted = options.annotations ?? 1_000
  const spans: Span[] = []
  const valid = (s: Span): boolean =>
    s.end - s.start >= 5 &&
    s.end - s.start <= 60 &&
    s.end <= boilerplateStart - 2 &&
    points.slice(s.start, s.end).join('').trim().length > 0
  // One annotation around each typo, starting a few words before it.
  for (const typo of typos) {
    for (let attempt = 0; attempt < 20; attempt++) {
      const from = Math.max(0, typo.at - rng.int(3, 20))
      const span = spanAround(rng, points, from, boilerplateStart - 2, rng.int(20, 50))
      if (span.start < typo.at && span.end > typo.at + 1 && span.end - span.start >= 15) {
        if (valid(span)) spans.push(span)
        break
      }
    }
  }
  let nested = 0
  let overlapping = 0
  while (spans.length < wanted) {
    const roll = rng.next()
    const previous = spans.length > 0 ? spans[rng.int(0, spans.length - 1)] : undefined
    let span: Span
    if (previous && roll < 0.08) {
      // Nested: a shorter span inside an earlier one.
      const from = rng.int(
        previous.start,
        previous.start + Math.floor((previous.end - previous.start) / 2),
      )
      span = spanAround(rng, points, from, previous.end)
      if (span.start < previous.start || span.end > previous.end) continue
      if (span.start === previous.start && span.end === previous.end) continue
      if (valid(span)) nested++
    } else if (previous && roll < 0.14) {
      // Overlapping: starts inside an earlier span and runs past its end.
      span = spanAround(
        rng,
        points,
        rng.int(previous.start + 1, previous.end - 1),
        boilerplateStart - 2,
      )
      if (span.start <= previous.start || span.end <= previous.end || span.start >= previous.end)
        continue
      if (valid(span)) overlapping++
    } else {
      span = spanAround(rng, points, rng.int(0, boilerplateStart - 80), boilerplateStart - 2)
    }
    if (valid(span)) spans.push(span)
  }
  return {
    text,
    words: countWords(text),
    boilerplateStart,
    typos,
    spans,
    nested,
    overlapping,
  }
}

/** The text with each typo's missing letter put back. */
export function fixTypos(text: string, typos: readonly Typo[]): string {
  const points = Array.from(text)
  for (const typo of [...typos].sort((a, b) => b.at - a.at)) points.splice(typo.at, 0, typo.letter)
  return points.join('')
}

/** The text with a new paragraph of about `words` words after its `after`-th paragraph. */
export function insertParagraph(text: string, after: number, seed = 11): string {
  const rng = createRng(seed)
  const paragraph = syntheticArticleText(rng, 'en', 500).split('\n\n')[0] ?? 'Update.'
  const parts = text.split('\n\n')
  parts.splice(after, 0, `UPDATE: ${paragraph}`)
  return parts.join('\n\n')
}

/** The text without its trailing boilerplate (everything from `boilerplateStart`). */
export function removeBoilerplate(text: string, boilerplateStart: number): string {
  return Array.from(text)
    .slice(0, boilerplateStart - 2)
    .join('')
}
