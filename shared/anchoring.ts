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
// Context beyond a paragraph break counts this much per character (see Side).
const FAR_WEIGHT = 0.5
const PARAGRAPH_BREAK = '\n\n'
// Context scores are indistinguishable unless they differ by this many edits (two edits tell a
// quote from the same text one character over, as in "33") or this fraction of the context.
const MARGIN_EDITS = 1.5
const CONTEXT_MARGIN = 0.1
// Code points around an expected position searched before the whole text: most edits move a
// quote by less, and a hit there with unbeatable context makes the global search pointless.
const LOCAL_RADIUS = 256
// Seeds of the whole-text approximate search: at most this many pieces of the quote (each one is
// a scan of the text), each at least this long; a piece with more hits says nothing.
const MAX_PIECES = 2
const MIN_PIECE_LENGTH = 6
const MAX_PIECE_HITS = 64
// Latin, Greek and Cyrillic: a table this long replaces map lookups in the hottest loop.
const LOW_TABLE = 0x530
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

function indexFor(text: string | CodePointIndex): CodePointIndex {
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
  return indexFor(text).toCodePoint(utf16Index)
}

/** UTF-16 offset of a code point offset, for slicing JavaScript strings. */
export function codePointToUtf16(text: string | CodePointIndex, cpIndex: number): number {
  return indexFor(text).toUtf16(cpIndex)
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
  const index = indexFor(text)
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
  /** Match masks of each distinct pattern character, `blocks` words each; slot 0 matches none. */
  readonly masks: Int32Array
  /** Slots of Latin, Greek and Cyrillic characters by code point: a table beats a map here. */
  readonly lowSlots: Int32Array
  readonly highSlots: Map<number, number>
}

function compilePattern(points: ArrayLike<number>, reversed: boolean): Pattern {
  const length = points.length
  const blocks = Math.max(1, Math.ceil(length / 32))
  const lowSlots = new Int32Array(LOW_TABLE)
  const highSlots = new Map<number, number>()
  let slots = 1
  for (let i = 0; i < length; i++) {
    const c = points[i] ?? 0
    if (c >= 0 && c < LOW_TABLE) {
      if (lowSlots[c] === 0) lowSlots[c] = slots++
    } else if (!highSlots.has(c)) {
      highSlots.set(c, slots++)
    }
  }
  const masks = new Int32Array(slots * blocks)
  for (let i = 0; i < length; i++) {
    const c = points[reversed ? length - 1 - i : i] ?? 0
    const slot = c >= 0 && c < LOW_TABLE ? (lowSlots[c] ?? 0) : (highSlots.get(c) ?? 0)
    const word = slot * blocks + (i >>> 5)
    masks[word] = (masks[word] ?? 0) | (1 << (i & 31))
  }
  return { length, blocks, lastBit: 1 << ((length - 1) & 31), masks, lowSlots, highSlots }
}

function slotOf(pattern: Pattern, c: number): number {
  return c >= 0 && c < LOW_TABLE ? (pattern.lowSlots[c] ?? 0) : (pattern.highSlots.get(c) ?? 0)
}

