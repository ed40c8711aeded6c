import { randomUUID } from 'node:crypto'
import type { AnnotationInProject, CallInput, ParsedInput } from '../../shared/api'
import { codePointLength, describeRange } from '../../shared/anchoring'
import type { Annotation } from '../../shared/model/annotation'
import { AppFailure } from '../../shared/result'
import type { OpenProject } from '../projects/open-project'
import type { MentionRef } from '../../shared/model/source'
import { mentionRemovals } from '../registry/registry'
import { requireKnownTags } from '../tags/tags'

async function findAnnotation(
  project: OpenProject,
  articleId: string,
  id: string,
): Promise<Annotation> {
  const found = (await project.article(articleId)).data.annotations.find((a) => a.id === id)
  if (!found)
    throw new AppFailure(
      'not-found',
      `No annotation ${id} in this article; it may have been deleted.`,
    )
  return found
}

/** Annotates `[start, end)` (code points) of an article; the quote is taken from the stored text. */
export async function createAnnotation(
  project: OpenProject,
  input: ParsedInput<'annotations:create'>,
): Promise<Annotation> {
  const annotation = await buildAnnotation(project, input)
  await project.history.commit(`Create ${input.kind}`, [
    { entity: 'annotation', articleId: input.articleId, before: null, after: annotation },
  ])
  return annotation
}

/** A new annotation over the input's range, checked against the stored text (not yet saved). */
export async function buildAnnotation(
  project: OpenProject,
  input: ParsedInput<'annotations:create'>,
): Promise<Annotation> {
  const article = (await project.article(input.articleId)).data
  const length = codePointLength(article.text)
  if (input.start >= input.end) {
    throw new AppFailure('invalid-input', 'The selection is empty; select some text.', {
      field: 'end',
    })
  }
  if (input.end > length) {
    throw new AppFailure(
      'invalid-input',
      `The selection ${input.start}–${input.end} is outside the article's text (${length} characters).`,
      { field: 'end' },
    )
  }
  const exact = describeRange(article.text, input.start, input.end)
  if (exact.quote.exact.trim() === '') {
    throw new AppFailure('invalid-input', 'The selection holds only spaces; select some text.', {
      field: 'start',
    })
  }
  requireKnownTags(project, input.tagIds)
  const now = new Date().toISOString()
  const annotation: Annotation = {
    id: randomUUID(),
    kind: input.kind,
    quote: exact.quote,
    position: exact.position,
    orphaned: false,
    tagIds: [...new Set(input.tagIds)],
    comment: input.comment,
    createdAt: now,
    updatedAt: now,
  }
  return annotation
}

export async function updateAnnotation(
  project: OpenProject,
  input: ParsedInput<'annotations:update'>,
): Promise<Annotation> {
  const before = await findAnnotation(project, input.articleId, input.id)
  if (input.tagIds) requireKnownTags(project, input.tagIds)
  const after: Annotation = {
    ...before,
    kind: input.kind ?? before.kind,
    tagIds: input.tagIds ? [...new Set(input.tagIds)] : before.tagIds,
    comment: input.comment ?? before.comment,
    updatedAt: new Date().toISOString(),
  }
  await project.history.commit('Edit annotation', [
    { entity: 'annotation', articleId: input.articleId, before, after },
  ])
  return after
}

export async function deleteAnnotation(
  project: OpenProject,
  input: CallInput<'annotations:delete'>,
): Promise<void> {
  const before = await findAnnotation(project, input.articleId, input.id)
  // Claims and sources that cite this annotation as a mention lose that mention with it.
  const gone = (m: MentionRef) => m.articleId === input.articleId && m.annotationId === input.id
  await project.history.commit('Delete annotation', [
    ...mentionRemovals(project, gone),
    { entity: 'annotation', articleId: input.articleId, before, after: null },
  ])
}

/** Annotations across the project matching every given filter (any of the kinds, any of the tags). */
export async function listAnnotations(
  project: OpenProject,
  filter: ParsedInput<'annotations:list'>,
): Promise<AnnotationInProject[]> {
  const all = await project.annotationIndex.all()
  const kinds = new Set(filter.kinds)
  const tags = new Set(filter.tagIds)
  const result: AnnotationInProject[] = []
  for (const article of project.doc.data.articles) {
    if (filter.articleId && article.id !== filter.articleId) continue
    for (const annotation of all.get(article.id) ?? []) {
      if (kinds.size > 0 && !kinds.has(annotation.kind)) continue
      if (tags.size > 0 && !annotation.tagIds.some((t) => tags.has(t))) continue
      if (filter.orphanedOnly && !annotation.orphaned) continue
      result.push({ articleId: article.id, articleTitle: article.title, annotation })
    }
  }
  return result
}
