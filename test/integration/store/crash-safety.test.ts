import { spawn } from 'node:child_process'
import { readdir, rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addArticle } from '../../../main/articles/articles'
import { OpenProject } from '../../../main/projects/open-project'
import { TEMP_SUFFIX } from '../../../main/store/durable-write'
import { tempDir } from '../../helpers/temp-dir'

const WRITER = resolve(import.meta.dirname, 'kill-writer.ts')
const REPO = resolve(import.meta.dirname, '../../..')
const KILLS = 50
let writerBundle = ''

interface RunResult {
  annotations: string[]
  articles: string[]
}

/** Runs the writer, kills it with SIGKILL after `delayMs` of writing, returns what it reported. */
function runAndKill(
  folder: string,
  articleId: string,
  prefix: string,
  delayMs: number,
): Promise<RunResult> {
  return new Promise((done, fail) => {
    // Plain node on a prebuilt bundle: the pid we kill is the writer itself, and it starts fast.
    const child = spawn(process.execPath, [writerBundle, folder, articleId, prefix], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const reported: RunResult = { annotations: [], articles: [] }
    let buffer = ''
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString()
      const lines = buffer.split('\n')
      buffer = lines.pop() ?? ''
      for (const line of lines) {
        if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), delayMs)
        else if (line.startsWith('annotation ')) reported.annotations.push(line.slice(11))
        else if (line.startsWith('article ')) reported.articles.push(line.slice(8))
      }
    })
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') done(reported)
      else fail(new Error(`writer exited on its own (${String(_code)}): ${stderr}`))
    })
  })
}

describe('a process killed while saving', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>
  let folder: string
  let articleId: string

  beforeAll(async () => {
    dir = await tempDir()
    // Inside the repository, so the bundle's package imports (zod, lowdb) resolve.
    writerBundle = join(REPO, 'node_modules', '.cache', `kill-writer-${process.pid}.mjs`)
    await build({
      entryPoints: [WRITER],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile: writerBundle,
      logLevel: 'silent',
    })
    folder = join(dir.path, 'project')
    const project = await OpenProject.create(folder, 'Crash test')
    const article = await addArticle(project, {
      title: 'Crash target',
      text: 'The quick brown fox jumps over the lazy dog. '.repeat(20),
      outlet: '',
      authors: [],
      url: '',
      publishedAt: '',
      language: 'en',
    })
    articleId = article.id
    await project.close()
  })
  afterAll(async () => {
    await rm(writerBundle, { force: true })
    await dir.cleanup()
  })

  it(
    `leaves a project that opens and holds every reported save, over ${KILLS} SIGKILLs`,
    { timeout: 300_000 },
    async () => {
      const expectedAnnotations = new Set<string>()
      const expectedArticles = new Set<string>()
      let totalSaves = 0
      for (let round = 0; round < KILLS; round++) {
        // Random moments: early (during open/first writes) up to well into the loop.
        const delay = Math.floor(Math.random() * 120)
        const reported = await runAndKill(folder, articleId, `r${round}`, delay)
        reported.annotations.forEach((id) => expectedAnnotations.add(id))
        reported.articles.forEach((id) => expectedArticles.add(id))
        totalSaves += reported.annotations.length + reported.articles.length

        // The dead writer's lock is stale and must be taken over.
        const project = await OpenProject.open(folder)
        try {
          const saved = new Set(
            (await project.article(articleId)).data.annotations.map((a) => a.id),
          )
          const missing = [...expectedAnnotations].filter((id) => !saved.has(id))
          expect(missing, `round ${round}: annotations reported saved but lost`).toEqual([])
          const indexed = new Set(project.doc.data.articles.map((a) => a.id))
          for (const id of expectedArticles) {
            expect(indexed.has(id), `round ${round}: article ${id} missing from index`).toBe(true)
            await project.article(id) // loads and validates
          }
        } finally {
          await project.close()
        }
      }
      // The crash test only means something if the writer got to write.
      expect(totalSaves).toBeGreaterThan(KILLS)
      const leftovers = (await readdir(join(folder, 'articles'))).filter((n) =>
        n.endsWith(TEMP_SUFFIX),
      )
      expect(leftovers).toEqual([])
    },
  )
})
