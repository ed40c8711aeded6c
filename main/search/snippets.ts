/**
 * Highlights and snippets for the hits a search returns. Computed on demand by tokenizing the
 * hit's original title and text again, so every range points into the text as stored, whether
 * the word matched exactly, folded, stemmed or as a prefix.
 */
import { forEachToken } from './tokenize'
import type { HighlightRange, SearchSnippet } from './types'

/** What a query highlights, as dictionary keys (the tokenizer's keys of the matching words). */
export interface HighlightMatcher {
  /**
   * Keys the query's words match: which stemmers a match needs (bits, see variants.ts; it
   * counts when `mask & stemmers-of-the-document` is non-zero) and which query items it is for.
   */
  words: Map<string, { mask: number; items: number }>
  /** The query's phrases: the keys each position accepts, and the item bit. */
  phrases: Array<{ tokens: Array<Set<string>>; items: number }>
  /** Bits of all items that can be highlighted. */
  allItems: number
}

export interface MatchRange {
  start: number
  end: number
  /** Bits of the query items matched here. */
  items: number
}

export const SNIPPET_WIDTH = 160
export const MAX_SNIPPETS = 3
/** Characters of context kept in front of the first match of a snippet. */
const SNIPPET_LEAD = 50
/**
 * Matches after which the rest of a long text is not scanned for snippets, once every query
 * item has been seen: enough to pick three good windows from.
 */
const ENOUGH_MATCHES = 30

/**
 * The matches of a query in `text`, sorted and merged where they overlap. With `all` false,
 * scanning stops after ENOUGH_MATCHES once every item was seen (for snippets).
 */
export function matchRanges(
  text: string,
  matcher: HighlightMatcher,
  stemmers: number,
  all = true,
): MatchRange[] {
  const ranges: MatchRange[] = []
  const phrases = matcher.phrases
  const longest = phrases.reduce((n, p) => Math.max(n, p.tokens.length), 0)
  // The last `longest` tokens, for phrases ending at the current one (a ring buffer).
  const recentKeys: string[] = new Array<string>(longest).fill('')
  const recentStarts = new Array<number>(longest).fill(0)
  let count = 0
  let seen = 0
  forEachToken(text, (key, start, end) => {
    if (!all && ranges.length >= ENOUGH_MATCHES && seen === matcher.allItems) return false
    const word = matcher.words.get(key)
    if (word && (word.mask & stemmers) !== 0) {
      ranges.push({ start, end, items: word.items })
      seen |= word.items
    }
    if (longest > 0) {
      recentKeys[count % longest] = key
      recentStarts[count % longest] = start
      for (const phrase of phrases) {
        const k = phrase.tokens.length
        if (count + 1 < k) continue
        let j = 0
        while (j < k && phrase.tokens[j]?.has(recentKeys[(count + 1 - k + j) % longest] ?? '')) {
          j++
        }
        if (j === k) {
          const first = recentStarts[(count + 1 - k) % longest] ?? start
          ranges.push({ start: first, end, items: phrase.items })
          seen |= phrase.items
        }
      }
    }
    count++
    return true
  })
  ranges.sort((a, b) => a.start - b.start || b.end - a.end)
  const merged: MatchRange[] = []
  for (const range of ranges) {
    const last = merged[merged.length - 1]
    if (last && range.start < last.end) {
      last.end = Math.max(last.end, range.end)
      last.items |= range.items
    } else {
      merged.push({ ...range })
    }
  }
  return merged
}

export const toHighlights = (ranges: readonly MatchRange[]): HighlightRange[] =>
  ranges.map((r) => [r.start, r.end])

function bitCount(bits: number): number {
  let n = 0
  for (let b = bits; b !== 0; b &= b - 1) n++
  return n
}

const isSpaceCode = (c: number): boolean =>
  c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xa0 || c === 0x202f

/** Moves `at` off the middle of a surrogate pair (towards `direction`). */
function onCodePoint(text: string, at: number, direction: -1 | 1): number {
  const c = text.charCodeAt(at)
  if (at > 0 && at < text.length && c >= 0xdc00 && c <= 0xdfff) return at + direction
  return at
}

interface Window {
  start: number
  end: number
}

/**
 * The window around the matches in `text[from..to)`: starts up to SNIPPET_LEAD characters
 * before them and after a space, ends before a space, about SNIPPET_WIDTH characters long
 * (longer when the matches need it).
 */
