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
 */
import { rmSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { formatMs, note, printTargetSummary, section } from './report'
import { storageBenchmark } from './storage'

const { values } = parseArgs({
  options: {
    sizes: { type: 'string' },
    saves: { type: 'string' },
    'baseline-saves': { type: 'string' },
    'baseline-budget': { type: 'string' },
  },
})

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

    await section('Storage', () => storageBenchmark({ root: join(root, 'storage'), ...storage }))

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
