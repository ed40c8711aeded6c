import { randomUUID } from 'node:crypto'
import type { ParsedInput } from '../../shared/api'
import type { EvidenceItem, Region } from '../../shared/model/evidence'
import { AppFailure } from '../../shared/result'
import type { OpenProject } from '../projects/open-project'
import { commitItem, findEvidence, now, requireClaimLinks, titled } from './evidence-items'

/** Rounding slack for rectangles drawn up to the image's edge. */
const EDGE_SLACK = 1e-6

function findImage(project: OpenProject, id: string): EvidenceItem {
  const item = findEvidence(project, id)
  if (item.kind !== 'image') {
    throw new AppFailure('invalid-input', `${titled(item)} is not an image.`, { field: 'itemId' })
  }
  return item
}

function findRegion(item: EvidenceItem, id: string): Region {
  const region = item.regions.find((r) => r.id === id)
  if (!region) {
    throw new AppFailure(
      'not-found',
      `No region ${id} in ${titled(item)}; it may have been deleted.`,
    )
  }
  return region
}

function checkedRegion(region: Region): Region {
  if (region.width <= 0 || region.height <= 0) {
    throw new AppFailure('invalid-input', 'A region must be wider and higher than nothing.', {
      field: 'width',
    })
  }
  if (region.x + region.width > 1 + EDGE_SLACK || region.y + region.height > 1 + EDGE_SLACK) {
    throw new AppFailure('invalid-input', 'A region must lie inside the image.', { field: 'x' })
  }
  return region
}

export async function addRegion(
  project: OpenProject,
  input: ParsedInput<'evidence:addRegion'>,
): Promise<Region> {
  const before = findImage(project, input.itemId)
  const time = now()
  const region = checkedRegion({
    id: randomUUID(),
    x: input.x,
    y: input.y,
    width: input.width,
    height: input.height,
    label: input.label,
    note: input.note,
    claimLinks: requireClaimLinks(project, input.claimLinks),
    createdAt: time,
    updatedAt: time,
  })
  await commitItem(project, `Mark region on ${titled(before)}`, before, {
    ...before,
    regions: [...before.regions, region],
    updatedAt: time,
  })
  return region
}

export async function updateRegion(
  project: OpenProject,
  input: ParsedInput<'evidence:updateRegion'>,
): Promise<Region> {
  const before = findImage(project, input.itemId)
  const old = findRegion(before, input.id)
  const time = now()
  const region = checkedRegion({
    ...old,
    x: input.x ?? old.x,
    y: input.y ?? old.y,
    width: input.width ?? old.width,
    height: input.height ?? old.height,
    label: input.label ?? old.label,
    note: input.note ?? old.note,
    claimLinks: input.claimLinks ? requireClaimLinks(project, input.claimLinks) : old.claimLinks,
    updatedAt: time,
  })
  await commitItem(project, `Edit region on ${titled(before)}`, before, {
    ...before,
    regions: before.regions.map((r) => (r.id === region.id ? region : r)),
    updatedAt: time,
  })
  return region
}

export async function deleteRegion(
  project: OpenProject,
  input: ParsedInput<'evidence:deleteRegion'>,
): Promise<void> {
  const before = findImage(project, input.itemId)
  findRegion(before, input.id)
  await commitItem(project, `Delete region on ${titled(before)}`, before, {
    ...before,
    regions: before.regions.filter((r) => r.id !== input.id),
    updatedAt: now(),
  })
}
