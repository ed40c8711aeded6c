/**
 * Console reporting for `npm run bench`: sections, aligned tables and targets with PASS/MISS
 * markers. A missed target is reported, never fatal (benchmark machines are noisy).
 */

const RULE_WIDTH = 78

export interface Column {
  header: string
  align?: 'left' | 'right'
}

export type Cell = string | number

/** Prints `rows` under `columns`, padded so every column lines up. */
export function printTable(
  columns: readonly (string | Column)[],
  rows: readonly (readonly Cell[])[],
): void {
  const cols: Column[] = columns.map((c) => (typeof c === 'string' ? { header: c } : c))
  const text = rows.map((row) => cols.map((_, i) => String(row[i] ?? '')))
  const widths = cols.map((c, i) =>
    Math.max(c.header.length, ...text.map((r) => r[i]?.length ?? 0)),
  )
  const line = (cells: readonly string[]) =>
    cols
      .map((c, i) => {
        const cell = cells[i] ?? ''
        const width = widths[i] ?? 0
        return c.align === 'left' ? cell.padEnd(width) : cell.padStart(width)
      })
      .join('  ')
      .trimEnd()
  console.log(`  ${line(cols.map((c) => c.header))}`)
  console.log(`  ${widths.map((w) => '-'.repeat(w)).join('  ')}`)
  for (const row of text) console.log(`  ${line(row)}`)
}

/** An indented line of commentary under a section. */
export function note(text: string): void {
  console.log(`  ${text}`)
}

export function formatMs(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`
  if (ms >= 100) return `${ms.toFixed(0)} ms`
  if (ms >= 10) return `${ms.toFixed(1)} ms`
  return `${ms.toFixed(2)} ms`
}

export const formatMb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`

export const formatCount = (n: number): string => n.toLocaleString('en-US')

/** `1.25×`; small ratios keep two significant digits and their inverse: `0.00074× (1/1350)`. */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio) || ratio >= 0.1) return `${ratio.toFixed(2)}×`
  return `${ratio.toPrecision(2)}× (1/${formatCount(Math.round(1 / ratio))})`
}

export interface TargetResult {
  section: string
  label: string
  actual: string
  target: string
  pass: boolean
}

const targets: TargetResult[] = []
let currentSection = ''

/**
 * Records a target `actual ≤ limit` and returns its PASS/MISS marker; the figures are shown
 * again in the summary at the end of the run.
 */
export function checkTarget(
  label: string,
  actual: number,
  limit: number,
  format: (value: number) => string,
): 'PASS' | 'MISS' {
  const pass = Number.isFinite(actual) && actual <= limit
  targets.push({
    section: currentSection,
    label,
    actual: format(actual),
    target: `≤ ${format(limit)}`,
    pass,
  })
  return pass ? 'PASS' : 'MISS'
}

/** Runs one benchmark section under a heading and prints how long it took. */
export async function section<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
  const started = performance.now()
  currentSection = name
  console.log(`\n== ${name} ${'='.repeat(Math.max(3, RULE_WIDTH - name.length - 4))}`)
  try {
    return await fn()
  } finally {
    console.log(`-- ${name}: ${formatMs(performance.now() - started)}`)
    currentSection = ''
  }
}

/** Prints how many recorded targets were met and lists the missed ones; returns the misses. */
export function printTargetSummary(): number {
  const missed = targets.filter((t) => !t.pass)
  console.log(`\n== Summary ${'='.repeat(RULE_WIDTH - 11)}`)
  if (missed.length === 0) {
    note(`All ${targets.length} targets met.`)
    return 0
  }
  note(
    `${missed.length} of ${targets.length} targets missed (reported only; the run does not fail):`,
  )
  printTable(
    [{ header: 'section', align: 'left' }, { header: 'target', align: 'left' }, 'actual', 'limit'],
    missed.map((t) => [t.section, t.label, t.actual, t.target]),
  )
  return missed.length
}
