import { randomUUID } from 'node:crypto'
import type { ParsedInput } from '../../shared/api'
import type { Annotation } from '../../shared/model/annotation'
import { type Tag, TAG_PALETTE, type TagWithCount } from '../../shared/model/tag'
import { AppFailure } from '../../shared/result'
import type { Change } from '../history/changes'
import type { OpenProject } from '../projects/open-project'
import { claimTagRewrites, mentionRemovals } from '../registry/registry'

/** Refuses tag ids that are not in the codebook (a tag may have been deleted meanwhile). */
export function requireKnownTags(project: OpenProject, tagIds: readonly string[]): void {
  const known = new Set(project.doc.data.tags.map((t) => t.id))
  const unknown = tagIds.filter((id) => !known.has(id))
  if (unknown.length > 0) {
    throw new AppFailure(
      'not-found',
      `Unknown tag ${unknown.join(', ')}: it may have been deleted.`,
      {
        field: 'tagIds',
      },
    )
  }
}

function findTag(project: OpenProject, id: string): Tag {
  const tag = project.doc.data.tags.find((t) => t.id === id)
  if (!tag) throw new AppFailure('not-found', `No tag with id ${id}; it may have been deleted.`)
  return tag
}

function requireUniqueName(
  project: OpenProject,
  name: string,
  parentId: string | null,
  exceptIds: readonly string[] = [],
): void {
  const key = name.normalize('NFC').toLocaleLowerCase()
  const clash = project.doc.data.tags.find(
    (t) =>
      !exceptIds.includes(t.id) &&
      t.parentId === parentId &&
      t.name.normalize('NFC').toLocaleLowerCase() === key,
  )
  if (clash) {
    throw new AppFailure(
      'invalid-input',
      `A tag named “${clash.name}” already exists at this level.`,
      {
        field: 'name',
      },
    )
  }
}

/** Refuses a parent that is the tag itself or one of its descendants. */
function requireNoCycle(project: OpenProject, id: string, parentId: string | null): void {
  for (let current = parentId; current !== null;) {
    if (current === id) {
      throw new AppFailure(
        'invalid-input',
        'A tag cannot be placed inside itself or one of its sub-tags.',
        {
          field: 'parentId',
        },
      )
    }
    current = findTag(project, current).parentId
  }
}

export async function listTags(project: OpenProject): Promise<TagWithCount[]> {
  const counts = await project.annotationIndex.tagCounts()
  return project.doc.data.tags.map((tag) => ({ ...tag, count: counts.get(tag.id) ?? 0 }))
}

export async function createTag(
  project: OpenProject,
  input: ParsedInput<'tags:create'>,
): Promise<Tag> {
  if (input.parentId) findTag(project, input.parentId)
  const name = input.name.normalize('NFC')
  requireUniqueName(project, name, input.parentId)
  const now = new Date().toISOString()
  const tag: Tag = {
    id: randomUUID(),
    name,
    color: (
      input.color ??
      TAG_PALETTE[project.doc.data.tags.length % TAG_PALETTE.length] ??
      '#1971c2'
    ).toLowerCase(),
    description: input.description,
    parentId: input.parentId,
    createdAt: now,
    updatedAt: now,
  }
  await project.history.commit(`Create tag “${tag.name}”`, [
    { entity: 'tag', before: null, after: tag },
  ])
  return tag
}

