import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'

/** The repository root (where package.json and node_modules are). */
export const PROJECT_ROOT = resolve(import.meta.dirname, '../..')

/** The Electron version installed in node_modules, which is the one the app ships with. */
export async function installedElectronVersion(): Promise<string> {
  const manifest = JSON.parse(
    await readFile(join(PROJECT_ROOT, 'node_modules/electron/package.json'), 'utf8'),
  ) as { version?: unknown }
  if (typeof manifest.version !== 'string') {
    throw new Error('node_modules/electron/package.json has no version: run `npm ci` first.')
  }
  return manifest.version
}
