/**
 * Parses a search box query into words and phrases.
 *
 * Decisions:
 * - Words are separated by whitespace and all of them must match (AND).
 * - Text in double quotes ("…", “…”, „…“, «…», ＂…＂) is a phrase: its tokens must follow each
 *   other in the document. An unclosed quote runs to the end of the query (as-you-type).
 * - A word or quote preceded by "-" (at the start or after whitespace) excludes documents that
 *   match it: `Soldaten -Ukraine`, `-"nicht bestätigt"`.
 * - A word that the tokenizer splits ("COVID-19", "O’Neill", "U.S.") is an implicit phrase.
 * - The last word is also matched as a prefix (as-you-type) when it is at least three
 *   characters long, has a letter, is neither quoted nor excluded and the query does not end
 *   in whitespace or punctuation ("Solda" finds "Soldaten"; "Solda " does not).
 * - Tokens are what the tokenizer makes of the query, so numbers group the same way as in
 *   documents ("10 000" is one token).
 */
import { type Token, tokenize, TOKEN_GROUPED_NUMBER } from './tokenize'

export interface QueryWord {
  kind: 'word'
  token: Token
  /** Also match dictionary keys starting with this word. */
  prefix: boolean
  negated: boolean
}

export interface QueryPhrase {
  kind: 'phrase'
  tokens: Token[]
  /** Written in quotes (true) or an implicit phrase from punctuation inside a word (false). */
  quoted: boolean
  negated: boolean
}

export type QueryItem = QueryWord | QueryPhrase

/** The most items a query keeps; anything beyond is ignored. */
export const MAX_QUERY_ITEMS = 32

const QUOTES = new Set(['"', '“', '”', '„', '«', '»', '＂'])
const DASHES = new Set(['-', '−', '–'])
const isSpace = (ch: string | undefined): boolean => ch !== undefined && /\s/u.test(ch)
const hasLetter = (s: string): boolean => /\p{L}/u.test(s)

export function parseQuery(query: string): QueryItem[] {
  const q = query.normalize('NFC')
  const items: QueryItem[] = []
  let i = 0
  let runStart = 0
  const flushRun = (end: number, followedByQuote: boolean): boolean => {
    // Returns whether the quote that follows the run is negated ("-" right before it).
    const run = q.slice(runStart, end)
    const tokens = tokenize(run)
    let chunk: Token[] = []
    let negated = false
    const closeChunk = () => {
      if (chunk.length === 1) {
        const [token] = chunk
        if (token) items.push({ kind: 'word', token, prefix: false, negated })
      } else if (chunk.length > 1) {
        items.push({ kind: 'phrase', tokens: chunk, quoted: false, negated })
      }
      chunk = []
    }
    let previousEnd = 0
    for (const token of tokens) {
      const gap = run.slice(previousEnd, token.start)
      if (chunk.length === 0 || /\s/u.test(gap)) {
        closeChunk()
        negated = startsNegated(gap, previousEnd === 0)
      }
      chunk.push({ ...token, start: token.start + runStart, end: token.end + runStart })
      previousEnd = token.end
    }
    closeChunk()
    if (!followedByQuote) return false
    return startsNegated(run.slice(previousEnd), previousEnd === 0)
  }
  while (i < q.length) {
    const ch = q[i] ?? ''
    if (!QUOTES.has(ch)) {
      i++
      continue
    }
    const negatedQuote = flushRun(i, true)
    let close = i + 1
    while (close < q.length && !QUOTES.has(q[close] ?? '')) close++
    const tokens = tokenize(q.slice(i + 1, close)).map((t) => ({
      ...t,
      start: t.start + i + 1,
      end: t.end + i + 1,
    }))
    if (tokens.length > 0) {
      items.push({ kind: 'phrase', tokens, quoted: true, negated: negatedQuote })
    }
    i = close + 1
    runStart = Math.min(i, q.length)
  }
  flushRun(q.length, false)

  const last = items[items.length - 1]
  if (
    last?.kind === 'word' &&
    !last.negated &&
    last.token.end === q.length &&
    (last.token.flags & TOKEN_GROUPED_NUMBER) === 0 &&
    [...last.token.key].length >= 3 &&
    hasLetter(last.token.key)
  ) {
    last.prefix = true
  }
  return items.slice(0, MAX_QUERY_ITEMS)
}

/**
 * Whether the characters between the previous whitespace and a token (or quote) negate it:
 * a dash directly before it, itself at the start of the query or after whitespace.
 */
function startsNegated(gap: string, atRunStart: boolean): boolean {
  if (gap.length === 0 || !DASHES.has(gap[gap.length - 1] ?? '')) return false
  if (gap.length === 1) return atRunStart
  return isSpace(gap[gap.length - 2])
}
