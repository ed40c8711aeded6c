import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type {
  MergeChoice,
  MergeConflictView,
  MergeEntityView,
  MergeMediaView,
  MergeOutcome,
  MergePlanView,
} from '../../shared/exchange-types'
import { CodePointIndex, describeRange, reanchorAll } from '../../shared/anchoring'
import type { Annotation } from '../../shared/model/annotation'
import { ArticleDocument, type ArticleSummary } from '../../shared/model/article'
import type { CustodyEntry } from '../../shared/model/evidence'
import { ProjectDocument } from '../../shared/model/project'
import { RegistryDocument } from '../../shared/model/registry'
import type { ZodError } from 'zod'
import { AppFailure } from '../../shared/result'
import { describeZodError } from '../../shared/validation'
import { summarize } from '../articles/articles'
import { appendCustody } from '../evidence/custody-log'
import type { OpenProject } from '../projects/open-project'
import { articleFilePath, projectFilePath, registryFilePath } from '../store/project-layout'
import {
  canonicalJson,
  type EntityRecord,
  entitiesOf,
  entityHash,
  entityHashes,
  entityKey,
  type MergeEntityKind,
} from './entities'
import { readMergeBase, recordMergeBase } from './merge-base'
import { beginStaging, endStaging, mediaToReconcile, moveIntoNewFile } from './merge-media'
import type { ShareLimits, ShareTaskOptions } from './package-zip'
import {
  problemKey,
  type ProjectSnapshot,
  referenceProblems,
  snapshotOfProject,
} from './project-snapshot'
import { readPackage, readSharePackage, type ValidatedPackage } from './read-package'

/**
 * What the user decides for a conflict; 'both' keeps the incoming claim or source as a copy.
 * Why an entity needs the user (ConflictReason): both sides changed it since the last common
 * version; there is no common version to tell; or only the package changed it, but to an older
 * version than this project holds (so taking it could undo newer work).
 */
export type { MergeChoice }
export type ConflictReason = MergeConflictView['reason']

export interface MergeEntityRef extends MergeEntityView {
  kind: MergeEntityKind
}

/** A change applied without asking: an entity only the package holds, or one only it changed. */
export interface MergeChange extends MergeEntityRef {
  action: 'add' | 'update'
}

export interface MergeConflict extends MergeConflictView {
  kind: MergeEntityKind
}

/**
 * What merging a package would do (the plan the renderer shows, see MergePlanView); plain data,
 * shown to the user before anything is written. `packageFingerprint` names the exact package
 * planned with and `localFingerprint` the project's state planned against: applyMerge refuses
 * another package, or a project that changed since.
 */
export interface MergePlan extends MergePlanView {
  changes: MergeChange[]
  conflicts: MergeConflict[]
}

/** A choice for every conflict, by its key. */
export type MergeDecisions = Record<string, MergeChoice>

/** What a merge did (see MergeOutcome); `changed` is false when nothing was written. */
export type MergeResult = MergeOutcome

export interface MergeOptions extends ShareTaskOptions {
  limits?: Partial<ShareLimits>
  /**
   * Runs applyMerge's last step: checking the project against the plan and writing. The app
   * passes its edit queue, so no other change lands between that check and the writes while
   * the (long) reading and hashing of the package runs outside it.
   */
  exclusive?: (work: () => Promise<MergeResult>) => Promise<MergeResult>
}

type Resolution = 'local' | 'incoming' | 'both'

interface Classified {
  plan: Omit<MergePlan, 'file' | 'packageFingerprint' | 'problems' | 'includesMedia' | 'mediaFiles'>
  resolutions: Map<string, Resolution>
}

