import { randomUUID } from 'node:crypto'
import type { NewArticleInput } from '../../shared/api'
import {
  ARTICLE_SCHEMA_VERSION,
  type ArticleDocument,
  type ArticleOrigin,
  type ArticleSummary,
} from '../../shared/model/article'
import { AppFailure } from '../../shared/result'
import { normalizeArticleText } from '../../shared/text'
import type { OpenProject } from '../projects/open-project'

/** The index row for an article document. */
export function summarize(doc: ArticleDocument): ArticleSummary {
  const { schemaVersion: _v, text, annotations: _a, ...meta } = doc
  return { ...meta, characterCount: [...text].length }
}

/** Adds an article: its own file first, then its row in the project index. */
export async function addArticle(
  project: OpenProject,
  input: Required<Omit<NewArticleInput, 'retrievedAt'>> & { retrievedAt?: string },
  origin: ArticleOrigin = { kind: 'paste' },
): Promise<ArticleSummary> {
  const text = normalizeArticleText(input.text)
  if (text.length === 0) {
    throw new AppFailure('invalid-input', 'The article text is empty.', { field: 'text' })
  }
  const now = new Date().toISOString()
  const doc: ArticleDocument = {
    schemaVersion: ARTICLE_SCHEMA_VERSION,
    id: randomUUID(),
    title: input.title.trim().normalize('NFC'),
    outlet: input.outlet.trim().normalize('NFC'),
    authors: input.authors.map((a) => a.trim().normalize('NFC')),
    url: input.url.trim(),
    publishedAt: input.publishedAt,
    retrievedAt: input.retrievedAt ?? now.slice(0, 10),
    language: input.language,
    origin,
    addedAt: now,
    updatedAt: now,
    text,
    annotations: [],
  }
  await project.createArticle(doc)
  const summary = summarize(doc)
  await project.doc.update((p) => {
    p.articles.push(summary)
    p.updatedAt = now
  })
  return summary
}

export function listArticles(project: OpenProject): ArticleSummary[] {
  return project.doc.data.articles
}

export async function getArticle(
  project: OpenProject,
  articleId: string,
): Promise<ArticleDocument> {
  return (await project.article(articleId)).data
}

/** Removes the article from the index first, then its file (a backup of it is kept). */
export async function deleteArticle(project: OpenProject, articleId: string): Promise<void> {
  if (!project.doc.data.articles.some((a) => a.id === articleId)) {
    throw new AppFailure('not-found', `No article with id ${articleId} in this project.`)
  }
  await project.doc.update((p) => {
    p.articles = p.articles.filter((a) => a.id !== articleId)
    p.updatedAt = new Date().toISOString()
  })
  // Claims and sources keep no mention of an article that is gone (not undoable, like the deletion).
  // New objects, not edits in place: undo history holds the old states and must keep them.
  const keep = <T extends { mentions: Array<{ articleId: string }> }>(item: T): T =>
    item.mentions.some((m) => m.articleId === articleId)
      ? { ...item, mentions: item.mentions.filter((m) => m.articleId !== articleId) }
      : item
  await project.registry.update((registry) => {
    registry.claims = registry.claims.map(keep)
    registry.sources = registry.sources.map(keep)
  })
  await project.removeArticleFile(articleId)
}
