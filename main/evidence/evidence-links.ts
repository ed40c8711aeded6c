import type { ClaimLink, EvidenceItem } from '../../shared/model/evidence'
import type { Change } from '../history/changes'
import type { OpenProject } from '../projects/open-project'

/**
 * Changes that drop every link to claim `claimId` from evidence items, their segments and
 * regions (the claim is being deleted; undo of the same step brings the links back).
 */
export function claimLinkRemovals(project: OpenProject, claimId: string): Change[] {
  const time = new Date().toISOString()
  const links = (list: ClaimLink[]) => list.filter((l) => l.claimId !== claimId)
  const touches = (item: EvidenceItem) =>
    [item, ...item.segments, ...item.regions].some((x) =>
      x.claimLinks.some((l) => l.claimId === claimId),
    )
  return project.registry.data.evidence.filter(touches).map((before) => ({
    entity: 'evidence' as const,
    before,
    after: {
      ...before,
      claimLinks: links(before.claimLinks),
      segments: before.segments.map((s) => ({ ...s, claimLinks: links(s.claimLinks) })),
      regions: before.regions.map((r) => ({ ...r, claimLinks: links(r.claimLinks) })),
      updatedAt: time,
    },
  }))
}

/** Changes that move "published by" from source `fromId` to `toId` (or clear it). */
export function publisherRewrites(
  project: OpenProject,
  fromId: string,
  toId: string | null,
): Change[] {
  const time = new Date().toISOString()
  return project.registry.data.evidence
    .filter((e) => e.provenance.publisherId === fromId)
    .map((before) => ({
      entity: 'evidence' as const,
      before,
      after: {
        ...before,
        provenance: { ...before.provenance, publisherId: toId },
        updatedAt: time,
      },
    }))
}
