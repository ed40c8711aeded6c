/**
 * Re-anchoring benchmark (pure Node): the 50,000-word article with 1,000 annotations is edited
 * and `reanchorAll` puts every annotation back, as `articles:updateText` does in main. Each
 * scenario is timed over repeated runs after a warm-up; every run builds a fresh CodePointIndex
 * of the new text (the handler builds one per edit too), so no run reuses another's caches.
 */
import {
  type AnchorResult,
  type AnchorStatus,
  type AnchorTarget,
  CodePointIndex,
  describeRange,
  diffShift,
  reanchorAll,
} from '../../shared/anchoring'
import {
  fixTypos,
  insertParagraph,
  readerArticle,
  type ReaderArticle,
  removeBoilerplate,
} from './reader-fixture'
import { checkTarget, formatCount, formatMs, note, printTable } from './report'
import { median, percentile } from './stats'

export interface AnchoringOptions {
  /** Timed runs per scenario (after the warm-up); default 20. */
  runs?: number
  warmup?: number
}

export const ANCHORING_TARGETS = {
  /** Re-anchoring 1,000 annotations after an edit, p95. */
  reanchorP95Ms: 100,
} as const

interface Scenario {
  name: string
  newText: string
  withOldText: boolean
  /** Every annotation must survive this edit. */
  noOrphans: boolean
  /** Where an annotation's first code point is after the edit. */
  mapStart: (start: number) => number
}

interface ScenarioResult {
  scenario: Scenario
  reanchorMs: number[]
  refreshMs: number[]
  counts: Record<AnchorStatus, number>
  /** Annotations re-attached somewhere other than where the edit put their text. */
  misplaced: number
}

function scenarios(article: ReaderArticle): Scenario[] {
  const inserted = insertParagraph(article.text, 2)
  const insertion = diffShift(article.text, inserted)
  const shifted = (start: number) =>
    insertion && start >= insertion.start ? start + insertion.newEnd - insertion.oldEnd : start
  return [
    {
      name: '(a) paragraph inserted near the start',
      newText: inserted,
      withOldText: true,
      noOrphans: true,
      mapStart: shifted,
    },
    {
      name: '(b) boilerplate removed at the end',
      newText: removeBoilerplate(article.text, article.boilerplateStart),
      withOldText: true,
      noOrphans: true,
      mapStart: (start) => start,
    },
    {
      name: `(c) typo fixed in ${article.typos.length} quotes`,
      newText: fixTypos(article.text, article.typos),
      withOldText: true,
      noOrphans: false,
      // Each letter put back moves everything after it by one.
      mapStart: (start) => start + article.typos.filter((t) => t.at <= start).length,
    },
    {
      name: '(d) = (a) without oldText',
      newText: inserted,
      withOldText: false,
      noOrphans: true,
      mapStart: shifted,
    },
  ]
}

function runScenario(
  article: ReaderArticle,
  targets: readonly AnchorTarget[],
  scenario: Scenario,
  runs: number,
  warmup: number,
): ScenarioResult {
  const options = scenario.withOldText ? { oldText: article.text } : undefined
  const reanchorMs: number[] = []
  const refreshMs: number[] = []
  let results: AnchorResult[] = []
  for (let run = 0; run < warmup + runs; run++) {
    const started = performance.now()
    const index = new CodePointIndex(scenario.newText)
    results = reanchorAll(index, targets, options)
    const anchored = performance.now()
    // What main does next: fresh selectors (quote and context) for every surviving annotation.
    for (const result of results) {
      if (result.status !== 'orphan') {
        describeRange(index, result.position.start, result.position.end)
      }
    }
    const refreshed = performance.now()
    if (run >= warmup) {
      reanchorMs.push(anchored - started)
      refreshMs.push(refreshed - anchored)
    }
  }
  const counts: Record<AnchorStatus, number> = { exact: 0, moved: 0, fuzzy: 0, orphan: 0 }
  for (const result of results) counts[result.status]++
  let misplaced = 0
  results.forEach((result, i) => {
    const target = targets[i]
    if (!target || result.status === 'orphan') return
    if (result.position.start !== scenario.mapStart(target.position.start)) misplaced++
  })
  return { scenario, reanchorMs, refreshMs, counts, misplaced }
}

export function anchoringBenchmark(options: AnchoringOptions = {}): void {
  const runs = options.runs ?? 20
  const warmup = options.warmup ?? 3
  const built = performance.now()
  const article = readerArticle()
  const index = new CodePointIndex(article.text)
  const targets: AnchorTarget[] = article.spans.map((s) => describeRange(index, s.start, s.end))
  note(
    `article: ${formatCount(article.words)} words, ${formatCount(index.length)} code points ` +
      `(German, English, Ukrainian, Russian; ${formatCount(article.text.split('\n\n').length)} ` +
      `paragraphs), built in ${formatMs(performance.now() - built)}`,
  )
  const lengths = article.spans.map((s) => s.end - s.start)
  note(
    `${formatCount(targets.length)} annotations of ${Math.min(...lengths)}–${Math.max(...lengths)} ` +
      `code points (median ${median(lengths)}), ${article.nested} nested in another, ` +
      `${article.overlapping} overlapping another; ${article.typos.length} around a typo`,
  )
  note(`${runs} timed runs per scenario after ${warmup} warm-up runs`)

  const results = scenarios(article).map((s) => runScenario(article, targets, s, runs, warmup))

  console.log('\n  Re-anchoring 1,000 annotations after an edit')
  printTable(
    [
      { header: 'edit', align: 'left' },
      'median',
      'p95',
      'max',
      'selectors p50',
      'exact',
      'moved',
      'fuzzy',
      'orphan',
      { header: '', align: 'left' },
    ],
    results.map(({ scenario, reanchorMs, refreshMs, counts }) => {
      const p95 = percentile(reanchorMs, 95)
      return [
        scenario.name,
        formatMs(median(reanchorMs)),
        formatMs(p95),
        formatMs(Math.max(...reanchorMs)),
        formatMs(median(refreshMs)),
        formatCount(counts.exact),
        formatCount(counts.moved),
        formatCount(counts.fuzzy),
        formatCount(counts.orphan),
        checkTarget(
          `re-anchor p95, ${scenario.name}`,
          p95,
          ANCHORING_TARGETS.reanchorP95Ms,
          formatMs,
        ),
      ]
    }),
  )
  note(
    `Timed: new CodePointIndex(newText) + reanchorAll(index, annotations, { oldText }); ` +
      `target p95 ≤ ${formatMs(ANCHORING_TARGETS.reanchorP95Ms)}.`,
  )
  note(
    'selectors: the describeRange refresh main runs afterwards for every survivor (not in the target).',
  )
  for (const { scenario, counts, misplaced } of results) {
    if (scenario.noOrphans && counts.orphan > 0) {
      note(`WARNING: ${scenario.name} left ${counts.orphan} orphans; it must leave none.`)
    }
    if (misplaced > 0) {
      note(
        `WARNING: ${scenario.name} put ${misplaced} annotations somewhere other than their text.`,
      )
    }
  }
}
