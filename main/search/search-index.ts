/**
 * Project-wide full-text search: an in-memory inverted index over articles, annotations,
 * claims, sources and notes. Pure (no I/O): the caller adds, updates and removes documents and
 * keeps the index in step with the project.
 *
 * Layout:
 * - A dictionary of keys (tokenize.ts) with integer term ids. Each term has one postings list
 *   of varints (postings.ts), per document in increasing id order: doc-id delta, title tf,
 *   text tf, byte length of the positions, then the positions as deltas. Title tokens are at
 *   positions 0..t-1 and text tokens from t+1 on, so no phrase spans title and text. Only
 *   quoted phrases and the proximity bonus read positions.
 * - Folded and stemmed spellings are variants of a term (variants.ts), kept in a second map
 *   from variant key to term ids; postings exist for the keys as written only.
 * - Documents get increasing integer ids; per-document figures live in typed arrays. Removing
 *   a document marks it dead and fixes the document frequencies; a term's postings are
 *   rewritten without the dead documents once they outnumber the live ones. Updating is
 *   remove + add (new id). Dictionary keys are never dropped.
 * - Titles and texts are kept (by reference) so that snippets and highlights can be computed
 *   on demand for the hits shown (by tokenizing them again), and so that removal finds the
 *   terms to update.
 *
 * Matching and ranking:
 * - Every word of the query must match (see query.ts for phrases, exclusion and prefixes). A
 *   word matches a term as written (exact, after case folding), folded (umlauts, ß, accents,
 *   ё, digit grouping), stemmed (stems of the document's language; both for other languages)
 *   or, for the last word only, as a prefix. Phrase words match exact or folded.
 * - Score: BM25 (k1 1.2, b 0.75, length normalised per document type) on title tf × 2.5 +
 *   text tf, weighted by how the word matched: exact 1, folded 0.7, stemmed 0.45, prefix 0.3
 *   (a word's best match counts). Quoted phrases score their occurrences × 1.5 (× 0.7 when no
 *   occurrence matches exactly). Consecutive query words that stand next to each other in the
 *   document add a proximity bonus, so "Kanzleramt bestätigte" ranks the adjacent words first.
 */
import { grow, PostingCursor, PostingStore, varintSize, writeVarint } from './postings'
import { type HighlightMatcher, makeSnippets, matchRanges, toHighlights } from './snippets'
import { parseQuery, type QueryItem } from './query'
import { forEachToken, type Token } from './tokenize'
import {
  type SearchDoc,
  type SearchDocType,
  type SearchHit,
  type SearchOptions,
  type SearchResults,
  SEARCH_DOC_TYPES,
} from './types'
import { FOLD, foldVariants, STEM_ANY, stemmersFor, stemVariants } from './variants'

const K1 = 1.2
const B = 0.75
const TITLE_BOOST = 2.5
const EXACT = 0
const FOLDED = 1
const STEMMED = 2
const PREFIXED = 3
const CLASS_WEIGHTS = [1, 0.7, 0.45, 0.3] as const
const classWeight = (cls: number): number => CLASS_WEIGHTS[cls as 0 | 1 | 2 | 3] ?? 0
const PHRASE_WEIGHT = 1.5
const PROXIMITY_WEIGHT = 1
/** Any document, whatever its stemmers (documents have STEM_DE, STEM_EN or both). */
const ALL_DOCS = 0xf
/** Most dictionary keys a prefix expands to (the most frequent are kept). */
const PREFIX_MAX_KEYS = 300
const DEFAULT_LIMIT = 20
const MAX_LIMIT = 1000
/** Positions and doc-id deltas are written as at most four 7-bit groups. */
const MAX_VARINT = 2 ** 28 - 1

export interface SearchIndexStats {
  /** Live documents. */
  documents: number
  /** Document ids handed out (updated and removed documents leave theirs behind). */
  documentIds: number
  /** Distinct dictionary keys. */
  terms: number
  /** Distinct folded and stemmed variant keys. */
  variantKeys: number
  /** Bytes of postings written, and allocated for them. */
  postingBytes: number
  postingCapacity: number
}

const TYPE_INDEX: Record<SearchDocType, number> = {
  article: 0,
  annotation: 1,
  claim: 2,
  source: 3,
  note: 4,
}

interface StoredDoc {
  type: SearchDocType
  id: string
  articleId: string | undefined
  title: string
  text: string
}

/** How one query token expands into dictionary terms. */
interface Expansion {
  terms: number[]
  classes: number[]
  /** Stemmer bits a document needs for the match to count (ALL_DOCS for any). */
  masks: number[]
  /** Sum of the terms' document frequencies (an upper bound of the matches). */
  df: number
  /**
   * One inverse document frequency for the whole token, from the documents matching it as
   * written or folded (all matches when there are none), so that a rare spelling of a word
   * ("3,000" among many "3.000") does not outweigh the spelling searched for.
   */
  idf: number
}

