/**
 * PDF from the command line, where there is no Electron window to print with: a Chromium (or
 * Chrome) on this machine prints the report's HTML headless.
 */
import { execFile } from 'node:child_process'
import { constants } from 'node:fs'
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { AppFailure } from '../../shared/result'
import type { PrintToPdf } from '../reports/pdf'

const execFileAsync = promisify(execFile)

/** Names looked for on PATH, in this order, when CHROMIUM_PATH is not set. */
export const CHROMIUM_NAMES = [
  'chromium',
  'chromium-browser',
  'google-chrome',
  'google-chrome-stable',
]

const PRINT_TIMEOUT_MS = 180_000

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** The browser to print with: $CHROMIUM_PATH, else the first of CHROMIUM_NAMES on PATH. */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const explicit = env['CHROMIUM_PATH']
  if (explicit) {
    if (await isExecutable(explicit)) return explicit
    throw new AppFailure(
      'not-found',
      `CHROMIUM_PATH names ${explicit}, which is not an executable file; PDF export needs Chromium or Chrome.`,
    )
  }
  for (const name of CHROMIUM_NAMES) {
    for (const dir of (env['PATH'] ?? '').split(delimiter).filter(Boolean)) {
      const candidate = join(dir, name)
      if (await isExecutable(candidate)) return candidate
    }
  }
  throw new AppFailure(
    'not-found',
    `PDF export needs Chromium or Google Chrome, and none was found on PATH (${CHROMIUM_NAMES.join(', ')}). Install one, or set CHROMIUM_PATH to its executable.`,
  )
}

/** Prints with `executable` headless: the HTML goes through a temporary file and profile. */
export function chromiumPrintToPdf(executable: string): PrintToPdf {
  return async (html) => {
    const dir = await mkdtemp(join(tmpdir(), 'claimdesk-pdf-'))
    try {
      const page = join(dir, 'report.html')
      const out = join(dir, 'report.pdf')
      await writeFile(page, html, 'utf8')
      try {
        await execFileAsync(
          executable,
          [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--no-first-run',
            '--no-pdf-header-footer',
            // A profile of its own: a browser the user has open must not take the job over.
            `--user-data-dir=${join(dir, 'profile')}`,
            `--print-to-pdf=${out}`,
            pathToFileURL(page).href,
          ],
          { timeout: PRINT_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
        )
        return await readFile(out)
      } catch (error) {
        const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
        throw new AppFailure('internal', `${executable} could not print the report: ${reason}`)
      }
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }
}
