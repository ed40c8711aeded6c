/**
 * `claimdesk export` in every registered format, from a project folder (open in the app at the
 * same time: the CLI reads without the lock) and from a `.claimdesk` file.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXPORT_FORMATS } from '../../../main/cli/export-formats'
import { runCli } from '../../../main/cli/run'
import { buildExchangeProject, type ExchangeProject } from '../../helpers/exchange-project'

async function claimdesk(...args: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, {
    out: (line) => (stdout += `${line}\n`),
    err: (line) => (stderr += `${line}\n`),
  })
  return { code, stdout, stderr }
}

/** What each format's file must start with or contain, so a wrong writer cannot pass. */
const EXPECTED: Record<string, { starts?: string; contains?: string }> = {
  html: { starts: '<!DOCTYPE html>', contains: '<title>CLI-Bericht</title>' },
  pdf: { starts: '%PDF-' },
  markdown: { contains: '# CLI-Bericht' },
  docx: { starts: 'PK' },
  'csv-claims': { contains: 'Die Brücke bleibt bis Ende Mai gesperrt.' },
  'csv-annotations': { contains: 'Süßmilchstraße' },
  json: { contains: '"title": "CLI-Bericht"' },
  w3c: { contains: '"AnnotationCollection"' },
  qdpx: { starts: 'PK' },
  qdc: { contains: '<CodeBook' },
  claimreview: { contains: '"name": "Faktencheck Halle"' },
  'project-json': { contains: '"format": "claimdesk-project-json"' },
}

describe('issue 6 wiring: claimdesk export', () => {
  let x: ExchangeProject
  let shared: string

  beforeAll(async () => {
    x = await buildExchangeProject()
    shared = join(x.t.dir.path, 'Saale.claimdesk')
    await x.t.call('sharing:pack', { taskId: 'pack', path: shared, includeMedia: true })
  })
  afterAll(() => x?.close())

  it('registers a format for every report and standard format, and the project documents', () => {
    expect(EXPORT_FORMATS.map((f) => f.id).sort()).toEqual(Object.keys(EXPECTED).sort())
  })

  for (const from of ['folder', 'package'] as const) {
    it(`exports each format from a ${from}`, async () => {
      const target = from === 'folder' ? x.t.folder : shared
      for (const format of EXPORT_FORMATS) {
        const out = join(x.t.dir.path, `${from}-${format.id}${format.extension}`)
        const run = await claimdesk(
          'export',
          target,
          '--format',
          format.id,
          '--out',
          out,
          '--title',
          'CLI-Bericht',
          '--language',
          'de',
          '--reviewer',
          'Faktencheck Halle',
        )
        expect(run, `${format.id}: ${run.stderr}`).toMatchObject({ code: 0 })
        const text = (await readFile(out)).toString('latin1')
        const expected = EXPECTED[format.id] ?? {}
        if (expected.starts) expect(text.startsWith(expected.starts), format.id).toBe(true)
        if (expected.contains) {
          const utf8 = (await readFile(out, 'utf8')).normalize()
          expect(utf8, format.id).toContain(expected.contains)
        }
      }
    })
  }

  it('filters a report by status and sections, and names a wrong option', async () => {
    const out = join(x.t.dir.path, 'verified.csv')
    const run = await claimdesk(
      'export',
      x.t.folder,
      '--format',
      'csv-claims',
      '--out',
      out,
      '--status',
      'verified',
      '--sections',
      'claims,appendix',
    )
    expect(run, run.stderr).toMatchObject({ code: 0 })
    const csv = await readFile(out, 'utf8')
    expect(csv).toContain('Die Brücke bleibt bis Ende Mai gesperrt.')
    // The false claim appears only as the verified one's contradiction, not as a row.
    expect(csv).not.toContain(x.claims.traffic.id)
    expect(csv.trim().split('\n')).toHaveLength(2)

    const wrong = await claimdesk(
      'export',
      x.t.folder,
      '--format',
      'html',
      '--out',
      out,
      '--language',
      'fr',
    )
    expect(wrong).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/The report options are not valid: .*language/),
    })
    const noReviewer = await claimdesk(
      'export',
      x.t.folder,
      '--format',
      'claimreview',
      '--out',
      out,
    )
    expect(noReviewer).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/needs the name of the organisation/),
    })
  })
})