interface Unit {
  item: QueryItem
  /** One expansion per token (a word has one). */
  tokens: Expansion[]
  /** Query item index (for highlighting). */
  index: number
}

/** Positions of one token in each candidate, `positions[offsets[i]..offsets[i+1])` for candidate i. */
interface Gathered {
  offsets: Int32Array
  /** position × 2, + 1 when the term matched other than exactly. */
  positions: Int32Array
}

/** A copy of `s` that does not keep alive the (larger) string it was sliced from. */
const ownString = (s: string): string => (s.length >= 13 ? (' ' + s).slice(1) : s)

/** Keeps the `limit` best documents (highest score, then lowest id) in a min-heap. */
class TopK {
  readonly docs: number[] = []
  constructor(
    private readonly limit: number,
    private readonly scores: Float64Array,
  ) {}

  /** Whether a is worse than b. */
  private worse(a: number, b: number): boolean {
    const sa = this.scores[a] ?? 0
    const sb = this.scores[b] ?? 0
    return sa < sb || (sa === sb && a > b)
  }

  offer(doc: number): void {
    const heap = this.docs
    if (heap.length < this.limit) {
      heap.push(doc)
      let i = heap.length - 1
      while (i > 0) {
        const parent = (i - 1) >> 1
        if (!this.worse(heap[i] ?? 0, heap[parent] ?? 0)) break
        ;[heap[i], heap[parent]] = [heap[parent] ?? 0, heap[i] ?? 0]
        i = parent
      }
      return
    }
    if (this.limit === 0 || !this.worse(heap[0] ?? 0, doc)) return
    heap[0] = doc
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let worst = i
      if (l < heap.length && this.worse(heap[l] ?? 0, heap[worst] ?? 0)) worst = l
      if (r < heap.length && this.worse(heap[r] ?? 0, heap[worst] ?? 0)) worst = r
      if (worst === i) break
      ;[heap[i], heap[worst]] = [heap[worst] ?? 0, heap[i] ?? 0]
      i = worst
    }
  }

  /** Best first. */
  sorted(): number[] {
    return [...this.docs].sort((a, b) => (this.worse(a, b) ? 1 : this.worse(b, a) ? -1 : 0))
  }
}

const emptyByType = <T>(make: () => T): Record<SearchDocType, T> => ({
  article: make(),
  annotation: make(),
  claim: make(),
  source: make(),
  note: make(),
})

export class SearchIndex {
  // Dictionary and postings, by term id.
  private readonly dict = new Map<string, number>()
  private keys: string[] = []
  private readonly postings = new PostingStore()
  private lastDocs = new Int32Array(1024)
  /** Live documents containing the term. */
  private dfs = new Int32Array(1024)
  /** Documents in the postings buffer, dead ones included. */
  private stored = new Int32Array(1024)
  /** Variant key → term id × 8 + variant bits (a number, or an array for several terms). */
  private readonly variants = new Map<string, number | number[]>()
  /** Dictionary keys and folded variant keys, sorted, for prefix search. */
  private sortedKeys: string[] = []
  private pendingKeys: string[] = []

  // Documents, by document id.
  private docs: (StoredDoc | undefined)[] = []
  private docTypes = new Uint8Array(1024)
  private docStemmers = new Uint8Array(1024)
  private docLens = new Int32Array(1024)
  private titleLens = new Int32Array(1024)
  private alive = new Uint8Array(1024)
  private readonly ids = SEARCH_DOC_TYPES.map(() => new Map<string, number>())
  private readonly typeDocs = new Float64Array(SEARCH_DOC_TYPES.length)
  private readonly typeTokens = new Float64Array(SEARCH_DOC_TYPES.length)
  private live = 0

  // Scratch while indexing one document.
  private seen = new Int32Array(1024)
  private heads = new Int32Array(1024)
  private tails = new Int32Array(1024)
  private occPositions = new Int32Array(4096)
  private occNext = new Int32Array(4096)
  private unique = new Int32Array(1024)
  private pass = 0

  // Scratch while searching, by document id.
  private candGen = new Int32Array(0)
  private itemGen = new Int32Array(0)
  private itemScores = new Float64Array(0)
  private scores = new Float64Array(0)
  private candIndex = new Int32Array(0)
  private gen = 0
  private currentCand = 0
  private readonly cursor = new PostingCursor()
  private readonly normBase = new Float64Array(SEARCH_DOC_TYPES.length)
  private readonly normPerToken = new Float64Array(SEARCH_DOC_TYPES.length)

  /** Live documents. */
  get size(): number {
    return this.live
  }

