/**
 * Which claims a report covers, and what else follows from them: the articles its quotes come
 * from, the evidence and the sources. Pure functions over the registry and the codebook.
 *
 * Rules: a report is about its selected claims. With an empty filter everything in the project is
 * in scope (every article, annotation, evidence item and source). With a filter, the scope is
 * what bears on the selected claims: evidence linked to one of them (as a whole, or through a
 * segment or region), the sources that said or reported one of them or published such evidence,
 * and the articles in which one of them is mentioned.
 */
import { latestAssessment } from '../../shared/claim-grading'
import type { Claim } from '../../shared/model/claim'
import { compareOptionalDates } from '../../shared/model/common'
import type { EvidenceItem } from '../../shared/model/evidence'
import type { RegistryDocument } from '../../shared/model/registry'
import type { Tag } from '../../shared/model/tag'
import { isEmptyReportFilter, type ReportFilter } from '../../shared/report-options'

/** The tags in `tagIds` and every tag below them in the codebook. */
export function withDescendantTags(tagIds: readonly string[], tags: readonly Tag[]): Set<string> {
  const children = new Map<string, string[]>()
  for (const tag of tags) {
    if (tag.parentId === null) continue
    children.set(tag.parentId, [...(children.get(tag.parentId) ?? []), tag.id])
  }
  const out = new Set<string>()
  const stack = [...tagIds]
  while (stack.length > 0) {
    const id = stack.pop() as string
    if (out.has(id)) continue // a cycle in a damaged codebook must not loop forever
    out.add(id)
    stack.push(...(children.get(id) ?? []))
  }
  return out
}

/** Whether `claim` passes `filter` (tags already widened to their descendants). */
function matches(claim: Claim, filter: ReportFilter, tagIds: ReadonlySet<string>): boolean {
  if (filter.statuses.length > 0 && !filter.statuses.includes(latestAssessment(claim).status))
    return false
  if (tagIds.size > 0 && !claim.tagIds.some((id) => tagIds.has(id))) return false
  if (
    filter.sourceIds.length > 0 &&
    !filter.sourceIds.some((id) => claim.saidBy.includes(id) || claim.reportedBy.includes(id))
  )
    return false
  if (
    filter.articleIds.length > 0 &&
    !claim.mentions.some((m) => filter.articleIds.includes(m.articleId))
  )
    return false
  if (filter.dateFrom && (!claim.madeOn || claim.madeOn < filter.dateFrom)) return false
  if (filter.dateTo && (!claim.madeOn || claim.madeOn > filter.dateTo)) return false
  return true
}

/**
 * The claims the filter selects, ordered by the date they were made (undated last); claims of
 * the same date keep the registry's order (the order they were created in).
 */
export function selectClaims(
  claims: readonly Claim[],
  filter: ReportFilter,
  tags: readonly Tag[],
): Claim[] {
  const tagIds = withDescendantTags(filter.tagIds, tags)
  const keyed = claims
    .map((claim, index) => ({ claim, index }))
    .filter(({ claim }) => matches(claim, filter, tagIds))
  keyed.sort((a, b) => compareOptionalDates(a.claim.madeOn, b.claim.madeOn) || a.index - b.index)
  return keyed.map((k) => k.claim)
}

/** Every claim an evidence item bears on: as a whole, or through its segments and regions. */
export function linkedClaimIds(item: EvidenceItem): Set<string> {
  return new Set(
    [...item.claimLinks, ...item.segments.flatMap((s) => s.claimLinks)]
      .concat(item.regions.flatMap((r) => r.claimLinks))
      .map((link) => link.claimId),
  )
}

export interface ReportScope {
  /** True when the filter keeps everything, so the whole project is in scope. */
  everything: boolean
  claims: Claim[]
  claimIds: Set<string>
  /** Articles the report quotes from, in the project index's order. */
  articleIds: string[]
  evidence: EvidenceItem[]
  sourceIds: Set<string>
}

/** The selected claims and everything in the report because of them (see the module comment). */
export function reportScope(
  registry: RegistryDocument,
  articleIds: readonly string[],
  tags: readonly Tag[],
  filter: ReportFilter,
): ReportScope {
  const claims = selectClaims(registry.claims, filter, tags)
  const claimIds = new Set(claims.map((c) => c.id))
  if (isEmptyReportFilter(filter)) {
    return {
      everything: true,
      claims,
      claimIds,
      articleIds: [...articleIds],
      evidence: [...registry.evidence],
      sourceIds: new Set(registry.sources.map((s) => s.id)),
    }
  }
  const mentioned = new Set(claims.flatMap((c) => c.mentions.map((m) => m.articleId)))
  const evidence = registry.evidence.filter((item) =>
    [...linkedClaimIds(item)].some((id) => claimIds.has(id)),
  )
  const sourceIds = new Set([
    ...claims.flatMap((c) => [...c.saidBy, ...c.reportedBy]),
    ...evidence.flatMap((e) => (e.provenance.publisherId ? [e.provenance.publisherId] : [])),
  ])
  return {
    everything: false,
    claims,
    claimIds,
    articleIds: articleIds.filter((id) => mentioned.has(id)),
    evidence,
    sourceIds,
  }
}
