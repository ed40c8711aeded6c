/**
 * Search benchmark: the project-wide search index (main/search) over a synthetic project held
 * in memory: 10,000 articles of 3–6 KB (German, English, Ukrainian, Russian), 100,000
 * annotations, 2,000 claims and 500 sources. Times building the index, its memory, 200
 * queries of seven kinds (each with the default 20 hits per type, snippets included) and
 * updates of single documents.
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { SearchIndex } from '../../main/search/search-index'
import { tokenize } from '../../main/search/tokenize'
import type { SearchDoc } from '../../main/search/types'
import { checkTarget, formatCount, formatMb, formatMs, note, printTable } from './report'
import { median, percentile } from './stats'
import { syntheticArticle } from './synthetic-project'
import {
  createRng,
  type Rng,
  syntheticComment,
  syntheticTitle,
  TEXT_LANGUAGES,
} from './synthetic-text'

export interface SearchBenchOptions {
  articles?: number
  annotationsPerArticle?: number
  claims?: number
  sources?: number
  seed?: number
}

export const SEARCH_TARGETS = {
  queryP95Ms: 50,
  buildMs: 5_000,
} as const

/** Queries per kind (200 in all). */
const QUERY_KINDS = [
  ['common word', 30],
  ['rare word', 30],
  ['two words', 30],
  ['phrase', 30],
  ['umlaut-folded', 30],
  ['prefix', 30],
  ['number', 20],
] as const
type QueryKind = (typeof QUERY_KINDS)[number][0]
const WARM_UP_QUERIES = 30
const UPDATES = 100

/** Words the synthetic vocabulary lacks; each is written into a few articles. */
const RARE_WORDS = [
  'Prigoschin',
  'Kupjansk',
  'Sanktionspaket',
  'Zeitenwende',
  'Deepfake',
  'Desinformationskampagne',
  'Wahlkreisergebnis',
  'Munitionsdepot',
  'astroturfing',
  'geolocated',
  'sockpuppet',
  'whistleblower',
  'Awdijiwka',
  'Бахмут',
  'Мелітополь',
  'тролефабрика',
  'ботоферма',
  'Приднестровье',
  'дезинформация',
  'фактчекінг',
]
const RARE_COPIES = 5

/** German words of the synthetic vocabulary with umlauts or ß. */
const UMLAUT_WORDS = [
  'für',
  'über',
  'während',
  'Flüchtlinge',
  'Äußerung',
  'öffentlich',
  'überprüft',
  'Straße',
  'Größe',
  'Maßnahmen',
  'Gespräch',
  'Überwachung',
  'Bürgermeister',
  'Wähler',
  'Schätzung',
  'Fälschung',
  'veröffentlicht',
  'gelöscht',
  'Löhne',
]

/** Spells umlauts as "ae"/"oe"/"ue" or drops their dots, and ß as "ss". */
function foldByHand(word: string, rng: Rng): string {
  const e = rng.chance(0.5)
  return word.replace(/ß/g, 'ss').replace(/[äöüÄÖÜ]/g, (ch) => {
    const base = ch.normalize('NFD')[0] ?? ch
    return e ? `${base}e` : base
  })
}

/** Forces a full garbage collection (exposed at run time; `npm run bench` has no flags). */
function collectGarbage(): () => void {
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as unknown
  return typeof gc === 'function' ? () => gc() : () => undefined
}

const heapBytes = (): number => {
  const usage = process.memoryUsage()
  return usage.heapUsed + usage.arrayBuffers
}

interface Corpus {
  docs: SearchDoc[]
  articles: SearchDoc[]
  annotations: SearchDoc[]
  textBytes: number
}

function buildCorpus(rng: Rng, options: Required<SearchBenchOptions>): Corpus {
  const articles: SearchDoc[] = []
  const annotations: SearchDoc[] = []
  for (let i = 0; i < options.articles; i++) {
    const article = syntheticArticle(rng, options.annotationsPerArticle, [])
    articles.push({
      type: 'article',
      id: article.id,
      title: article.title,
      text: article.text,
      language: article.language,
    })
    for (const annotation of article.annotations) {
      annotations.push({
        type: 'annotation',
        id: annotation.id,
        articleId: article.id,
        title: annotation.quote.exact,
        text: annotation.comment,
        language: article.language,
      })
    }
  }
  // Rare words, each appended to a few articles' texts.
  for (const word of RARE_WORDS) {
    for (let copy = 0; copy < RARE_COPIES; copy++) {
      const article = rng.pick(articles)
      article.text = `${article.text} ${word}.`
    }
  }
  const claims: SearchDoc[] = []
  for (let i = 0; i < options.claims; i++) {
    const language = rng.pick(TEXT_LANGUAGES)
    claims.push({
      type: 'claim',
      id: `claim-${i}`,
      title: syntheticComment(rng, language),
      text: rng.chance(0.5) ? syntheticComment(rng, language) : '',
      language,
    })
  }
  const sources: SearchDoc[] = []
  for (let i = 0; i < options.sources; i++) {
    const language = rng.pick(TEXT_LANGUAGES)
    const name = syntheticTitle(rng, language).split(' ').slice(0, 3).join(' ')
    sources.push({
      type: 'source',
      id: `source-${i}`,
      title: name,
      text: `${name.toUpperCase()}, ${syntheticComment(rng, language)}`,
      language,
    })
  }
  const docs = [...articles, ...annotations, ...claims, ...sources]
  const textBytes = docs.reduce(
    (sum, d) => sum + Buffer.byteLength(d.title) + Buffer.byteLength(d.text),
    0,
  )
  return { docs, articles, annotations, textBytes }
}

