/**
 * Postings storage for the search index: per term, a byte list of varint-encoded postings,
 * appended in increasing document order. A posting is: document-id delta, title tf, text tf,
 * byte length of the positions, then the positions as deltas (PostingCursor reads them).
 *
 * Most terms of a real vocabulary occur once or twice, so a buffer object per term would cost
 * more than the postings. Short lists therefore share one arena: each has a segment there
 * that moves to the end of the arena when it outgrows its room (the arena is repacked once a
 * third of it is abandoned segments). A list that outgrows SMALL_LIST bytes gets a buffer of
 * its own, grown by half each time.
 */

/** Longest postings list kept in the shared arena. */
const SMALL_LIST = 128

export const varintSize = (v: number): number =>
  v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : 4

export function writeVarint(buf: Uint8Array, at: number, value: number): number {
  let v = value
  let p = at
  while (v >= 0x80) {
    buf[p++] = (v & 0x7f) | 0x80
    v >>>= 7
  }
  buf[p++] = v
  return p
}

export function grow<T extends Int32Array | Uint8Array | Float64Array>(array: T, size: number): T {
  if (array.length >= size) return array
  let capacity = Math.max(16, array.length)
  while (capacity < size) capacity *= 2
  const bigger = new (array.constructor as new (n: number) => T)(capacity)
  bigger.set(array)
  return bigger
}

/** Reads one term's postings; `next()` moves to the following document. */
export class PostingCursor {
  private buf: Uint8Array = new Uint8Array(0)
  private end = 0
  private p = 0
  doc = -1
  titleTf = 0
  textTf = 0
  /** Where this document's positions start in the buffer. */
  private positionsAt = 0

  reset(buf: Uint8Array, start: number, end: number): void {
    this.buf = buf
    this.end = end
    this.p = start
    this.doc = -1
  }

  private varint(): number {
    const buf = this.buf
    let b = buf[this.p++] ?? 0
    let v = b & 0x7f
    let shift = 7
    while (b & 0x80) {
      b = buf[this.p++] ?? 0
      v |= (b & 0x7f) << shift
      shift += 7
    }
    return v
  }

  next(): boolean {
    if (this.p >= this.end) return false
    this.doc += this.varint()
    this.titleTf = this.varint()
    this.textTf = this.varint()
    const bytes = this.varint()
    this.positionsAt = this.p
    this.p += bytes
    return true
  }

  /** Writes the current document's positions (× 2 + `flag`) into `out` from `at`. */
  positionsInto(out: Int32Array | number[], at: number, flag: number): number {
    const saved = this.p
    this.p = this.positionsAt
    let position = 0
    let o = at
    const count = this.titleTf + this.textTf
    for (let i = 0; i < count; i++) {
      position += this.varint()
      out[o++] = position * 2 + flag
    }
    this.p = saved
    return o
  }
}

export class PostingStore {
  private arena = new Uint8Array(1 << 16)
  private arenaUsed = 0
  private arenaWaste = 0
  /** Per term: segment start in the arena (when `caps` > 0 or the list is empty). */
  private starts = new Int32Array(1024)
  private caps = new Int32Array(1024)
  private lens = new Int32Array(1024)
  /** Lists that outgrew the arena. */
  private readonly large = new Map<number, Uint8Array>()

  /** Where `reserve` says to write. */
  buf: Uint8Array = this.arena
  at = 0

  ensureTerms(count: number): void {
    this.starts = grow(this.starts, count)
    this.caps = grow(this.caps, count)
    this.lens = grow(this.lens, count)
  }

  /** Bytes of postings held for `term`. */
  length(term: number): number {
    return this.lens[term] ?? 0
  }

  /** Points `cursor` at the postings of `term`. */
  open(cursor: PostingCursor, term: number): void {
    const large = this.large.get(term)
    const len = this.lens[term] ?? 0
    if (large) cursor.reset(large, 0, len)
    else {
      const start = this.starts[term] ?? 0
      cursor.reset(this.arena, start, start + len)
    }
  }

