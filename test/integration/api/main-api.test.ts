import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EventName, Events } from '../../../shared/api'
import { createMainApi, type MainApi } from '../../../main/api'
import { tempDir } from '../../helpers/temp-dir'

describe('main API (the handler table behind the bridge)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>
  let api: MainApi
  let events: Array<{ event: EventName; payload: unknown }>

  beforeEach(async () => {
    dir = await tempDir()
    events = []
    api = await createMainApi({
      dataDir: join(dir.path, 'data'),
      dialogs: {
        chooseFolder: async () => join(dir.path, 'chosen'),
        chooseFiles: async () => [],
        chooseSaveFile: async () => null,
      },
      emit: <E extends EventName>(event: E, payload: Events[E]) => events.push({ event, payload }),
    })
  })
  afterEach(async () => {
    await api.dispose()
    await dir.cleanup()
  })

  it('answers unknown channels and invalid input with messages naming the field', async () => {
    expect(await api.invoke('projects:explode', {})).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    })
    const missing = await api.invoke('projects:create', { name: 'x' })
    expect(missing).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    if (!missing.ok) expect(missing.error.message).toContain('folder')
    const badUrl = await api.invoke('articles:add', {
      title: 'T',
      text: 'x',
      url: 'javascript:alert(1)',
    })
    if (badUrl.ok) throw new Error('expected failure')
    expect(badUrl.error.message).toContain('url: must be an http(s) URL')
    expect(badUrl.error.details).toMatchObject({ fields: ['url'] })
  })

  it('refuses article calls without an open project', async () => {
    expect(await api.invoke('articles:list', {})).toMatchObject({
      ok: false,
      error: { code: 'no-project-open' },
    })
  })

  it('refuses ids that could leave the project folder', async () => {
    await api.invoke('projects:create', { name: 'P', folder: join(dir.path, 'p') })
    const traversal = await api.invoke('articles:get', { id: '../project' })
    expect(traversal).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })

  it('creates, lists, reads, renames and deletes, and tells the renderer', async () => {
    const created = await api.invoke('projects:create', {
      name: ' Korea ',
      folder: join(dir.path, 'p'),
    })
    expect(created).toMatchObject({ ok: true, value: { name: 'Korea', articleCount: 0 } })
    // NFD input and Windows line endings are stored as NFC with \n.
    const nfd = 'Gro\u0308ße Zahl\r\n\r\nFu\u0308r 3.000 Soldaten'
    const added = await api.invoke('articles:add', {
      title: 'Ü\u0308ber',
      text: nfd,
      language: 'de',
    })
    if (!added.ok) throw new Error(added.error.message)
    const got = await api.invoke('articles:get', { id: (added.value as { id: string }).id })
    if (!got.ok) throw new Error(got.error.message)
    expect((got.value as { text: string }).text).toBe('Größe Zahl\n\nFür 3.000 Soldaten')
    expect(await api.invoke('articles:list', {})).toMatchObject({
      ok: true,
      value: [{ characterCount: 30 }],
    })
    expect(await api.invoke('projects:rename', { name: 'Korea 2' })).toMatchObject({
      ok: true,
      value: { name: 'Korea 2' },
    })
    expect(await api.invoke('articles:delete', { id: (added.value as { id: string }).id })).toEqual(
      { ok: true, value: null },
    )
    expect(await api.invoke('articles:list', {})).toEqual({ ok: true, value: [] })
    expect(
      events.map((e) => `${e.event}:${(e.payload as { reason?: string }).reason ?? ''}`),
    ).toEqual([
      'project:changed:opened',
      'project:changed:articles',
      'project:changed:renamed',
      'project:changed:articles',
    ])
  })

  it('remembers recent projects and the UI language across restarts', async () => {
    const folder = join(dir.path, 'p')
    await api.invoke('projects:create', { name: 'Recent', folder })
    await api.invoke('settings:update', { language: 'de' })
    await api.dispose()
    api = await createMainApi({
      dataDir: join(dir.path, 'data'),
      dialogs: {
        chooseFolder: async () => null,
        chooseFiles: async () => [],
        chooseSaveFile: async () => null,
      },
      emit: () => {},
    })
    expect(await api.invoke('settings:get', {})).toEqual({ ok: true, value: { language: 'de' } })
    expect(await api.invoke('projects:listRecent', {})).toMatchObject({
      ok: true,
      value: [{ name: 'Recent', folder, available: true }],
    })
    await rm(folder, { recursive: true })
    expect(await api.invoke('projects:listRecent', {})).toMatchObject({
      ok: true,
      value: [{ available: false }],
    })
  })

  it('passes dialogs through to the shell', async () => {
    expect(await api.invoke('dialogs:chooseFolder', { purpose: 'open-project' })).toEqual({
      ok: true,
      value: join(dir.path, 'chosen'),
    })
  })
})
