import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { promisify } from 'node:util'
import { PROJECT_ROOT } from './project'

const execFileAsync = promisify(execFile)

const SCAN_SCRIPT = join(import.meta.dirname, 'electronegativity-scan.ts')

/** Electronegativity's severities, lowest first. */
export const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'] as const

/** One finding, flattened from Electronegativity's issue objects. */
export interface Finding {
  id: string
  severity: string
  confidence: string
  /** Absolute path, or 'N/A' for global checks that concern the whole app. */
  file: string
  line: number
  column: number
  sample: string
  description: string
  manualReview: boolean
}

/** What one scan found; `errors` lists files it could not parse (and so did not check). */
export interface ElectronegativityScan {
  checks: number
  errors: Array<{ file: string; message: string; tolerable: boolean }>
  findings: Finding[]
}

/**
 * Scans folders (or files) with Electronegativity, one after the other in one child process:
 * it registers globals and we stub its network access, neither of which should leak into the
 * test worker, and loading it once instead of per folder saves seconds and memory.
 */
export async function scanWithElectronegativity(
  inputs: string[],
  electronVersion: string,
): Promise<ElectronegativityScan[]> {
  const workDir = await mkdtemp(join(tmpdir(), 'claimdesk-electronegativity-'))
  const output = join(workDir, 'scans.json')
  try {
    await execFileAsync(
      process.execPath,
      ['--import', 'tsx', SCAN_SCRIPT, electronVersion, output, ...inputs],
      {
        cwd: PROJECT_ROOT,
        // en-US: the translations bundled with the package (LANG=C.UTF-8 has none).
        env: { ...process.env, LANG: 'en-US', FORCE_COLOR: '0' },
        timeout: 100_000,
        maxBuffer: 16 * 1024 * 1024,
      },
    ).catch((error: unknown) => {
      const detail = error instanceof Error ? error.message : String(error)
      throw new Error(`Electronegativity failed on ${inputs.join(', ')}: ${detail}`)
    })
    const scans = JSON.parse(await readFile(output, 'utf8')) as ElectronegativityScan[]
    if (scans.length !== inputs.length) {
      throw new Error(
        `Electronegativity returned ${scans.length} scans for ${inputs.length} inputs`,
      )
    }
    return scans
  } finally {
    await rm(workDir, { recursive: true, force: true })
  }
}

/** True for findings of severity MEDIUM or HIGH, whatever their confidence. */
export function isMediumOrHigher(finding: Finding): boolean {
  return SEVERITIES.indexOf(finding.severity as (typeof SEVERITIES)[number]) >= 2
}

/** One line per finding: check, severity, confidence, file:line:column, description, code. */
export function formatFindings(findings: Finding[], root = PROJECT_ROOT): string {
  return findings
    .map((f) => {
      const where =
        f.file === 'N/A' ? '(whole app)' : `${relative(root, f.file)}:${f.line}:${f.column}`
      const review = f.manualReview ? ', manual review' : ''
      const sample = f.sample && f.sample !== 'N/A' ? `\n      ${f.sample}` : ''
      return `  - ${f.id} [${f.severity}/${f.confidence}${review}] ${where}: ${f.description}${sample}`
    })
    .join('\n')
}
