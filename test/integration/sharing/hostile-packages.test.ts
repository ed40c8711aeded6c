import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OpenProject } from '../../../main/projects/open-project'
import {
  mergeSharePackage,
  packProject,
  readSharePackage,
  unpackAsNewProject,
} from '../../../main/sharing'
import { buildZip, manifestFor, type RawEntry, readZipEntries, zerosBomb } from './hostile-zip'
import { buildSharedProject, folderHashes, type SharedProject } from './shared-project'

describe('hostile .claimdesk files are refused before anything is written', () => {
  let shared: SharedProject
  let documentsPackage: string
  let withMedia: string
  let documents: Array<{ name: string; data: Buffer }>
  let manifest: Record<string, unknown>
  let manifestBytes: Buffer
  let target: OpenProject
  let targetHashes: Record<string, string>
  let made = 0

  beforeAll(async () => {
    shared = await buildSharedProject()
    documentsPackage = join(shared.workDir, 'documents.claimdesk')
    withMedia = join(shared.workDir, 'media.claimdesk')
    await packProject(shared.folder, documentsPackage, { includeMedia: false })
    await packProject(shared.folder, withMedia, { includeMedia: true })
    const entries = await readZipEntries(documentsPackage)
    manifestBytes = entries.get('manifest.json') as Buffer
    manifest = JSON.parse(manifestBytes.toString('utf8')) as Record<string, unknown>
    documents = [...entries]
      .filter(([name]) => name !== 'manifest.json')
      .map(([name, data]) => ({ name, data }))
    // The project a merge would change: a copy of the shared one, open as in the app.
    const copy = join(shared.workDir, 'target')
    await unpackAsNewProject(documentsPackage, copy)
    target = await OpenProject.open(copy)
    targetHashes = await folderHashes(copy)
  })
  afterAll(async () => {
    await target.close()
    await shared.cleanup()
  })

  const doc = (name: string) => documents.find((d) => d.name === name)?.data as Buffer

  /** A package of the documents (some replaced or added) with a manifest that lists them all. */
  function withManifest(
    entries: Array<{ name: string; data: Buffer }>,
    overrides: Record<string, unknown> = {},
  ): RawEntry[] {
    return [...entries, { name: 'manifest.json', data: manifestFor(manifest, entries, overrides) }]
  }

  const replaced = (name: string, data: Buffer) =>
    documents.map((d) => (d.name === name ? { name, data } : d))

  async function write(bytes: Buffer): Promise<string> {
    const file = join(shared.workDir, `hostile-${++made}.claimdesk`)
    await writeFile(file, bytes)
    return file
  }

  /** Refused by every way in (read, merge plan, unpack) with `pattern`; nothing anywhere changed. */
  async function expectRefused(file: string, pattern: RegExp): Promise<void> {
    const refusal = { code: 'import-rejected', message: expect.stringMatching(pattern) }
    await expect(readSharePackage(file)).rejects.toMatchObject(refusal)
    await expect(mergeSharePackage(target, file)).rejects.toMatchObject(refusal)
    const dest = join(shared.workDir, `never-${made}`)
    await expect(unpackAsNewProject(file, dest)).rejects.toMatchObject(refusal)
    await expect(stat(dest)).rejects.toThrow(/ENOENT/)
    expect(await folderHashes(target.folder)).toEqual(targetHashes)
    const leftovers = (await readdir(shared.workDir)).filter((n) => n.startsWith('.claimdesk'))
    expect(leftovers).toEqual([])
  }

  const extra = (name: string, data = Buffer.from('evil')) =>
    buildZip(withManifest([...documents, { name, data }]))

  it('refuses an entry that climbs out with ".."', async () => {
    await expectRefused(
      await write(extra('../evil')),
      /the entry "\.\.\/evil" is unsafe: it contains "\.\."/,
    )
  })

  it('refuses absolute paths, drive letters and backslashes', async () => {
    await expectRefused(
      await write(extra('/tmp/evil')),
      /"\/tmp\/evil" is unsafe: it is an absolute path/,
    )
    await expectRefused(
      await write(extra('C:/evil')),
      /"C:\/evil" is unsafe: it starts with a drive letter/,
    )
    await expectRefused(await write(extra('media\\evil.mp4')), /is unsafe: it contains a backslash/)
  })

  it('refuses a symbolic link entry', async () => {
    const link: RawEntry = {
      name: shared.mediaPaths[0],
      data: Buffer.from('/etc/passwd'),
      mode: 0o120777,
    }
    const entries = withManifest(documents)
    await expectRefused(
      await write(buildZip([...entries, link])),
      /the entry "media\/ev-0001\/clip\.mp4" is a symbolic link/,
    )
  })

  it('refuses the same entry twice, also when only the case differs', async () => {
    const twice = buildZip([
      ...withManifest(documents),
      { name: 'project.json', data: doc('project.json') },
    ])
    await expectRefused(await write(twice), /the entry "project\.json" appears twice/)
    const article = `articles/${shared.ids.articles[0]}.json`
    const upper = `articles/${shared.ids.articles[0].toUpperCase()}.json`
    const cased = buildZip([...withManifest(documents), { name: upper, data: doc(article) }])
    await expectRefused(await write(cased), /differ only in upper and lower case/)
  })

  it('refuses a zip bomb (300 MB of zeros in 300 KB) from its entry table, before inflating it', async () => {
    const bomb = zerosBomb(300)
    const listed = [
      ...documents.map((d) => ({ name: d.name, data: d.data })),
      { name: 'manifest.json', data: manifestBytes },
    ]
    const file = await write(buildZip([...listed, { name: 'media/bomb.mp4', deflated: bomb }]))
    expect((await stat(file)).size).toBeLessThan(1024 * 1024)
    await expectRefused(
      file,
      /the entry "media\/bomb\.mp4" expands \d+ times \(to 300\.0 MB\), which looks like a zip bomb/,
    )
  })

  it('refuses a package that expands beyond the configured total', async () => {
    await expect(readSharePackage(withMedia, { maxTotalBytes: 100 * 1024 })).rejects.toMatchObject({
      code: 'import-rejected',
      message: expect.stringMatching(/its entries expand to more than 100 KB/),
    })
  })

  it('refuses a package made by a newer Claimdesk', async () => {
    const newer = buildZip(withManifest(documents, { formatVersion: 2 }))
    await expectRefused(
      await write(newer),
      /made by a newer Claimdesk \(package format version 2; this version reads up to 1\)/,
    )
  })

  it('refuses an entry whose bytes do not match the manifest', async () => {
    const registry = doc('registry.json').toString('utf8').replace('Needs footage', 'Needs footagE')
    const tampered = [
      ...replaced('registry.json', Buffer.from(registry)),
      { name: 'manifest.json', data: manifestBytes },
    ]
    await expectRefused(
      await write(buildZip(tampered)),
      /the entry "registry\.json" does not match its size and SHA-256 in the manifest/,
    )
  })

  it('refuses a registry that fails its schema, naming the field', async () => {
    const registry = JSON.parse(doc('registry.json').toString('utf8')) as {
      claims: Array<{ statement: string }>
    }
    ;(registry.claims[0] as { statement: string }).statement = ''
    const invalid = withManifest(replaced('registry.json', Buffer.from(JSON.stringify(registry))))
    await expectRefused(
      await write(buildZip(invalid)),
      /its registry\.json is damaged: claims\.0\.statement/,
    )
  })

  it('refuses a truncated zip, an unlisted entry and a missing manifest', async () => {
    const whole = await readFile(documentsPackage)
    await expectRefused(
      await write(whole.subarray(0, Math.floor(whole.length / 2))),
      /it is not a Claimdesk package \(not a zip file, or a damaged or truncated one/,
    )
    const unlisted = [
      ...withManifest(documents.filter((d) => d.name !== 'custody.jsonl')),
      { name: 'custody.jsonl', data: doc('custody.jsonl') },
    ]
    await expectRefused(
      await write(buildZip(unlisted)),
      /the entry "custody\.jsonl" is not listed in the manifest/,
    )
    await expectRefused(await write(buildZip(documents)), /it has no manifest\.json/)
  })
})
