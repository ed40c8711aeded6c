/**
 * Storage benchmark: how opening a project and saving one annotation scale from 10 to 10,000
 * articles, and how a save compares with keeping the whole project in one lowdb file.
 * Each size is measured in a fresh child process (store-size.ts), the baseline in another
 * (lowdb-baseline.ts); this module builds the projects and prints the figures.
 */
import { mkdir, rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { runBenchScript } from './child'
import {
  checkTarget,
  formatCount,
  formatMb,
  formatMs,
  formatRatio,
  note,
  printTable,
} from './report'
import { median, percentile } from './stats'
import { BaselineResult, StoreSizeResult } from './storage-results'
import { checkSyntheticProject, flushToDisk, writeSyntheticProject } from './synthetic-project'

export interface StorageOptions {
  /** A scratch folder of our own; the caller removes it afterwards. */
  root: string
  sizes?: readonly number[]
  annotationsPerArticle?: number
  saves?: number
  baselineSaves?: number
  /** The baseline stops early once its saves have taken this long. */
  baselineBudgetMs?: number
}

export const STORAGE_TARGETS = {
  openLargestMs: 1_000,
  saveP95Ms: 15,
  /** Largest project's save p95 over the smallest's: a save must not grow with the project. */
  saveGrowth: 2,
} as const

const STORE_SIZE_SCRIPT = resolve(import.meta.dirname, 'store-size.ts')
const BASELINE_SCRIPT = resolve(import.meta.dirname, 'lowdb-baseline.ts')

interface SizeRun {
  articles: number
  annotations: number
  bytes: number
  result: StoreSizeResult
}

/** Builds each project size in turn and measures it in its own process. */
async function measureSizes(
  root: string,
  sizes: readonly number[],
  annotationsPerArticle: number,
  saves: number,
  keep: number,
): Promise<{ runs: SizeRun[]; kept: string }> {
  const runs: SizeRun[] = []
  let kept = ''
  for (const articles of sizes) {
    const folder = join(root, `project-${articles}`)
    const started = performance.now()
    const project = writeSyntheticProject(folder, { articles, annotationsPerArticle })
    const generateMs = performance.now() - started
    checkSyntheticProject(folder)
    flushToDisk()
    note(
      `${formatCount(articles)} articles / ${formatCount(project.annotationCount)} annotations ` +
        `(${formatMb(project.bytes)}) built in ${formatMs(generateMs)}; measuring…`,
    )
    const result = await runBenchScript(
      STORE_SIZE_SCRIPT,
      [String(articles), folder, String(saves)],
      StoreSizeResult,
    )
    runs.push({ articles, annotations: project.annotationCount, bytes: project.bytes, result })
    if (articles === keep) kept = folder
    else await rm(folder, { recursive: true, force: true })
  }
  return { runs, kept }
}

function printOpenTable(runs: readonly SizeRun[]): void {
  printTable(
    [
      'articles',
      'annotations',
      'on disk',
      'first open',
      'open (median of 5)',
      'RSS after open',
      'annotation index',
      'RSS after index',
    ],
    runs.map(({ articles, annotations, bytes, result }) => [
      formatCount(articles),
      formatCount(annotations),
      formatMb(bytes),
      formatMs(result.openMs[0] ?? Number.NaN),
      formatMs(median(result.openMs)),
      formatMb(result.rssAfterOpen),
      formatMs(result.indexBuildMs),
      formatMb(result.rssAfterIndex),
    ]),
  )
  note('first open: the first in a fresh process (cold JIT), as when the app starts.')
  note('annotation index: reading every article for the codebook tag counts (tags:list).')
}

function printSaveTable(runs: readonly SizeRun[], saves: number): void {
  const split = (result: StoreSizeResult, first: boolean) =>
    result.saveMs.filter((_, i) => result.firstSave[i] === first)
  const p95Of = (samples: number[]) =>
    samples.length > 0 ? `${formatMs(percentile(samples, 95))} (${samples.length})` : '–'
  printTable(
    [
      'articles',
      'article load p50',
      'save p50',
      'save p95',
      'save max',
      'p95 first saves (n)',
      'p95 repeat saves (n)',
    ],
    runs.map(({ articles, result }) => [
      formatCount(articles),
      formatMs(percentile(result.loadMs, 50)),
      formatMs(percentile(result.saveMs, 50)),
      formatMs(percentile(result.saveMs, 95)),
      formatMs(Math.max(...result.saveMs)),
      p95Of(split(result, true)),
      p95Of(split(result, false)),
    ]),
  )
  note(
    `${saves} saves per size, each appending one annotation to a random article that is ` +
      'already loaded (its load is timed apart).',
  )
  note(
    'A save is a durable write (temp file, fsync, rename, directory fsync); the first save ' +
      'of an article in a session also copies it to .backups.',
  )
}

function targetRow(label: string, actual: number, limit: number, format: (n: number) => string) {
  return [label, format(actual), `≤ ${format(limit)}`, checkTarget(label, actual, limit, format)]
}

export async function storageBenchmark(options: StorageOptions): Promise<void> {
  const sizes = [...(options.sizes ?? [10, 1_000, 10_000])].sort((a, b) => a - b)
  const saves = options.saves ?? 200
  const baselineSaves = options.baselineSaves ?? 50
  const smallest = sizes[0] ?? 0
  const largest = sizes[sizes.length - 1] ?? 0
  await mkdir(options.root, { recursive: true })

  const { runs, kept } = await measureSizes(
    options.root,
    sizes,
    options.annotationsPerArticle ?? 10,
    saves,
    largest,
  )
  note(`lowdb baseline: the ${formatCount(largest)}-article project in one JSONFile; measuring…`)
  const baseline = await runBenchScript(
    BASELINE_SCRIPT,
    [
      kept,
      join(options.root, 'single-file.json'),
      String(baselineSaves),
      String(options.baselineBudgetMs ?? 45_000),
    ],
    BaselineResult,
  )
  await rm(kept, { recursive: true, force: true })

  const small = runs.find((r) => r.articles === smallest)?.result
  const large = runs.find((r) => r.articles === largest)?.result
  if (!small || !large) throw new Error('no project sizes were measured')

  console.log('\n  Open and memory')
  printOpenTable(runs)
  console.log('\n  Saving one annotation')
  printSaveTable(runs, saves)

  const largeOpen = median(large.openMs)
  const largeP50 = percentile(large.saveMs, 50)
  const largeP95 = percentile(large.saveMs, 95)
  const baseP50 = percentile(baseline.saveMs, 50)
  const baseP95 = percentile(baseline.saveMs, 95)
  const n = formatCount(largest)

  console.log(`\n  Baseline: the whole ${n}-article project in one lowdb JSONFile`)
  printTable(
    [{ header: '', align: 'left' }, 'file', 'open', 'save p50', 'save p95', 'saves'],
    [
      [
        'one lowdb JSONFile',
        formatMb(baseline.fileBytes),
        formatMs(baseline.openMs),
        formatMs(baseP50),
        formatMs(baseP95),
        `${baseline.saveMs.length} / ${baseline.savesRequested}`,
      ],
      ['Claimdesk store', '', formatMs(largeOpen), formatMs(largeP50), formatMs(largeP95), saves],
    ],
  )
  note('lowdb writes a temp file and renames it, without fsync; our saves fsync twice.')
  if (baseline.saveMs.length < baseline.savesRequested) {
    note('The baseline ran out of its time budget before all its saves.')
  }

  console.log('\n  Targets')
  printTable(
    [{ header: 'measure', align: 'left' }, 'actual', 'target', { header: '', align: 'left' }],
    [
      targetRow(`open ${n} articles (median)`, largeOpen, STORAGE_TARGETS.openLargestMs, formatMs),
      ...runs.map((run) =>
        targetRow(
          `save p95, ${formatCount(run.articles)} articles`,
          percentile(run.result.saveMs, 95),
          STORAGE_TARGETS.saveP95Ms,
          formatMs,
        ),
      ),
      targetRow(
        `save p95 ${n} / ${formatCount(smallest)} articles`,
        largeP95 / percentile(small.saveMs, 95),
        STORAGE_TARGETS.saveGrowth,
        formatRatio,
      ),
      [`save p50 ours / single-file lowdb`, formatRatio(largeP50 / baseP50), '', ''],
      [`save p95 ours / single-file lowdb`, formatRatio(largeP95 / baseP95), '', ''],
    ],
  )
}
