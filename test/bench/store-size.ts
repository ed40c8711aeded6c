/**
 * Child process of the storage benchmark, one project size per process so the memory figure
 * is this project's alone:
 *
 *   tsx test/bench/store-size.ts <articles> <projectFolder> [saves]
 *
 * Opens the project five times (closing in between), builds its annotation index, then appends
 * `saves` annotations to random articles through the real store and prints a StoreSizeResult
 * as JSON.
 */
import { OpenProject } from '../../main/projects/open-project'
import { runAsBenchChild } from './child'
import type { StoreSizeResult } from './storage-results'
import { checkNewAnnotation, syntheticAnnotation } from './synthetic-project'
import { createRng, TEXT_LANGUAGES, type TextLanguage } from './synthetic-text'

const OPENS = 5
const DEFAULT_SAVES = 200

const asTextLanguage = (language: string): TextLanguage =>
  TEXT_LANGUAGES.find((l) => l === language) ?? 'en'

async function measure(articles: number, folder: string, saves: number): Promise<StoreSizeResult> {
  const openMs: number[] = []
  let rssAfterOpen = 0
  let heapUsedAfterOpen = 0
  for (let i = 0; i < OPENS; i++) {
    const started = performance.now()
    const project = await OpenProject.open(folder)
    openMs.push(performance.now() - started)
    if (i === 0) {
      const usage = process.memoryUsage()
      rssAfterOpen = usage.rss
      heapUsedAfterOpen = usage.heapUsed
    }
    if (project.doc.data.articles.length !== articles) {
      throw new Error(
        `expected ${articles} articles, the project has ${project.info().articleCount}`,
      )
    }
    await project.close()
  }

  const rng = createRng(articles)
  const project = await OpenProject.open(folder)
  // The codebook's tag counts need every annotation: the first tag list after open waits
  // for this index to be built from all article files.
  const indexStarted = performance.now()
  await project.annotationIndex.all()
  const indexBuildMs = performance.now() - indexStarted
  const rssAfterIndex = process.memoryUsage().rss
  const ids = project.doc.data.articles.map((a) => a.id)
  const tagIds = project.doc.data.tags.map((t) => t.id)
  const loaded = new Set<string>()
  const saved = new Set<string>()
  const loadMs: number[] = []
  const saveMs: number[] = []
  const firstSave: boolean[] = []
  let last: { articleId: string; annotationId: string } | null = null
  try {
    for (let i = 0; i < saves; i++) {
      const articleId = rng.pick(ids)
      // The first load reads and validates the file; it is timed apart from the save.
      const loadStarted = performance.now()
      const doc = await project.article(articleId)
      if (!loaded.has(articleId)) {
        loadMs.push(performance.now() - loadStarted)
        loaded.add(articleId)
      }
      const codePoints = Array.from(doc.data.text)
      const annotation = syntheticAnnotation(
        rng,
        codePoints,
        asTextLanguage(doc.data.language),
        new Date(),
        tagIds,
      )
      if (i < 10) checkNewAnnotation(annotation, codePoints)
      firstSave.push(!saved.has(articleId))
      saved.add(articleId)

      const started = performance.now()
      await doc.update((article) => {
        article.annotations.push(annotation)
        article.updatedAt = annotation.updatedAt
      })
      saveMs.push(performance.now() - started)
      last = { articleId, annotationId: annotation.id }
    }
  } finally {
    await project.close()
  }

  // The saves must have landed: reopen and find the last annotation in its article.
  if (last) {
    const check = await OpenProject.open(folder)
    try {
      const article = (await check.article(last.articleId)).data
      const annotationId = last.annotationId
      if (!article.annotations.some((a) => a.id === annotationId)) {
        throw new Error(`the last saved annotation is missing from ${last.articleId}`)
      }
    } finally {
      await check.close()
    }
  }
  return {
    articles,
    openMs,
    rssAfterOpen,
    heapUsedAfterOpen,
    indexBuildMs,
    rssAfterIndex,
    loadMs,
    saveMs,
    firstSave,
  }
}

const [articlesArg, folder, savesArg] = process.argv.slice(2)
const articles = Number(articlesArg)
if (!folder || !Number.isInteger(articles) || articles <= 0) {
  console.error('usage: tsx test/bench/store-size.ts <articles> <projectFolder> [saves]')
  process.exit(2)
}
runAsBenchChild(() => measure(articles, folder, savesArg ? Number(savesArg) : DEFAULT_SAVES))
