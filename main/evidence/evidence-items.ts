import { isAbsolute, join } from 'node:path'
import type { ParsedInput } from '../../shared/api'
import { type ClaimLink, EvidenceItem } from '../../shared/model/evidence'
import { AppFailure } from '../../shared/result'
import { describeZodError } from '../../shared/validation'
import { assessedNow } from '../registry/assessments'
import { removal } from '../history/changes'
import type { OpenProject } from '../projects/open-project'
import { withMention } from '../registry/registry'

export const now = () => new Date().toISOString()

export function findEvidence(project: OpenProject, id: string): EvidenceItem {
  const item = project.registry.data.evidence.find((e) => e.id === id)
  if (!item) {
    throw new AppFailure('not-found', `No evidence item with id ${id}; it may have been deleted.`)
  }
  return item
}

/** Where the item's file is on this machine: copies live in the project folder. */
export function evidenceFilePath(project: OpenProject, item: EvidenceItem): string {
  return item.file.storage === 'copy' || !isAbsolute(item.file.path)
    ? join(project.folder, item.file.path)
    : item.file.path
}

/** How messages name an item. */
export const titled = (item: EvidenceItem) => `«${item.title}»`

/**
 * The item as it will be saved, checked against the schema: registry.json is only validated
 * when it is opened, so nothing invalid may reach it.
 */
export function validItem(item: EvidenceItem): EvidenceItem {
  const parsed = EvidenceItem.safeParse(item)
  if (!parsed.success) {
    throw new AppFailure('invalid-input', `Invalid evidence: ${describeZodError(parsed.error)}.`)
  }
  return parsed.data
}

/** Refuses links to claims that do not exist; one link per claim (the last stance wins). */
export function requireClaimLinks(
  project: OpenProject,
  links: readonly ClaimLink[],
  field = 'claimLinks',
): ClaimLink[] {
  const known = new Set(project.registry.data.claims.map((c) => c.id))
  const unknown = links.filter((l) => !known.has(l.claimId)).map((l) => l.claimId)
  if (unknown.length > 0) {
    throw new AppFailure(
      'not-found',
      `Unknown claim ${[...new Set(unknown)].join(', ')}: it may have been deleted.`,
      { field },
    )
  }
  const byClaim = new Map(links.map((l) => [l.claimId, l]))
  return [...byClaim.values()]
}

function requirePublisher(project: OpenProject, id: string | null | undefined): void {
  if (!id) return
  if (!project.registry.data.sources.some((s) => s.id === id)) {
    throw new AppFailure('not-found', `Unknown source ${id}: it may have been deleted.`, {
      field: 'provenance.publisherId',
    })
  }
}

/** Records one change to an item as an undoable step and returns the item saved. */
export async function commitItem(
  project: OpenProject,
  label: string,
  before: EvidenceItem,
  after: EvidenceItem,
): Promise<EvidenceItem> {
  const saved = validItem(after)
  await project.history.commit(label, [{ entity: 'evidence', before, after: saved }])
  return saved
}

export async function updateEvidence(
  project: OpenProject,
  input: ParsedInput<'evidence:update'>,
): Promise<EvidenceItem> {
  const before = findEvidence(project, input.id)
  requirePublisher(project, input.provenance?.publisherId)
  const provenance = Object.fromEntries(
    Object.entries(input.provenance ?? {}).filter(([, v]) => v !== undefined),
  )
  const after: EvidenceItem = {
    ...before,
    title: input.title?.trim().normalize('NFC') ?? before.title,
    provenance: { ...before.provenance, ...provenance },
    claimLinks: input.claimLinks ? requireClaimLinks(project, input.claimLinks) : before.claimLinks,
    updatedAt: now(),
  }
  return commitItem(project, `Edit evidence ${titled(after)}`, before, after)
}

/** Records a new verification status and credibility, keeping the earlier ones. */
export async function assessEvidence(
  project: OpenProject,
  input: ParsedInput<'evidence:assess'>,
): Promise<EvidenceItem> {
  const before = findEvidence(project, input.id)
  const after = assessedNow(project, before, input)
  return commitItem(project, `Assess evidence ${titled(before)}`, before, after)
}

/** Removes the item; its copied file stays in media/ so that undo can bring the item back. */
export async function deleteEvidence(project: OpenProject, id: string): Promise<void> {
  const item = findEvidence(project, id)
  await project.history.commit(`Delete evidence ${titled(item)}`, [
    removal('evidence', project.registry.data.evidence, item),
  ])
  project.fileChecks.delete(id)
}

export async function setEvidenceMention(
  project: OpenProject,
  input: ParsedInput<'evidence:linkMention'>,
  linked: boolean,
): Promise<EvidenceItem> {
  const before = findEvidence(project, input.id)
  const after = await withMention(project, before, input.mention, linked)
  if (!after) return before
  return commitItem(
    project,
    linked ? 'Link mention to evidence' : 'Unlink mention from evidence',
    before,
    after,
  )
}