  /** Figures for benchmarks and diagnostics. */
  stats(): SearchIndexStats {
    const { used: postingBytes, allocated: postingCapacity } = this.postings.sizes()
    return {
      documents: this.live,
      documentIds: this.docs.length,
      terms: this.keys.length,
      variantKeys: this.variants.size,
      postingBytes,
      postingCapacity,
    }
  }

  /** Adds a document; one with the same type and id is replaced. */
  add(doc: SearchDoc): void {
    const typeIndex = TYPE_INDEX[doc.type]
    if (typeIndex === undefined) throw new TypeError(`unknown search document type "${doc.type}"`)
    if (typeof doc.id !== 'string') throw new TypeError('search documents need a string id')
    if (this.ids[typeIndex]?.has(doc.id)) this.remove(doc.type, doc.id)
    const docId = this.docs.length
    if (docId > MAX_VARINT) throw new RangeError('search index is full')
    const stored: StoredDoc = {
      type: doc.type,
      id: doc.id,
      articleId: doc.articleId,
      title: doc.title ?? '',
      text: doc.text ?? '',
    }
    this.docs.push(stored)
    const size = docId + 1
    this.docTypes = grow(this.docTypes, size)
    this.docStemmers = grow(this.docStemmers, size)
    this.docLens = grow(this.docLens, size)
    this.titleLens = grow(this.titleLens, size)
    this.alive = grow(this.alive, size)
    this.docTypes[docId] = typeIndex
    this.docStemmers[docId] = stemmersFor(doc.language)
    this.alive[docId] = 1
    this.ids[typeIndex]?.set(doc.id, docId)
    const { titleTokens, tokens } = this.indexTokens(docId, stored)
    this.titleLens[docId] = titleTokens
    this.docLens[docId] = tokens
    this.typeDocs[typeIndex] = (this.typeDocs[typeIndex] ?? 0) + 1
    this.typeTokens[typeIndex] = (this.typeTokens[typeIndex] ?? 0) + tokens
    this.live++
  }

  /** Replaces the document with the same type and id (adds it when there is none). */
  update(doc: SearchDoc): void {
    this.add(doc)
  }

  /** Removes a document; nothing happens when there is none. */
  remove(type: SearchDocType, id: string): void {
    const typeIndex = TYPE_INDEX[type]
    const docId = typeIndex === undefined ? undefined : this.ids[typeIndex]?.get(id)
    const stored = docId === undefined ? undefined : this.docs[docId]
    if (docId === undefined || typeIndex === undefined || !stored) return
    this.ids[typeIndex]?.delete(id)
    this.alive[docId] = 0
    this.docs[docId] = undefined
    this.live--
    this.typeDocs[typeIndex] = (this.typeDocs[typeIndex] ?? 0) - 1
    this.typeTokens[typeIndex] = (this.typeTokens[typeIndex] ?? 0) - (this.docLens[docId] ?? 0)
    const pass = ++this.pass
    const visit = (key: string) => {
      const term = this.dict.get(key)
      if (term === undefined || this.seen[term] === pass) return
      this.seen[term] = pass
      const df = (this.dfs[term] ?? 1) - 1
      this.dfs[term] = df
      const dead = (this.stored[term] ?? 0) - df
      if (dead > 8 && dead > df) this.compactTerm(term)
    }
    forEachToken(stored.title, visit)
    forEachToken(stored.text, visit)
  }

  search(query: string, options: SearchOptions = {}): SearchResults {
    const started = performance.now()
    const totals = emptyByType(() => 0)
    const groups = emptyByType<SearchHit[]>(() => [])
    const finish = (): SearchResults => {
      let total = 0
      for (const type of SEARCH_DOC_TYPES) total += totals[type]
      return { query, total, totals, groups, tookMs: performance.now() - started }
    }
    const limit = Math.max(
      0,
      Math.min(MAX_LIMIT, Math.floor(options.limitPerType ?? DEFAULT_LIMIT) || 0),
    )
    let typeMask = 0
    for (const type of options.types ?? SEARCH_DOC_TYPES) {
      const index = TYPE_INDEX[type]
      if (index !== undefined) typeMask |= 1 << index
    }
    const items = parseQuery(query)
    if (typeMask === 0 || this.live === 0 || !items.some((item) => !item.negated)) return finish()

    this.prepareSearch()
    const units: Unit[] = items.map((item, index) => ({
      item,
      index,
      tokens:
        item.kind === 'word'
          ? [this.expand(item.token, true, item.prefix)]
          : item.tokens.map((token) => this.expand(token, false, false)),
    }))
    const positive = units.filter((u) => !u.item.negated)
    if (positive.some((u) => u.tokens.some((e) => e.terms.length === 0))) return finish()

    // Rarest first, so the candidate list is short from the start.
    const cost = (u: Unit) => Math.min(...u.tokens.map((e) => e.df))
    let cands: number[] | null = null
    for (const unit of [...positive].sort((a, b) => cost(a) - cost(b))) {
      if (unit.item.kind === 'word') {
        cands = this.scanWord(unit.tokens[0] as Expansion, cands, typeMask)
      } else {
        for (const token of unit.tokens) cands = this.filterToken(token, cands, typeMask)
        cands = this.phrase(unit.tokens, cands ?? [], true)
      }
      if (cands.length === 0) return finish()
    }
    let candidates = cands ?? []
    for (const unit of units) {
      if (!unit.item.negated) continue
      candidates =
        unit.item.kind === 'word'
          ? this.excludeWord(unit.tokens[0] as Expansion, candidates)
          : this.phrase(unit.tokens, candidates, false)
      if (candidates.length === 0) return finish()
    }
    this.proximity(positive, candidates)

    const tops = SEARCH_DOC_TYPES.map(() => new TopK(limit, this.scores))
    for (const doc of candidates) {
      const type = this.docTypes[doc] ?? 0
      const name = SEARCH_DOC_TYPES[type]
      if (name) totals[name]++
      tops[type]?.offer(doc)
    }
    if (limit > 0) {
      const matcher = this.highlightMatcher(positive)
      SEARCH_DOC_TYPES.forEach((name, type) => {
        groups[name] = (tops[type]?.sorted() ?? []).map((doc) => this.hit(doc, matcher))
      })
    }
    return finish()
  }