function classify(
  local: ProjectSnapshot,
  incoming: ProjectSnapshot,
  base: Record<string, string> | null,
): Classified {
  const localEntities = entitiesOf(local)
  const incomingEntities = entitiesOf(incoming)
  const resolutions = new Map<string, Resolution>()
  const changes: MergeChange[] = []
  const conflicts: MergeConflict[] = []
  let unchanged = 0
  let keptLocal = 0
  let localOnly = 0
  const ref = (key: string, r: EntityRecord): MergeEntityRef => ({
    key,
    kind: r.kind,
    id: r.id,
    ...(r.articleId === undefined ? {} : { articleId: r.articleId }),
    label: r.label,
  })
  for (const key of localEntities.keys()) if (!incomingEntities.has(key)) localOnly++
  for (const [key, theirs] of incomingEntities) {
    const mine = localEntities.get(key)
    if (!mine) {
      resolutions.set(key, 'incoming')
      changes.push({ ...ref(key, theirs), action: 'add' })
      continue
    }
    const localHash = entityHash(mine.value)
    const incomingHash = entityHash(theirs.value)
    if (localHash === incomingHash) {
      unchanged++
      continue
    }
    const common = base?.[key]
    let reason: ConflictReason
    if (common === undefined) reason = 'no-common-version'
    else if (incomingHash === common) {
      // Changed here only: ours stays, whatever the clocks say (nothing of theirs is new).
      keptLocal++
      continue
    } else if (localHash === common) {
      // Changed there only: theirs comes in, unless it is older than ours (a stale copy).
      const older =
        mine.updatedAt !== null && theirs.updatedAt !== null && theirs.updatedAt < mine.updatedAt
      if (!older) {
        resolutions.set(key, 'incoming')
        changes.push({ ...ref(key, theirs), action: 'update' })
        continue
      }
      reason = 'older-change'
    } else reason = 'both-changed'
    conflicts.push({
      ...ref(key, theirs),
      reason,
      local: mine.value,
      incoming: theirs.value,
      localUpdatedAt: mine.updatedAt,
      incomingUpdatedAt: theirs.updatedAt,
      choices:
        theirs.kind === 'claim' || theirs.kind === 'source'
          ? ['local', 'incoming', 'both']
          : ['local', 'incoming'],
    })
  }
  const newCustody = newCustodyEntries(local.custody, incoming.custody)
  return {
    plan: {
      localFingerprint: entityHash({
        entities: entityHashes(local),
        custody: local.custody.length,
      }),
      projectId: incoming.project.id,
      projectName: incoming.project.name,
      sameProject: incoming.project.id === local.project.id,
      hasMergeBase: base !== null,
      changes,
      conflicts,
      unchanged,
      keptLocal,
      localOnly,
      custodyEntries: newCustody.length,
    },
    resolutions,
  }
}

function newCustodyEntries(local: CustodyEntry[], incoming: CustodyEntry[]): CustodyEntry[] {
  const known = new Set(local.map((e) => canonicalJson(e)))
  const added: CustodyEntry[] = []
  for (const entry of incoming) {
    const key = canonicalJson(entry)
    if (known.has(key)) continue
    known.add(key)
    added.push(entry)
  }
  return added
}

/**
 * Compares a package with the open project, entity by entity (matched by id): what only the
 * package holds is added; what both hold alike stays; what only one side changed since the last
 * common version takes that side's version (never an older one over a newer one); anything else
 * is a conflict for the user, with both versions. Reads and checks the package; writes nothing.
 */
export async function mergeSharePackage(
  project: OpenProject,
  file: string,
  options: MergeOptions = {},
): Promise<MergePlan> {
  const pkg = await readSharePackage(file, options.limits, options)
  const local = await snapshotOfProject(project)
  const base = await readMergeBase(project.folder, pkg.manifest.projectId)
  const { plan, resolutions } = classify(local, pkg.snapshot, base)
  // Media is planned for the result with every conflict kept as it is here; applyMerge works it
  // out again with the decisions.
  const merged = buildMerged(local, pkg.snapshot, resolutions)
  return {
    ...plan,
    file,
    packageFingerprint: pkg.fingerprint,
    includesMedia: pkg.manifest.includesMedia,
    problems: pkg.problems,
    mediaFiles: await mediaToReconcile(project.folder, local, merged.snapshot, pkg.media),
  }
}

/** The list with each item replaced by the resolved version, copies and additions appended. */
function mergeList<T extends { id: string }>(
  kind: MergeEntityKind,
  local: readonly T[],
  incoming: readonly T[],
  resolutions: Map<string, Resolution>,
  onCopy?: (item: T) => T,
): T[] {
  const theirs = new Map(incoming.map((item) => [item.id, item]))
  const localIds = new Set(local.map((item) => item.id))
  const result: T[] = []
  const copies: T[] = []
  for (const item of local) {
    const resolution = resolutions.get(entityKey(kind, item.id))
    const other = theirs.get(item.id)
    if (!other || !resolution || resolution === 'local') result.push(item)
    else if (resolution === 'incoming') result.push(other)
    else {
      result.push(item)
      if (!onCopy) throw new AppFailure('invalid-input', `A ${kind} cannot be kept twice.`)
      copies.push(onCopy(other))
    }
  }
  for (const item of incoming) if (!localIds.has(item.id)) result.push(item)
  return [...result, ...copies]
}

