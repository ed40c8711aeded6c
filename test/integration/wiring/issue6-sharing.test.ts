/**
 * Shared project files through the API, as the renderer calls them: pack, inspect, open as a
 * new project elsewhere (another data folder, as on a colleague's machine), merge back with a
 * conflict, and a hostile file refused without touching the open project.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMainApi, type MainApi } from '../../../main/api'
import type { CallInput, CallOutput, Channel, EventName, Events } from '../../../shared/api'
import { buildExchangeProject, type ExchangeProject } from '../../helpers/exchange-project'
import { buildZip, manifestFor, readZipEntries } from '../sharing/hostile-zip'
import { folderHashes } from '../sharing/shared-project'

describe('issue 6 wiring: shared project files through the API', () => {
  let a: ExchangeProject
  let b: MainApi
  const eventsOfA: Array<{ event: EventName; payload: unknown }> = []
  let shared: string
  let copyFolder: string

  /** Calls `channel` on the colleague's API; it must succeed. */
  async function onB<C extends Channel>(channel: C, input: CallInput<C>): Promise<CallOutput<C>> {
    const result = await b.invoke(channel, input)
    if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`)
    return structuredClone(result.value) as CallOutput<C>
  }

  beforeAll(async () => {
    a = await buildExchangeProject({
      emit: <E extends EventName>(event: E, payload: Events[E]) =>
        eventsOfA.push({ event, payload }),
    })
    b = await createMainApi({
      dataDir: join(a.t.dir.path, 'colleague-data'),
      dialogs: {
        chooseFolder: async () => null,
        chooseFiles: async () => [],
        chooseSaveFile: async () => null,
      },
      emit: () => {},
      userName: 'Jonas Kollege',
    })
    shared = join(a.t.dir.path, 'Saale.claimdesk')
    copyFolder = join(a.t.dir.path, 'colleague', 'Saale')
  })
  afterAll(async () => {
    await b?.dispose()
    await a?.close()
  })

  it('packs with media, inspects the file, and opens it as a new project equal entity for entity', async () => {
    const estimate = await a.t.call('sharing:estimate', {})
    expect(estimate.withMedia).toBeGreaterThan(estimate.withoutMedia)
    const packed = await a.t.call('sharing:pack', {
      taskId: 'pack',
      path: shared,
      includeMedia: true,
    })
    expect(packed.file).toBe(shared)
    expect(packed.size).toBeLessThanOrEqual(estimate.withMedia)

    const info = await a.t.call('sharing:inspect', { taskId: 'inspect', path: shared })
    expect(info).toMatchObject({
      path: shared,
      projectId: a.project().doc.data.id,
      projectName: 'Saale-Brücke',
      createdBy: 'Mira Analyst',
      includesMedia: true,
      // project, registry, two articles, custody log, the clip, and the manifest.
      entryCount: 7,
      sameProjectAsOpen: true,
      problems: [],
    })

    const opened = await onB('sharing:openAsNew', {
      taskId: 'open',
      path: shared,
      folder: copyFolder,
    })
    expect(opened).toMatchObject({ id: info.projectId, folder: copyFolder, articleCount: 2 })
    const mine = a.project()
    const theirs = b.workspace.project()
    expect(theirs.doc.data).toEqual(mine.doc.data)
    expect(theirs.registry.data).toEqual(mine.registry.data)
    for (const { id } of mine.doc.data.articles) {
      expect(await theirs.readArticle(id)).toEqual(await mine.readArticle(id))
    }
    expect(await onB('evidence:verify', { id: a.evidence.item.id, taskId: 'v' })).toMatchObject({
      state: 'ok',
    })
  })

  it('merges the colleague’s file back: one conflict decided, one change taken, undo history cleared', async () => {
    const { closure, traffic } = a.claims
    await a.t.call('claims:update', { id: closure.id, statement: 'Gesperrt bis Ende Mai (Stadt).' })
    await onB('claims:update', { id: closure.id, statement: 'Gesperrt bis 31. Mai.' })
    await onB('claims:update', { id: traffic.id, notes: 'Zählung des Verkehrsamts liegt vor.' })
    const back = join(a.t.dir.path, 'Saale-zurueck.claimdesk')
    await onB('sharing:pack', { taskId: 'pack-b', path: back, includeMedia: false })
    expect(await a.t.call('history:state', {})).toMatchObject({ canUndo: true })

    const plan = await a.t.call('sharing:planMerge', { taskId: 'plan', path: back })
    expect(plan).toMatchObject({ sameProject: true, hasMergeBase: true })
    expect(plan.changes).toEqual([
      expect.objectContaining({ key: `claim:${traffic.id}`, action: 'update' }),
    ])
    expect(plan.conflicts).toEqual([
      expect.objectContaining({
        key: `claim:${closure.id}`,
        reason: 'both-changed',
        choices: ['local', 'incoming', 'both'],
      }),
    ])
    // Every conflict needs a choice; an unknown plan is refused.
    expect(
      await a.t.refuse('sharing:applyMerge', {
        taskId: 'apply',
        packageFingerprint: plan.packageFingerprint,
        decisions: {},
      }),
    ).toMatchObject({ code: 'invalid-input', details: { field: 'decisions' } })
    expect(
      await a.t.refuse('sharing:applyMerge', {
        taskId: 'apply',
        packageFingerprint: 'no-such-plan',
        decisions: {},
      }),
    ).toMatchObject({ code: 'not-found' })

    eventsOfA.length = 0
    const outcome = await a.t.call('sharing:applyMerge', {
      taskId: 'apply',
      packageFingerprint: plan.packageFingerprint,
      decisions: { [`claim:${closure.id}`]: 'incoming' },
    })
    expect(outcome).toMatchObject({ changed: true, updated: 1, conflictsResolved: 1, copies: 0 })
    expect(outcome.backups.length).toBeGreaterThan(0)
    const claims = (await a.t.call('registry:get', {})).claims
    expect(claims.find((c) => c.id === closure.id)?.statement).toBe('Gesperrt bis 31. Mai.')
    expect(claims.find((c) => c.id === traffic.id)?.notes).toBe(
      'Zählung des Verkehrsamts liegt vor.',
    )
    const history = { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null }
    expect(await a.t.call('history:state', {})).toEqual(history)
    const reasons = eventsOfA
      .filter((e) => e.event === 'project:changed')
      .map((e) => (e.payload as Events['project:changed']).reason)
    expect(new Set(reasons)).toEqual(new Set(['articles', 'tags', 'registry', 'annotations']))
    expect(eventsOfA).toContainEqual({ event: 'history:changed', payload: history })
    // The plan was used up.
    expect(
      await a.t.refuse('sharing:applyMerge', {
        taskId: 'again',
        packageFingerprint: plan.packageFingerprint,
        decisions: { [`claim:${closure.id}`]: 'incoming' },
      }),
    ).toMatchObject({ code: 'not-found' })
  })

  it('refuses a hostile file with import-rejected and its reason; the open project stays byte for byte', async () => {
    const entries = await readZipEntries(shared)
    const manifest = JSON.parse(
      (entries.get('manifest.json') as Buffer).toString('utf8'),
    ) as Record<string, unknown>
    const documents = [...entries]
      .filter(([name]) => name !== 'manifest.json')
      .map(([name, data]) => ({ name, data }))
    const withEvil = [...documents, { name: '../evil', data: Buffer.from('evil') }]
    const hostile = join(a.t.dir.path, 'hostile.claimdesk')
    await writeFile(
      hostile,
      buildZip([...withEvil, { name: 'manifest.json', data: manifestFor(manifest, withEvil) }]),
    )
    const before = await folderHashes(a.t.folder)
    const refusal = {
      code: 'import-rejected',
      message: expect.stringMatching(
        /^hostile\.claimdesk cannot be imported: the entry "\.\.\/evil" is unsafe: .*Nothing was changed\.$/,
      ),
    }
    expect(await a.t.refuse('sharing:inspect', { taskId: 'i', path: hostile })).toMatchObject(
      refusal,
    )
    expect(await a.t.refuse('sharing:planMerge', { taskId: 'p', path: hostile })).toMatchObject(
      refusal,
    )
    expect(await folderHashes(a.t.folder)).toEqual(before)
  })
})
