import { appendFile, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CustodyEntry } from '../../../shared/model/evidence'
import { type EvidenceBench, nextTaskId, openEvidenceBench, sha256sum } from './evidence-setup'

describe('checking, verifying and relinking evidence files (custody log on disk)', () => {
  let b: EvidenceBench

  beforeEach(async () => {
    b = await openEvidenceBench()
  })
  afterEach(async () => {
    await b.close()
  })

  const verify = (id: string) => b.call('evidence:verify', { id, taskId: nextTaskId() })
  const custodyLog = async () =>
    (await readFile(join(b.folder, 'custody.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => CustodyEntry.parse(JSON.parse(line)))
  const problems = async () => (await b.call('registry:get', {})).problems
  /** Flips one byte in the middle: same size, different content. */
  async function tamper(path: string) {
    const bytes = await readFile(path)
    const at = Math.floor(bytes.length / 2)
    bytes[at] = (bytes[at] ?? 0) ^ 0xff
    await writeFile(path, bytes)
  }

  it('verify: unchanged, then changed, then missing — each recorded, nothing repaired', async () => {
    const source = await b.fixture('clip.mp4')
    const item = await b.addOne(source, 'link')
    expect(await b.call('evidence:checks', {})).toEqual([
      expect.objectContaining({ itemId: item.id, state: 'unchecked', checkedAt: null }),
    ])

    const ok = await verify(item.id)
    expect(ok).toMatchObject({ itemId: item.id, state: 'ok' })
    expect(await b.call('evidence:checks', {})).toEqual([ok])

    await tamper(source)
    const changedHash = await sha256sum(source)
    const changed = await verify(item.id)
    expect(changed.state).toBe('changed')
    expect(changed.message).toContain(changedHash)
    expect(await b.call('evidence:checks', {})).toEqual([changed])
    expect(await problems()).toEqual([
      {
        kind: 'evidence-file',
        message: changed.message,
        entities: [{ type: 'evidence', id: item.id }],
      },
    ])

    await rm(source)
    const missing = await verify(item.id)
    expect(missing.state).toBe('missing')
    expect(missing.message).toContain(source)

    expect((await custodyLog()).map((e) => [e.event, e.sha256])).toEqual([
      ['added', item.file.sha256],
      ['verified', item.file.sha256],
      ['verification-failed', changedHash],
      ['missing', null],
    ])
    expect(await b.call('evidence:custody', { id: item.id })).toEqual(await custodyLog())
    // The item still describes the file that was added.
    expect((await b.registryFile()).evidence).toEqual([item])
  })

  it('quick checks find missing and resized files; the integrity check reports them', async () => {
    const copied = await b.addOne(await b.fixture('clip.mp4'), 'copy')
    const linkedPath = await b.fixture('image.png')
    const linked = await b.addOne(linkedPath, 'link')
    expect(await problems()).toEqual([])

    await rm(join(b.folder, copied.file.path))
    await appendFile(linkedPath, 'more bytes')
    const checks = await b.call('evidence:checks', {})
    expect(checks.map((c) => [c.itemId, c.state])).toEqual([
      [copied.id, 'missing'],
      [linked.id, 'changed'],
    ])
    const found = await problems()
    expect(found.map((p) => [p.kind, p.entities])).toEqual([
      ['evidence-file', [{ type: 'evidence', id: copied.id }]],
      ['evidence-file', [{ type: 'evidence', id: linked.id }]],
    ])
    expect(found[0]?.message).toContain('«clip.mp4» is missing')
    expect(found[1]?.message).toContain('«image.png» has changed')
  })

  it('relinks a moved file only if its hash matches; a refusal is logged and changes nothing', async () => {
    const source = await b.fixture('clip.mp4')
    const item = await b.addOne(source, 'link')
    const moved = join(b.downloads, 'moved-clip.mp4')
    await rename(source, moved)
    expect((await b.call('evidence:checks', {}))[0]?.state).toBe('missing')

    const impostor = await b.fixture('clip.webm', 'impostor.mp4')
    const impostorHash = await sha256sum(impostor)
    const before = await b.registryBytes()
    const refused = await b.refuse('evidence:relink', {
      id: item.id,
      path: impostor,
      taskId: nextTaskId(),
    })
    expect(refused.message).toContain(impostorHash)
    expect(refused.message).toContain(item.file.sha256)
    expect(await b.registryBytes()).toBe(before)

    const relinked = await b.call('evidence:relink', {
      id: item.id,
      path: moved,
      taskId: nextTaskId(),
    })
    expect(relinked.file).toEqual({ ...item.file, path: moved })
    expect((await b.call('evidence:checks', {}))[0]?.state).toBe('ok')
    expect((await custodyLog()).map((e) => [e.event, e.path, e.sha256])).toEqual([
      ['added', source, item.file.sha256],
      ['relink-refused', impostor, impostorHash],
      ['relinked', moved, item.file.sha256],
    ])

    // Undo points the item at the old path again; the custody log keeps its record.
    await b.call('history:undo', {})
    expect((await b.registryFile()).evidence[0]?.file.path).toBe(source)
    expect(await custodyLog()).toHaveLength(3)
  })

  it('relinking a copied item whose media file vanished copies the file back', async () => {
    const source = await b.fixture('photo.jpg')
    const item = await b.addOne(source, 'copy')
    const copy = join(b.folder, item.file.path)
    await rm(copy)
    const relinked = await b.call('evidence:relink', {
      id: item.id,
      path: source,
      taskId: nextTaskId(),
    })
    expect(relinked).toEqual(item)
    expect((await readFile(copy)).equals(await readFile(source))).toBe(true)
    expect(await problems()).toEqual([])
  })

  it('custody entries are appended after a damaged last line, which reading skips', async () => {
    const item = await b.addOne(await b.fixture('clip.mp4'), 'copy')
    // A crash mid-append leaves half a line without its newline.
    await appendFile(join(b.folder, 'custody.jsonl'), '{"itemId":"x","at":"2026-')
    await verify(item.id)
    const entries = await b.call('evidence:custody', { id: item.id })
    expect(entries.map((e) => e.event)).toEqual(['added', 'verified'])
    const lines = (await readFile(join(b.folder, 'custody.jsonl'), 'utf8')).split('\n')
    expect(lines[1]).toBe('{"itemId":"x","at":"2026-')
  })
})
