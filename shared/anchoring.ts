import type { TextPositionSelector, TextQuoteSelector } from './model/annotation'

// Text anchoring (DESIGN.md, "Text anchoring"). Positions are Unicode code points; JavaScript
// strings index UTF-16 units, so every boundary goes through a CodePointIndex. Both the article
// text and the stored quotes are NFC (see shared/text.ts).

/** Context kept on each side of a quote, in code points (W3C practice, DESIGN.md). */
export const DEFAULT_CONTEXT_LENGTH = 32
/** Minimum similarity (1 − edits ÷ length) an edited quote needs to be re-attached. */
export const DEFAULT_FUZZY_THRESHOLD = 0.85
/** Quotes this long are distinctive enough to follow a unique occurrence without context. */
export const DEFAULT_MIN_UNIQUE_LENGTH = 20
/** How far around the expected position the approximate search looks before the whole text. */
export const DEFAULT_NEAR_RADIUS = 2000

// Unrelated snippets of natural language align at 0.25 typically and 0.6 in one case of a
// thousand (measured on licence texts, which repeat phrases a lot), so a side must beat that.
const SIDE_MATCH = 0.7
// A two-letter context matching by chance says nothing; short sides must match exactly.
const MIN_SIDE_EVIDENCE = 4
// Being at the very start or end of the text, as the old quote was, is modest evidence.
const BOUNDARY_WEIGHT = 8
// Context scores closer than this are treated as indistinguishable.
const CONTEXT_MARGIN = 0.1
// A neighbour's shift is only trusted when the context at the shifted spot is this good.
const SHIFT_CONTEXT = 0.9
// Caps the seeds of the whole-text approximate search; more would only find heavily edited text.
const MAX_PIECES = 16
// Caps how many tied end positions per match cluster get a start computed.
const MAX_TIED_ENDS = 8

const HIGH_BIT = 1 << 31

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff
}

/** Counts the elements of an ascending array that are below `value`. */
function countBelow(sorted: Int32Array, value: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((sorted[mid] ?? 0) < value) lo = mid + 1
    else hi = mid
  }
  return lo
}

