/**
 * The Chromium benchmarks load the built renderer (out/renderer). Timing a build older than
 * the sources would report figures for code that no longer exists, so a missing or stale build
 * is rebuilt with `npm run build` first (about 10–30 s), unless the caller forbids it.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '../..')
export const RENDERER_INDEX = join(ROOT, 'out/renderer/index.html')
/** What goes into the renderer bundle: its sources, the shared code, the build config. */
const SOURCES = [
  'renderer',
  'shared',
  'main/shell/csp.ts',
  'electron.vite.config.ts',
  'package.json',
]

async function newestFile(path: string): Promise<{ path: string; mtimeMs: number }> {
  const info = await stat(path)
  if (!info.isDirectory()) return { path, mtimeMs: info.mtimeMs }
  let newest = { path, mtimeMs: 0 }
  for (const entry of await readdir(path)) {
    const found = await newestFile(join(path, entry))
    if (found.mtimeMs > newest.mtimeMs) newest = found
  }
  return newest
}

export type BuildState =
  { state: 'fresh' } | { state: 'missing' } | { state: 'stale'; newer: string; byMs: number }

export async function rendererBuildState(): Promise<BuildState> {
  if (!existsSync(RENDERER_INDEX)) return { state: 'missing' }
  const built = (await stat(RENDERER_INDEX)).mtimeMs
  let newest = { path: '', mtimeMs: 0 }
  for (const source of SOURCES) {
    const found = await newestFile(join(ROOT, source))
    if (found.mtimeMs > newest.mtimeMs) newest = found
  }
  return newest.mtimeMs > built
    ? { state: 'stale', newer: relative(ROOT, newest.path), byMs: newest.mtimeMs - built }
    : { state: 'fresh' }
}

/** Runs `npm run build`; its output is shown only if it fails. */
export function buildRenderer(): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('npm', ['run', 'build'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code === 0) resolvePromise()
      else {
        // Only the errors, without colours: the full log is one `npm run build` away.
        // eslint-disable-next-line no-control-regex
        const plain = output.replace(/\x1b\[[0-9;]*m/g, '')
        const errors = plain.split('\n').filter((line) => /error|could not|failed/i.test(line))
        reject(new Error(`npm run build failed (exit ${code}):\n${errors.join('\n')}`))
      }
    })
  })
}