  // ---- indexing ----------------------------------------------------------------------------

  private termFor(key: string): number {
    const known = this.dict.get(key)
    return known === undefined ? this.createTerm(key) : known
  }

  private createTerm(rawKey: string): number {
    const key = ownString(rawKey)
    const term = this.keys.length
    const size = term + 1
    this.postings.ensureTerms(size)
    this.lastDocs = grow(this.lastDocs, size)
    this.dfs = grow(this.dfs, size)
    this.stored = grow(this.stored, size)
    this.seen = grow(this.seen, size)
    this.heads = grow(this.heads, size)
    this.tails = grow(this.tails, size)
    this.dict.set(key, term)
    this.keys.push(key)
    this.lastDocs[term] = -1
    this.pendingKeys.push(key)
    const folds = foldVariants(key)
    for (const folded of folds) this.addVariant(folded, term, FOLD)
    for (const base of folds.length > 0 ? folds : [key]) {
      for (const [stem, bits] of stemVariants(base)) {
        if (stem !== key && !folds.includes(stem)) this.addVariant(stem, term, bits)
      }
    }
    return term
  }

  private addVariant(key: string, term: number, bits: number): void {
    const entry = term * 8 + bits
    const existing = this.variants.get(key)
    if (bits & FOLD) this.pendingKeys.push(key)
    if (existing === undefined) {
      this.variants.set(key, entry)
    } else if (typeof existing === 'number') {
      if (existing >>> 3 === term) this.variants.set(key, existing | bits)
      else this.variants.set(key, [existing, entry])
    } else {
      const at = existing.findIndex((e) => e >>> 3 === term)
      if (at >= 0) existing[at] = (existing[at] ?? 0) | bits
      else existing.push(entry)
    }
  }

  private indexTokens(docId: number, doc: StoredDoc): { titleTokens: number; tokens: number } {
    const pass = ++this.pass
    let position = 0
    let occurrences = 0
    let uniqueCount = 0
    const visit = (key: string) => {
      const term = this.termFor(key)
      if (occurrences >= this.occPositions.length) {
        this.occPositions = grow(this.occPositions, occurrences + 1)
        this.occNext = grow(this.occNext, occurrences + 1)
      }
      this.occPositions[occurrences] = position++
      this.occNext[occurrences] = -1
      if (this.seen[term] !== pass) {
        this.seen[term] = pass
        this.heads[term] = occurrences
        if (uniqueCount >= this.unique.length) this.unique = grow(this.unique, uniqueCount + 1)
        this.unique[uniqueCount++] = term
      } else {
        this.occNext[this.tails[term] ?? 0] = occurrences
      }
      this.tails[term] = occurrences
      occurrences++
    }
    forEachToken(doc.title, visit)
    const titleTokens = position
    position++
    forEachToken(doc.text, visit)
    if (position > MAX_VARINT) throw new RangeError('document too long for the search index')
    for (let u = 0; u < uniqueCount; u++) {
      const term = this.unique[u] ?? 0
      let titleTf = 0
      let textTf = 0
      let positionBytes = 0
      let previous = 0
      for (let o = this.heads[term] ?? -1; o !== -1; o = this.occNext[o] ?? -1) {
        const p = this.occPositions[o] ?? 0
        if (p < titleTokens) titleTf++
        else textTf++
        positionBytes += varintSize(p - previous)
        previous = p
      }
      const delta = docId - (this.lastDocs[term] ?? -1)
      const need =
        varintSize(delta) +
        varintSize(titleTf) +
        varintSize(textTf) +
        varintSize(positionBytes) +
        positionBytes
      const store = this.postings
      store.reserve(term, need)
      const buf = store.buf
      let at = store.at
      at = writeVarint(buf, at, delta)
      at = writeVarint(buf, at, titleTf)
      at = writeVarint(buf, at, textTf)
      at = writeVarint(buf, at, positionBytes)
      previous = 0
      for (let o = this.heads[term] ?? -1; o !== -1; o = this.occNext[o] ?? -1) {
        const p = this.occPositions[o] ?? 0
        at = writeVarint(buf, at, p - previous)
        previous = p
      }
      store.commit(term, at)
      this.lastDocs[term] = docId
      this.dfs[term] = (this.dfs[term] ?? 0) + 1
      this.stored[term] = (this.stored[term] ?? 0) + 1
    }
    return { titleTokens, tokens: position - 1 }
  }