/** Words of a random article (letters only), with the text they were read from. */
function randomWords(rng: Rng, corpus: Corpus): string[] {
  const article = rng.pick(corpus.articles)
  const start = rng.int(0, Math.max(0, article.text.length - 400))
  const text = article.text.slice(start, start + 400)
  return tokenize(text)
    .map((t) => text.slice(t.start, t.end))
    .filter((w) => /^\p{L}{2,}$/u.test(w))
}

function makeQuery(kind: QueryKind, rng: Rng, corpus: Corpus): string {
  const words = randomWords(rng, corpus)
  const word = (minLength = 2) => {
    const long = words.filter((w) => w.length >= minLength)
    return long.length > 0 ? rng.pick(long) : 'Regierung'
  }
  switch (kind) {
    case 'common word':
      return word()
    case 'rare word':
      return rng.pick(RARE_WORDS)
    case 'two words':
      return `${word(4)} ${word(4)}`
    case 'phrase': {
      const at = rng.int(0, Math.max(0, words.length - 3))
      return `"${words.slice(at, at + rng.int(2, 3)).join(' ')}"`
    }
    case 'umlaut-folded':
      return foldByHand(rng.pick(UMLAUT_WORDS), rng)
    case 'prefix': {
      const w = word(6)
      return w.slice(0, rng.int(3, Math.min(6, w.length - 1)))
    }
    case 'number': {
      const n = rng.int(2, 2025)
      if (n < 1000 || rng.chance(0.5)) return String(n)
      const s = String(n)
      return `${s.slice(0, -3)}${rng.pick(['.', ','])}${s.slice(-3)}`
    }
  }
}

const SYLLABLES = 'ka ri mo sta ber lin gen ver hand lung schä tzu über prü fal wä ler ost mar tin'
  .split(' ')
  .concat('ре ка мо сто ва ні ко ли пер дру ги ёл ча'.split(' '))
const ENDINGS = ['', '', 'en', 'er', 'e', 's', 'ung', 'ed', 'ing', 'ами', 'ів']

/**
 * A real project's vocabulary is far larger than the synthetic one (hundreds of thousands of
 * distinct words, mostly rare); this indexes `words` distinct made-up words in short notes to
 * show what each dictionary entry costs.
 */
function vocabularyCost(
  rng: Rng,
  words: number,
  gc: () => void,
): { ms: number; bytesPerTerm: number; terms: number } {
  const seen = new Set<string>()
  const notes: SearchDoc[] = []
  let current: string[] = []
  while (seen.size < words) {
    let word = ''
    for (let i = rng.int(2, 4); i > 0; i--) word += rng.pick(SYLLABLES)
    word += rng.pick(ENDINGS)
    if (seen.has(word)) continue
    seen.add(word)
    current.push(rng.chance(0.3) ? word[0]?.toUpperCase() + word.slice(1) : word)
    if (current.length === 10) {
      notes.push({ type: 'note', id: `v${notes.length}`, title: '', text: current.join(' ') })
      current = []
    }
  }
  gc()
  const before = heapBytes()
  const index = new SearchIndex()
  const started = performance.now()
  for (const doc of notes) index.add(doc)
  const ms = performance.now() - started
  gc()
  const terms = index.stats().terms
  return { ms, terms, bytesPerTerm: (heapBytes() - before) / terms }
}

interface QueryRun {
  kind: QueryKind
  query: string
  ms: number
  total: number
}

function timeUpdates(index: SearchIndex, docs: readonly SearchDoc[], rng: Rng): number[] {
  const samples: number[] = []
  for (let i = 0; i < UPDATES; i++) {
    const doc = rng.pick(docs)
    const edited = { ...doc, text: `${doc.text} Nachtrag ${i}.` }
    const started = performance.now()
    index.update(edited)
    samples.push(performance.now() - started)
  }
  return samples
}

