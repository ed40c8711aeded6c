import { spawn } from 'node:child_process'
import { hostname } from 'node:os'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addArticle } from '../../../main/articles/articles'
import { OpenProject, restoreNewestBackup } from '../../../main/projects/open-project'
import { TEMP_SUFFIX } from '../../../main/store/durable-write'
import { LOCK_FILE } from '../../../main/store/project-layout'
import { makeAnnotation } from '../../helpers/annotations'
import { failureOf } from '../../helpers/failure'
import { copyFixture, tempDir } from '../../helpers/temp-dir'

const EVERY_WRITE = { backupPolicy: { keep: 3, minIntervalMs: 0 } }
const article = (title: string, text = 'Erster Absatz.\n\nZweiter Absatz mit „Zitat“.') => ({
  title,
  text,
  outlet: 'Beispiel',
  authors: [],
  url: '',
  publishedAt: '2026-10-18',
  language: 'de',
})

describe('project store', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>
  let folder: string
  beforeEach(async () => {
    dir = await tempDir()
    folder = join(dir.path, 'project')
  })
  afterEach(async () => dir.cleanup())

  it('creates the folder layout and reopens what was saved', async () => {
    const project = await OpenProject.create(folder, 'Korea')
    const added = await addArticle(project, article('Titel'))
    await project.close()
    const visible = (await readdir(folder)).filter((n) => !n.startsWith('.')).sort()
    expect(visible).toEqual(['articles', 'media', 'project.json', 'registry.json'])
    const reopened = await OpenProject.open(folder)
    expect(reopened.info()).toMatchObject({ name: 'Korea', articleCount: 1 })
    expect((await reopened.article(added.id)).data.text).toBe(
      'Erster Absatz.\n\nZweiter Absatz mit „Zitat“.',
    )
    await reopened.close()
  })

  it('refuses a second opener and names the holder; takes over a stale lock', async () => {
    const project = await OpenProject.create(folder, 'Locked')
    await project.close()
    // Another process holds the project open.
    const holder = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import('./main/projects/open-project.ts').then(async (m) => { await m.OpenProject.open(${JSON.stringify(folder)}); console.log('held'); setInterval(() => {}, 1000) })`,
      ],
      { cwd: resolve(import.meta.dirname, '../../..'), stdio: ['ignore', 'pipe', 'inherit'] },
    )
    await new Promise<void>((ready) =>
      holder.stdout.on('data', (d: Buffer) => d.toString().includes('held') && ready()),
    )
    const refused = await failureOf(OpenProject.open(folder))
    expect(refused.code).toBe('project-locked')
    expect(refused.message).toContain(`process ${holder.pid} on ${hostname()}`)
    expect(refused.message).toMatch(/since \d{4}-\d\d-\d\dT/)
    holder.kill('SIGKILL')
    await new Promise((gone) => holder.on('exit', gone))
    // Its pid is dead now: the lock is stale and is taken over.
    const reopened = await OpenProject.open(folder)
    await reopened.close()
  })

  it('refuses a lock held on another host', async () => {
    const project = await OpenProject.create(folder, 'Shared drive')
    await project.close()
    await writeFile(
      join(folder, LOCK_FILE),
      JSON.stringify({ pid: 1, host: 'laptop-of-colleague', since: '2026-11-20T10:00:00.000Z' }),
    )
    const refused = await failureOf(OpenProject.open(folder))
    expect(refused.message).toContain(
      'process 1 on laptop-of-colleague, since 2026-11-20T10:00:00.000Z',
    )
  })

  it('reports a damaged project.json by name, keeps it, and restores the last good backup', async () => {
    const project = await OpenProject.create(folder, 'Damaged', EVERY_WRITE)
    await addArticle(project, article('Eins'))
    await addArticle(project, article('Zwei'))
    await project.close()
    const damaged = '{"schemaVersion": 2, "id": "x", "name": "Dam'
    await writeFile(join(folder, 'project.json'), damaged)

    const failure = await failureOf(OpenProject.open(folder, EVERY_WRITE))
    expect(failure.code).toBe('corrupt-file')
    expect(failure.message).toContain('project.json')
    expect(failure.message).toContain('not valid JSON')
    expect(failure.details).toMatchObject({ file: 'project.json' })
    expect(await readFile(join(folder, 'project.json'), 'utf8')).toBe(damaged)

    const restored = await restoreNewestBackup(folder, 'project.json')
    expect(await readFile(restored.movedAside, 'utf8')).toBe(damaged)
    const reopened = await OpenProject.open(folder)
    // The newest backup is the version before the last write: one article.
    expect(reopened.doc.data.articles.map((a) => a.title)).toEqual(['Eins'])
    await reopened.close()
  })

  it('names the file and field of an article that fails validation, and never overwrites it', async () => {
    const project = await OpenProject.create(folder, 'Invalid')
    const added = await addArticle(project, article('Gut'))
    await project.close()
    const file = join(folder, 'articles', `${added.id}.json`)
    const broken = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>
    broken['title'] = ''
    broken['annotations'] = [{ id: 'a1' }]
    const brokenText = JSON.stringify(broken)
    await writeFile(file, brokenText)

    const reopened = await OpenProject.open(folder)
    const failure = await failureOf(reopened.article(added.id))
    expect(failure.message).toContain(`articles/${added.id}.json`)
    expect(failure.message).toContain('title: the title must not be empty')
    expect(failure.message).toContain('annotations.0.kind')
    expect(failure.details).toMatchObject({ file: `articles/${added.id}.json`, backups: 0 })
    await reopened.close()
    expect(await readFile(file, 'utf8')).toBe(brokenText)
  })

  it('keeps a few rolling backups per file', async () => {
    const project = await OpenProject.create(folder, 'Backups', EVERY_WRITE)
    const added = await addArticle(project, article('Backups'))
    const doc = await project.article(added.id)
    for (let i = 0; i < 6; i++) {
      await doc.update((d) => {
        d.annotations.push(makeAnnotation(`b${i}`, d.text, 0, 5))
      })
    }
    const backups = await project.backups.list(doc.file)
    expect(backups.length).toBe(3)
    const newest = JSON.parse(await readFile(backups[0] ?? '', 'utf8')) as {
      annotations: unknown[]
    }
    expect(newest.annotations.length).toBe(5)
    await project.close()
  })

  it('migrates a first-version project on open and keeps the old file as a backup', async () => {
    const v1 = await copyFixture('v1-project', dir.path)
    const project = await OpenProject.open(v1)
    expect(project.doc.data.schemaVersion).toBe(4)
    expect(project.doc.data.settings).toEqual({ evidenceStorage: 'copy' })
    expect(project.doc.data.createdAt).toBe('2026-10-20T08:30:00.000Z')
    const [summary] = project.doc.data.articles
    expect(summary).toMatchObject({
      publishedAt: '2026-10-18',
      language: 'de',
      authors: [],
      characterCount: 84,
    })
    const articleDoc = (await project.article('5e1a9c2b-7f3d-4b6e-8a1c-0d2e3f4a5b6c')).data
    expect(articleDoc).toMatchObject({
      schemaVersion: 2,
      publishedAt: '2026-10-18',
      language: 'de',
      annotations: [],
    })
    expect(articleDoc.text).toContain('mindestens 3.000 Soldaten')
    await project.close()
    const onDisk = JSON.parse(await readFile(join(v1, 'project.json'), 'utf8')) as {
      schemaVersion: number
    }
    expect(onDisk.schemaVersion).toBe(4)
    const backups = await readdir(join(v1, '.backups', 'project.json'))
    const old = JSON.parse(
      await readFile(join(v1, '.backups', 'project.json', backups[0] ?? ''), 'utf8'),
    ) as {
      schemaVersion: number
    }
    expect(old.schemaVersion).toBe(1)
  })

  it('refuses a project written by a newer version without touching it', async () => {
    const project = await OpenProject.create(folder, 'Future')
    await project.close()
    const file = join(folder, 'project.json')
    const future = (await readFile(file, 'utf8')).replace(
      '"schemaVersion": 4',
      '"schemaVersion": 99',
    )
    await writeFile(file, future)
    const failure = await failureOf(OpenProject.open(folder))
    expect(failure.code).toBe('unsupported-version')
    expect(failure.message).toContain('newer Claimdesk')
    expect(await readFile(file, 'utf8')).toBe(future)
  })

  it('clears temp files a crash left behind', async () => {
    const project = await OpenProject.create(folder, 'Temp')
    await project.close()
    const stale = join(folder, 'articles', `.x.json.123.abc${TEMP_SUFFIX}`)
    await mkdir(join(folder, 'articles'), { recursive: true })
    await writeFile(stale, '{"half":')
    const reopened = await OpenProject.open(folder)
    expect(await readdir(join(folder, 'articles'))).toEqual([])
    await reopened.close()
  })

  it('rejects creating a project in a file, a non-empty folder, or over an existing project', async () => {
    await writeFile(join(dir.path, 'file.txt'), 'x')
    expect(
      (await failureOf(OpenProject.create(join(dir.path, 'file.txt'), 'P'))).message,
    ).toContain('is a file, not a folder')
    await mkdir(join(dir.path, 'full'))
    await writeFile(join(dir.path, 'full', 'notes.txt'), 'x')
    expect((await failureOf(OpenProject.create(join(dir.path, 'full'), 'P'))).message).toContain(
      'is not empty',
    )
    const project = await OpenProject.create(folder, 'P')
    await project.close()
    expect((await failureOf(OpenProject.create(folder, 'P'))).code).toBe('project-exists')
    expect((await failureOf(OpenProject.open(join(dir.path, 'full')))).code).toBe('not-a-project')
  })
})