  /** Rewrites a term's postings without its dead documents. */
  private compactTerm(term: number): void {
    const cursor = new PostingCursor()
    this.postings.open(cursor, term)
    // Dropping postings never lengthens the list: a merged document-id delta takes at most
    // the bytes of the two it replaces.
    const out = new Uint8Array(this.postings.length(term))
    const positions: number[] = []
    let at = 0
    let last = -1
    let count = 0
    while (cursor.next()) {
      if (!this.alive[cursor.doc]) continue
      const n = cursor.positionsInto(positions, 0, 0)
      let positionBytes = 0
      let previous = 0
      for (let i = 0; i < n; i++) {
        const p = (positions[i] ?? 0) / 2
        positionBytes += varintSize(p - previous)
        previous = p
      }
      at = writeVarint(out, at, cursor.doc - last)
      at = writeVarint(out, at, cursor.titleTf)
      at = writeVarint(out, at, cursor.textTf)
      at = writeVarint(out, at, positionBytes)
      previous = 0
      for (let i = 0; i < n; i++) {
        const p = (positions[i] ?? 0) / 2
        at = writeVarint(out, at, p - previous)
        previous = p
      }
      last = cursor.doc
      count++
    }
    this.postings.replace(term, out.subarray(0, at))
    this.lastDocs[term] = last
    this.stored[term] = count
  }

  // ---- query expansion ----------------------------------------------------------------------

  private variantEntries(key: string): readonly number[] {
    const entry = this.variants.get(key)
    return entry === undefined ? [] : typeof entry === 'number' ? [entry] : entry
  }

  /** Brings the sorted key list up to date with keys added since the last prefix search. */
  private flushPendingKeys(): void {
    if (this.pendingKeys.length === 0) return
    const pending = [...new Set(this.pendingKeys)].sort()
    this.pendingKeys = []
    const old = this.sortedKeys
    const merged: string[] = []
    let i = 0
    let j = 0
    while (i < old.length || j < pending.length) {
      const a = old[i]
      const b = pending[j]
      let next: string
      if (b === undefined || (a !== undefined && a <= b)) {
        next = a as string
        i++
        if (a === b) j++
      } else {
        next = b
        j++
      }
      if (merged[merged.length - 1] !== next) merged.push(next)
    }
    this.sortedKeys = merged
  }

