/**
 * Child process for test/helpers/electronegativity.ts: runs Electronegativity's programmatic
 * entry point over one or more folders, offline, and writes the findings as JSON.
 * Usage: node --import tsx electronegativity-scan.ts <electronVersion> <output.json> <input>...
 */
import dns from 'node:dns'
import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { ElectronegativityScan } from './electronegativity'

type Lookup = (hostname: string, options: unknown, callback?: unknown) => void

/*
 * Electronegativity fetches updated translations from S3 at the start of every scan, and its
 * HTTP client retries with back-off: about 4 s lost per scan when there is no network. Failing
 * every DNS lookup at once, with an error code the client does not retry, keeps the scan
 * offline and fast; the translations bundled with the package are used instead.
 */
const offlineLookup: Lookup = (hostname, options, callback) => {
  const done = typeof options === 'function' ? options : callback
  const error = Object.assign(new Error(`offline scan: no lookup of ${hostname}`), {
    code: 'ECLAIMDESKOFFLINE',
  })
  if (typeof done === 'function') process.nextTick(() => done(error))
}
Object.assign(dns, { lookup: offlineLookup })

interface Level {
  name: string
}

interface RawIssue {
  id: string
  file: string
  sample?: string
  description: string
  location?: { line?: number; column?: number }
  severity: Level
  confidence: Level
  manualReview?: boolean
}

interface RawResult {
  globalChecks: number
  atomicChecks: number
  errors: Array<{ file: string; message: string; tolerable: boolean }>
  issues: RawIssue[]
}

type Run = (options: Record<string, unknown>) => Promise<RawResult>

const [electronVersion, output, ...inputs] = process.argv.slice(2)
if (!electronVersion || !output || inputs.length === 0) {
  throw new Error('usage: electronegativity-scan.ts <electronVersion> <output.json> <input>...')
}

const require = createRequire(import.meta.url)
const run = require('@doyensec/electronegativity') as Run

/** One scan; the runner keeps no state between calls, so one process serves every input. */
async function scan(input: string): Promise<ElectronegativityScan> {
  const result = await run({
    input,
    // Without this it looks for a package.json in the scanned folder, finds none and assumes
    // Electron 0.1.0, whose insecure defaults (nodeIntegration on, ...) changed long ago.
    electronVersionOverride: electronVersion,
    // The only check that needs the network (it downloads Electron's release list).
    excludeFromScan: ['availablesecurityfixesglobalcheck'],
    customScan: [],
  })
  return {
    checks: result.globalChecks + result.atomicChecks,
    errors: result.errors,
    findings: result.issues.map((issue) => ({
      id: issue.id,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      file: issue.file,
      line: issue.location?.line ?? 0,
      column: issue.location?.column ?? 0,
      sample: issue.sample ?? '',
      description: issue.description,
      manualReview: issue.manualReview === true,
    })),
  }
}

const scans: ElectronegativityScan[] = []
for (const input of inputs) scans.push(await scan(input))
writeFileSync(output, JSON.stringify(scans, null, 2))