export async function updateTag(
  project: OpenProject,
  input: ParsedInput<'tags:update'>,
): Promise<Tag> {
  const before = findTag(project, input.id)
  const parentId = input.parentId === undefined ? before.parentId : input.parentId
  if (parentId !== null) findTag(project, parentId)
  requireNoCycle(project, before.id, parentId)
  const name = input.name?.normalize('NFC') ?? before.name
  requireUniqueName(project, name, parentId, [before.id])
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

/**
 * Changes that move a tag's children to `newParentId` (the tag itself is going away). Refuses
 * when a child would sit beside a tag of the same name: the user renames or merges it first.
 */
function reparentChildren(
  project: OpenProject,
  tagId: string,
  newParentId: string | null,
): Change[] {
  const now = new Date().toISOString()
  const children = project.doc.data.tags.filter((t) => t.parentId === tagId)
  for (const child of children) {
    try {
      requireUniqueName(project, child.name, newParentId, [tagId, ...children.map((c) => c.id)])
    } catch {
      throw new AppFailure(
        'invalid-input',
        `Its sub-tag “${child.name}” would sit beside another tag of that name. Rename or merge one of them first.`,
        { field: 'name' },
      )
    }
  }
  const names = children.map((c) => c.name.normalize('NFC').toLocaleLowerCase())
  if (new Set(names).size !== names.length) {
    throw new AppFailure(
      'invalid-input',
      'Two of its sub-tags share a name. Rename one of them first.',
    )
  }
  return children.map((child) => ({
    entity: 'tag' as const,
    before: child,
    after: { ...child, parentId: newParentId, updatedAt: now },
  }))
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
      if (before.tagIds.includes(tagId))
        changes.push({ entity: 'annotation', articleId, before, after: rewrite(before) })
    }
  }
  return changes
}

function replaceTag(annotation: Annotation, from: string, to: string | null): Annotation {
  const tagIds = annotation.tagIds.flatMap((id) => (id === from ? (to === null ? [] : [to]) : [id]))
  return { ...annotation, tagIds: [...new Set(tagIds)], updatedAt: new Date().toISOString() }
}

export async function mergeTags(
  project: OpenProject,
  input: ParsedInput<'tags:merge'>,
): Promise<Tag> {
  if (input.sourceId === input.targetId) {
    throw new AppFailure('invalid-input', 'Choose two different tags to merge.', {
      field: 'targetId',
    })
  }
  const source = findTag(project, input.sourceId)
  const target = findTag(project, input.targetId)
  requireNoCycle(project, source.id, target.id)
  const changes: Change[] = [
    ...(await rewriteTagged(project, source.id, (a) => replaceTag(a, source.id, target.id))),
    ...claimTagRewrites(project, source.id, target.id),
    ...reparentChildren(project, source.id, target.id),
    { entity: 'tag', before: source, after: null, position: project.doc.data.tags.indexOf(source) },
  ]
  await project.history.commit(`Merge “${source.name}” into “${target.name}”`, changes)
  return target
}

export async function deleteTag(
  project: OpenProject,
  input: ParsedInput<'tags:delete'>,
): Promise<void> {
  const tag = findTag(project, input.id)
  const policy = input.annotations
  let annotationChanges: Change[]
  if (policy === 'untag') {
    annotationChanges = await rewriteTagged(project, tag.id, (a) => replaceTag(a, tag.id, null))
    annotationChanges.push(...claimTagRewrites(project, tag.id, null))
  } else if (policy === 'delete-annotations') {
    annotationChanges = await rewriteTagged(project, tag.id, () => null)
    const deleted = new Set(
      annotationChanges.flatMap((c) =>
        c.entity === 'annotation' && c.before ? [`${c.articleId}/${c.before.id}`] : [],
      ),
    )
    annotationChanges.unshift(
      ...mentionRemovals(project, (m) => deleted.has(`${m.articleId}/${m.annotationId}`)),
    )
    annotationChanges.push(...claimTagRewrites(project, tag.id, null))
  } else {
    if (policy.reassignTo === tag.id) {
      throw new AppFailure('invalid-input', 'Choose another tag to move the annotations to.', {
        field: 'annotations',
      })
    }
    findTag(project, policy.reassignTo)
    annotationChanges = await rewriteTagged(project, tag.id, (a) =>
      replaceTag(a, tag.id, policy.reassignTo),
    )
    annotationChanges.push(...claimTagRewrites(project, tag.id, policy.reassignTo))
  }
  await project.history.commit(`Delete tag “${tag.name}”`, [
    ...annotationChanges,
    ...reparentChildren(project, tag.id, tag.parentId),
    { entity: 'tag', before: tag, after: null, position: project.doc.data.tags.indexOf(tag) },
  ])
}
