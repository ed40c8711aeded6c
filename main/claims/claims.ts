import { randomUUID } from 'node:crypto'
import type { ParsedInput } from '../../shared/api'
import {
  type Assessment,
  type Claim,
  type ClaimQuantity,
  type ClaimRelation,
  type CustomStatus,
} from '../../shared/model/claim'
import type { MentionRef } from '../../shared/model/source'
import { parseQuantities } from '../../shared/quantities'
import { AppFailure } from '../../shared/result'
import { claimLinkRemovals } from '../evidence/evidence-links'
import { type Change, removal } from '../history/changes'
import type { OpenProject } from '../projects/open-project'
import { assessedNow, requireStatus, withAssessment } from '../registry/assessments'
import { findClaim, requireMention, requireSources, withMention } from '../registry/registry'
import { requireKnownTags } from '../tags/tags'
import { SIMILAR_CLAIM_THRESHOLD, statementSimilarity } from './similarity'

const now = () => new Date().toISOString()

/** Figures recognised in a statement, in the claim's stored shape. */
export function quantitiesOf(text: string, language: string): ClaimQuantity[] {
  const hint = language === 'de' || language === 'en' ? language : ''
  return parseQuantities(text, hint).map((q) => ({
    value: q.value,
    upper: q.upper ?? null,
    qualifier: q.qualifier,
    unit: q.unit,
    text: q.text,
  }))
}

/**
 * Creates a claim, in one step from a selection's annotation if given: the annotation becomes its
 * first mention, its quote the default statement, and figures in it are recognised.
 */
export async function createClaim(
  project: OpenProject,
  input: ParsedInput<'claims:create'>,
): Promise<Claim> {
  let statement = input.statement?.trim().normalize('NFC') ?? ''
  let language = ''
  const mentions: MentionRef[] = []
  if (input.mention) {
    const { article, annotation } = await requireMention(project, input.mention)
    mentions.push(input.mention)
    // The quote is in the article's language; a statement the researcher wrote may not be.
    if (!statement) {
      statement = annotation.quote.exact.trim()
      language = article.language
    }
  }
  if (!statement)
    throw new AppFailure('invalid-input', 'Write the claim in your own words.', {
      field: 'statement',
    })
  requireSources(project, input.saidBy, 'saidBy')
  requireSources(project, input.reportedBy, 'reportedBy')
  requireKnownTags(project, input.tagIds)
  const claim: Claim = {
    ...newClaim(project, statement, language, mentions, input.tagIds),
    saidBy: [...new Set(input.saidBy)],
    reportedBy: [...new Set(input.reportedBy)],
    madeOn: input.madeOn,
    notes: input.notes,
  }
  await project.history.commit('Create claim', [{ entity: 'claim', before: null, after: claim }])
  return claim
}

/** A new, unassessed claim with the figures in its statement recognised (not yet saved). */
export function newClaim(
  project: OpenProject,
  statement: string,
  language: string,
  mentions: MentionRef[],
  tagIds: readonly string[],
): Claim {
  const time = now()
  return {
    id: randomUUID(),
    statement,
    saidBy: [],
    reportedBy: [],
    madeOn: '',
    mentions,
    tagIds: [...new Set(tagIds)],
    notes: '',
    quantities: quantitiesOf(statement, language),
    assessments: [
      { status: 'unstarted', credibility: null, rationale: '', by: project.userName, at: time },
    ],
    createdAt: time,
    updatedAt: time,
  }
}

export async function updateClaim(
  project: OpenProject,
  input: ParsedInput<'claims:update'>,
): Promise<Claim> {
  const before = findClaim(project, input.id)
  if (input.saidBy) requireSources(project, input.saidBy, 'saidBy')
  if (input.reportedBy) requireSources(project, input.reportedBy, 'reportedBy')
  if (input.tagIds) requireKnownTags(project, input.tagIds)
  const statement = input.statement?.trim().normalize('NFC') ?? before.statement
  const after: Claim = {
    ...before,
    statement,
    saidBy: input.saidBy ? [...new Set(input.saidBy)] : before.saidBy,
    reportedBy: input.reportedBy ? [...new Set(input.reportedBy)] : before.reportedBy,
    madeOn: input.madeOn ?? before.madeOn,
    tagIds: input.tagIds ? [...new Set(input.tagIds)] : before.tagIds,
    notes: input.notes ?? before.notes,
    quantities: input.quantities ?? before.quantities,
    updatedAt: now(),
  }
  await project.history.commit('Edit claim', [{ entity: 'claim', before, after }])
  return after
}

/** Records a new verification status and credibility, keeping the history of earlier ones. */
export async function assessClaim(
  project: OpenProject,
  input: ParsedInput<'claims:assess'>,
): Promise<Claim> {
  const before = findClaim(project, input.id)
  const after = assessedNow(project, before, input)
  await project.history.commit('Assess claim', [{ entity: 'claim', before, after }])
  return after
}