function checkIndex(field: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${field} must be an integer from 0 to ${max}, got ${value}`)
  }
}

/**
 * Converts between UTF-16 and code point offsets of one text in O(log k) (k = astral characters,
 * zero for most articles); build it once per text and share it across annotations.
 */
export class CodePointIndex {
  /** Length in code points. */
  readonly length: number
  // UTF-16 offset and code point offset of every surrogate pair, ascending.
  private readonly pairUnits: Int32Array
  private readonly pairPoints: Int32Array
  private points: Int32Array | undefined

  constructor(readonly text: string) {
    const units: number[] = []
    for (let i = 0; i < text.length - 1; i++) {
      if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) {
        units.push(i)
        i++
      }
    }
    this.pairUnits = Int32Array.from(units)
    this.pairPoints = Int32Array.from(units, (unit, n) => unit - n)
    this.length = text.length - units.length
  }

  /** Code point offset of a UTF-16 offset; an offset inside a surrogate pair rounds down. */
  toCodePoint(utf16Index: number): number {
    checkIndex('utf16Index', utf16Index, this.text.length)
    if (this.pairUnits.length === 0) return utf16Index
    return utf16Index - countBelow(this.pairUnits, utf16Index)
  }

  /** UTF-16 offset of a code point offset. */
  toUtf16(cpIndex: number): number {
    checkIndex('cpIndex', cpIndex, this.length)
    if (this.pairPoints.length === 0) return cpIndex
    return cpIndex + countBelow(this.pairPoints, cpIndex)
  }

  /** Text between two code point offsets. */
  slice(startCp: number, endCp: number): string {
    return this.text.slice(this.toUtf16(startCp), this.toUtf16(endCp))
  }

  /** The text as code points, built on first use because the exact fast paths never need it. */
  codePoints(): Int32Array {
    if (this.points === undefined) this.points = toCodePoints(this.text, this.length)
    return this.points
  }
}

function toCodePoints(text: string, length: number): Int32Array {
  const out = new Int32Array(length)
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (isHighSurrogate(unit) && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1)
      if (isLowSurrogate(next)) {
        out[n++] = (unit - 0xd800) * 0x400 + (next - 0xdc00) + 0x10000
        i++
        continue
      }
    }
    out[n++] = unit
  }
  return out
}

// Callers usually convert many offsets of the same text in a row; remembering the last index
// makes the string-taking helpers cheap without making callers manage one.
let lastIndex: CodePointIndex | undefined

function indexOf(text: string | CodePointIndex): CodePointIndex {
  if (typeof text !== 'string') return text
  if (lastIndex === undefined || lastIndex.text !== text) lastIndex = new CodePointIndex(text)
  return lastIndex
}

/** Length of a text in code points, the unit of every stored position. */
export function codePointLength(text: string | CodePointIndex): number {
  if (typeof text !== 'string') return text.length
  let pairs = 0
  for (let i = 0; i < text.length - 1; i++) {
    if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) {
      pairs++
      i++
    }
  }
  return text.length - pairs
}

/** Code point offset of a UTF-16 offset (e.g. from a DOM selection); mid-pair rounds down. */
export function utf16ToCodePoint(text: string | CodePointIndex, utf16Index: number): number {
  return indexOf(text).toCodePoint(utf16Index)
}

/** UTF-16 offset of a code point offset, for slicing JavaScript strings. */
export function codePointToUtf16(text: string | CodePointIndex, cpIndex: number): number {
  return indexOf(text).toUtf16(cpIndex)
}

/** Both W3C selectors of a selection. */
export interface RangeDescription {
  quote: TextQuoteSelector
  position: TextPositionSelector
}

/** Builds the quote and position selectors stored for a selection given in code points. */
export function describeRange(
  text: string | CodePointIndex,
  startCp: number,
  endCp: number,
  contextLength = DEFAULT_CONTEXT_LENGTH,
): RangeDescription {
  const index = indexOf(text)
  checkIndex('startCp', startCp, index.length)
  checkIndex('endCp', endCp, index.length)
  if (endCp <= startCp) {
    throw new RangeError(`endCp (${endCp}) must be after startCp (${startCp}); select some text`)
  }
  if (!Number.isInteger(contextLength) || contextLength < 0) {
    throw new RangeError(`contextLength must be a non-negative integer, got ${contextLength}`)
  }
  return {
    quote: {
      exact: index.slice(startCp, endCp),
      prefix: index.slice(Math.max(0, startCp - contextLength), startCp),
      suffix: index.slice(endCp, Math.min(index.length, endCp + contextLength)),
    },
    position: { start: startCp, end: endCp },
  }
}

// ---------------------------------------------------------------------------------------------
// Bit-parallel edit distance (Myers 1999, in Hyyrö's block form so patterns of any length work).
// One column costs O(m / 32) word operations instead of O(m) cells.

interface Pattern {
  readonly length: number
  readonly blocks: number
  readonly lastBit: number
  readonly peq: Map<number, Int32Array>
  readonly none: Int32Array
}

function compilePattern(points: ArrayLike<number>, reversed: boolean): Pattern {
  const length = points.length
  const blocks = Math.max(1, Math.ceil(length / 32))
  const peq = new Map<number, Int32Array>()
  for (let i = 0; i < length; i++) {
    const c = points[reversed ? length - 1 - i : i] ?? 0
    let masks = peq.get(c)
    if (masks === undefined) {
      masks = new Int32Array(blocks)
      peq.set(c, masks)
    }
    const block = i >>> 5
    masks[block] = (masks[block] ?? 0) | (1 << (i & 31))
  }
  return {
    length,
    blocks,
    lastBit: 1 << ((length - 1) & 31),
    peq,
    none: new Int32Array(blocks),
  }
}

/** Column-by-column edit distance of one pattern against a text read in either direction. */
class Aligner {
  score = 0
  private readonly pv: Int32Array
  private readonly mv: Int32Array

  constructor(readonly pattern: Pattern) {
    this.pv = new Int32Array(pattern.blocks)
    this.mv = new Int32Array(pattern.blocks)
  }

  reset(): void {
    this.pv.fill(-1)
    this.mv.fill(0)
    this.score = this.pattern.length
  }

  // `anchored` pins the alignment's start to the first text character read (row 0 grows by one
  // per column); otherwise the pattern may start anywhere (row 0 stays zero).
  step(c: number, anchored: boolean): number {
    const { peq, none, blocks, lastBit } = this.pattern
    const eqs = peq.get(c) ?? none
    const last = blocks - 1
    let hin = anchored ? 1 : 0
    for (let b = 0; b <= last; b++) {
      const pv = this.pv[b] ?? 0
      const mv = this.mv[b] ?? 0
      let eq = eqs[b] ?? 0
      const xv = eq | mv
      if (hin < 0) eq |= 1
      const xh = ((((eq & pv) + pv) | 0) ^ pv) | eq
      let ph = mv | ~(xh | pv)
      let mh = pv & xh
      const bit = b === last ? lastBit : HIGH_BIT
      const hout = (ph & bit) !== 0 ? 1 : (mh & bit) !== 0 ? -1 : 0
      ph <<= 1
      mh <<= 1
      if (hin > 0) ph |= 1
      else if (hin < 0) mh |= 1
      this.pv[b] = mh | ~(xv | ph)
      this.mv[b] = ph & xv
      hin = hout
    }
    this.score += hin
    return this.score
  }
}

interface Alignment {
  distance: number
  /** Text characters consumed by the best alignment. */
  consumed: number
}

/**
 * Aligns the whole pattern against text starting at `from` and reading in direction `dir`, with
 * the far end free; ties prefer consuming as many characters as the pattern has.
 */
function alignFrom(aligner: Aligner, points: Int32Array, from: number, dir: 1 | -1): Alignment {
  aligner.reset()
  const m = aligner.pattern.length
  let best = m
  let consumed = 0
  const available = dir > 0 ? points.length - from : from + 1
  for (let k = 1; k <= available && k <= m + best; k++) {
    const d = aligner.step(points[from + dir * (k - 1)] ?? -1, true)
    if (d < best || (d === best && Math.abs(k - m) < Math.abs(consumed - m))) {
      best = d
      consumed = k
    }
  }
  return { distance: best, consumed }
}

// ---------------------------------------------------------------------------------------------
// Context scoring

interface Side {
  aligner: Aligner | undefined
  length: number
}

interface ContextModel {
  prefix: Side
  suffix: Side
}

interface ContextScore {
  /** Weighted similarity of the known sides, 0 when no side is known. */
  score: number
  /** Some side matches well enough to count as evidence. */
  matches: boolean
  /** Some side could be compared at all (an empty stored side away from the text edge cannot). */
  known: boolean
}

function codePointsOf(text: string): Int32Array {
  return toCodePoints(text, codePointLength(text))
}

function makeSide(text: string, reversed: boolean): Side {
  if (text.length === 0) return { aligner: undefined, length: 0 }
  const pattern = compilePattern(codePointsOf(text), reversed)
  return { aligner: new Aligner(pattern), length: pattern.length }
}

function makeContextModel(quote: TextQuoteSelector): ContextModel {
  // The prefix is read backwards from the quote so that its nearest characters count first.
  return { prefix: makeSide(quote.prefix, true), suffix: makeSide(quote.suffix, false) }
}

function scoreContext(model: ContextModel, points: Int32Array, start: number, end: number) {
  let weighted = 0
  let weight = 0
  let matches = false
  let known = false
  const sides: Array<[Side, number, 1 | -1, boolean]> = [
    [model.prefix, start - 1, -1, start === 0],
    [model.suffix, end, 1, end === points.length],
  ]
  for (const [side, from, dir, atEdge] of sides) {
    if (side.aligner === undefined) {
      // An empty side means the old quote touched the text edge; only that is comparable.
      if (atEdge) {
        known = true
        matches = true
        weighted += BOUNDARY_WEIGHT
        weight += BOUNDARY_WEIGHT
      }
      continue
    }
    known = true
    const { distance } = alignFrom(side.aligner, points, from, dir)
    const similarity = 1 - distance / side.length
    weighted += similarity * side.length
    weight += side.length
    const evidence = side.length - distance
    if (similarity >= SIDE_MATCH && evidence >= Math.min(side.length, MIN_SIDE_EVIDENCE)) {
      matches = true
    }
  }
  const result: ContextScore = { score: weight > 0 ? weighted / weight : 0, matches, known }
  return result
}

// ---------------------------------------------------------------------------------------------
// Anchoring

export type AnchorStatus = 'exact' | 'moved' | 'fuzzy' | 'orphan'

/** Why an annotation could not be re-attached; shown to the user next to the orphan. */
export type OrphanReason = 'not-found' | 'ambiguous' | 'no-context'

/**
 * `score` is 1 for exact, the context similarity (0–1) for moved and the quote similarity for
 * fuzzy.
 */
export type AnchorResult =
  | { status: 'exact' | 'moved' | 'fuzzy'; position: TextPositionSelector; score: number }
  | { status: 'orphan'; reason: OrphanReason; position?: undefined; score?: undefined }

export interface AnchorOptions {
  /** Minimum similarity (1 − edits ÷ length) for an approximate match; default 0.85. */
  fuzzyThreshold?: number
  /** Quote length (code points) from which a unique occurrence needs no context; default 20. */
  minUniqueLength?: number
  /** Code points around the expected position searched before the whole text; default 2000. */
  nearRadius?: number
  /** Where the quote is now expected to start, e.g. shifted by a known edit; default: old start. */
  expectedStart?: number
}

interface Settings {
  fuzzyThreshold: number
  minUniqueLength: number
  nearRadius: number
}

function settingsOf(options: AnchorOptions | undefined): Settings {
  return {
    fuzzyThreshold: options?.fuzzyThreshold ?? DEFAULT_FUZZY_THRESHOLD,
    minUniqueLength: options?.minUniqueLength ?? DEFAULT_MIN_UNIQUE_LENGTH,
    nearRadius: options?.nearRadius ?? DEFAULT_NEAR_RADIUS,
  }
}

interface Candidate {
  start: number
  end: number
  context: ContextScore
}

interface Fuzzy extends Candidate {
  similarity: number
}

/** One annotation being re-anchored; caches what several steps need. */
class Job {
  readonly length: number
  private model: ContextModel | undefined

  constructor(
    readonly index: CodePointIndex,
    readonly quote: TextQuoteSelector,
    readonly old: TextPositionSelector,
    readonly expected: number,
    readonly settings: Settings,
  ) {
    this.length = codePointLength(quote.exact)
  }

  context(start: number, end: number): ContextScore {
    if (this.model === undefined) this.model = makeContextModel(this.quote)
    return scoreContext(this.model, this.index.codePoints(), start, end)
  }

  /** The quote's exact text starts at this code point offset. */
  exactAt(start: number): boolean {
    if (start < 0 || start + this.length > this.index.length) return false
    return this.index.text.startsWith(this.quote.exact, this.index.toUtf16(start))
  }

  /** Prefix and suffix are character for character what surrounds the offset (cheap check). */
  contextEqualAt(start: number): boolean {
    const { text } = this.index
    const { exact, prefix, suffix } = this.quote
    const unit = this.index.toUtf16(start)
    return (
      unit >= prefix.length &&
      text.startsWith(prefix, unit - prefix.length) &&
      text.startsWith(suffix, unit + exact.length)
    )
  }

  result(status: 'moved' | 'fuzzy', start: number, end: number, score: number): AnchorResult {
    // The exact quote found where it was is exact even if the search path found it.
    if (status === 'moved' && start === this.old.start && end === this.old.end) {
      return { status: 'exact', position: { start, end }, score: 1 }
    }
    return { status, position: { start, end }, score }
  }
}

/** Step (a): the quote is still where it was, and nothing suggests it is a different copy. */
function atOldPosition(job: Job): AnchorResult | undefined {
  const { start } = job.old
  if (!job.exactAt(start)) return undefined
  const position = { start, end: start + job.length }
  if (job.contextEqualAt(start) || job.length >= job.settings.minUniqueLength) {
    return { status: 'exact', position, score: 1 }
  }
  const context = job.context(position.start, position.end)
  if (context.matches || !context.known) return { status: 'exact', position, score: 1 }
  return undefined
}

function occurrences(job: Job): Candidate[] {
  const { text } = job.index
  const { exact } = job.quote
  const found: Candidate[] = []
  for (let unit = text.indexOf(exact); unit !== -1; unit = text.indexOf(exact, unit + 1)) {
    const after = unit + exact.length
    // A match that cuts a surrogate pair is not a match of code points.
    if (
      unit > 0 &&
      isLowSurrogate(text.charCodeAt(unit)) &&
      isHighSurrogate(text.charCodeAt(unit - 1))
    )
      continue
    if (isHighSurrogate(text.charCodeAt(after - 1)) && isLowSurrogate(text.charCodeAt(after)))
      continue
    const start = job.index.toCodePoint(unit)
    const end = start + job.length
    found.push({ start, end, context: job.context(start, end) })
  }
  return found
}

/**
 * Picks the candidate with clearly the best context; among indistinguishable ones the one
 * clearly closest to the expected position, but only if its context matches.
 */
function pickByContext<T extends Candidate>(
  candidates: readonly T[],
  expected: number,
  rank: (c: T) => number,
): T | 'ambiguous' {
  const sorted = [...candidates].sort((a, b) => rank(b) - rank(a))
  const best = sorted[0]
  if (best === undefined) return 'ambiguous'
  const second = sorted[1]
  if (second === undefined || rank(best) - rank(second) >= CONTEXT_MARGIN) {
    return best.context.matches ? best : 'ambiguous'
  }
  const tied = sorted
    .filter((c) => rank(best) - rank(c) < CONTEXT_MARGIN)
    .sort((a, b) => Math.abs(a.start - expected) - Math.abs(b.start - expected))
  const closest = tied[0]
  const runnerUp = tied[1]
  if (closest === undefined || !closest.context.matches) return 'ambiguous'
  if (runnerUp !== undefined) {
    if (Math.abs(closest.start - expected) >= Math.abs(runnerUp.start - expected)) {
      return 'ambiguous'
    }
  }
  return closest
}

/** Step (c): the closest edited version of the quote, if it is close and its context agrees. */
function approximate(job: Job, alsoFar: boolean): Fuzzy | 'ambiguous' | undefined {
  const m = job.length
  const maxEdits = Math.floor(m * (1 - job.settings.fuzzyThreshold) + 1e-9)
  if (maxEdits < 1) return undefined
  const points = job.index.codePoints()
  const quotePoints = codePointsOf(job.quote.exact)
  const forward = new Aligner(compilePattern(quotePoints, false))
  const backward = new Aligner(compilePattern(quotePoints, true))
  const n = points.length
  const found: Array<{ start: number; end: number; distance: number }> = []

  const scan = (lo: number, hi: number): void => {
    forward.reset()
    let clusterMin = -1
    let ends: number[] = []
    const flush = (): void => {
      for (const end of ends) {
        const { distance, consumed } = alignFrom(backward, points, end - 1, -1)
        found.push({ start: end - consumed, end, distance })
      }
      clusterMin = -1
      ends = []
    }
    for (let j = lo; j < hi; j++) {
      const d = forward.step(points[j] ?? -1, false)
      if (d <= maxEdits) {
        if (clusterMin < 0 || d < clusterMin) {
          clusterMin = d
          ends = [j + 1]
        } else if (d === clusterMin && ends.length < MAX_TIED_ENDS) {
          ends.push(j + 1)
        }
      } else if (clusterMin >= 0) {
        flush()
      }
    }
    flush()
  }

  const decide = (): Fuzzy | 'ambiguous' | undefined => {
    // Overlapping hits are one passage seen from slightly different alignments.
    found.sort((a, b) => a.distance - b.distance || a.start - b.start)
    const kept: Fuzzy[] = []
    for (const hit of found) {
      const similarity = 1 - hit.distance / Math.max(m, hit.end - hit.start)
      if (similarity < job.settings.fuzzyThreshold || hit.end <= hit.start) continue
      if (kept.some((k) => hit.start < k.end && k.start < hit.end)) continue
      const context = job.context(hit.start, hit.end)
      if (!context.matches) continue
      kept.push({ start: hit.start, end: hit.end, context, similarity })
    }
    if (kept.length === 0) return undefined
    return pickByContext(kept, job.expected, (c) => (c.similarity + c.context.score) / 2)
  }

  const radius = job.settings.nearRadius + maxEdits
  const nearLo = Math.max(0, job.expected - radius)
  const nearHi = Math.min(n, job.expected + m + radius)
  scan(nearLo, nearHi)
  const near = decide()
  if (near !== undefined || !alsoFar || (nearLo === 0 && nearHi === n)) return near

  // Whole text: an edited quote keeps at least one of maxEdits + 1 pieces intact, so only the
  // windows around exact hits of those pieces are aligned.
  const pieces = Math.min(maxEdits + 1, MAX_PIECES)
  const pieceLength = Math.floor(m / pieces)
  const quoteIndex = new CodePointIndex(job.quote.exact)
  const windows: Array<[number, number]> = []
  const { text } = job.index
  for (let p = 0; p < pieces; p++) {
    const offset = p * pieceLength
    const piece = quoteIndex.slice(offset, p === pieces - 1 ? m : offset + pieceLength)
    for (let unit = text.indexOf(piece); unit !== -1; unit = text.indexOf(piece, unit + 1)) {
      const start = job.index.toCodePoint(unit) - offset
      windows.push([Math.max(0, start - maxEdits), Math.min(n, start + m + maxEdits)])
    }
  }
  windows.sort((a, b) => a[0] - b[0])
  found.length = 0
  let current: [number, number] | undefined
  for (const w of windows) {
    if (current !== undefined && w[0] <= current[1]) {
      current[1] = Math.max(current[1], w[1])
      continue
    }
    if (current !== undefined) scan(current[0], current[1])
    current = [w[0], w[1]]
  }
  if (current !== undefined) scan(current[0], current[1])
  return decide()
}

function runJob(job: Job): AnchorResult {
  const exact = atOldPosition(job)
  if (exact !== undefined) return exact

  const found = occurrences(job)
  const supported = found.filter((c) => c.context.matches)
  if (supported.length > 0) {
    const pick = pickByContext(found, job.expected, (c) => c.context.score)
    if (pick === 'ambiguous') {
      if (found.length > 1) return { status: 'orphan', reason: 'ambiguous' }
    } else {
      return job.result('moved', pick.start, pick.end, pick.context.score)
    }
  }

  // No occurrence has context on its side: an edited copy that does is the better answer.
  const fuzzy = approximate(job, true)
  if (fuzzy !== undefined && fuzzy !== 'ambiguous') {
    return job.result('fuzzy', fuzzy.start, fuzzy.end, fuzzy.similarity)
  }
  const only = found.length === 1 ? found[0] : undefined
  if (only !== undefined && job.length >= job.settings.minUniqueLength) {
    return job.result('moved', only.start, only.end, only.context.score)
  }
  if (found.length > 1 || fuzzy === 'ambiguous') return { status: 'orphan', reason: 'ambiguous' }
  return { status: 'orphan', reason: found.length === 1 ? 'no-context' : 'not-found' }
}

function clampPosition(index: CodePointIndex, value: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(0, Math.round(value)), index.length) : 0
}

/**
 * Finds a stored quote in (possibly edited) text: exact at its old position, else moved to the
 * occurrence its context picks, else an approximate match above a strict threshold, else orphan.
 */
export function anchor(
  text: string | CodePointIndex,
  quote: TextQuoteSelector,
  position: TextPositionSelector,
  options?: AnchorOptions,
): AnchorResult {
  const index = indexOf(text)
  const expected = clampPosition(index, options?.expectedStart ?? position.start)
  if (quote.exact.length === 0) return { status: 'orphan', reason: 'not-found' }
  return runJob(new Job(index, quote, position, expected, settingsOf(options)))
}

/** The one region in which two versions of a text differ, in code points. */
export interface TextEdit {
  /** First code point that differs (same in both texts). */
  start: number
  /** End of the replaced region in the old text. */
  oldEnd: number
  /** End of the replacement in the new text. */
  newEnd: number
}

/** Common prefix and suffix of two texts, so untouched annotations can be shifted without search. */
export function diffShift(oldText: string, newText: string): TextEdit | undefined {
  if (oldText === newText) return undefined
  const limit = Math.min(oldText.length, newText.length)
  let head = 0
  while (head < limit && oldText.charCodeAt(head) === newText.charCodeAt(head)) head++
  // Never split a surrogate pair between "same" and "changed".
  if (head > 0 && isHighSurrogate(oldText.charCodeAt(head - 1))) head--
  let tail = 0
  while (
    tail < limit - head &&
    oldText.charCodeAt(oldText.length - 1 - tail) === newText.charCodeAt(newText.length - 1 - tail)
  ) {
    tail++
  }
  if (tail > 0 && isLowSurrogate(oldText.charCodeAt(oldText.length - tail))) tail--
  const oldIndex = new CodePointIndex(oldText)
  const newIndex = indexOf(newText)
  return {
    start: oldIndex.toCodePoint(head),
    oldEnd: oldIndex.toCodePoint(oldText.length - tail),
    newEnd: newIndex.toCodePoint(newText.length - tail),
  }
}

/** Where a range lands after an edit, or undefined if the edit touches it. */
export function mapThroughEdit(
  edit: TextEdit,
  position: TextPositionSelector,
): TextPositionSelector | undefined {
  if (position.end <= edit.start) return position
  if (position.start >= edit.oldEnd) {
    const shift = edit.newEnd - edit.oldEnd
    return { start: position.start + shift, end: position.end + shift }
  }
  return undefined
}

/** Options for re-anchoring every annotation of an article after an edit. */
export interface ReanchorOptions extends Omit<AnchorOptions, 'expectedStart'> {
  /** The text before the edit; when given, annotations outside the edit move without search. */
  oldText?: string
}

/** An annotation's stored selectors. */
export interface AnchorTarget {
  quote: TextQuoteSelector
  position: TextPositionSelector
}

/**
 * Re-anchors all annotations of an article against its new text (results in input order),
 * sharing one index and trying the shift that neighbouring annotations moved by first.
 */
export function reanchorAll(
  newText: string | CodePointIndex,
  annotations: ReadonlyArray<AnchorTarget>,
  options?: ReanchorOptions,
): AnchorResult[] {
  const index = typeof newText === 'string' ? new CodePointIndex(newText) : newText
  const settings = settingsOf(options)
  const edit = options?.oldText === undefined ? undefined : diffShift(options.oldText, index.text)
  const order = annotations.map((_, i) => i)
  order.sort(
    (a, b) => (annotations[a]?.position.start ?? 0) - (annotations[b]?.position.start ?? 0),
  )
  const results = new Array<AnchorResult>(annotations.length)
  // Edits are few, so most annotations share one of a handful of recent shifts.
  const shifts: number[] = []

  for (const i of order) {
    const target = annotations[i]
    if (target === undefined) continue
    const { quote, position } = target
    if (quote.exact.length === 0) {
      results[i] = { status: 'orphan', reason: 'not-found' }
      continue
    }
    let expected = position.start + (shifts[0] ?? 0)
    let mapped: TextPositionSelector | undefined
    if (options?.oldText !== undefined) {
      mapped = edit === undefined ? position : mapThroughEdit(edit, position)
      expected = mapped?.start ?? Math.min(position.start, edit?.start ?? position.start)
    }
    const job = new Job(index, quote, position, clampPosition(index, expected), settings)
    // A range the edit did not touch holds the same text at its mapped place: no search needed.
    const result =
      mapped !== undefined && job.exactAt(mapped.start)
        ? job.result('moved', mapped.start, mapped.start + job.length, 1)
        : runWithShifts(job, shifts)
    results[i] = result
    if (result.status !== 'orphan') {
      const shift = result.position.start - position.start
      const seen = shifts.indexOf(shift)
      if (seen !== 0) {
        if (seen > 0) shifts.splice(seen, 1)
        shifts.unshift(shift)
        if (shifts.length > 4) shifts.pop()
      }
    }
  }
  return results
}

function runWithShifts(job: Job, shifts: readonly number[]): AnchorResult {
  const exact = atOldPosition(job)
  if (exact !== undefined) return exact
  const { old } = job
  for (const shift of shifts) {
    const start = old.start + shift
    if (shift === 0 || !job.exactAt(start)) continue
    if (job.contextEqualAt(start)) return job.result('moved', start, start + job.length, 1)
    const context = job.context(start, start + job.length)
    if (context.matches && context.score >= SHIFT_CONTEXT) {
      return job.result('moved', start, start + job.length, context.score)
    }
  }
  return runJob(job)
}
