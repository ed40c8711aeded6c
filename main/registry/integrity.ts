import type { IntegrityProblem } from '../../shared/api'
import { BUILTIN_STATUSES } from '../../shared/model/claim'
import type { MentionRef } from '../../shared/model/source'
import { fileChecks } from '../evidence/file-checks'
import type { OpenProject } from '../projects/open-project'

/**
 * Checks every reference between the project's entities: claims → sources, tags, articles,
 * annotations and statuses; relations → claims; sources → mentions; evidence → claims, its
 * publisher, mentions and its file on disk. A broken reference is reported with the entities
 * involved; nothing is changed or thrown.
 */
export async function checkReferences(project: OpenProject): Promise<IntegrityProblem[]> {
  const { sources, claims, relations, statuses, evidence } = project.registry.data
  const sourceIds = new Set(sources.map((s) => s.id))
  const claimIds = new Set(claims.map((c) => c.id))
  const tagIds = new Set(project.doc.data.tags.map((t) => t.id))
  const articleTitles = new Map(project.doc.data.articles.map((a) => [a.id, a.title]))
  const statusIds = new Set<string>([...BUILTIN_STATUSES, ...statuses.map((s) => s.id)])
  const problems: IntegrityProblem[] = []
  const claimLabel = (statement: string) =>
    `claim “${statement.length > 60 ? `${statement.slice(0, 60)}…` : statement}”`

  const mentionsToCheck: Array<{
    owner: string
    ownerType: 'claim' | 'source' | 'evidence'
    ownerId: string
    mention: MentionRef
  }> = []
  for (const claim of claims) {
    for (const id of [...claim.saidBy, ...claim.reportedBy]) {
      if (!sourceIds.has(id)) {
        problems.push({
          kind: 'missing-source',
          message: `The ${claimLabel(claim.statement)} cites source ${id}, which does not exist.`,
          entities: [
            { type: 'claim', id: claim.id },
            { type: 'source', id },
          ],
        })
      }
    }
    for (const id of claim.tagIds) {
      if (!tagIds.has(id)) {
        problems.push({
          kind: 'missing-tag',
          message: `The ${claimLabel(claim.statement)} carries tag ${id}, which does not exist.`,
          entities: [
            { type: 'claim', id: claim.id },
            { type: 'tag', id },
          ],
        })
      }
    }
    const status = claim.assessments.at(-1)?.status ?? ''
    if (!statusIds.has(status)) {
      problems.push({
        kind: 'missing-status',
        message: `The ${claimLabel(claim.statement)} has status “${status}”, which the project does not define.`,
        entities: [{ type: 'claim', id: claim.id }],
      })
    }
    for (const mention of claim.mentions) {
      mentionsToCheck.push({
        owner: `The ${claimLabel(claim.statement)}`,
        ownerType: 'claim',
        ownerId: claim.id,
        mention,
      })
    }
  }
  for (const source of sources) {
    for (const mention of source.mentions) {
      mentionsToCheck.push({
        owner: `Source “${source.name}”`,
        ownerType: 'source',
        ownerId: source.id,
        mention,
      })
    }
  }
  for (const relation of relations) {
    for (const id of [relation.fromClaimId, relation.toClaimId]) {
      if (!claimIds.has(id)) {
        problems.push({
          kind: 'missing-claim',
          message: `A “${relation.type}” relation points at claim ${id}, which does not exist.`,
          entities: [
            { type: 'relation', id: relation.id },
            { type: 'claim', id },
          ],
        })
      }
    }
  }
  for (const item of evidence) {
    const owner = `Evidence «${item.title}»`
    const links = [
      ...item.claimLinks.map((l) => ({ claimId: l.claimId, where: '' })),
      ...item.segments.flatMap((s) =>
        s.claimLinks.map((l) => ({ claimId: l.claimId, where: ' (in a segment)' })),
      ),
      ...item.regions.flatMap((r) =>
        r.claimLinks.map((l) => ({ claimId: l.claimId, where: ' (in a region)' })),
      ),
    ]
    for (const { claimId, where } of links) {
      if (!claimIds.has(claimId)) {
        problems.push({
          kind: 'missing-claim',
          message: `${owner} is linked${where} to claim ${claimId}, which does not exist.`,
          entities: [
            { type: 'evidence', id: item.id },
            { type: 'claim', id: claimId },
          ],
        })
      }
    }
    const publisherId = item.provenance.publisherId
    if (publisherId !== null && !sourceIds.has(publisherId)) {
      problems.push({
        kind: 'missing-source',
        message: `${owner} names source ${publisherId} as its publisher, which does not exist.`,
        entities: [
          { type: 'evidence', id: item.id },
          { type: 'source', id: publisherId },
        ],
      })
    }
    for (const mention of item.mentions) {
      mentionsToCheck.push({ owner, ownerType: 'evidence', ownerId: item.id, mention })
    }
  }
  for (const check of await fileChecks(project)) {
    if (check.state === 'missing' || check.state === 'changed') {
      problems.push({
        kind: 'evidence-file',
        message: check.message,
        entities: [{ type: 'evidence', id: check.itemId }],
      })
    }
  }
  // Only the articles that mentions point into are read.
  const annotationsByArticle = new Map<string, Set<string> | null>()
  for (const { owner, ownerType, ownerId, mention } of mentionsToCheck) {
    const title = articleTitles.get(mention.articleId)
    if (title === undefined) {
      problems.push({
        kind: 'missing-article',
        message: `${owner} is mentioned in article ${mention.articleId}, which is not in the project.`,
        entities: [
          { type: ownerType, id: ownerId },
          { type: 'article', id: mention.articleId },
        ],
      })
      continue
    }
    if (!annotationsByArticle.has(mention.articleId)) {
      const ids = await project
        .readArticle(mention.articleId)
        .then((a) => new Set(a.annotations.map((x) => x.id)))
        .catch(() => null)
      annotationsByArticle.set(mention.articleId, ids)
    }
    const ids = annotationsByArticle.get(mention.articleId)
    if (ids && !ids.has(mention.annotationId)) {
      problems.push({
        kind: 'missing-annotation',
        message: `${owner} is mentioned by annotation ${mention.annotationId} in “${title}”, which no longer exists.`,
        entities: [
          { type: ownerType, id: ownerId },
          { type: 'annotation', id: mention.annotationId },
        ],
      })
    }
  }
  return problems
}