function windowAround(text: string, from: number, to: number): Window {
  const n = text.length
  let start = Math.max(0, from - SNIPPET_LEAD)
  let end = Math.min(n, Math.max(to, start + SNIPPET_WIDTH))
  if (end === n) start = Math.max(0, Math.min(start, end - SNIPPET_WIDTH))
  if (start > 0) {
    let s = start
    while (s < from && !isSpaceCode(text.charCodeAt(s - 1))) s++
    start = s < from ? s : onCodePoint(text, start, 1)
  }
  if (end < n) {
    let e = end
    while (e > to && !isSpaceCode(text.charCodeAt(e))) e--
    end = e > to ? e : onCodePoint(text, end, 1)
  }
  while (start < from && isSpaceCode(text.charCodeAt(start))) start++
  while (end > to && isSpaceCode(text.charCodeAt(end - 1))) end--
  return { start, end }
}

/**
 * The snippet for `window`: runs of whitespace (paragraph breaks included) shown as one
 * space, "…" where the text goes on, highlights moved to match.
 */
function toSnippet(text: string, window: Window, ranges: readonly MatchRange[]): SearchSnippet {
  const lead = window.start > 0 ? '…' : ''
  // at[i]: where text[window.start + i] ends up in the snippet.
  const at = new Int32Array(window.end - window.start + 1)
  let body = ''
  let runStart = -1
  for (let i = window.start; i < window.end; i++) {
    const c = text.charCodeAt(i)
    const space = c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09
    at[i - window.start] = lead.length + body.length
    if (space) {
      if (runStart === -1) {
        runStart = i
        body += ' '
      }
    } else {
      runStart = -1
      body += text[i]
    }
  }
  at[window.end - window.start] = lead.length + body.length
  const highlights: HighlightRange[] = []
  for (const r of ranges) {
    if (r.end <= window.start || r.start >= window.end) continue
    const a = at[Math.max(r.start, window.start) - window.start] ?? 0
    const b = at[Math.min(r.end, window.end) - window.start] ?? 0
    highlights.push([a, b])
  }
  return {
    text: `${lead}${body}${window.end < text.length ? '…' : ''}`,
    highlights,
    start: window.start,
  }
}

/**
 * Up to `max` non-overlapping snippets of `text`, preferring windows that show the most
 * different query items, then the most matches; returned in text order. Without matches,
 * the beginning of the text (no highlights); nothing for an empty text.
 */
export function makeSnippets(
  text: string,
  ranges: readonly MatchRange[],
  max = MAX_SNIPPETS,
): SearchSnippet[] {
  if (text.length === 0 || max <= 0) return []
  if (ranges.length === 0) return [toSnippet(text, windowAround(text, 0, 0), [])]
  const chosen: Window[] = []
  const used = new Uint8Array(ranges.length)
  const limit = Math.min(ranges.length, 400)
  for (let round = 0; round < max; round++) {
    let bestValue = 0
    let best: Window | null = null
    let bestFirst = 0
    let bestLast = -1
    for (let i = 0; i < limit; i++) {
      const first = ranges[i]
      if (!first || used[i]) continue
      const windowStart = Math.max(0, first.start - SNIPPET_LEAD)
      const windowEnd = Math.max(first.end, windowStart + SNIPPET_WIDTH)
      if (chosen.some((w) => first.start < w.end && first.end > w.start)) continue
      let items = 0
      let count = 0
      let last = i
      for (let j = i; j < limit; j++) {
        const r = ranges[j]
        if (!r || r.end > windowEnd) break
        if (chosen.some((w) => r.start < w.end && r.end > w.start)) break
        items |= r.items
        count += used[j] ? 0 : 1
        last = j
      }
      const value = bitCount(items) * 1000 + count
      if (value > bestValue) {
        bestValue = value
        bestFirst = i
        bestLast = last
        best = windowAround(text, first.start, ranges[last]?.end ?? first.end)
      }
    }
    if (!best) break
    // The context of a window must not run into one chosen before.
    const from = ranges[bestFirst]?.start ?? best.start
    const to = ranges[bestLast]?.end ?? best.end
    for (const w of chosen) {
      if (w.end <= from) best.start = Math.max(best.start, w.end)
      else if (w.start >= to) best.end = Math.min(best.end, w.start)
    }
    while (best.start < from && isSpaceCode(text.charCodeAt(best.start))) best.start++
    while (best.end > to && isSpaceCode(text.charCodeAt(best.end - 1))) best.end--
    for (let j = bestFirst; j <= bestLast; j++) used[j] = 1
    chosen.push(best)
  }
  chosen.sort((a, b) => a.start - b.start)
  return chosen.map((w) => toSnippet(text, w, ranges))
}