  /**
   * Makes room for `need` more bytes at the end of `term`'s list and sets `buf` and `at` to
   * where they go; `commit` records how far was written.
   */
  reserve(term: number, need: number): void {
    const len = this.lens[term] ?? 0
    const large = this.large.get(term)
    if (large) {
      let buf = large
      if (len + need > buf.length) {
        buf = new Uint8Array(Math.max(len + need, Math.ceil(buf.length * 1.5)))
        buf.set(large.subarray(0, len))
        this.large.set(term, buf)
      }
      this.buf = buf
      this.at = len
      return
    }
    const cap = this.caps[term] ?? 0
    if (len + need <= cap) {
      this.buf = this.arena
      this.at = (this.starts[term] ?? 0) + len
      return
    }
    const wanted = Math.max(len + need, cap * 2, 8)
    if (wanted > SMALL_LIST) {
      const buf = new Uint8Array(Math.max(wanted, SMALL_LIST * 2))
      const start = this.starts[term] ?? 0
      buf.set(this.arena.subarray(start, start + len))
      this.large.set(term, buf)
      this.arenaWaste += cap
      this.caps[term] = 0
      this.buf = buf
      this.at = len
      return
    }
    // The last segment of the arena grows in place; any other moves to the end. (Making room
    // may repack the arena, which moves segments.)
    this.makeRoom(wanted)
    const start = this.starts[term] ?? 0
    const currentCap = this.caps[term] ?? 0
    if (currentCap > 0 && start + currentCap === this.arenaUsed) {
      this.arenaUsed += wanted - currentCap
    } else {
      this.arena.copyWithin(this.arenaUsed, start, start + len)
      this.arenaWaste += currentCap
      this.starts[term] = this.arenaUsed
      this.arenaUsed += wanted
    }
    this.caps[term] = wanted
    this.buf = this.arena
    this.at = (this.starts[term] ?? 0) + len
  }

  /** Records that `term`'s list now ends where writing into `buf` stopped (`end`). */
  commit(term: number, end: number): void {
    this.lens[term] = this.large.has(term) ? end : end - (this.starts[term] ?? 0)
  }

  /** Replaces `term`'s list with `bytes` (never longer than the list it replaces). */
  replace(term: number, bytes: Uint8Array): void {
    const large = this.large.get(term)
    if (large) {
      if (bytes.length > SMALL_LIST) this.large.set(term, bytes.slice())
      else {
        this.large.delete(term)
        this.starts[term] = this.arenaUsed
        this.caps[term] = 0
        this.lens[term] = 0
        this.reserve(term, bytes.length)
        this.arena.set(bytes, this.at)
      }
    } else {
      this.arena.set(bytes, this.starts[term] ?? 0)
    }
    this.lens[term] = bytes.length
  }

  /** Ensures `extra` free bytes at the end of the arena, repacking or growing it. */
  private makeRoom(extra: number): void {
    if (this.arenaUsed + extra <= this.arena.length) return
    if (this.arenaWaste * 3 > this.arenaUsed) this.repack()
    if (this.arenaUsed + extra <= this.arena.length) return
    const bigger = new Uint8Array(
      Math.max(this.arenaUsed + extra, Math.ceil(this.arena.length * 1.5)),
    )
    bigger.set(this.arena.subarray(0, this.arenaUsed))
    this.arena = bigger
  }

  /** Copies every arena list to a fresh arena, back to back, dropping abandoned segments. */
  private repack(): void {
    const live = this.arenaUsed - this.arenaWaste
    const fresh = new Uint8Array(Math.max(1 << 16, Math.ceil(live * 1.5)))
    let used = 0
    for (let term = 0; term < this.caps.length; term++) {
      const cap = this.caps[term] ?? 0
      if (cap === 0) continue
      const start = this.starts[term] ?? 0
      fresh.set(this.arena.subarray(start, start + cap), used)
      this.starts[term] = used
      used += cap
    }
    this.arena = fresh
    this.arenaUsed = used
    this.arenaWaste = 0
  }

  /** Bytes of postings written, and allocated for them. */
  sizes(): { used: number; allocated: number } {
    let used = 0
    for (const len of this.lens) used += len
    let allocated = this.arena.length
    for (const buf of this.large.values()) allocated += buf.length
    return { used, allocated }
  }
}