/** Annotations anchored in another version of the text are re-anchored in the chosen one. */
function fitAnnotations(
  text: string,
  annotations: Array<{ annotation: Annotation; sourceText: string }>,
): Annotation[] {
  const index = new CodePointIndex(text)
  const now = new Date().toISOString()
  const fits = (a: Annotation) =>
    a.position.end <= index.length &&
    index.slice(a.position.start, a.position.end) === a.quote.exact
  const result: Annotation[] = []
  const pending = new Map<string, Annotation[]>()
  for (const { annotation, sourceText } of annotations) {
    if (annotation.orphaned || sourceText === text || fits(annotation)) result.push(annotation)
    else pending.set(sourceText, [...(pending.get(sourceText) ?? []), annotation])
  }
  for (const [oldText, group] of pending) {
    const anchored = reanchorAll(index, group, { oldText })
    group.forEach((annotation, i) => {
      const found = anchored[i]
      if (!found || found.status === 'orphan') {
        result.push({ ...annotation, orphaned: true, updatedAt: now })
        return
      }
      const { quote, position } = describeRange(index, found.position.start, found.position.end)
      result.push({ ...annotation, quote, position, updatedAt: now })
    })
  }
  // Text order, as the project keeps them.
  return result.sort(
    (a, b) =>
      a.position.start - b.position.start ||
      a.position.end - b.position.end ||
      a.createdAt.localeCompare(b.createdAt) ||
      a.id.localeCompare(b.id),
  )
}

interface MergedArticles {
  summaries: ArticleSummary[]
  added: ArticleDocument[]
  changed: ArticleDocument[]
  all: ArticleDocument[]
}

function mergeArticles(
  local: ProjectSnapshot,
  incoming: ProjectSnapshot,
  resolutions: Map<string, Resolution>,
): MergedArticles {
  const localDocs = new Map(local.articles.map((a) => [a.id, a]))
  const incomingDocs = new Map(incoming.articles.map((a) => [a.id, a]))
  const summaries: ArticleSummary[] = []
  const added: ArticleDocument[] = []
  const changed: ArticleDocument[] = []
  const all: ArticleDocument[] = []
  for (const summary of local.project.articles) {
    const mine = localDocs.get(summary.id)
    const theirs = incomingDocs.get(summary.id)
    if (!mine || !theirs) {
      summaries.push(summary)
      if (mine) all.push(mine)
      continue
    }
    const metaFromThem = resolutions.get(entityKey('article', mine.id)) === 'incoming'
    const chosen = metaFromThem ? theirs : mine
    const ours = new Map(mine.annotations.map((a) => [a.id, a]))
    const others = new Map(theirs.annotations.map((a) => [a.id, a]))
    const picked: Array<{ annotation: Annotation; sourceText: string }> = []
    for (const annotation of mine.annotations) {
      const other = others.get(annotation.id)
      const takeTheirs =
        other !== undefined &&
        resolutions.get(entityKey('annotation', annotation.id, mine.id)) === 'incoming'
      picked.push(
        other !== undefined && takeTheirs
          ? { annotation: other, sourceText: theirs.text }
          : { annotation, sourceText: mine.text },
      )
    }
    for (const annotation of theirs.annotations) {
      if (!ours.has(annotation.id)) picked.push({ annotation, sourceText: theirs.text })
    }
    const merged: ArticleDocument = {
      ...chosen,
      annotations: fitAnnotations(chosen.text, picked),
      updatedAt: mine.updatedAt,
    }
    if (canonicalJson(merged) === canonicalJson(mine)) {
      summaries.push(summary)
      all.push(mine)
      continue
    }
    merged.updatedAt = mine.updatedAt > theirs.updatedAt ? mine.updatedAt : theirs.updatedAt
    changed.push(merged)
    all.push(merged)
    summaries.push(metaFromThem ? summarize(merged) : summary)
  }
  const localIds = new Set(local.project.articles.map((a) => a.id))
  for (const article of incoming.articles) {
    if (localIds.has(article.id)) continue
    added.push(article)
    all.push(article)
    summaries.push(summarize(article))
  }
  return { summaries, added, changed, all }
}

