import type { Claim } from '../../shared/model/claim'
import type { MentionRef, Source } from '../../shared/model/source'
import { AppFailure } from '../../shared/result'
import type { Change } from '../history/changes'
import type { OpenProject } from '../projects/open-project'

export const sameMention = (a: MentionRef, b: MentionRef) =>
  a.articleId === b.articleId && a.annotationId === b.annotationId

export function findSource(project: OpenProject, id: string): Source {
  const source = project.registry.data.sources.find((s) => s.id === id)
  if (!source)
    throw new AppFailure('not-found', `No source with id ${id}; it may have been deleted.`)
  return source
}

export function findClaim(project: OpenProject, id: string): Claim {
  const claim = project.registry.data.claims.find((c) => c.id === id)
  if (!claim) throw new AppFailure('not-found', `No claim with id ${id}; it may have been deleted.`)
  return claim
}

/** Refuses source ids that do not exist (a claim must never point at nothing). */
export function requireSources(project: OpenProject, ids: readonly string[], field: string): void {
  const known = new Set(project.registry.data.sources.map((s) => s.id))
  const unknown = ids.filter((id) => !known.has(id))
  if (unknown.length > 0) {
    throw new AppFailure(
      'not-found',
      `Unknown source ${unknown.join(', ')}: it may have been deleted.`,
      { field },
    )
  }
}

/** The annotation a mention points at; refuses mentions of annotations that do not exist. */
export async function requireMention(project: OpenProject, mention: MentionRef) {
  const article = await project.article(mention.articleId)
  const annotation = article.data.annotations.find((a) => a.id === mention.annotationId)
  if (!annotation) {
    throw new AppFailure(
      'not-found',
      `No annotation ${mention.annotationId} in that article; it may have been deleted.`,
      {
        field: 'mention',
      },
    )
  }
  return { article: article.data, annotation }
}

/**
 * `entity` with `mention` linked or unlinked (a linked one must exist), or `null` when it
 * already is so, so that callers record no empty step.
 */
export async function withMention<T extends { mentions: MentionRef[]; updatedAt: string }>(
  project: OpenProject,
  entity: T,
  mention: MentionRef,
  linked: boolean,
): Promise<T | null> {
  if (linked) await requireMention(project, mention)
  if (entity.mentions.some((m) => sameMention(m, mention)) === linked) return null
  const others = entity.mentions.filter((m) => !sameMention(m, mention))
  return {
    ...entity,
    mentions: linked ? [...others, mention] : others,
    updatedAt: new Date().toISOString(),
  }
}

/** Changes that drop every claim, source and evidence mention matching `gone` (its annotation goes). */
export function mentionRemovals(project: OpenProject, gone: (m: MentionRef) => boolean): Change[] {
  const time = new Date().toISOString()
  const changes: Change[] = []
  for (const before of project.registry.data.claims) {
    if (before.mentions.some(gone)) {
      changes.push({
        entity: 'claim',
        before,
        after: { ...before, mentions: before.mentions.filter((m) => !gone(m)), updatedAt: time },
      })
    }
  }
  for (const before of project.registry.data.sources) {
    if (before.mentions.some(gone)) {
      changes.push({
        entity: 'source',
        before,
        after: { ...before, mentions: before.mentions.filter((m) => !gone(m)), updatedAt: time },
      })
    }
  }
  for (const before of project.registry.data.evidence) {
    if (before.mentions.some(gone)) {
      changes.push({
        entity: 'evidence',
        before,
        after: { ...before, mentions: before.mentions.filter((m) => !gone(m)), updatedAt: time },
      })
    }
  }
  return changes
}

/** Changes that replace tag `fromId` by `toId` (or drop it) on claims. */
export function claimTagRewrites(
  project: OpenProject,
  fromId: string,
  toId: string | null,
): Change[] {
  const time = new Date().toISOString()
  return project.registry.data.claims
    .filter((c) => c.tagIds.includes(fromId))
    .map((before) => ({
      entity: 'claim' as const,
      before,
      after: {
        ...before,
        tagIds: [
          ...new Set(before.tagIds.flatMap((id) => (id === fromId ? (toId ? [toId] : []) : [id]))),
        ],
        updatedAt: time,
      },
    }))
}
