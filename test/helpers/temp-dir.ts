import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const FIXTURES = resolve(import.meta.dirname, '../fixtures')

/** A fresh temp folder; `cleanup` removes it. */
export async function tempDir(prefix = 'claimdesk-test-') {
  const path = await mkdtemp(join(tmpdir(), prefix))
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) }
}

/** Copies a fixture folder into a temp folder so tests never change the fixture. */
export async function copyFixture(name: string, into: string): Promise<string> {
  const target = join(into, name)
  await cp(join(FIXTURES, name), target, { recursive: true })
  return target
}
