/**
 * `npm run bench`: Claimdesk's benchmarks, one section each. Targets are printed with
 * PASS/MISS but never fail the run; only errors exit non-zero.
 *
 * Options (after `npm run bench --`):
 *   --sizes=10,1000,10000   project sizes for the storage section
 *   --saves=200             annotation saves measured per size
 *   --baseline-saves=50     saves measured in the single-file lowdb baseline
 *   --baseline-budget=45    seconds after which the baseline stops saving (each save there
 *                           rewrites the whole project, seconds apiece on a slow machine)
 *   --only=reader           sections to run, comma-separated: storage, search, anchoring,
 *                           chromium, media, or reader (= anchoring and chromium); default all
 *   --opens=10              reader: measured openings of the 50,000-word article
 *   --highlights=20         reader: measured highlight creations
 *   --diagnose              reader: also open the article with CSS variants (where time goes)
 *   --skip-build            reader: never run `npm run build`, even if out/renderer is stale
 *   --media-mb=200          media: size of the file hashed and served
 *   --ranges=200            media: random 64 KB Range requests measured
 */
import { rmSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { anchoringBenchmark } from './anchoring'
import { readerBenchmark } from './reader'
import { buildRenderer, rendererBuildState } from './renderer-build'
import { mediaBenchmark } from './media'
import { formatMs, note, printTargetSummary, section } from './report'
import { searchBenchmark } from './search'
import { storageBenchmark } from './storage'

const { values } = parseArgs({
  options: {
    sizes: { type: 'string' },
    saves: { type: 'string' },
    'baseline-saves': { type: 'string' },
    'baseline-budget': { type: 'string' },
    only: { type: 'string' },
    opens: { type: 'string' },
    highlights: { type: 'string' },
    diagnose: { type: 'boolean' },
    'skip-build': { type: 'boolean' },
    'media-mb': { type: 'string' },
    ranges: { type: 'string' },
  },
})

const SECTIONS = ['storage', 'search', 'anchoring', 'chromium', 'media'] as const
type SectionName = (typeof SECTIONS)[number]

function selectedSections(value: string | undefined): Set<SectionName> {
  if (value === undefined) return new Set(SECTIONS)
  const chosen = new Set<SectionName>()
  for (const name of value.split(',').map((s) => s.trim())) {
    if (name === 'reader') {
      chosen.add('anchoring')
      chosen.add('chromium')
    } else if ((SECTIONS as readonly string[]).includes(name)) chosen.add(name as SectionName)
    else throw new Error(`--only takes ${SECTIONS.join(', ')} or reader, got "${name}"`)
  }
  return chosen
}

function positiveInts(value: string | undefined, name: string): number[] | undefined {
  if (value === undefined) return undefined
  const numbers = value.split(',').map((s) => Number(s.trim()))
  if (numbers.length === 0 || numbers.some((n) => !Number.isInteger(n) || n <= 0)) {
    throw new Error(`--${name} takes positive whole numbers, got "${value}"`)
  }
  return numbers
}

/** Other work on the machine skews every figure; say how busy it was. */
function noteLoad(): void {
  const [oneMinute = 0] = loadavg()
  const cores = availableParallelism()
  const busy = oneMinute > cores ? ' (busier than its cores: expect noisy figures)' : ''
  note(`load average ${oneMinute.toFixed(1)} on ${cores} cores${busy}`)
}

/**
 * The Chromium section loads out/renderer: a stale build would be timed instead of the code in
 * the tree, so it is rebuilt first unless --skip-build. If that is not possible (--skip-build,
 * or the tree does not build), an existing build is measured with a warning and a missing one
 * skips the section. Returns whether the section can run.
 */
async function prepareRenderer(skipBuild: boolean): Promise<boolean> {
  const build = await rendererBuildState()
  if (build.state === 'fresh') return true
  const why =
    build.state === 'missing'
      ? 'out/renderer has no build'
      : `out/renderer is older than ${build.newer} (by ${formatMs(build.byMs)})`
  let failure = '--skip-build'
  if (!skipBuild) {
    note(`${why}: running "npm run build"…`)
    const started = performance.now()
    try {
      await buildRenderer()
      note(`built in ${formatMs(performance.now() - started)}`)
      return true
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error)
      note(`WARNING: ${failure.split('\n').slice(0, 12).join('\n  ')}`)
      failure = 'the build failed'
    }
  }
  if (build.state === 'missing') {
    note(`${why} (${failure}): section skipped; run "npm run build" first.`)
    return false
  }
  note(`WARNING: ${why}; measuring that older build (${failure}).`)
  return true
}

async function main(): Promise<void> {
  const started = performance.now()
  const storage = {
    sizes: positiveInts(values.sizes, 'sizes'),
    saves: positiveInts(values.saves, 'saves')?.[0],
    baselineSaves: positiveInts(values['baseline-saves'], 'baseline-saves')?.[0],
    baselineBudgetMs:
      (positiveInts(values['baseline-budget'], 'baseline-budget')?.[0] ?? 45) * 1000,
  }
  const root = await mkdtemp(join(tmpdir(), 'claimdesk-bench-'))
  // Ctrl-C must not leave hundreds of megabytes behind in the temp folder.
  const onSignal = () => {
    rmSync(root, { recursive: true, force: true })
    process.exit(130)
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    console.log('Claimdesk benchmarks')
    note(
      `Node ${process.version}, ${process.platform}/${process.arch}, ` +
        `${availableParallelism()} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}`,
    )
    note(`scratch folder ${root}`)
    noteLoad()

    const only = selectedSections(values.only)
    if (only.has('storage')) {
      await section('Storage', () => storageBenchmark({ root: join(root, 'storage'), ...storage }))
    }
    if (only.has('search')) await section('Search', () => searchBenchmark())
    if (only.has('anchoring')) {
      await section('Reader: re-anchoring after an edit', () => anchoringBenchmark())
    }
    if (only.has('chromium')) {
      await section('Reader: rendering in Chromium', async () => {
        if (!(await prepareRenderer(values['skip-build'] ?? false))) return
        await readerBenchmark({
          opens: positiveInts(values.opens, 'opens')?.[0],
          highlights: positiveInts(values.highlights, 'highlights')?.[0],
          diagnose: values.diagnose ?? false,
        })
      })
    }

    if (only.has('media')) {
      await section('Media: hashing and Range requests', () =>
        mediaBenchmark({
          root: join(root, 'media'),
          megabytes: positiveInts(values['media-mb'], 'media-mb')?.[0],
          ranges: positiveInts(values.ranges, 'ranges')?.[0],
        }),
      )
    }

    printTargetSummary()
    noteLoad()
    console.log(`\nTotal ${formatMs(performance.now() - started)}`)
  } finally {
    await rm(root, { recursive: true, force: true })
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}

main().catch((error: unknown) => {
  console.error('\nBenchmark failed:')
  console.error(error instanceof Error ? (error.stack ?? error.message) : error)
  process.exitCode = 1
})
