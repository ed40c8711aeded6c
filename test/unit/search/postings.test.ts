import { describe, expect, it } from 'vitest'
import { PostingCursor, PostingStore, varintSize, writeVarint } from '../../../main/search/postings'

interface Posting {
  doc: number
  titleTf: number
  positions: number[]
}

/** Appends one posting to `term` the way the index writes them. */
function append(store: PostingStore, term: number, lastDoc: number, posting: Posting): void {
  const { doc, titleTf, positions } = posting
  let positionBytes = 0
  let previous = 0
  for (const p of positions) {
    positionBytes += varintSize(p - previous)
    previous = p
  }
  const textTf = positions.length - titleTf
  const need =
    varintSize(doc - lastDoc) +
    varintSize(titleTf) +
    varintSize(textTf) +
    varintSize(positionBytes) +
    positionBytes
  store.reserve(term, need)
  let at = writeVarint(store.buf, store.at, doc - lastDoc)
  at = writeVarint(store.buf, at, titleTf)
  at = writeVarint(store.buf, at, textTf)
  at = writeVarint(store.buf, at, positionBytes)
  previous = 0
  for (const p of positions) {
    at = writeVarint(store.buf, at, p - previous)
    previous = p
  }
  store.commit(term, at)
}

function read(store: PostingStore, term: number): Posting[] {
  const cursor = new PostingCursor()
  store.open(cursor, term)
  const out: Posting[] = []
  while (cursor.next()) {
    const encoded: number[] = []
    const n = cursor.positionsInto(encoded, 0, 1)
    expect(n).toBe(cursor.titleTf + cursor.textTf)
    expect(encoded.every((e) => e % 2 === 1)).toBe(true)
    out.push({
      doc: cursor.doc,
      titleTf: cursor.titleTf,
      positions: encoded.map((e) => (e - 1) / 2),
    })
  }
  return out
}

describe('varints', () => {
  it('round-trip through the cursor at every length', () => {
    const store = new PostingStore()
    store.ensureTerms(1)
    const values = [0, 1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, 2 ** 28 - 1]
    append(store, 0, -1, { doc: 0, titleTf: 0, positions: values })
    expect(read(store, 0)).toEqual([{ doc: 0, titleTf: 0, positions: values }])
  })
})

describe('PostingStore', () => {
  it('keeps many interleaved lists intact while they move, grow out of the arena and shrink', () => {
    const store = new PostingStore()
    const terms = 1_000
    store.ensureTerms(terms)
    const expected: Posting[][] = Array.from({ length: terms }, () => [])
    let seed = 7
    const random = (n: number) => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0
      return seed % n
    }
    // Term t is in documents divisible by (t % 50) + 1: some lists stay tiny, some get long.
    for (let doc = 0; doc < 200; doc++) {
      for (let term = 0; term < terms; term++) {
        if (doc % ((term % 50) + 1) !== 0) continue
        const list = expected[term] ?? []
        const count = 1 + random(4)
        let p = random(5)
        const positions: number[] = []
        for (let i = 0; i < count; i++) {
          positions.push(p)
          p += 1 + random(300)
        }
        const posting = { doc, titleTf: random(2), positions }
        append(store, term, list[list.length - 1]?.doc ?? -1, posting)
        list.push(posting)
      }
    }
    for (let term = 0; term < terms; term += 7) expect(read(store, term)).toEqual(expected[term])

    // Replace some lists with shorter ones (as compaction does), arena and large alike.
    for (const term of [0, 1, 49, 50, 120, 999]) {
      const keep = (expected[term] ?? []).filter((_, i) => i % 3 === 0)
      const scratch = new PostingStore()
      scratch.ensureTerms(1)
      let last = -1
      for (const posting of keep) {
        append(scratch, 0, last, posting)
        last = posting.doc
      }
      const bytes = new Uint8Array(scratch.length(0))
      // Copy the scratch list out through a reserve of zero bytes (the write position).
      scratch.reserve(0, 0)
      bytes.set(scratch.buf.subarray(scratch.at - scratch.length(0), scratch.at))
      store.replace(term, bytes)
      expected[term] = keep
    }
    for (let term = 0; term < terms; term++) expect(read(store, term)).toEqual(expected[term])
    const sizes = store.sizes()
    expect(sizes.allocated).toBeGreaterThanOrEqual(sizes.used)
  })
})
