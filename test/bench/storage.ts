/**
 * Storage benchmark: how opening a project and saving one annotation scale from 10 to 10,000
 * articles, and how a save compares with keeping the whole project in one lowdb file.
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
import { checkSyntheticProject, writeSyntheticProject } from './synthetic-project'

export interface StorageOptions {
  /** An empty scratch folder; the caller removes it afterwards. */
  root: string
  sizes?: readonly number[]
  annotationsPerArticle?: number
  saves?: number
  baselineSaves?: number
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
  generateMs: number
  result: StoreSizeResult
}

const marker = (label: string, actual: number, limit: number, unit: (n: number) => string) =>
  checkTarget(label, actual, limit, unit)

export async function storageBenchmark(options: StorageOptions): Promise<void> {
  const sizes = options.sizes ?? [10, 1_000, 10_000]
  const perArticle = options.annotationsPerArticle ?? 10
  const saves = options.saves ?? 200
  const baselineSaves = options.baselineSaves ?? 50
  const largest = Math.max(...sizes)
  const smallest = Math.min(...sizes)
  await mkdir(options.root, { recursive: true })

  const runs: SizeRun[] = []
  let largestFolder = ''
  for (const articles of [...sizes].sort((a, b) => a - b)) {
    const folder = join(options.root, `project-${articles}`)
    const started = performance.now()
    const project = writeSyntheticProject(folder, { articles, annotationsPerArticle: perArticle })
    const generateMs = performance.now() - started
    checkSyntheticProject(folder)
    note(
      `built ${formatCount(articles)} articles / ${formatCount(project.annotationCount)} ` +
        `annotations (${formatMb(project.bytes)}) in ${formatMs(generateMs)}; measuring…`,
    )
    const result = await runBenchScript(
      STORE_SIZE_SCRIPT,
      [String(articles), folder, String(saves)],
      StoreSizeResult,
    )
    runs.push({
      articles,
      annotations: project.annotationCount,
      bytes: project.bytes,
      generateMs,
      result,
    })
    if (articles === largest) largestFolder = folder
    else await rm(folder, { recursive: true, force: true })
  }

  note(`lowdb baseline: whole ${formatCount(largest)}-article project in one JSONFile…`)
  const baseline = await runBenchScript(
    BASELINE_SCRIPT,
    [largestFolder, join(options.root, 'single-file.json'), String(baselineSaves)],
    BaselineResult,
  )
  await rm(largestFolder, { recursive: true, force: true })

  console.log()
  printTable(
    [
      'articles',
      'annotations',
      'on disk',
      'open (median of 5)',
      'article load p50',
      'save p50',
      'save p95',
      'save max',
      'RSS after open',
    ],
    runs.map(({ articles, annotations, bytes, result }) => [
      formatCount(articles),
      formatCount(annotations),
      formatMb(bytes),
      formatMs(median(result.openMs)),
      formatMs(percentile(result.loadMs, 50)),
      formatMs(percentile(result.saveMs, 50)),
      formatMs(percentile(result.saveMs, 95)),
      formatMs(Math.max(...result.saveMs)),
      formatMb(result.rssAfterOpen),
    ]),
  )
  note(
    `${saves} saves per size, each appending one annotation to a random, already loaded ` +
      'article (durable write: temp file, fsync, rename, directory fsync).',
  )

  const small = runs.find((r) => r.articles === smallest)
  const large = runs.find((r) => r.articles === largest)
  if (!small || !large) throw new Error('no runs to compare')
  const largeOpen = median(large.result.openMs)
  const smallP95 = percentile(small.result.saveMs, 95)
  const largeP95 = percentile(large.result.saveMs, 95)
  const growth = largeP95 / smallP95
  const baseP50 = percentile(baseline.saveMs, 50)
  const baseP95 = percentile(baseline.saveMs, 95)
  const largeP50 = percentile(large.result.saveMs, 50)

  console.log()
  printTable(
    [{ header: 'target', align: 'left' }, 'actual', 'limit', { header: '', align: 'left' }],
    [
      [
        `open ${formatCount(largest)} articles (median)`,
        formatMs(largeOpen),
        `≤ ${formatMs(STORAGE_TARGETS.openLargestMs)}`,
        marker(
          `open ${formatCount(largest)} articles`,
          largeOpen,
          STORAGE_TARGETS.openLargestMs,
          formatMs,
        ),
      ],
      ...runs.map((run) => {
        const p95 = percentile(run.result.saveMs, 95)
        const label = `save p95, ${formatCount(run.articles)} articles`
        return [
          label,
          formatMs(p95),
          `≤ ${formatMs(STORAGE_TARGETS.saveP95Ms)}`,
          marker(label, p95, STORAGE_TARGETS.saveP95Ms, formatMs),
        ]
      }),
      [
        `save p95 ${formatCount(largest)} / ${formatCount(smallest)} articles`,
        formatRatio(growth),
        `≤ ${formatRatio(STORAGE_TARGETS.saveGrowth)}`,
        marker(
          'save p95 growth (largest / smallest)',
          growth,
          STORAGE_TARGETS.saveGrowth,
          formatRatio,
        ),
      ],
    ],
  )

  console.log()
  note(
    `Single-file lowdb baseline at ${formatCount(baseline.articles)} articles ` +
      `(${formatMb(baseline.fileBytes)} file, ${baselineSaves} saves, no fsync):`,
  )
  printTable(
    [
      { header: '', align: 'left' },
      'open',
      'save p50',
      'save p95',
      { header: 'ours / lowdb', align: 'left' },
    ],
    [
      ['one lowdb JSONFile', formatMs(baseline.openMs), formatMs(baseP50), formatMs(baseP95), ''],
      [
        'Claimdesk store',
        formatMs(largeOpen),
        formatMs(largeP50),
        formatMs(largeP95),
        `p50 ${formatRatio(largeP50 / baseP50)}, p95 ${formatRatio(largeP95 / baseP95)}`,
      ],
    ],
  )
}
