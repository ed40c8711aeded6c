/**
 * Runs a benchmark script in a fresh Node process (its own heap, so memory and GC figures of
 * one measurement never leak into another) and reads back the JSON result it emits.
 */
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import type { z } from 'zod'

const RESULT_PREFIX = 'BENCH_RESULT '
const REPO_ROOT = resolve(import.meta.dirname, '../..')

/** Spawns `node --import tsx <script> ...args` and validates its result with `schema`. */
export function runBenchScript<T>(
  script: string,
  args: readonly string[],
  schema: z.ZodType<T>,
): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let stdout = ''
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk
    })
    child.on('error', reject)
    child.on('close', (code, signal) => {
      if (code !== 0) {
        reject(new Error(`${script} ${args.join(' ')} failed (exit ${code ?? signal})`))
        return
      }
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX))
      if (!line) {
        reject(new Error(`${script} printed no result:\n${stdout}`))
        return
      }
      const parsed = schema.safeParse(JSON.parse(line.slice(RESULT_PREFIX.length)))
      if (parsed.success) resolvePromise(parsed.data)
      else reject(new Error(`${script} printed an unexpected result: ${parsed.error.message}`))
    })
  })
}

/**
 * The child side: runs `main`, prints its result on one marked stdout line, and exits
 * non-zero (with the error on stderr) if it throws.
 */
export function runAsBenchChild<T>(main: () => Promise<T>): void {
  main().then(
    (result) => {
      process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`)
    },
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error)
      process.exitCode = 1
    },
  )
}
