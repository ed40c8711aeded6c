import { randomUUID } from 'node:crypto'
import type { ParsedInput } from '../../shared/api'
import type { Claim } from '../../shared/model/claim'
import type { Source } from '../../shared/model/source'
import { AppFailure } from '../../shared/result'
import { publisherRewrites } from '../evidence/evidence-links'
import { type Change, removal } from '../history/changes'
import type { OpenProject } from '../projects/open-project'
import { findSource, requireMention, sameMention, withMention } from '../registry/registry'

const now = () => new Date().toISOString()
const unique = (values: string[]) => [
  ...new Set(values.map((v) => v.trim().normalize('NFC')).filter(Boolean)),
]

/** Creates a source, optionally from a mention selected in the reader (which becomes linked). */
export async function createSource(
  project: OpenProject,
  input: ParsedInput<'sources:create'>,
): Promise<Source> {
  const mentions = []
  let name = input.name?.trim().normalize('NFC') ?? ''
  if (input.mention) {
    const { annotation } = await requireMention(project, input.mention)
    mentions.push(input.mention)
    if (!name) name = annotation.quote.exact.trim()
  }
  if (!name) throw new AppFailure('invalid-input', 'Give the source a name.', { field: 'name' })
  // A name that is another source's alias is that source too: link to it instead.
  const clash = project.registry.data.sources.find((s) =>
    [s.name, ...s.aliases].some((n) => n.toLocaleLowerCase() === name.toLocaleLowerCase()),
  )
  if (clash) {
    throw new AppFailure(
      'invalid-input',
      `A source named “${clash.name}” already exists; link the mention to it or merge later.`,
      {
        field: 'name',
        existingId: clash.id,
      },
    )
  }
  const source: Source = {
    ...newSource({ name, kind: input.kind, mentions }),
    aliases: unique(input.aliases).filter((a) => a !== name),
    role: input.role,
    organisation: input.organisation,
    description: input.description,
    reliability: input.reliability,
    reliabilityReason: input.reliabilityReason,
  }
  await project.history.commit(`Create source “${name}”`, [
    { entity: 'source', before: null, after: source },
  ])
  return source
}

/** A new, ungraded source (not yet saved). */
export function newSource(fields: Pick<Source, 'name' | 'kind' | 'mentions'>): Source {
  const time = now()
  return {
    id: randomUUID(),
    aliases: [],
    role: '',
    organisation: '',
    description: '',
    reliability: null,
    reliabilityReason: '',
    createdAt: time,
    updatedAt: time,
    ...fields,
  }
}

export async function updateSource(
  project: OpenProject,
  input: ParsedInput<'sources:update'>,
): Promise<Source> {
  const before = findSource(project, input.id)
  const { id: _id, ...fields } = input
  const after: Source = {
    ...before,
    ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
    updatedAt: now(),
  }
  after.name = after.name.trim().normalize('NFC')
  const clash = project.registry.data.sources.find(
    (s) => s.id !== before.id && s.name.toLocaleLowerCase() === after.name.toLocaleLowerCase(),
  )
  if (clash) {
    throw new AppFailure(
      'invalid-input',
      `A source named “${clash.name}” already exists; merge the two instead.`,
      {
        field: 'name',
        existingId: clash.id,
      },
    )
  }
  after.aliases = unique(after.aliases).filter((a) => a !== after.name)
  await project.history.commit(`Edit source “${after.name}”`, [{ entity: 'source', before, after }])
  return after
}

/** Links or unlinks a mention (an annotation) to a source. */
export async function setSourceMention(
  project: OpenProject,
  input: ParsedInput<'sources:linkMention'>,
  linked: boolean,
): Promise<Source> {
  const before = findSource(project, input.id)
  const after = await withMention(project, before, input.mention, linked)
  if (!after) return before
  await project.history.commit(linked ? 'Link mention to source' : 'Unlink mention', [
    { entity: 'source', before, after },
  ])
  return after
}

/** Changes to claims that replace `fromId` by `toId` (or drop it) in "said by" and "reported by". */
function rewireClaims(project: OpenProject, fromId: string, toId: string | null): Change[] {
  const swap = (ids: string[]) => [
    ...new Set(ids.flatMap((id) => (id === fromId ? (toId ? [toId] : []) : [id]))),
  ]
  return project.registry.data.claims
    .filter((c) => c.saidBy.includes(fromId) || c.reportedBy.includes(fromId))
    .map((before): Change => {
      const after: Claim = {
        ...before,
        saidBy: swap(before.saidBy),
        reportedBy: swap(before.reportedBy),
        updatedAt: now(),
      }
      return { entity: 'claim', before, after }
    })
}

/** Merges a duplicate into another source: names become aliases, mentions and claims move; nothing is lost. */
export async function mergeSources(
  project: OpenProject,
  input: ParsedInput<'sources:merge'>,
): Promise<Source> {
  if (input.sourceId === input.targetId) {
    throw new AppFailure('invalid-input', 'Choose two different sources to merge.', {
      field: 'targetId',
    })
  }
  const source = findSource(project, input.sourceId)
  const target = findSource(project, input.targetId)
  const mentions = [...target.mentions]
  for (const m of source.mentions) if (!mentions.some((t) => sameMention(t, m))) mentions.push(m)
  const merged: Source = {
    ...target,
    aliases: unique([...target.aliases, source.name, ...source.aliases]).filter(
      (a) => a !== target.name,
    ),
    mentions,
    description: target.description || source.description,
    role: target.role || source.role,
    organisation: target.organisation || source.organisation,
    reliability: target.reliability ?? source.reliability,
    reliabilityReason: target.reliabilityReason || source.reliabilityReason,
    updatedAt: now(),
  }
  await project.history.commit(`Merge “${source.name}” into “${target.name}”`, [
    ...rewireClaims(project, source.id, target.id),
    ...publisherRewrites(project, source.id, target.id),
    { entity: 'source', before: target, after: merged },
    removal('source', project.registry.data.sources, source),
  ])
  return merged
}

/** Deletes a source; claims that cite it are unlinked or moved to another source, as the user chose. */
export async function deleteSource(
  project: OpenProject,
  input: ParsedInput<'sources:delete'>,
): Promise<void> {
  const source = findSource(project, input.id)
  const cited = project.registry.data.claims.some(
    (c) => c.saidBy.includes(source.id) || c.reportedBy.includes(source.id),
  )
  let claimChanges: Change[] = []
  if (cited) {
    if (input.claims === 'refuse') {
      throw new AppFailure(
        'invalid-input',
        `Claims cite “${source.name}”. Choose whether to unlink them or move them to another source.`,
        {
          field: 'claims',
        },
      )
    }
    if (input.claims === 'unlink') claimChanges = rewireClaims(project, source.id, null)
    else {
      if (input.claims.reassignTo === source.id) {
        throw new AppFailure('invalid-input', 'Choose another source to move the claims to.', {
          field: 'claims',
        })
      }
      findSource(project, input.claims.reassignTo)
      claimChanges = rewireClaims(project, source.id, input.claims.reassignTo)
    }
  }
  // Evidence it published follows the claims' choice: to the other source, or unattributed.
  const reassignTo = typeof input.claims === 'object' ? input.claims.reassignTo : null
  const publisherTo = reassignTo === source.id ? null : reassignTo
  if (publisherTo) findSource(project, publisherTo)
  await project.history.commit(`Delete source “${source.name}”`, [
    ...claimChanges,
    ...publisherRewrites(project, source.id, publisherTo),
    removal('source', project.registry.data.sources, source),
  ])
}
