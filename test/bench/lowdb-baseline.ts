/**
 * Child process of the storage benchmark: the naive design we compare against, where the
 * whole project (index, every article text and every annotation) lives in ONE lowdb JSONFile
 * and saving one annotation rewrites that file.
 *
 *   tsx test/bench/lowdb-baseline.ts <projectFolder> <dbFile> [saves] [budgetMs]
 *
 * The single file is assembled from the project folder (untimed), then opened with lowdb
 * (timed) and `saves` annotations are appended, each followed by a write (timed). Each save
 * rewrites the whole file, so on a slow machine the run stops early once the saves have
 * taken `budgetMs` (the result says how many were made).
 */
import { readFileSync, statSync } from 'node:fs'
import { Low } from 'lowdb'
import { JSONFile } from 'lowdb/node'
import { articleFilePath, projectFilePath } from '../../main/store/project-layout'
import type { ArticleDocument } from '../../shared/model/article'
import type { ProjectDocument } from '../../shared/model/project'
import { runAsBenchChild } from './child'
import type { BaselineResult } from './storage-results'
import { syntheticAnnotation } from './synthetic-project'
import { createRng, TEXT_LANGUAGES } from './synthetic-text'

const DEFAULT_SAVES = 50
const DEFAULT_BUDGET_MS = 45_000

interface SingleFileProject {
  project: ProjectDocument
  articles: ArticleDocument[]
}

/** Builds the single file from the project folder's files (untimed setup). */
async function writeSingleFile(folder: string, file: string): Promise<void> {
  const project = JSON.parse(readFileSync(projectFilePath(folder), 'utf8')) as ProjectDocument
  const articles = project.articles.map(
    (row) => JSON.parse(readFileSync(articleFilePath(folder, row.id), 'utf8')) as ArticleDocument,
  )
  await new Low<SingleFileProject>(new JSONFile(file), { project, articles }).write()
}

async function measure(
  folder: string,
  file: string,
  saves: number,
  budgetMs: number,
): Promise<BaselineResult> {
  await writeSingleFile(folder, file)

  const openStarted = performance.now()
  const db = new Low<SingleFileProject | null>(new JSONFile(file), null)
  await db.read()
  const openMs = performance.now() - openStarted
  const data = db.data
  if (!data || data.articles.length !== data.project.articles.length) {
    throw new Error(`${file} does not hold every article of ${folder}`)
  }

  const rng = createRng(data.articles.length + 1)
  const ids = data.project.articles.map((a) => a.id)
  const tagIds = data.project.tags.map((t) => t.id)
  const saveMs: number[] = []
  const savesStarted = performance.now()
  for (let i = 0; i < saves && performance.now() - savesStarted < budgetMs; i++) {
    const articleId = rng.pick(ids)
    const article = data.articles.find((a) => a.id === articleId)
    if (!article) throw new Error(`article ${articleId} is missing from the single file`)
    const language = TEXT_LANGUAGES.find((l) => l === article.language) ?? 'en'
    const codePoints = Array.from(article.text)
    const annotation = syntheticAnnotation(rng, codePoints, language, new Date(), tagIds)

    const started = performance.now()
    await db.update((current) => {
      const target = current?.articles.find((a) => a.id === articleId)
      if (!target) throw new Error(`article ${articleId} vanished from the single file`)
      target.annotations.push(annotation)
      target.updatedAt = annotation.updatedAt
    })
    saveMs.push(performance.now() - started)
  }
  return {
    articles: ids.length,
    fileBytes: statSync(file).size,
    openMs,
    saveMs,
    savesRequested: saves,
  }
}

const [folder, file, savesArg, budgetArg] = process.argv.slice(2)
if (!folder || !file) {
  console.error(
    'usage: tsx test/bench/lowdb-baseline.ts <projectFolder> <dbFile> [saves] [budgetMs]',
  )
  process.exit(2)
}
runAsBenchChild(() =>
  measure(
    folder,
    file,
    savesArg ? Number(savesArg) : DEFAULT_SAVES,
    budgetArg ? Number(budgetArg) : DEFAULT_BUDGET_MS,
  ),
)
