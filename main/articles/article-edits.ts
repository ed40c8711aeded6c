import type { ParsedInput, TextEditReport } from '../../shared/api'
import { CodePointIndex, describeRange, reanchorAll } from '../../shared/anchoring'
import type { Annotation } from '../../shared/model/annotation'
import type { ArticleSummary } from '../../shared/model/article'
import { AppFailure } from '../../shared/result'
import { normalizeArticleText } from '../../shared/text'
import type { OpenProject } from '../projects/open-project'

/** Edits an article's metadata, in its file and in the project index. */
export async function updateArticleMeta(
  project: OpenProject,
  input: ParsedInput<'articles:updateMeta'>,
): Promise<ArticleSummary> {
  const { id, ...meta } = input
  const doc = await project.article(id)
  const now = new Date().toISOString()
  const clean = {
    ...meta,
    title: meta.title.normalize('NFC'),
    outlet: meta.outlet.normalize('NFC'),
    authors: meta.authors.map((a) => a.normalize('NFC')),
    updatedAt: now,
  }
  await doc.update((article) => Object.assign(article, clean))
  let summary: ArticleSummary | undefined
  await project.doc.update((p) => {
    summary = p.articles.find((a) => a.id === id)
    if (summary) Object.assign(summary, clean)
    p.updatedAt = now
  })
  if (!summary)
    throw new AppFailure('not-found', `Article ${id} is missing from the project index.`)
  return summary
}

/**
 * Replaces an article's text (a researcher removes boilerplate or fixes a typo) and re-anchors
 * every annotation: it stays, moves with its text, follows a small edit inside its quote, or
 * becomes an orphan that keeps its old quote. Undoable like any other change.
 */
export async function updateArticleText(
  project: OpenProject,
  input: ParsedInput<'articles:updateText'>,
): Promise<TextEditReport> {
  const doc = await project.article(input.id)
  const before = { text: doc.data.text, annotations: doc.data.annotations }
  const text = normalizeArticleText(input.text)
  const index = new CodePointIndex(text)
  const live = before.annotations.filter((a) => !a.orphaned)
  const results = reanchorAll(index, live, { oldText: before.text })
  const now = new Date().toISOString()
  let moved = 0
  let orphaned = 0
  const reanchored = live.map((annotation, i): Annotation => {
    const result = results[i]
    if (!result || result.status === 'orphan') {
      orphaned++
      return { ...annotation, orphaned: true, updatedAt: now }
    }
    // Refresh the selectors (context too) so the next edit anchors against the text as it is now.
    const { quote, position } = describeRange(index, result.position.start, result.position.end)
    const unchanged =
      position.start === annotation.position.start &&
      position.end === annotation.position.end &&
      quote.prefix === annotation.quote.prefix &&
      quote.suffix === annotation.quote.suffix &&
      quote.exact === annotation.quote.exact
    if (unchanged) return annotation
    if (position.start !== annotation.position.start || quote.exact !== annotation.quote.exact)
      moved++
    return { ...annotation, quote, position, updatedAt: now }
  })
  const annotations = [...reanchored, ...before.annotations.filter((a) => a.orphaned)]
  await project.history.commit('Edit article text', [
    { entity: 'article-text', articleId: input.id, before, after: { text, annotations } },
  ])
  const article = (await project.article(input.id)).data
  return { article, anchored: live.length - orphaned, moved, orphaned }
}
