import { execFile } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../../main/cli/run'
import { RegistryDocument } from '../../../shared/model/registry'
import { PROJECT_ROOT } from '../../helpers/project'
import { buildSharedProject, type SharedProject } from './shared-project'

interface Run {
  code: number
  stdout: string
  stderr: string
}

/** Runs the CLI from its sources in plain Node, as `npx tsx main/cli/index.ts …` does. */
function claimdesk(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(
      join(PROJECT_ROOT, 'node_modules/.bin/tsx'),
      ['main/cli/index.ts', ...args],
      { cwd: PROJECT_ROOT },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
        done({ code, stdout, stderr })
      },
    )
  })
}

/** Runs the CLI in this process (for the cheap cases). */
async function inProcess(...args: string[]): Promise<Run> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, {
    out: (line) => (stdout += `${line}\n`),
    err: (line) => (stderr += `${line}\n`),
  })
  return { code, stdout, stderr }
}

describe('the claimdesk command line', () => {
  let shared: SharedProject

  beforeAll(async () => {
    shared = await buildSharedProject()
  })
  afterAll(() => shared.cleanup())

  it('packs with media, unpacks, and verifies the copy clean (exit 0)', async () => {
    const file = join(shared.workDir, 'cli.claimdesk')
    const copy = join(shared.workDir, 'cli-copy')
    // In this process (each tsx start costs seconds here); verify runs as its own process.
    const packed = await inProcess('pack', shared.folder, file, '--with-media')
    expect(packed, packed.stderr).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^Wrote .*cli\.claimdesk: 8 entries/),
    })
    const unpacked = await inProcess('unpack', file, copy)
    expect(unpacked, unpacked.stderr).toMatchObject({ code: 0 })
    const verified = await claimdesk('verify', copy)
    expect(verified, verified.stderr).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/OK: .* has no problems \(2 evidence files hashed\)/),
    })
    expect(await readFile(join(copy, shared.mediaPaths[0]))).toEqual(
      await readFile(join(shared.folder, shared.mediaPaths[0])),
    )
    expect((await inProcess('verify', file)).code).toBe(0)
  })

  it('lists a changed media file and a broken reference, and exits with 1', async () => {
    const copy = join(shared.workDir, 'broken')
    expect(
      (await inProcess('pack', shared.folder, join(shared.workDir, 'b.claimdesk'), '--with-media'))
        .code,
    ).toBe(0)
    expect((await inProcess('unpack', join(shared.workDir, 'b.claimdesk'), copy)).code).toBe(0)
    const clip = join(copy, shared.mediaPaths[0])
    const bytes = await readFile(clip)
    bytes[10] = (bytes[10] ?? 0) ^ 0xff
    await writeFile(clip, bytes)
    const registryFile = join(copy, 'registry.json')
    const registry = RegistryDocument.parse(JSON.parse(await readFile(registryFile, 'utf8')))
    const claim = registry.claims.find((c) => c.id === shared.ids.claims[0])
    if (!claim) throw new Error('test setup: claim missing')
    claim.saidBy = ['no-such-source']
    await writeFile(registryFile, JSON.stringify(registry))

    const verified = await claimdesk('verify', copy)
    expect(verified.code).toBe(1)
    expect(verified.stdout).toMatch(
      /problem \(evidence-file\): Evidence “Training ground clip”: .*clip\.mp4 has changed/,
    )
    expect(verified.stdout).toMatch(
      /problem \(missing-source\): .*cites source no-such-source, which does not exist/,
    )
    expect(verified.stdout).toMatch(/2 problems in /)
  })

  it('exports the documents as JSON, lists only registered formats, and refuses wrong usage', async () => {
    const out = join(shared.workDir, 'export.json')
    const exported = await inProcess(
      'export',
      shared.folder,
      '--format',
      'project-json',
      '--out',
      out,
    )
    expect(exported).toMatchObject({ code: 0 })
    const json = JSON.parse(await readFile(out, 'utf8')) as Record<string, unknown>
    expect(json).toMatchObject({ format: 'claimdesk-project-json', project: { name: 'Nordkorea' } })
    expect((json.articles as unknown[]).length).toBe(2)

    const help = await inProcess('export', '--help')
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/^ {2}project-json {5}/m)
    expect(
      await inProcess('export', shared.folder, '--format', 'nope', '--out', out),
    ).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/Unknown format "nope"\. Available: html, .*project-json/),
    })
    expect(await inProcess('verify')).toMatchObject({ code: 2 })
    expect(await inProcess('frobnicate')).toMatchObject({ code: 2 })
  })
})
