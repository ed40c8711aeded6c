import type { LinkedAnnotation, ParsedInput } from '../../shared/api'
import type { Claim } from '../../shared/model/claim'
import type { Source } from '../../shared/model/source'
import { newClaim } from '../claims/claims'
import type { Change } from '../history/changes'
import type { OpenProject } from '../projects/open-project'
import { findClaim, findSource } from '../registry/registry'
import { newSource } from '../sources/sources'
import { buildAnnotation } from './annotations'

/**
 * Annotates a selection and, in the same undoable step, makes it a mention of a claim or a source:
 * an existing one, or a new one named after the quote (a source of the same name is reused).
 */
export async function createLinkedAnnotation(
  project: OpenProject,
  input: ParsedInput<'annotations:createLinked'>,
): Promise<LinkedAnnotation> {
  const { link, ...annotationInput } = input
  const annotation = await buildAnnotation(project, annotationInput)
  const mention = { articleId: input.articleId, annotationId: annotation.id }
  const time = new Date().toISOString()
  const changes: Change[] = [
    { entity: 'annotation', articleId: input.articleId, before: null, after: annotation },
  ]
  let claim: Claim | null = null
  let source: Source | null = null
  if ('claimId' in link) {
    const before = findClaim(project, link.claimId)
    claim = { ...before, mentions: [...before.mentions, mention], updatedAt: time }
    changes.push({ entity: 'claim', before, after: claim })
  } else if ('newClaim' in link) {
    const article = await project.readArticle(input.articleId)
    claim = newClaim(
      project,
      annotation.quote.exact.trim(),
      article.language,
      [mention],
      annotation.tagIds,
    )
    changes.push({ entity: 'claim', before: null, after: claim })
  } else {
    const name = annotation.quote.exact.trim()
    const existing =
      'sourceId' in link
        ? findSource(project, link.sourceId)
        : project.registry.data.sources.find((s) =>
            [s.name, ...s.aliases].some((n) => n.toLocaleLowerCase() === name.toLocaleLowerCase()),
          )
    if (existing) {
      source = { ...existing, mentions: [...existing.mentions, mention], updatedAt: time }
      changes.push({ entity: 'source', before: existing, after: source })
    } else {
      source = newSource({ name, kind: 'other', mentions: [mention] })
      changes.push({ entity: 'source', before: null, after: source })
    }
  }
  const label = claim ? 'Create claim from selection' : 'Create source mention'
  await project.history.commit(label, changes)
  return { annotation, claim, source }
}