interface MergedProject {
  snapshot: ProjectSnapshot
  articles: MergedArticles
  newCustody: CustodyEntry[]
  projectChanged: boolean
  registryChanged: boolean
  copies: number
}

function buildMerged(
  local: ProjectSnapshot,
  incoming: ProjectSnapshot,
  resolutions: Map<string, Resolution>,
): MergedProject {
  let copies = 0
  const copy = <T extends { id: string; updatedAt: string }>(item: T): T => {
    copies++
    return { ...item, id: randomUUID() }
  }
  const articles = mergeArticles(local, incoming, resolutions)
  const tags = mergeList('tag', local.project.tags, incoming.project.tags, resolutions)
  const { sources, claims, relations, statuses, evidence } = incoming.registry
  const registry: RegistryDocument = {
    ...local.registry,
    sources: mergeList('source', local.registry.sources, sources, resolutions, copy),
    claims: mergeList('claim', local.registry.claims, claims, resolutions, copy),
    relations: mergeList('relation', local.registry.relations, relations, resolutions),
    statuses: mergeList('status', local.registry.statuses, statuses, resolutions),
    evidence: mergeList('evidence', local.registry.evidence, evidence, resolutions),
  }
  const project: ProjectDocument = { ...local.project, tags, articles: articles.summaries }
  const projectChanged = canonicalJson(project) !== canonicalJson(local.project)
  if (projectChanged) project.updatedAt = new Date().toISOString()
  const newCustody = newCustodyEntries(local.custody, incoming.custody)
  return {
    snapshot: {
      project,
      registry,
      articles: articles.all,
      custody: [...local.custody, ...newCustody],
    },
    articles,
    newCustody,
    projectChanged,
    registryChanged: canonicalJson(registry) !== canonicalJson(local.registry),
    copies,
  }
}

/** Refuses a merged result that does not validate or that breaks a reference neither side broke. */
async function requireValid(
  merged: MergedProject,
  local: ProjectSnapshot,
  pkg: ValidatedPackage,
): Promise<void> {
  const invalid = (name: string, error: ZodError) =>
    new AppFailure(
      'import-rejected',
      `Merging ${pkg.file} would leave ${name} invalid (${describeZodError(error)}). Nothing was changed.`,
    )
  const projectCheck = ProjectDocument.safeParse(merged.snapshot.project)
  if (!projectCheck.success) throw invalid('project.json', projectCheck.error)
  const registryCheck = RegistryDocument.safeParse(merged.snapshot.registry)
  if (!registryCheck.success) throw invalid('registry.json', registryCheck.error)
  for (const article of [...merged.articles.changed, ...merged.articles.added]) {
    const check = ArticleDocument.safeParse(article)
    if (!check.success) throw invalid(`articles/${article.id}.json`, check.error)
  }
  const structural = tagCycle(merged.snapshot) ?? sharedMediaPath(merged.snapshot)
  if (structural) {
    throw new AppFailure(
      'import-rejected',
      `Merging ${pkg.file} would leave ${structural}. Nothing was changed.`,
    )
  }
  const known = new Set([
    ...(await referenceProblems(local)).map(problemKey),
    ...pkg.problems.map(problemKey),
  ])
  const broken = (await referenceProblems(merged.snapshot)).filter((p) => !known.has(problemKey(p)))
  if (broken.length > 0) {
    throw new AppFailure(
      'import-rejected',
      `Merging ${pkg.file} would break references: ${broken
        .slice(0, 3)
        .map((p) => p.message)
        .join(' ')} Nothing was changed.`,
      { problems: broken },
    )
  }
}

