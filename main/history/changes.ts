import type { Annotation } from '../../shared/model/annotation'
import type { Claim, ClaimRelation, CustomStatus } from '../../shared/model/claim'
import type { EvidenceItem } from '../../shared/model/evidence'
import type { RegistryDocument } from '../../shared/model/registry'
import type { Source } from '../../shared/model/source'
import type { Tag } from '../../shared/model/tag'
import type { OpenProject } from '../projects/open-project'
import { codePointLength } from '../../shared/anchoring'

/** An article's text together with the annotations anchored in it. */
export interface ArticleTextState {
  text: string
  annotations: Annotation[]
}

/**
 * One entity's state before and after an action (null: absent). Every annotation and tag
 * change is expressed this way, so doing, undoing and redoing share one write path.
 */
export type Change =
  | { entity: 'annotation'; articleId: string; before: Annotation | null; after: Annotation | null }
  /** `position`: where a removed tag stood in the codebook, so undo puts it back there. */
  | { entity: 'tag'; before: Tag | null; after: Tag | null; position?: number }
  | { entity: 'article-text'; articleId: string; before: ArticleTextState; after: ArticleTextState }
  | RegistryChange<'source', Source>
  | RegistryChange<'claim', Claim>
  | RegistryChange<'relation', ClaimRelation>
  | RegistryChange<'status', CustomStatus>
  | RegistryChange<'evidence', EvidenceItem>

/** A change to one entity of registry.json; `position` restores its place on undo. */
export interface RegistryChange<E extends string, T> {
  entity: E
  before: T | null
  after: T | null
  position?: number
}

type AnyRegistryChange = Extract<
  Change,
  { entity: 'source' | 'claim' | 'relation' | 'status' | 'evidence' }
>

/** Which registry list holds each kind of registry entity. */
const REGISTRY_LISTS = {
  source: 'sources',
  claim: 'claims',
  relation: 'relations',
  status: 'statuses',
  evidence: 'evidence',
} as const satisfies Record<AnyRegistryChange['entity'], keyof RegistryDocument>

/** A removal that undo can put back in its place. */
export function removal<E extends AnyRegistryChange['entity'] | 'tag', T extends { id: string }>(
  entity: E,
  list: readonly T[],
  item: T,
): { entity: E; before: T; after: null; position: number } {
  return { entity, before: item, after: null, position: list.indexOf(item) }
}

export type Direction = 'forward' | 'backward'

function upsertById<T extends { id: string }>(
  list: T[],
  id: string,
  value: T | null,
  insertAt?: number,
): T[] {
  const index = list.findIndex((item) => item.id === id)
  if (value === null) return index === -1 ? list : list.filter((item) => item.id !== id)
  if (index === -1) {
    const at = insertAt === undefined ? list.length : Math.min(insertAt, list.length)
    return [...list.slice(0, at), value, ...list.slice(at)]
  }
  const copy = list.slice()
  copy[index] = value
  return copy
}

const idOf = (change: Change): string =>
  change.entity === 'article-text' ? change.articleId : ((change.after ?? change.before)?.id ?? '')

/**
 * Writes a set of changes: forward puts every entity in its `after` state, backward in its
 * `before` state. Each touched article file is written once, the project file at most once.
 */
