/** Small statistics helpers for benchmark samples (milliseconds). */

const sorted = (samples: readonly number[]): number[] => [...samples].sort((a, b) => a - b)

/** Nearest-rank percentile, `p` in (0, 100]; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const ordered = sorted(samples)
  const rank = Math.min(ordered.length, Math.max(1, Math.ceil((p / 100) * ordered.length)))
  return ordered[rank - 1] ?? Number.NaN
}

export function median(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN
  const ordered = sorted(samples)
  const mid = Math.floor(ordered.length / 2)
  const upper = ordered[mid] ?? Number.NaN
  return ordered.length % 2 === 1 ? upper : ((ordered[mid - 1] ?? Number.NaN) + upper) / 2
}

export function mean(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN
  return samples.reduce((sum, x) => sum + x, 0) / samples.length
}

/** Times one awaited call in milliseconds. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now()
  const value = await fn()
  return { ms: performance.now() - started, value }
}