/** A tag that would become its own ancestor (each side moved one under the other), or null. */
function tagCycle(snapshot: ProjectSnapshot): string | null {
  const parents = new Map(snapshot.project.tags.map((t) => [t.id, t.parentId]))
  const names = new Map(snapshot.project.tags.map((t) => [t.id, t.name]))
  for (const tag of snapshot.project.tags) {
    const seen = new Set<string>([tag.id])
    for (let at = tag.parentId; at !== null && at !== undefined; at = parents.get(at) ?? null) {
      if (seen.has(at)) return `the tag “${tag.name}” inside itself (through “${names.get(at)}”)`
      seen.add(at)
    }
  }
  return null
}

/** Two evidence files or frames at one path with different contents, or null. */
function sharedMediaPath(snapshot: ProjectSnapshot): string | null {
  const byPath = new Map<string, { sha256: string; title: string }>()
  for (const item of snapshot.registry.evidence) {
    const files = [
      ...(item.file.storage === 'copy' ? [{ path: item.file.path, sha256: item.file.sha256 }] : []),
      ...item.frames.map((f) => ({ path: f.path, sha256: f.sha256 })),
    ]
    for (const { path, sha256 } of files) {
      const other = byPath.get(path)
      if (other && other.sha256 !== sha256) {
        return `evidence “${item.title}” and “${other.title}” with different files at ${path}`
      }
      byPath.set(path, { sha256, title: item.title })
    }
  }
  return null
}

function requireDecisions(plan: MergePlan, decisions: MergeDecisions): void {
  const conflicts = new Map(plan.conflicts.map((c) => [c.key, c]))
  const missing = plan.conflicts.filter((c) => decisions[c.key] === undefined)
  if (missing.length > 0) {
    throw new AppFailure(
      'invalid-input',
      `Choose a version for every conflict first: ${missing
        .slice(0, 3)
        .map((c) => `${c.kind} “${c.label}”`)
        .join(
          ', ',
        )}${missing.length > 3 ? ` and ${missing.length - 3} more` : ''} still need a choice.`,
      { field: 'decisions' },
    )
  }
  for (const [key, choice] of Object.entries(decisions)) {
    const conflict = conflicts.get(key)
    if (!conflict) {
      throw new AppFailure('invalid-input', `There is no conflict ${key} in this merge.`, {
        field: 'decisions',
      })
    }
    if (!conflict.choices.includes(choice)) {
      throw new AppFailure(
        'invalid-input',
        `“${choice}” is not a choice for the ${conflict.kind} “${conflict.label}”.`,
        { field: 'decisions' },
      )
    }
  }
}

/**
 * Applies a merge planned by mergeSharePackage with the user's choice for each conflict. The
 * package is read and checked again (it must be the one planned with, and the project must not
 * have changed since); media files the result needs and the project lacks are streamed into a
 * temporary folder and hash-checked (a local file that differs is kept, never replaced: it is
 * reported in `mediaConflicts`); the merged documents are validated; only then is anything
 * written, after a backup of every project file it replaces. Staging folders a crashed merge left
 * behind are removed first. The check against the project and the writes run
 * in `options.exclusive`, on the project as it is then. Not an undo step: the backups are the
 * way back.
 */
export async function applyMerge(
  project: OpenProject,
  plan: MergePlan,
  decisions: MergeDecisions,
  options: MergeOptions = {},
): Promise<MergeResult> {
  requireDecisions(plan, decisions)
  const exclusive = options.exclusive ?? ((work: () => Promise<MergeResult>) => work())
  const staging = await beginStaging(project.folder)
  try {
    const documents = await readPackage(
      plan.file,
      { dir: staging, paths: new Set() },
      options.limits,
      options,
    )
    if (documents.fingerprint !== plan.packageFingerprint) {
      throw new AppFailure(
        'invalid-input',
        `${plan.file} changed since the merge was prepared. Prepare the merge again.`,
      )
    }
    // What the merge needs from the package, decided on the project as it is now; checked again
    // (cheaply, without the package) just before writing.
    const first = await mergeWithProject(project, plan, decisions, documents)
    const staged = new Set(first.media.filter((m) => m.status === 'restore').map((m) => m.path))
    if (staged.size > 0) {
      const withMedia = await readPackage(
        plan.file,
        { dir: staging, paths: staged },
        options.limits,
        options,
      )
      if (withMedia.fingerprint !== plan.packageFingerprint) {
        throw new AppFailure(
          'invalid-input',
          `${plan.file} changed while it was being merged. Prepare the merge again.`,
        )
      }
    }
    return await exclusive(async () => {
      const { now, merged, media } = await mergeWithProject(project, plan, decisions, documents)
      const bringIn = media.filter((m) => m.status === 'restore').map((m) => m.path)
      if (bringIn.some((path) => !staged.has(path))) throw projectChangedSincePlan()
      const pathsOf = (status: MergeMediaView['status']) =>
        media.filter((m) => m.status === status).map((m) => m.path)
      const changed =
        merged.projectChanged ||
        merged.registryChanged ||
        merged.articles.changed.length > 0 ||
        merged.articles.added.length > 0 ||
        merged.newCustody.length > 0 ||
        bringIn.length > 0
      const backups = changed ? await writeMerged(project, merged, bringIn, staging) : []
      await recordMergeBase(
        project.folder,
        documents.manifest.projectId,
        entityHashes(documents.snapshot),
      )
      const updated = now.changes.filter((c) => c.action === 'update').length
      return {
        changed,
        added: now.changes.length - updated,
        updated,
        conflictsResolved: now.conflicts.length,
        copies: merged.copies,
        mediaFiles: bringIn.length,
        missingMedia: pathsOf('unavailable'),
        mediaConflicts: pathsOf('differs'),
        backups,
      }
    })
  } finally {
    await endStaging(staging)
  }
}