/** Column-by-column edit distance of one pattern against a text read in either direction. */
class Aligner {
  score = 0
  /** Text characters consumed by the last best alignment found by `distanceFrom`. */
  consumed = 0
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
    const { masks, blocks, lastBit } = this.pattern
    const base = slotOf(this.pattern, c) * blocks
    const last = blocks - 1
    let hin = anchored ? 1 : 0
    for (let b = 0; b <= last; b++) {
      const pv = this.pv[b] ?? 0
      const mv = this.mv[b] ?? 0
      let eq = masks[base + b] ?? 0
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

/**
 * `alignFrom` leaving the length in `aligner.consumed` instead of a new object: scoring a short quote's context at thousands
 * of occurrences is the hot loop, so one-block patterns run on local variables.
 */
function distanceFrom(aligner: Aligner, points: Int32Array, from: number, dir: 1 | -1): number {
  const { pattern } = aligner
  const { masks, length: m, lastBit } = pattern
  if (pattern.blocks > 1) {
    const { distance, consumed } = alignFrom(aligner, points, from, dir)
    aligner.consumed = consumed
    return distance
  }
  let pv = -1
  let mv = 0
  let score = m
  let best = m
  let consumed = 0
  const available = dir > 0 ? points.length - from : from + 1
  let i = from
  for (let k = 1; k <= available && k <= m + best; k++, i += dir) {
    const eq = masks[slotOf(pattern, points[i] ?? -1)] ?? 0
    const xv = eq | mv
    const xh = ((((eq & pv) + pv) | 0) ^ pv) | eq
    let ph = mv | ~(xh | pv)
    let mh = pv & xh
    if ((ph & lastBit) !== 0) score++
    else if ((mh & lastBit) !== 0) score--
    ph = (ph << 1) | 1
    mh <<= 1
    pv = mh | ~(xv | ph)
    mv = ph & xv
    if (score < best || (score === best && Math.abs(k - m) < Math.abs(consumed - m))) {
      best = score
      consumed = k
    }
  }
  aligner.consumed = consumed
  return best
}

// ---------------------------------------------------------------------------------------------
// Context scoring

/**
 * One side of the stored context, split at the paragraph break nearest to the quote: paragraphs
 * get moved, dropped and reordered as units, so what lies beyond a break says less about which
 * copy of a passage this is than the quote's own paragraph does.
 */
interface Side {
  near: Aligner | undefined
  far: Aligner | undefined
  nearLength: number
  farLength: number
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

function makePart(text: string, reversed: boolean): Aligner | undefined {
  return text.length === 0 ? undefined : new Aligner(compilePattern(codePointsOf(text), reversed))
}

function makeSide(text: string, isPrefix: boolean): Side {
  // The prefix is read backwards from the quote so that its nearest characters come first.
  const cut = isPrefix ? text.lastIndexOf(PARAGRAPH_BREAK) : text.indexOf(PARAGRAPH_BREAK)
  const split =
    cut < 0 ? (isPrefix ? 0 : text.length) : isPrefix ? cut + PARAGRAPH_BREAK.length : cut
  const near = isPrefix ? text.slice(split) : text.slice(0, split)
  const far = isPrefix ? text.slice(0, split) : text.slice(split)
  return {
    near: makePart(near, isPrefix),
    far: makePart(far, isPrefix),
    nearLength: codePointLength(near),
    farLength: codePointLength(far),
  }
}

function makeContextModel(quote: TextQuoteSelector): ContextModel {
  return { prefix: makeSide(quote.prefix, true), suffix: makeSide(quote.suffix, false) }
}

function scoreContext(
  model: ContextModel,
  points: Int32Array,
  start: number,
  end: number,
): ContextScore {
  const before = scoreSide(model.prefix, points, start - 1, -1, start === 0)
  const after = scoreSide(model.suffix, points, end, 1, end === points.length)
  const weight = before.weight + after.weight
  return {
    score:
      weight > 0
        ? (before.similarity * before.weight + after.similarity * after.weight) / weight
        : 0,
    matches: before.matches || after.matches,
    known: before.weight > 0 || after.weight > 0,
  }
}

interface SideScore {
  similarity: number
  /** 0 when the side cannot be compared. */
  weight: number
  matches: boolean
}

const UNKNOWN_SIDE: SideScore = { similarity: 0, weight: 0, matches: false }
const MATCHING_EDGE: SideScore = { similarity: 1, weight: BOUNDARY_WEIGHT, matches: true }

function scoreSide(
  side: Side,
  points: Int32Array,
  from: number,
  dir: 1 | -1,
  atEdge: boolean,
): SideScore {
  const { near, far, nearLength, farLength } = side
  // An empty side means the old quote touched the text edge; only that is comparable.
  if (near === undefined && far === undefined) return atEdge ? MATCHING_EDGE : UNKNOWN_SIDE
  let nearDistance = 0
  let consumed = 0
  if (near !== undefined) {
    nearDistance = distanceFrom(near, points, from, dir)
    consumed = near.consumed
  }
  const farDistance = far === undefined ? 0 : distanceFrom(far, points, from + dir * consumed, dir)
  const length = nearLength + farLength
  const distance = nearDistance + farDistance
  const weight = nearLength + FAR_WEIGHT * farLength
  return {
    similarity: (nearLength - nearDistance + FAR_WEIGHT * (farLength - farDistance)) / weight,
    weight,
    matches:
      1 - distance / length >= SIDE_MATCH &&
      length - distance >= Math.min(length, MIN_SIDE_EVIDENCE),
  }
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
  /**
   * False when the quote was not unique in the text it was made on: a lone copy left after an
   * edit is then another passage that looks the same, never the original without its context.
   */
  wasUnique?: (exact: string) => boolean
}

function settingsOf(options: AnchorOptions | undefined): Settings {
  return {
    fuzzyThreshold: options?.fuzzyThreshold ?? DEFAULT_FUZZY_THRESHOLD,
    minUniqueLength: options?.minUniqueLength ?? DEFAULT_MIN_UNIQUE_LENGTH,
    nearRadius: options?.nearRadius ?? DEFAULT_NEAR_RADIUS,
  }
}

const PERFECT_CONTEXT: ContextScore = { score: 1, matches: true, known: true }

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
  /** How much better a context score must be to count as clearly better. */
  readonly margin: number
  private model: ContextModel | undefined

  /** Where the quote is most likely now; closeness to it breaks ties between equal contexts. */
  readonly expected: number

  constructor(
    readonly index: CodePointIndex,
    readonly quote: TextQuoteSelector,
    readonly old: TextPositionSelector,
    /** Likely new starts, best first (never empty). */
    readonly hints: readonly number[],
    readonly settings: Settings,
  ) {
    this.expected = hints[0] ?? old.start
    this.length = codePointLength(quote.exact)
    const size =
      (codePointLength(quote.prefix) || BOUNDARY_WEIGHT) +
      (codePointLength(quote.suffix) || BOUNDARY_WEIGHT)
    this.margin = Math.min(CONTEXT_MARGIN, MARGIN_EDITS / size)
  }

  context(start: number, end: number): ContextScore {
    const { prefix, suffix } = this.quote
    // Identical context is the common case and scores exactly what the alignment would.
    if ((prefix.length > 0 || suffix.length > 0) && this.contextEqualAt(start, end)) {
      return PERFECT_CONTEXT
    }
    if (this.model === undefined) this.model = makeContextModel(this.quote)
    return scoreContext(this.model, this.index.codePoints(), start, end)
  }

  /** The quote's exact text starts at this code point offset. */
  exactAt(start: number): boolean {
    // Stored positions come from disk; a bad one just means "not here".
    if (!Number.isInteger(start) || start < 0 || start + this.length > this.index.length) {
      return false
    }
    return this.index.text.startsWith(this.quote.exact, this.index.toUtf16(start))
  }

  /** Prefix and suffix are character for character what surrounds the range (cheap check). */
  contextEqualAt(start: number, end: number): boolean {
    const { text } = this.index
    const { prefix, suffix } = this.quote
    const unit = this.index.toUtf16(start)
    return (
      unit >= prefix.length &&
      text.startsWith(prefix, unit - prefix.length) &&
      text.startsWith(suffix, this.index.toUtf16(end))
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

/**
 * Step (a): the quote is still where it was, with its context. If the context changed, another
 * copy may fit better (the second "в" of "в в", or a repeated sentence whose paragraphs were
 * swapped), so the later steps weigh this spot against the others.
 */
function atOldPosition(job: Job): AnchorResult | undefined {
  const { start } = job.old
  if (!job.exactAt(start)) return undefined
  const position = { start, end: start + job.length }
  if (job.contextEqualAt(start, position.end) || !job.context(start, position.end).known) {
    return { status: 'exact', position, score: 1 }
  }
  return undefined
}

/** A match that cuts a surrogate pair is not a match of code points. */
function splitsPair(text: string, unit: number, length: number): boolean {
  const end = unit + length
  return (
    (unit > 0 &&
      isLowSurrogate(text.charCodeAt(unit)) &&
      isHighSurrogate(text.charCodeAt(unit - 1))) ||
    (isHighSurrogate(text.charCodeAt(end - 1)) && isLowSurrogate(text.charCodeAt(end)))
  )
}

/**
 * Step (b), cheap version: an occurrence near a likely position whose context no other
 * occurrence could clearly beat wins anyway, since ties go to the closest.
 */
function nearbyOccurrence(job: Job, around: number): AnchorResult | undefined {
  const { index, margin } = job
  const { exact } = job.quote
  const lo = Math.max(0, around - LOCAL_RADIUS)
  const hi = Math.min(index.length, around + job.length + LOCAL_RADIUS)
  if (hi - lo < job.length) return undefined
  const base = index.toUtf16(lo)
  const window = index.text.slice(base, index.toUtf16(hi))
  const plausible: Candidate[] = []
  for (let hit = window.indexOf(exact); hit !== -1; hit = window.indexOf(exact, hit + 1)) {
    if (splitsPair(index.text, base + hit, exact.length)) continue
    const start = index.toCodePoint(base + hit)
    const context = job.context(start, start + job.length)
    // Anything that could tie with the winner has to be looked at for the distance check.
    if (context.matches && context.score > 1 - 2 * margin) {
      plausible.push({ start, end: start + job.length, context })
    }
  }
  plausible.sort((a, b) => Math.abs(a.start - around) - Math.abs(b.start - around))
  const best = plausible[0]
  if (best === undefined || best.context.score <= 1 - margin) return undefined
  const next = plausible[1]
  if (next !== undefined && Math.abs(next.start - around) === Math.abs(best.start - around)) {
    return undefined
  }
  return job.result('moved', best.start, best.end, best.context.score)
}

function occurrences(job: Job): Candidate[] {
  const { text } = job.index
  const { exact } = job.quote
  const found: Candidate[] = []
  for (let unit = text.indexOf(exact); unit !== -1; unit = text.indexOf(exact, unit + 1)) {
    if (splitsPair(text, unit, exact.length)) continue
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
  margin: number,
  rank: (c: T) => number,
): T | 'ambiguous' {
  const sorted = [...candidates].sort((a, b) => rank(b) - rank(a))
  const best = sorted[0]
  if (best === undefined) return 'ambiguous'
  const second = sorted[1]
  if (second === undefined || rank(best) - rank(second) >= margin) {
    return best.context.matches ? best : 'ambiguous'
  }
  const tied = sorted
    .filter((c) => rank(best) - rank(c) < margin)
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
function approximate(job: Job): Fuzzy | 'ambiguous' | undefined {
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
    const misfit = (hit: { start: number; end: number }): number =>
      Math.abs(hit.end - hit.start - m)
    found.sort((a, b) => a.distance - b.distance || misfit(a) - misfit(b) || a.start - b.start)
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
    const margin = job.margin / 2
    return pickByContext(kept, job.expected, margin, (c) => (c.similarity + c.context.score) / 2)
  }

  const radius = job.settings.nearRadius + maxEdits
  const nearLo = Math.max(0, job.expected - radius)
  const nearHi = Math.min(n, job.expected + m + radius)
  scan(nearLo, nearHi)
  const near = decide()
  if (near !== undefined || (nearLo === 0 && nearHi === n)) return near

  // Whole text: an edited quote keeps one of maxEdits + 1 pieces intact (pigeonhole), so only
  // windows around exact hits of pieces are aligned. Each piece costs a scan of the text, so at
  // most the two halves are used: a quote edited in both halves that also moved beyond the near
  // radius is missed and becomes an orphan the user sees, never a wrong match.
  const pieces = Math.min(maxEdits + 1, MAX_PIECES, Math.floor(m / MIN_PIECE_LENGTH))
  if (pieces < 2) return near
  const pieceLength = Math.floor(m / pieces)
  const quoteIndex = new CodePointIndex(job.quote.exact)
  const windows: Array<[number, number]> = []
  const { text } = job.index
  for (let p = 0; p < pieces; p++) {
    const offset = p * pieceLength
    const piece = quoteIndex.slice(offset, p === pieces - 1 ? m : offset + pieceLength)
    const starts: number[] = []
    for (let unit = text.indexOf(piece); unit !== -1; unit = text.indexOf(piece, unit + 1)) {
      if (starts.length === MAX_PIECE_HITS) break
      starts.push(unit)
    }
    if (starts.length === MAX_PIECE_HITS) continue
    for (const unit of starts) {
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
  for (const hint of job.hints) {
    const nearby = nearbyOccurrence(job, hint)
    if (nearby !== undefined) return nearby
  }

  const found = occurrences(job)
  const supported = found.filter((c) => c.context.matches)
  if (supported.length > 0) {
    const pick = pickByContext(found, job.expected, job.margin, (c) => c.context.score)
    if (pick === 'ambiguous') {
      if (found.length > 1) return { status: 'orphan', reason: 'ambiguous' }
    } else {
      return job.result('moved', pick.start, pick.end, pick.context.score)
    }
  }

  // No occurrence has context on its side: an edited copy that does is the better answer.
  const fuzzy = approximate(job)
  if (fuzzy !== undefined && fuzzy !== 'ambiguous') {
    return job.result('fuzzy', fuzzy.start, fuzzy.end, fuzzy.similarity)
  }
  // A long quote is distinctive enough to follow without context, but only nearby: far away, a
  // lone identical copy (a name with title, a repeated slogan) is likelier than the original.
  const only = found.length === 1 ? found[0] : undefined
  if (
    only !== undefined &&
    job.length >= job.settings.minUniqueLength &&
    Math.abs(only.start - job.expected) <= job.settings.nearRadius &&
    (job.settings.wasUnique?.(job.quote.exact) ?? true)
  ) {
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
  const index = indexFor(text)
  const expected = clampPosition(index, options?.expectedStart ?? position.start)
  if (quote.exact.length === 0) return { status: 'orphan', reason: 'not-found' }
  return runJob(new Job(index, quote, position, [expected], settingsOf(options)))
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
  return diffAgainst(oldText, indexFor(newText))
}

function diffAgainst(oldText: string, newIndex: CodePointIndex): TextEdit | undefined {
  const newText = newIndex.text
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
  const index = indexFor(newText)
  const oldText = options?.oldText
  const settings: Settings = {
    ...settingsOf(options),
    // Asked only in the last resort, so the common path never scans the old text.
    wasUnique:
      oldText === undefined
        ? undefined
        : (exact) => {
            const first = oldText.indexOf(exact)
            return first === -1 || oldText.indexOf(exact, first + 1) === -1
          },
  }
  const edit = oldText === undefined ? undefined : diffAgainst(oldText, index)
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
    let hints = (shifts.length > 0 ? shifts : [0]).map((shift) => position.start + shift)
    let mapped: TextPositionSelector | undefined
    if (options?.oldText !== undefined) {
      mapped = edit === undefined ? position : mapThroughEdit(edit, position)
      // Inside the edited region, the neighbours' shift is still the best guess.
      const fallback = Math.min(position.start, edit?.start ?? position.start)
      hints = mapped !== undefined ? [mapped.start] : [...hints.slice(0, 1), fallback]
    }
    const clamped = hints.map((hint) => clampPosition(index, hint))
    const job = new Job(index, quote, position, clamped, settings)
    // A range outside the edit holds the same text at its mapped place. The common prefix and
    // suffix can still cut through a moved paragraph (identical tails of two copies), so the
    // context has to agree too before the search is skipped.
    const result =
      mapped !== undefined &&
      job.exactAt(mapped.start) &&
      job.contextEqualAt(mapped.start, mapped.start + job.length)
        ? job.result('moved', mapped.start, mapped.start + job.length, 1)
        : runJob(job)
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