  private keysWithPrefix(prefix: string): string[] {
    this.flushPendingKeys()
    const keys = this.sortedKeys
    let lo = 0
    let hi = keys.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((keys[mid] ?? '') < prefix) lo = mid + 1
      else hi = mid
    }
    const out: string[] = []
    for (let i = lo; i < keys.length; i++) {
      const key = keys[i] ?? ''
      if (!key.startsWith(prefix)) break
      out.push(key)
    }
    if (out.length <= PREFIX_MAX_KEYS) return out
    const weight = (key: string) => {
      const term = this.dict.get(key)
      let df = term === undefined ? 0 : (this.dfs[term] ?? 0)
      for (const e of this.variantEntries(key)) if (e & FOLD) df += this.dfs[e >>> 3] ?? 0
      return df
    }
    return out
      .map((key) => ({ key, df: weight(key) }))
      .sort((a, b) => b.df - a.df)
      .slice(0, PREFIX_MAX_KEYS)
      .map((k) => k.key)
  }

  /**
   * The terms a query token matches, each with its best match class: as written, folded,
   * stemmed (`full` only) or as a prefix (`prefix` only).
   */
  private expand(token: Token, full: boolean, prefix: boolean): Expansion {
    const found = new Map<number, number>()
    const put = (term: number | undefined, cls: number, mask: number) => {
      if (term === undefined) return
      const previous = found.get(term)
      if (previous === undefined || cls < previous >> 4) found.set(term, (cls << 4) | mask)
      else if (cls === previous >> 4) found.set(term, previous | mask)
    }
    const key = token.key
    put(this.dict.get(key), EXACT, ALL_DOCS)
    const folds = [key, ...foldVariants(key)]
    for (const folded of folds) {
      if (folded !== key) put(this.dict.get(folded), FOLDED, ALL_DOCS)
      for (const e of this.variantEntries(folded)) {
        if (e & FOLD) put(e >>> 3, FOLDED, ALL_DOCS)
        if (full && e & STEM_ANY) put(e >>> 3, STEMMED, e & STEM_ANY)
      }
    }
    if (full) {
      const stems = new Set<string>()
      for (const folded of folds) for (const [stem] of stemVariants(folded)) stems.add(stem)
      for (const stem of stems) {
        if (folds.includes(stem)) continue
        put(this.dict.get(stem), STEMMED, ALL_DOCS)
        for (const e of this.variantEntries(stem)) {
          if (e & FOLD) put(e >>> 3, STEMMED, ALL_DOCS)
          if (e & STEM_ANY) put(e >>> 3, STEMMED, e & STEM_ANY)
        }
      }
    }
    if (prefix) {
      for (const folded of folds) {
        for (const k of this.keysWithPrefix(folded)) {
          put(this.dict.get(k), PREFIXED, ALL_DOCS)
          for (const e of this.variantEntries(k)) if (e & FOLD) put(e >>> 3, PREFIXED, ALL_DOCS)
        }
      }
    }
    const expansion: Expansion = { terms: [], classes: [], masks: [], df: 0, idf: 0 }
    let closeDf = 0
    for (const [term, value] of found) {
      const df = this.dfs[term] ?? 0
      if (df === 0) continue
      expansion.terms.push(term)
      expansion.classes.push(value >> 4)
      expansion.masks.push(value & 0xf)
      expansion.df += df
      if (value >> 4 <= FOLDED) closeDf += df
    }
    expansion.idf = this.idf(closeDf > 0 ? closeDf : expansion.df)
    return expansion
  }

  // ---- evaluation ---------------------------------------------------------------------------

  private prepareSearch(): void {
    const size = this.docs.length
    if (this.candGen.length < size) {
      const capacity = Math.max(1024, Math.ceil(size * 1.25))
      this.candGen = new Int32Array(capacity)
      this.itemGen = new Int32Array(capacity)
      this.itemScores = new Float64Array(capacity)
      this.scores = new Float64Array(capacity)
      this.candIndex = new Int32Array(capacity)
      this.gen = 0
    }
    if (this.gen > 2_000_000_000) {
      this.candGen.fill(0)
      this.itemGen.fill(0)
      this.gen = 0
    }
    SEARCH_DOC_TYPES.forEach((_, type) => {
      const docs = this.typeDocs[type] ?? 0
      const average = docs > 0 ? Math.max(1, (this.typeTokens[type] ?? 0) / docs) : 1
      this.normBase[type] = K1 * (1 - B)
      this.normPerToken[type] = (K1 * B) / average
    })
  }

  private idf(df: number): number {
    const n = this.live
    const d = Math.min(df, n)
    return Math.log(1 + (n - d + 0.5) / (d + 0.5))
  }

  /** BM25's term-frequency part for a document (title occurrences boosted). */
  private tfScore(titleTf: number, textTf: number, doc: number): number {
    const tf = textTf + TITLE_BOOST * titleTf
    const type = this.docTypes[doc] ?? 0
    const norm =
      (this.normBase[type] ?? 0) + (this.normPerToken[type] ?? 0) * (this.docLens[doc] ?? 0)
    return (tf * (K1 + 1)) / (tf + norm)
  }

  /**
   * Documents matching `exp` among the candidates (`cands`; null: all documents of the
   * searched types). With `score`, each gets the best of its matches added to its score.
   */
  private scan(exp: Expansion, cands: number[] | null, typeMask: number, score: boolean): number[] {
    const g = ++this.gen
    const cand = this.currentCand
    const { alive, candGen, itemGen, itemScores, docTypes, docStemmers, cursor } = this
    const out: number[] = []
    for (let j = 0; j < exp.terms.length; j++) {
      const term = exp.terms[j] ?? 0
      const mask = exp.masks[j] ?? ALL_DOCS
      const weight = score ? classWeight(exp.classes[j] ?? PREFIXED) * exp.idf : 0
      this.postings.open(cursor, term)
      while (cursor.next()) {
        const doc = cursor.doc
        if (alive[doc] === 0) continue
        if (cands === null) {
          if (((typeMask >> (docTypes[doc] ?? 0)) & 1) === 0) continue
        } else if (candGen[doc] !== cand) continue
        if (((docStemmers[doc] ?? 0) & mask) === 0) continue
        const s = score ? weight * this.tfScore(cursor.titleTf, cursor.textTf, doc) : 0
        if (itemGen[doc] !== g) {
          itemGen[doc] = g
          itemScores[doc] = s
          out.push(doc)
        } else if (s > (itemScores[doc] ?? 0)) {
          itemScores[doc] = s
        }
      }
    }
    return out
  }

  /** Makes `docs` the candidates, adding their item scores (or starting from them). */
  private setCandidates(docs: number[], first: boolean, score: boolean): number[] {
    const cg = ++this.gen
    const { candGen, scores, itemScores } = this
    for (const doc of docs) {
      candGen[doc] = cg
      if (first) scores[doc] = 0
      if (score) scores[doc] = (scores[doc] ?? 0) + (itemScores[doc] ?? 0)
    }
    this.currentCand = cg
    return docs
  }

  private scanWord(exp: Expansion, cands: number[] | null, typeMask: number): number[] {
    return this.setCandidates(this.scan(exp, cands, typeMask, true), cands === null, true)
  }

  private filterToken(exp: Expansion, cands: number[] | null, typeMask: number): number[] {
    return this.setCandidates(this.scan(exp, cands, typeMask, false), cands === null, false)
  }

  private excludeWord(exp: Expansion, cands: number[]): number[] {
    const g = this.gen + 1
    this.scan(exp, cands, 0, false)
    const keep = cands.filter((doc) => this.itemGen[doc] !== g)
    return this.setCandidates(keep, false, false)
  }

  /** Positions of the terms of `exp` in each candidate (candIndex must be set). */
  private gather(exp: Expansion, cands: readonly number[]): Gathered {
    const n = cands.length
    const offsets = new Int32Array(n + 1)
    const lastTerm = new Int32Array(n).fill(-1)
    let unsorted: number[] | null = null
    const { alive, candGen, candIndex, docStemmers, cursor } = this
    const cand = this.currentCand
    for (let pass = 0; pass < 2; pass++) {
      const fill = pass === 1 ? offsets.slice(0, n) : null
      const positions = pass === 1 ? new Int32Array(offsets[n] ?? 0) : null
      for (let j = 0; j < exp.terms.length; j++) {
        const term = exp.terms[j] ?? 0
        const mask = exp.masks[j] ?? ALL_DOCS
        const flag = exp.classes[j] === EXACT ? 0 : 1
        this.postings.open(cursor, term)
        while (cursor.next()) {
          const doc = cursor.doc
          if (alive[doc] === 0 || candGen[doc] !== cand) continue
          if (((docStemmers[doc] ?? 0) & mask) === 0) continue
          const ci = candIndex[doc] ?? 0
          if (fill && positions) {
            fill[ci] = cursor.positionsInto(positions, fill[ci] ?? 0, flag)
          } else {
            offsets[ci + 1] = (offsets[ci + 1] ?? 0) + cursor.titleTf + cursor.textTf
            if ((lastTerm[ci] ?? -1) !== -1 && lastTerm[ci] !== j) (unsorted ??= []).push(ci)
            lastTerm[ci] = j
          }
        }
      }
      if (pass === 0) {
        for (let i = 0; i < n; i++) offsets[i + 1] = (offsets[i + 1] ?? 0) + (offsets[i] ?? 0)
      } else if (positions) {
        for (const ci of unsorted ?? []) {
          positions.subarray(offsets[ci] ?? 0, offsets[ci + 1] ?? 0).sort()
        }
        return { offsets, positions }
      }
    }
    throw new Error('unreachable')
  }

  private indexCandidates(cands: readonly number[]): void {
    const { candIndex } = this
    for (let i = 0; i < cands.length; i++) candIndex[cands[i] ?? 0] = i
  }

  /**
   * Checks a phrase in every candidate. Positive (`keep`): keeps the candidates containing
   * it and adds the phrase score; negative: keeps those that do not contain it.
   */
  private phrase(tokens: readonly Expansion[], cands: number[], keep: boolean): number[] {
    if (cands.length === 0) return cands
    this.indexCandidates(cands)
    const gathered = tokens.map((exp) => this.gather(exp, cands))
    const idf = tokens.reduce((sum, exp) => sum + exp.idf, 0)
    const k = tokens.length
    const pointers = new Int32Array(k)
    const out: number[] = []
    for (let ci = 0; ci < cands.length; ci++) {
      const doc = cands[ci] ?? 0
      const titleLen = this.titleLens[doc] ?? 0
      let titleCount = 0
      let textCount = 0
      let exact = false
      const first = gathered[0]
      if (!first) break
      for (let i = 1; i < k; i++) pointers[i] = gathered[i]?.offsets[ci] ?? 0
      const from = first.offsets[ci] ?? 0
      const to = first.offsets[ci + 1] ?? 0
      for (let a = from; a < to; a++) {
        const start = (first.positions[a] ?? 0) >> 1
        let folded = (first.positions[a] ?? 0) & 1
        let i = 1
        for (; i < k; i++) {
          const g = gathered[i]
          if (!g) break
          const end = g.offsets[ci + 1] ?? 0
          let p = pointers[i] ?? 0
          while (p < end && (g.positions[p] ?? 0) >> 1 < start + i) p++
          pointers[i] = p
          if (p >= end || (g.positions[p] ?? 0) >> 1 !== start + i) break
          folded |= (g.positions[p] ?? 0) & 1
        }
        if (i < k) continue
        if (start < titleLen) titleCount++
        else textCount++
        if (!folded) exact = true
      }
      const found = titleCount + textCount > 0
      if (found !== keep) continue
      out.push(doc)
      if (keep) {
        const weight = PHRASE_WEIGHT * (exact ? 1 : classWeight(FOLDED))
        this.scores[doc] =
          (this.scores[doc] ?? 0) + weight * idf * this.tfScore(titleCount, textCount, doc)
      }
    }
    return this.setCandidates(out, false, false)
  }

  /** Adds a bonus where consecutive query words stand next to each other, in order. */
  private proximity(positive: readonly Unit[], cands: readonly number[]): void {
    const pairs: Array<[Unit, Unit]> = []
    for (let i = 0; i + 1 < positive.length; i++) {
      const a = positive[i]
      const b = positive[i + 1]
      if (a?.item.kind === 'word' && b?.item.kind === 'word') pairs.push([a, b])
    }
    if (pairs.length === 0 || cands.length === 0) return
    this.indexCandidates(cands)
    const cache = new Map<Unit, Gathered>()
    const positionsOf = (unit: Unit): Gathered => {
      let g = cache.get(unit)
      if (!g) {
        g = this.gather(unit.tokens[0] as Expansion, cands)
        cache.set(unit, g)
      }
      return g
    }
    for (const [a, b] of pairs) {
      const ga = positionsOf(a)
      const gb = positionsOf(b)
      const idf = ((a.tokens[0]?.idf ?? 0) + (b.tokens[0]?.idf ?? 0)) / 2
      for (let ci = 0; ci < cands.length; ci++) {
        const doc = cands[ci] ?? 0
        const titleLen = this.titleLens[doc] ?? 0
        let titleCount = 0
        let textCount = 0
        let p = gb.offsets[ci] ?? 0
        const end = gb.offsets[ci + 1] ?? 0
        for (let x = ga.offsets[ci] ?? 0; x < (ga.offsets[ci + 1] ?? 0) && p < end; x++) {
          const next = ((ga.positions[x] ?? 0) >> 1) + 1
          while (p < end && (gb.positions[p] ?? 0) >> 1 < next) p++
          if (p < end && (gb.positions[p] ?? 0) >> 1 === next) {
            if (next - 1 < titleLen) titleCount++
            else textCount++
          }
        }
        if (titleCount + textCount > 0) {
          this.scores[doc] =
            (this.scores[doc] ?? 0) +
            PROXIMITY_WEIGHT * idf * this.tfScore(titleCount, textCount, doc)
        }
      }
    }
  }

  // ---- hits -------------------------------------------------------------------------------

  private highlightMatcher(positive: readonly Unit[]): HighlightMatcher {
    const words: HighlightMatcher['words'] = new Map()
    const phrases: HighlightMatcher['phrases'] = []
    let allItems = 0
    for (const unit of positive) {
      const bit = 2 ** (unit.index % 31)
      allItems |= bit
      if (unit.item.kind === 'word') {
        const exp = unit.tokens[0]
        if (!exp) continue
        exp.terms.forEach((term, j) => {
          const key = this.keys[term] ?? ''
          const entry = words.get(key) ?? { mask: 0, items: 0 }
          entry.mask |= exp.masks[j] ?? ALL_DOCS
          entry.items |= bit
          words.set(key, entry)
        })
      } else {
        phrases.push({
          tokens: unit.tokens.map((exp) => new Set(exp.terms.map((term) => this.keys[term] ?? ''))),
          items: bit,
        })
      }
    }
    return { words, phrases, allItems }
  }

  private hit(doc: number, matcher: HighlightMatcher): SearchHit {
    const stored = this.docs[doc]
    if (!stored) throw new Error('search hit without a document')
    const stemmers = this.docStemmers[doc] ?? STEM_ANY
    const hit: SearchHit = {
      type: stored.type,
      id: stored.id,
      title: stored.title,
      score: this.scores[doc] ?? 0,
      snippets: makeSnippets(stored.text, matchRanges(stored.text, matcher, stemmers, false)),
      titleHighlights: toHighlights(matchRanges(stored.title, matcher, stemmers)),
    }
    if (stored.articleId !== undefined) hit.articleId = stored.articleId
    return hit
  }
}