export async function applyChanges(
  project: OpenProject,
  changes: readonly Change[],
  direction: Direction,
): Promise<void> {
  const ordered = direction === 'forward' ? changes : [...changes].reverse()
  const byArticle = new Map<string, Change[]>()
  const tagChanges: Array<Extract<Change, { entity: 'tag' }>> = []
  const registryChanges: AnyRegistryChange[] = []
  for (const change of ordered) {
    if (change.entity === 'tag') tagChanges.push(change)
    else if (change.entity === 'annotation' || change.entity === 'article-text') {
      byArticle.set(change.articleId, [...(byArticle.get(change.articleId) ?? []), change])
    } else registryChanges.push(change)
  }
  const textChanged = new Map<string, number>()
  for (const [articleId, articleChanges] of byArticle) {
    const doc = await project.article(articleId)
    await doc.update((article) => {
      for (const change of articleChanges) {
        const state = direction === 'forward' ? change.after : change.before
        if (change.entity === 'article-text') {
          const text = state as ArticleTextState
          article.text = text.text
          article.annotations = text.annotations
          textChanged.set(articleId, codePointLength(text.text))
        } else {
          article.annotations = upsertById(
            article.annotations,
            idOf(change),
            state as Annotation | null,
          )
        }
      }
      // Text order; ties keep creation order so undo restores the same sequence.
      article.annotations.sort(
        (a, b) =>
          a.position.start - b.position.start ||
          a.position.end - b.position.end ||
          a.createdAt.localeCompare(b.createdAt) ||
          a.id.localeCompare(b.id),
      )
      article.updatedAt = new Date().toISOString()
    })
    project.annotationIndex.replaceArticle(articleId, doc.data.annotations)
    project.search.markArticle(articleId)
  }
  if (registryChanges.length > 0) {
    project.search.markRegistry()
    const forward = direction === 'forward'
    // Mentions of articles deleted since a step was recorded are not brought back by undo.
    const articleIds = new Set(project.doc.data.articles.map((a) => a.id))
    await project.registry.update((registry) => {
      for (const change of registryChanges) {
        const key = REGISTRY_LISTS[change.entity]
        const list = registry[key] as Array<{ id: string }>
        let state = (forward ? change.after : change.before) as { id: string } | null
        if (state && 'mentions' in state) {
          const mentions = (state as { mentions: Array<{ articleId: string }> }).mentions
          state = { ...state, mentions: mentions.filter((m) => articleIds.has(m.articleId)) } as {
            id: string
          }
        }
        // A removal remembers where the item stood when it was removed, so that undoing several
        // removals in reverse order puts each back exactly in its place.
        if (forward && change.after === null)
          change.position = list.findIndex((item) => item.id === idOf(change))
        ;(registry[key] as Array<{ id: string }>) = upsertById(
          list,
          idOf(change),
          state,
          forward ? undefined : change.position,
        )
      }
    })
  }
  if (tagChanges.length > 0 || textChanged.size > 0) {
    await project.doc.update((p) => {
      for (const change of tagChanges) {
        const forward = direction === 'forward'
        if (forward && change.after === null) {
          change.position = p.tags.findIndex((t) => t.id === idOf(change))
        }
        p.tags = upsertById(
          p.tags,
          idOf(change),
          forward ? change.after : change.before,
          forward ? undefined : change.position,
        )
      }
      for (const [articleId, characterCount] of textChanged) {
        const summary = p.articles.find((a) => a.id === articleId)
        if (summary) summary.characterCount = characterCount
      }
      p.updatedAt = new Date().toISOString()
    })
  }
}

/**
 * Folds several changes to the same registry entity or tag into one: each was computed from the
 * entity's state before the action, so the fields each one changed are applied in turn.
 */
export function composeChanges(changes: Change[]): Change[] {
  const result: Change[] = []
  const byKey = new Map<string, number>()
  for (const change of changes) {
    if (change.entity === 'annotation' || change.entity === 'article-text') {
      result.push(change)
      continue
    }
    const key = `${change.entity}/${idOf(change)}`
    const at = byKey.get(key)
    const first = at === undefined ? undefined : result[at]
    if (at === undefined || !first || first.entity !== change.entity) {
      byKey.set(key, result.length)
      result.push(change)
      continue
    }
    const earlier = first as { before: object | null; after: object | null }
    if (change.after === null || earlier.after === null || change.before === null) {
      result[at] = { ...first, after: change.after } as Change
      continue
    }
    const merged: Record<string, unknown> = { ...earlier.after }
    const before = change.before as Record<string, unknown>
    for (const [field, value] of Object.entries(change.after)) {
      if (JSON.stringify(value) !== JSON.stringify(before[field])) merged[field] = value
    }
    result[at] = { ...first, after: merged } as Change
  }
  return result
}
