import { mkdir, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OpenProject } from '../../../main/projects/open-project'
import { applyMerge, mergeSharePackage, verifyProject } from '../../../main/sharing'
import { sha256Hex } from '../../../main/sharing/entities'
import { readMergeBase, recordMergeBase } from '../../../main/sharing/merge-base'
import { folderHashes, type PackedSharedProject, packSharedProject } from './shared-project'

describe('media files when merging a .claimdesk file', () => {
  let shared: PackedSharedProject
  beforeAll(async () => {
    shared = await packSharedProject()
  })
  afterAll(() => shared.cleanup())

  const original = (path: string) => readFile(join(shared.folder, path))
  const recorded = async (path: string) => sha256Hex(await original(path))

  it('restores media missing here from a package that differs in nothing else; a second merge changes nothing', async () => {
    const a = await shared.copyOf(shared.documentsOnly)
    const [clip, frame] = shared.mediaPaths
    const project = await OpenProject.open(a)
    try {
      const plan = await mergeSharePackage(project, shared.withMedia)
      expect(plan.changes).toEqual([])
      expect(plan.conflicts).toEqual([])
      expect(plan.mediaFiles).toEqual([
        { path: clip, sha256: await recorded(clip), status: 'restore' },
        { path: frame, sha256: await recorded(frame), status: 'restore' },
      ])
      const result = await applyMerge(project, plan, {})
      expect(result).toMatchObject({
        changed: true,
        mediaFiles: 2,
        missingMedia: [],
        mediaConflicts: [],
        backups: [],
      })
    } finally {
      await project.close()
    }
    for (const path of shared.mediaPaths) {
      expect((await readFile(join(a, path))).equals(await original(path)), path).toBe(true)
    }
    expect((await verifyProject(a)).problems).toEqual([])

    const before = await folderHashes(a)
    const again = await OpenProject.open(a)
    try {
      const plan = await mergeSharePackage(again, shared.withMedia)
      expect(plan.mediaFiles).toEqual([])
      expect((await applyMerge(again, plan, {})).changed).toBe(false)
    } finally {
      await again.close()
    }
    expect(await folderHashes(a)).toEqual(before)
  })

  it('never overwrites a local file that differs, and names files no package holds', async () => {
    const a = await shared.copyOf(shared.withMedia)
    const [clip, frame] = shared.mediaPaths
    const changedClip = Buffer.from('a local file with other content')
    await writeFile(join(a, clip), changedClip)
    await rm(join(a, frame))

    const project = await OpenProject.open(a)
    try {
      const withoutMedia = await mergeSharePackage(project, shared.documentsOnly)
      expect(withoutMedia.mediaFiles).toEqual([
        { path: clip, sha256: await recorded(clip), status: 'differs' },
        { path: frame, sha256: await recorded(frame), status: 'unavailable' },
      ])
      expect(await applyMerge(project, withoutMedia, {})).toMatchObject({
        changed: false,
        mediaFiles: 0,
        missingMedia: [frame],
        mediaConflicts: [clip],
      })

      const plan = await mergeSharePackage(project, shared.withMedia)
      expect(plan.mediaFiles.map((m) => [m.path, m.status])).toEqual([
        [clip, 'differs'],
        [frame, 'restore'],
      ])
      expect(await applyMerge(project, plan, {})).toMatchObject({
        changed: true,
        mediaFiles: 1,
        missingMedia: [],
        mediaConflicts: [clip],
      })
    } finally {
      await project.close()
    }
    expect((await readFile(join(a, clip))).equals(changedClip)).toBe(true)
    expect((await readFile(join(a, frame))).equals(await original(frame))).toBe(true)
  })

  it('removes staging folders a crashed merge left behind, and nothing else', async () => {
    const a = await shared.copyOf(shared.withMedia)
    const hourAgo = new Date(Date.now() - 3600_000)
    const inAnHour = new Date(Date.now() + 3600_000)
    const make = async (name: string, when: Date) => {
      await mkdir(join(a, name, 'media'), { recursive: true })
      await writeFile(join(a, name, 'media', 'part.mp4'), 'half a video')
      await utimes(join(a, name), when, when)
    }
    await make('.claimdesk-import-crashed', hourAgo)
    // Newer than the merge: another operation's, left alone.
    await make('.claimdesk-import-newer', inAnHour)
    await make('claimdesk-import-notes', hourAgo)
    await writeFile(join(a, '.claimdesk-import-file'), 'not a folder')
    await utimes(join(a, '.claimdesk-import-file'), hourAgo, hourAgo)

    const project = await OpenProject.open(a)
    try {
      const plan = await mergeSharePackage(project, shared.withMedia)
      expect((await applyMerge(project, plan, {})).changed).toBe(false)
    } finally {
      await project.close()
    }
    const left = (await readdir(a)).filter((n) => n.includes('claimdesk-import')).sort()
    expect(left).toEqual([
      '.claimdesk-import-file',
      '.claimdesk-import-newer',
      'claimdesk-import-notes',
    ])
  })

  it('loses no update when several record the merge base at once', async () => {
    const folder = join(shared.workDir, 'bases')
    await mkdir(folder)
    const projectId = 'p-0001'
    const keys = Array.from({ length: 8 }, (_, i) => `claim:c-${i}`)
    await Promise.all(
      keys.map((key) => recordMergeBase(folder, projectId, { [key]: sha256Hex(key) })),
    )
    const base = await readMergeBase(folder, projectId)
    expect(Object.keys(base ?? {}).sort()).toEqual(keys)
  })
})