const projectChangedSincePlan = () =>
  new AppFailure(
    'invalid-input',
    'The project changed since the merge was prepared. Prepare the merge again.',
  )

/**
 * The merge of the package's documents into the project as it is now, with the user's
 * decisions; refused if the project no longer is as planned against, or if the result would
 * not be valid. Reads the project; writes nothing.
 */
async function mergeWithProject(
  project: OpenProject,
  plan: MergePlan,
  decisions: MergeDecisions,
  documents: ValidatedPackage,
) {
  const local = await snapshotOfProject(project)
  const base = await readMergeBase(project.folder, documents.manifest.projectId)
  const { plan: now, resolutions } = classify(local, documents.snapshot, base)
  const sameConflicts =
    now.conflicts.length === plan.conflicts.length &&
    now.conflicts.every((c) => decisions[c.key] !== undefined)
  if (now.localFingerprint !== plan.localFingerprint || !sameConflicts) {
    throw projectChangedSincePlan()
  }
  for (const conflict of now.conflicts) {
    resolutions.set(conflict.key, decisions[conflict.key] as Resolution)
  }
  const merged = buildMerged(local, documents.snapshot, resolutions)
  await requireValid(merged, local, documents)
  const media = await mediaToReconcile(project.folder, local, merged.snapshot, documents.media)
  return { now, merged, media }
}

/** Writes the merged project (media from `staging`), after backing up what it replaces. */
async function writeMerged(
  project: OpenProject,
  merged: MergedProject,
  bringIn: readonly string[],
  staging: string,
): Promise<string[]> {
  const backups: string[] = []
  // Only the documents the merge replaces (a merge that only restores media replaces none).
  const files = [
    ...(merged.projectChanged ? [projectFilePath(project.folder)] : []),
    ...(merged.registryChanged ? [registryFilePath(project.folder)] : []),
    ...merged.articles.changed.map((a) => articleFilePath(project.folder, a.id)),
  ]
  for (const file of files) {
    const backup = await project.backups.backupNow(file)
    if (backup) backups.push(backup)
  }
  // Only files missing here: nothing local is replaced, so there is nothing to back up.
  for (const path of bringIn) {
    const parts = path.split('/')
    await moveIntoNewFile(join(staging, ...parts), join(project.folder, ...parts))
  }
  for (const article of merged.articles.added) await project.createArticle(article)
  for (const article of merged.articles.changed) {
    const doc = await project.article(article.id)
    await doc.replace(article)
    project.annotationIndex.replaceArticle(article.id, article.annotations)
    project.search.markArticle(article.id)
  }
  if (merged.registryChanged) {
    await project.registry.replace(merged.snapshot.registry)
    project.search.markRegistry()
  }
  if (merged.projectChanged) await project.doc.replace(merged.snapshot.project)
  // The log is append-only: the package's entries this project lacks are added at its end.
  for (const entry of merged.newCustody) await appendCustody(project.folder, entry)
  return backups
}
