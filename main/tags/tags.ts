import { randomUUID } from 'node:crypto'
import type { ParsedInput } from '../../shared/api'
import type { Annotation } from '../../shared/model/annotation'
import { type Tag, TAG_PALETTE, type TagWithCount } from '../../shared/model/tag'
import { AppFailure } from '../../shared/result'
import type { Change } from '../history/changes'
import type { OpenProject } from '../projects/open-project'

function findTag(project: OpenProject, id: string): Tag {
  const tag = project.doc.data.tags.find((t) => t.id === id)
  if (!tag) throw new AppFailure('not-found', `No tag with id ${id}; it may have been deleted.`)
  return tag
}

function requireUniqueName(project: OpenProject, name: string, parentId: string | null, exceptId?: string): void {
  const clash = project.doc.data.tags.find(
    (t) => t.id !== exceptId && t.parentId === parentId && t.name.toLocaleLowerCase() === name.toLocaleLowerCase(),
  )
  if (clash) {
    throw new AppFailure('invalid-input', `A tag named “${clash.name}” already exists at this level.`, {
      field: 'name',
    })
  }
}

/** Refuses a parent that is the tag itself or one of its descendants. */
function requireNoCycle(project: OpenProject, id: string, parentId: string | null): void {
  for (let current = parentId; current !== null; ) {
    if (current === id) {
      throw new AppFailure('invalid-input', 'A tag cannot be placed inside itself or one of its sub-tags.', {
        field: 'parentId',
      })
    }
    current = findTag(project, current).parentId
  }
}

export async function listTags(project: OpenProject): Promise<TagWithCount[]> {
  const counts = await project.annotationIndex.tagCounts()
  return project.doc.data.tags.map((tag) => ({ ...tag, count: counts.get(tag.id) ?? 0 }))
}

export async function createTag(project: OpenProject, input: ParsedInput<'tags:create'>): Promise<Tag> {
  if (input.parentId) findTag(project, input.parentId)
  requireUniqueName(project, input.name, input.parentId)
  const now = new Date().toISOString()
  const tag: Tag = {
    id: randomUUID(),
    name: input.name.normalize('NFC'),
    color: (input.color ?? TAG_PALETTE[project.doc.data.tags.length % TAG_PALETTE.length] ?? '#1971c2').toLowerCase(),
    description: input.description,
    parentId: input.parentId,
    createdAt: now,
    updatedAt: now,
  }
  await project.history.commit(`Create tag “${tag.name}”`, [{ entity: 'tag', before: null, after: tag }])
  return tag
}

export async function updateTag(project: OpenProject, input: ParsedInput<'tags:update'>): Promise<Tag> {
  const before = findTag(project, input.id)
  const parentId = input.parentId === undefined ? before.parentId : input.parentId
  if (parentId !== null) findTag(project, parentId)
  requireNoCycle(project, before.id, parentId)
  const name = input.name?.normalize('NFC') ?? before.name
  requireUniqueName(project, name, parentId, before.id)
  const after: Tag = {
    ...before,
    name,
    color: input.color?.toLowerCase() ?? before.color,
    description: input.description ?? before.description,
    parentId,
    updatedAt: new Date().toISOString(),
  }
  await project.history.commit(`Edit tag “${after.name}”`, [{ entity: 'tag', before, after }])
  return after
}

/** Changes that move a tag's children up to `newParentId`. */
function reparentChildren(project: OpenProject, tagId: string, newParentId: string | null): Change[] {
  const now = new Date().toISOString()
  return project.doc.data.tags
    .filter((t) => t.parentId === tagId)
    .map((child) => ({ entity: 'tag' as const, before: child, after: { ...child, parentId: newParentId, updatedAt: now } }))
}

/** Changes for every annotation carrying `tagId`, rewritten by `rewrite` (null deletes it). */
async function rewriteTagged(
  project: OpenProject,
  tagId: string,
  rewrite: (annotation: Annotation) => Annotation | null,
): Promise<Change[]> {
  const changes: Change[] = []
  for (const [articleId, annotations] of await project.annotationIndex.all()) {
    for (const before of annotations) {
      if (before.tagIds.includes(tagId)) changes.push({ entity: 'annotation', articleId, before, after: rewrite(before) })
    }
  }
  return changes
}

function replaceTag(annotation: Annotation, from: string, to: string | null): Annotation {
  const tagIds = annotation.tagIds.flatMap((id) => (id === from ? (to === null ? [] : [to]) : [id]))
  return { ...annotation, tagIds: [...new Set(tagIds)], updatedAt: new Date().toISOString() }
}

export async function mergeTags(project: OpenProject, input: ParsedInput<'tags:merge'>): Promise<Tag> {
  if (input.sourceId === input.targetId) {
    throw new AppFailure('invalid-input', 'Choose two different tags to merge.', { field: 'targetId' })
  }
  const source = findTag(project, input.sourceId)
  const target = findTag(project, input.targetId)
  requireNoCycle(project, source.id, target.id)
  const changes: Change[] = [
    ...(await rewriteTagged(project, source.id, (a) => replaceTag(a, source.id, target.id))),
    ...reparentChildren(project, source.id, target.id),
    { entity: 'tag', before: source, after: null },
  ]
  await project.history.commit(`Merge “${source.name}” into “${target.name}”`, changes)
  return target
}

export async function deleteTag(project: OpenProject, input: ParsedInput<'tags:delete'>): Promise<void> {
  const tag = findTag(project, input.id)
  const policy = input.annotations
  let annotationChanges: Change[]
  if (policy === 'untag') {
    annotationChanges = await rewriteTagged(project, tag.id, (a) => replaceTag(a, tag.id, null))
  } else if (policy === 'delete-annotations') {
    annotationChanges = await rewriteTagged(project, tag.id, () => null)
  } else {
    if (policy.reassignTo === tag.id) {
      throw new AppFailure('invalid-input', 'Choose another tag to move the annotations to.', { field: 'annotations' })
    }
    findTag(project, policy.reassignTo)
    annotationChanges = await rewriteTagged(project, tag.id, (a) => replaceTag(a, tag.id, policy.reassignTo))
  }
  await project.history.commit(`Delete tag “${tag.name}”`, [
    ...annotationChanges,
    ...reparentChildren(project, tag.id, tag.parentId),
    { entity: 'tag', before: tag, after: null },
  ])
}
