import { copyFile, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OpenProject } from '../../../main/projects/open-project'
import { applyMerge, mergeSharePackage, packProject, verifyProject } from '../../../main/sharing'
import {
  editProject,
  folderHashes,
  type PackedSharedProject,
  packSharedProject,
} from './shared-project'

describe('merging a .claimdesk file into the open project', () => {
  let shared: PackedSharedProject
  beforeAll(async () => {
    shared = await packSharedProject()
  })
  afterAll(() => shared.cleanup())

  const dataDir = () => join(shared.workDir, 'app-data')
  const claimKey = () => `claim:${shared.ids.claims[0]}`

  it('applies one-sided changes, asks about the one claim both changed, and a second merge changes nothing', async () => {
    const [a, b] = [await shared.copyOf(shared.withMedia), await shared.copyOf(shared.withMedia)]
    const claimId = shared.ids.claims[0]
    let onlyInA = ''
    await editProject(a, dataDir(), async (call) => {
      await call('claims:update', { id: claimId, statement: 'Edited in A' })
      onlyInA = (await call('claims:create', { statement: 'Only in A' })).id
    })
    let onlyInB = ''
    await editProject(b, dataDir(), async (call) => {
      await call('claims:update', { id: claimId, statement: 'Edited in B' })
      await call('sources:update', { id: shared.ids.source, description: 'Edited in B only' })
      onlyInB = (await call('tags:create', { name: 'Only in B' })).id
    })
    const fromB = join(shared.workDir, 'from-b.claimdesk')
    await packProject(b, fromB, { includeMedia: true })

    const project = await OpenProject.open(a)
    try {
      const plan = await mergeSharePackage(project, fromB)
      expect(plan).toMatchObject({ sameProject: true, hasMergeBase: true, localOnly: 1 })
      expect(plan.conflicts).toEqual([
        expect.objectContaining({
          key: claimKey(),
          kind: 'claim',
          reason: 'both-changed',
          local: expect.objectContaining({ statement: 'Edited in A' }),
          incoming: expect.objectContaining({ statement: 'Edited in B' }),
          choices: ['local', 'incoming', 'both'],
        }),
      ])
      expect(plan.changes.map((c) => [c.kind, c.id, c.action])).toEqual([
        ['tag', onlyInB, 'add'],
        ['source', shared.ids.source, 'update'],
      ])

      const result = await applyMerge(project, plan, { [claimKey()]: 'incoming' })
      expect(result).toMatchObject({
        changed: true,
        added: 1,
        updated: 1,
        conflictsResolved: 1,
        copies: 0,
        mediaFiles: 0,
        missingMedia: [],
      })
      expect(result.backups.length).toBeGreaterThanOrEqual(2)
      const { claims, sources } = project.registry.data
      expect(claims.find((c) => c.id === claimId)?.statement).toBe('Edited in B')
      expect(claims.find((c) => c.id === onlyInA)?.statement).toBe('Only in A')
      expect(sources.find((s) => s.id === shared.ids.source)?.description).toBe('Edited in B only')
      expect(project.doc.data.tags.map((t) => t.id)).toContain(onlyInB)
    } finally {
      await project.close()
    }
    expect((await verifyProject(a)).problems).toEqual([])

    const before = await folderHashes(a)
    const again = await OpenProject.open(a)
    try {
      const plan = await mergeSharePackage(again, fromB)
      expect(plan.conflicts).toEqual([])
      expect(plan.changes).toEqual([])
      expect((await applyMerge(again, plan, {})).changed).toBe(false)
    } finally {
      await again.close()
    }
    expect(await folderHashes(a)).toEqual(before)
  })

  it('without a common version asks about every difference; "both" keeps a copy; media comes in hash-checked', async () => {
    const [a, d] = [
      await shared.copyOf(shared.documentsOnly),
      await shared.copyOf(shared.withMedia),
    ]
    await rm(join(a, '.claimdesk-sync'), { recursive: true })
    const claimId = shared.ids.claims[0]
    await editProject(d, dataDir(), async (call) => {
      await call('claims:update', { id: claimId, statement: 'Edited in D' })
    })
    const fromD = join(shared.workDir, 'from-d.claimdesk')
    await packProject(d, fromD, { includeMedia: true })

    const project = await OpenProject.open(a)
    try {
      const plan = await mergeSharePackage(project, fromD)
      expect(plan.hasMergeBase).toBe(false)
      expect(plan.conflicts.map((c) => [c.key, c.reason])).toEqual([
        [claimKey(), 'no-common-version'],
      ])
      await expect(applyMerge(project, plan, {})).rejects.toMatchObject({
        code: 'invalid-input',
        message: expect.stringMatching(/Choose a version for every conflict first/),
      })
      const result = await applyMerge(project, plan, { [claimKey()]: 'both' })
      expect(result).toMatchObject({ changed: true, copies: 1, mediaFiles: 2, missingMedia: [] })
      const statements = project.registry.data.claims.map((c) => c.statement)
      expect(statements.filter((s) => s === 'Edited in D')).toHaveLength(1)
      expect(project.registry.data.claims.find((c) => c.id === claimId)?.statement).not.toBe(
        'Edited in D',
      )
    } finally {
      await project.close()
    }
    for (const path of shared.mediaPaths) {
      const merged = await readFile(join(a, path))
      expect(merged.equals(await readFile(join(shared.folder, path))), path).toBe(true)
    }
    expect((await verifyProject(a)).problems).toEqual([])
  })

  it('keeps the local text of an article both edited and re-anchors the incoming annotations in it', async () => {
    const [a, b] = [await shared.copyOf(shared.withMedia), await shared.copyOf(shared.withMedia)]
    const articleId = shared.ids.articles[1]
    const original = await readFile(join(a, 'articles', `${articleId}.json`), 'utf8')
    const text = (JSON.parse(original) as { text: string }).text
    await editProject(a, dataDir(), async (call) => {
      await call('articles:updateText', { id: articleId, text: `${text}\n\nEdited in A.` })
    })
    await editProject(b, dataDir(), async (call) => {
      await call('articles:updateText', { id: articleId, text: `Edited in B.\n\n${text}` })
    })
    const fromB = join(shared.workDir, 'text-from-b.claimdesk')
    await packProject(b, fromB, { includeMedia: false })
    const project = await OpenProject.open(a)
    try {
      const plan = await mergeSharePackage(project, fromB)
      expect(plan.conflicts.map((c) => [c.kind, c.reason])).toEqual([['article', 'both-changed']])
      // B's edit moved its annotations: changed there only, so they come in.
      expect(plan.changes.every((c) => c.kind === 'annotation' && c.action === 'update')).toBe(true)
      expect(plan.changes.length).toBeGreaterThan(0)
      const key = plan.conflicts[0]?.key ?? ''
      await applyMerge(project, plan, { [key]: 'local' })
      const merged = (await project.article(articleId)).data
      expect(merged.text).toBe(`${text}\n\nEdited in A.`)
      for (const annotation of merged.annotations) {
        expect(annotation.orphaned).toBe(false)
        const at = [...merged.text].slice(annotation.position.start, annotation.position.end)
        expect(at.join('')).toBe(annotation.quote.exact)
      }
    } finally {
      await project.close()
    }
    expect((await verifyProject(a)).problems).toEqual([])
  })

  it('a merge that fails leaves the open project byte for byte as it was', async () => {
    const [e, f] = [
      await shared.copyOf(shared.documentsOnly),
      await shared.copyOf(shared.withMedia),
    ]
    await editProject(f, dataDir(), async (call) => {
      await call('sources:update', { id: shared.ids.source, description: 'Edited in F' })
    })
    const fromF = join(shared.workDir, 'from-f.claimdesk')
    await packProject(f, fromF, { includeMedia: true })
    const project = await OpenProject.open(e)
    try {
      const plan = await mergeSharePackage(project, fromF)
      expect(plan.conflicts).toEqual([])
      const before = await folderHashes(e)

      // The clip is stored as it is: flip one of its bytes inside the package.
      const bytes = await readFile(fromF)
      const clip = await readFile(join(shared.folder, shared.mediaPaths[0]))
      const at = bytes.indexOf(clip.subarray(0, 64)) + 100
      expect(at).toBeGreaterThan(100)
      bytes[at] = (bytes[at] ?? 0) ^ 0xff
      await writeFile(fromF, bytes)
      await expect(applyMerge(project, plan, {})).rejects.toMatchObject({
        code: 'import-rejected',
        message: expect.stringMatching(
          /"media\/ev-0001\/clip\.mp4" does not match its size and SHA-256/,
        ),
      })
      expect(await folderHashes(e)).toEqual(before)

      await copyFile(shared.withMedia, fromF)
      await expect(applyMerge(project, plan, {})).rejects.toMatchObject({
        message: expect.stringMatching(/changed since the merge was prepared/),
      })
      expect(await folderHashes(e)).toEqual(before)
      expect((await readdir(e)).filter((n) => n.startsWith('.claimdesk-import'))).toEqual([])
    } finally {
      await project.close()
    }
  })
})
