import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OpenProject } from '../../../main/projects/open-project'
import {
  estimateShareSize,
  packProject,
  readSharePackage,
  unpackAsNewProject,
  verifyProject,
} from '../../../main/sharing'
import { readProjectFolder, snapshotOfProject } from '../../../main/sharing/project-snapshot'
import { buildExchangeProject } from '../../helpers/exchange-project'
import { buildSharedProject, type SharedProject, USER } from './shared-project'

describe('sharing a project as one .claimdesk file (real files in a temp folder)', () => {
  let shared: SharedProject
  let withMedia: string
  let withoutMedia: string

  beforeAll(async () => {
    shared = await buildSharedProject()
    withMedia = join(shared.workDir, 'with-media.claimdesk')
    withoutMedia = join(shared.workDir, 'without-media.claimdesk')
  })
  afterAll(() => shared.cleanup())

  it('packs with media into a file no larger than the estimate', async () => {
    const project = await OpenProject.open(shared.folder, { userName: USER })
    let estimate: number
    let progress = 0
    try {
      estimate = await estimateShareSize(project, true)
      const result = await packProject(project, withMedia, {
        includeMedia: true,
        onProgress: (p) => (progress = p.done),
      })
      // manifest, project, registry, 2 articles, custody log, clip, frame
      expect(result).toMatchObject({ file: withMedia, entries: 8 })
      expect(result.size).toBe((await stat(withMedia)).size)
      expect(result.size).toBeLessThanOrEqual(estimate)
    } finally {
      await project.close()
    }
    expect(progress).toBe(256 * 1024 + 8 * 1024)
    const pkg = await readSharePackage(withMedia)
    expect(pkg.manifest).toMatchObject({
      format: 'claimdesk-project',
      formatVersion: 1,
      projectName: 'Nordkorea',
      createdBy: USER,
      includesMedia: true,
      linkedFiles: [],
    })
    expect(pkg.media.map((m) => m.path).sort()).toEqual([...shared.mediaPaths].sort())
    expect(pkg.problems).toEqual([])
  })

  it('unpacks into a new folder that opens with every entity and media file unchanged', async () => {
    const dest = join(shared.workDir, 'copy')
    const unpacked = await unpackAsNewProject(withMedia, dest)
    expect(unpacked).toEqual({ folder: dest, projectId: expect.any(String), problems: [] })

    const original = await readProjectFolder(shared.folder)
    const project = await OpenProject.open(dest)
    try {
      expect(project.doc.data).toEqual(original.project)
      expect(project.registry.data).toEqual(original.registry)
      for (const article of original.articles) {
        expect((await project.article(article.id)).data).toEqual(article)
      }
    } finally {
      await project.close()
    }
    expect((await readProjectFolder(dest)).custody).toEqual(original.custody)
    for (const path of shared.mediaPaths) {
      const copied = await readFile(join(dest, path))
      expect(copied.equals(await readFile(join(shared.folder, path))), path).toBe(true)
    }
  })

  it('packs without media: documents only, and the copied files are left out', async () => {
    await packProject(shared.folder, withoutMedia, { includeMedia: false })
    const pkg = await readSharePackage(withoutMedia)
    expect(pkg.manifest.includesMedia).toBe(false)
    expect(pkg.media).toEqual([])
    expect(pkg.manifest.entries.map((e) => e.path).sort()).toEqual(
      [
        'articles/' + shared.ids.articles[0] + '.json',
        'articles/' + shared.ids.articles[1] + '.json',
        'custody.jsonl',
        'project.json',
        'registry.json',
      ].sort(),
    )
    const dest = join(shared.workDir, 'documents-only')
    await unpackAsNewProject(withoutMedia, dest)
    expect((await readProjectFolder(dest)).registry.evidence).toHaveLength(1)
    await expect(stat(join(dest, shared.mediaPaths[0]))).rejects.toThrow(/ENOENT/)
  })

  it('refuses to unpack into a folder that is not empty', async () => {
    await expect(unpackAsNewProject(withMedia, shared.folder)).rejects.toMatchObject({
      code: 'project-exists',
    })
  })
})

describe('sharing the exchange project (emoji text, a hierarchy of tags, a real evidence clip)', () => {
  it('unpacks, while the project stays open in the app, into a copy equal entity for entity', async () => {
    const x = await buildExchangeProject()
    try {
      const project = x.project()
      const file = join(x.t.dir.path, 'exchange.claimdesk')
      await packProject(project, file, { includeMedia: true })
      const dest = join(x.t.dir.path, 'copy')
      expect((await unpackAsNewProject(file, dest)).problems).toEqual([])
      const original = await snapshotOfProject(project)
      const copy = await readProjectFolder(dest)
      expect(copy).toEqual(original)
      const clip = x.evidence.item.file.path
      const copied = await readFile(join(dest, clip))
      expect(copied.equals(await readFile(join(project.folder, clip)))).toBe(true)
      expect((await verifyProject(dest)).problems).toEqual([])
    } finally {
      await x.close()
    }
  })
})