export async function setClaimMention(
  project: OpenProject,
  input: ParsedInput<'claims:addMention'>,
  linked: boolean,
): Promise<Claim> {
  const before = findClaim(project, input.id)
  const after = await withMention(project, before, input.mention, linked)
  if (!after) return before
  await project.history.commit(linked ? 'Add mention to claim' : 'Remove mention', [
    { entity: 'claim', before, after },
  ])
  return after
}

/** Deletes a claim, its relations and evidence's links to it (the annotations stay). */
export async function deleteClaim(project: OpenProject, id: string): Promise<void> {
  const claim = findClaim(project, id)
  const { relations, claims } = project.registry.data
  await project.history.commit('Delete claim', [
    ...relations
      .filter((r) => r.fromClaimId === id || r.toClaimId === id)
      .map((r) => removal('relation', relations, r)),
    ...claimLinkRemovals(project, id),
    removal('claim', claims, claim),
  ])
}

export async function createRelation(
  project: OpenProject,
  input: ParsedInput<'relations:create'>,
): Promise<ClaimRelation> {
  findClaim(project, input.fromClaimId)
  findClaim(project, input.toClaimId)
  if (input.fromClaimId === input.toClaimId) {
    throw new AppFailure('invalid-input', 'A claim cannot relate to itself.', {
      field: 'toClaimId',
    })
  }
  // "refines" has a direction; the other relations read the same both ways.
  const symmetric = input.type !== 'refines'
  const pair = (r: ClaimRelation) =>
    (r.fromClaimId === input.fromClaimId && r.toClaimId === input.toClaimId) ||
    (symmetric && r.fromClaimId === input.toClaimId && r.toClaimId === input.fromClaimId)
  const existing = project.registry.data.relations.find((r) => pair(r) && r.type === input.type)
  if (existing) return existing
  const relation: ClaimRelation = { id: randomUUID(), ...input, createdAt: now() }
  await project.history.commit(`Mark claims: ${input.type}`, [
    { entity: 'relation', before: null, after: relation },
  ])
  return relation
}

export async function deleteRelation(project: OpenProject, id: string): Promise<void> {
  const { relations } = project.registry.data
  const relation = relations.find((r) => r.id === id)
  if (!relation) throw new AppFailure('not-found', `No relation ${id}; it may have been deleted.`)
  await project.history.commit('Remove relation', [removal('relation', relations, relation)])
}

export async function createStatus(
  project: OpenProject,
  input: ParsedInput<'statuses:create'>,
): Promise<CustomStatus> {
  const slug = input.label
    .toLocaleLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40)
  const id = `custom-${slug || 'status'}-${randomUUID().slice(0, 6)}`
  const status: CustomStatus = { id, label: input.label.trim(), color: input.color.toLowerCase() }
  await project.history.commit(`Add status “${status.label}”`, [
    { entity: 'status', before: null, after: status },
  ])
  return status
}

/** Removes a custom status; claims and evidence that carry it are reassessed with `replaceWith`. */
export async function deleteStatus(
  project: OpenProject,
  input: ParsedInput<'statuses:delete'>,
): Promise<void> {
  const { statuses, claims } = project.registry.data
  const status = statuses.find((s) => s.id === input.id)
  if (!status) throw new AppFailure('not-found', `No status ${input.id}.`)
  if (input.replaceWith === input.id)
    throw new AppFailure('invalid-input', 'Choose another status.', { field: 'replaceWith' })
  requireStatus(project, input.replaceWith)
  const time = now()
  const reassessed = (last: Assessment | undefined): Assessment => ({
    status: input.replaceWith,
    credibility: last?.credibility ?? null,
    rationale: `Status “${status.label}” was removed from the project.`,
    by: project.userName,
    at: time,
  })
  const changes: Change[] = claims
    .filter((c) => c.assessments.at(-1)?.status === status.id)
    .map((before) => ({
      entity: 'claim',
      before,
      after: withAssessment(before, reassessed(before.assessments.at(-1))),
    }))
  // Evidence is assessed with the same statuses.
  const evidenceChanges: Change[] = project.registry.data.evidence
    .filter((e) => e.assessments.at(-1)?.status === status.id)
    .map((before) => ({
      entity: 'evidence',
      before,
      after: withAssessment(before, reassessed(before.assessments.at(-1))),
    }))
  await project.history.commit(`Remove status “${status.label}”`, [
    ...changes,
    ...evidenceChanges,
    removal('status', statuses, status),
  ])
}

/** Existing claims whose statement reads like `statement`, most alike first. */
export function similarClaims(project: OpenProject, statement: string, excludeId?: string) {
  return project.registry.data.claims
    .filter((c) => c.id !== excludeId)
    .map((claim) => ({ claim, score: statementSimilarity(statement, claim.statement) }))
    .filter((s) => s.score >= SIMILAR_CLAIM_THRESHOLD)
    .sort((a, b) => b.score - a.score)
    .slice(0, 5)
}