export function searchBenchmark(options: SearchBenchOptions = {}): void {
  const settings: Required<SearchBenchOptions> = {
    articles: options.articles ?? 10_000,
    annotationsPerArticle: options.annotationsPerArticle ?? 10,
    claims: options.claims ?? 2_000,
    sources: options.sources ?? 500,
    seed: options.seed ?? 20_250_301,
  }
  const gc = collectGarbage()
  const rng = createRng(settings.seed)

  let started = performance.now()
  const corpus = buildCorpus(rng, settings)
  const generateMs = performance.now() - started
  gc()
  const heapWithDocs = heapBytes()
  note(
    `${formatCount(corpus.articles.length)} articles, ${formatCount(corpus.annotations.length)} ` +
      `annotations, ${formatCount(settings.claims)} claims, ${formatCount(settings.sources)} ` +
      `sources: ${formatCount(corpus.docs.length)} documents, ` +
      `${formatMb(corpus.textBytes)} of UTF-8 text (generated in ${formatMs(generateMs)})`,
  )

  const index = new SearchIndex()
  started = performance.now()
  for (const doc of corpus.docs) index.add(doc)
  const buildMs = performance.now() - started
  gc()
  const indexBytes = heapBytes() - heapWithDocs
  const stats = index.stats()
  const rss = process.memoryUsage().rss

  console.log('\n  Index')
  printTable(
    [
      'documents',
      'build',
      'throughput',
      'terms',
      'variant keys',
      'postings',
      'index memory',
      'RSS',
    ],
    [
      [
        formatCount(stats.documents),
        formatMs(buildMs),
        `${(corpus.textBytes / 1024 / 1024 / (buildMs / 1000)).toFixed(1)} MB/s`,
        formatCount(stats.terms),
        formatCount(stats.variantKeys),
        `${formatMb(stats.postingBytes)} (${formatMb(stats.postingCapacity)} allocated)`,
        formatMb(indexBytes),
        formatMb(rss),
      ],
    ],
  )
  note('index memory: heap and array buffers after a full GC, minus the documents themselves')
  note('(the index keeps references to the titles and texts, not copies).')

  // Queries: a warm-up of mixed kinds first (JIT), then 200 timed ones.
  const kinds = QUERY_KINDS.flatMap(([kind, count]) => Array.from({ length: count }, () => kind))
  for (let i = 0; i < WARM_UP_QUERIES; i++) {
    index.search(makeQuery(rng.pick(kinds), rng, corpus))
  }
  const runs: QueryRun[] = []
  for (const kind of kinds.sort(() => rng.next() - 0.5)) {
    const query = makeQuery(kind, rng, corpus)
    const before = performance.now()
    const results = index.search(query)
    runs.push({ kind, query, ms: performance.now() - before, total: results.total })
  }

  console.log(`\n  Queries (${runs.length}, 20 hits per type with snippets)`)
  const row = (label: string, sample: readonly QueryRun[]) => {
    const ms = sample.map((r) => r.ms)
    const slowest = sample.reduce((a, b) => (b.ms > a.ms ? b : a))
    return [
      label,
      sample.length,
      formatMs(percentile(ms, 50)),
      formatMs(percentile(ms, 95)),
      formatMs(Math.max(...ms)),
      formatCount(Math.round(median(sample.map((r) => r.total)))),
      `${slowest.query.slice(0, 28)}`,
    ]
  }
  printTable(
    [
      { header: 'kind', align: 'left' },
      'n',
      'p50',
      'p95',
      'max',
      'median matches',
      { header: 'slowest query', align: 'left' },
    ],
    [
      ...QUERY_KINDS.map(([kind]) =>
        row(
          kind,
          runs.filter((r) => r.kind === kind),
        ),
      ),
      row('all', runs),
    ],
  )

  const articleUpdates = timeUpdates(index, corpus.articles, rng)
  const annotationUpdates = timeUpdates(index, corpus.annotations, rng)
  console.log(`\n  Updates (${UPDATES} each; an update is remove + add)`)
  printTable(
    [{ header: 'document', align: 'left' }, 'p50', 'p95', 'max'],
    [
      ['article', articleUpdates],
      ['annotation', annotationUpdates],
    ].map(([label, samples]) => {
      const ms = samples as number[]
      return [
        label as string,
        formatMs(percentile(ms, 50)),
        formatMs(percentile(ms, 95)),
        formatMs(Math.max(...ms)),
      ]
    }),
  )

  const vocabulary = vocabularyCost(rng, 200_000, gc)
  console.log('\n  Vocabulary (made-up words, 10 per note)')
  printTable(
    ['distinct words', 'terms', 'build', 'memory per term', 'memory'],
    [
      [
        formatCount(200_000),
        formatCount(vocabulary.terms),
        formatMs(vocabulary.ms),
        `${Math.round(vocabulary.bytesPerTerm)} B`,
        formatMb(vocabulary.bytesPerTerm * vocabulary.terms),
      ],
    ],
  )
  note('dictionary, folded and stemmed variants, prefix list and postings of rare words')

  const p95 = percentile(
    runs.map((r) => r.ms),
    95,
  )
  console.log('\n  Targets')
  const target = (label: string, actual: number, limit: number) => [
    label,
    formatMs(actual),
    `≤ ${formatMs(limit)}`,
    checkTarget(label, actual, limit, formatMs),
  ]
  printTable(
    [{ header: 'measure', align: 'left' }, 'actual', 'target', { header: '', align: 'left' }],
    [
      target(`query p95 (${runs.length} queries)`, p95, SEARCH_TARGETS.queryP95Ms),
      target(
        `index build, ${formatCount(stats.documents)} documents`,
        buildMs,
        SEARCH_TARGETS.buildMs,
      ),
    ],
  )
}
