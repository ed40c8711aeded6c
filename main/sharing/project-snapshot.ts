import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { IntegrityProblem } from '../../shared/api'
import type { ArticleDocument } from '../../shared/model/article'
import { CustodyEntry } from '../../shared/model/evidence'
import type { ProjectDocument } from '../../shared/model/project'
import { emptyRegistry, type RegistryDocument } from '../../shared/model/registry'
import type { MentionRef } from '../../shared/model/source'
import { AppFailure } from '../../shared/result'
import { describeZodError } from '../../shared/validation'
import type { OpenProject } from '../projects/open-project'
import { articleSpec, projectSpec, registrySpec } from '../projects/project-files'
import { readCustody } from '../evidence/custody-log'
import { checkReferences } from '../registry/integrity'
import { type DocumentSpec, parseDocument } from '../store/json-document'
import { ARTICLES_DIR, PROJECT_FILE, REGISTRY_FILE } from '../store/project-layout'

/** A whole project as plain, validated documents: what a package holds and a merge compares. */
export interface ProjectSnapshot {
  project: ProjectDocument
  registry: RegistryDocument
  /** In the order of the project's article index. */
  articles: ArticleDocument[]
  custody: CustodyEntry[]
}

/** A document's bytes as the project store writes them (so packed and saved files agree). */
export function documentText(data: unknown): string {
  return `${JSON.stringify(data, null, 1)}\n`
}

/** custody.jsonl's text for a list of entries. */
export function custodyText(entries: readonly CustodyEntry[]): string {
  return entries.map((e) => `${JSON.stringify(e)}\n`).join('')
}

/** Parses custody.jsonl; `label` names the file in messages. */
export function parseCustody(text: string, label: string): CustodyEntry[] {
  const entries: CustodyEntry[] = []
  const lines = text.split('\n')
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue
    let raw: unknown
    try {
      raw = JSON.parse(line)
    } catch {
      throw new AppFailure('corrupt-file', `${label} is damaged: line ${index + 1} is not JSON.`)
    }
    const parsed = CustodyEntry.safeParse(raw)
    if (!parsed.success) {
      throw new AppFailure(
        'corrupt-file',
        `${label} is damaged: line ${index + 1}: ${describeZodError(parsed.error)}.`,
      )
    }
    entries.push(parsed.data)
  }
  return entries
}

/** The open project's documents as they are in memory now (a deep copy). */
export async function snapshotOfProject(project: OpenProject): Promise<ProjectSnapshot> {
  const articles: ArticleDocument[] = []
  for (const summary of project.doc.data.articles) {
    articles.push(structuredClone(await project.readArticle(summary.id)))
  }
  return {
    project: structuredClone(project.doc.data),
    registry: structuredClone(project.registry.data),
    articles,
    custody: await readCustody(project.folder),
  }
}

async function readTextOrNull(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw new AppFailure('io-error', `${file} cannot be read: ${(error as Error).message}`)
  }
}

export interface FolderReadOptions {
  /**
   * Called for each document that fails instead of throwing; the document is then left out
   * (a broken registry reads as empty). Without it the first failure is thrown.
   */
  onFailure?: (file: string, failure: AppFailure) => void
}

/**
 * Reads a project folder without taking its lock and without writing anything (older
 * documents are migrated in memory only): for checking and exporting a project that may be
 * open in the app. A missing or broken project.json always throws.
 */
export async function readProjectFolder(
  folder: string,
  options: FolderReadOptions = {},
): Promise<ProjectSnapshot> {
  const dir = resolve(folder)
  const load = async <T>(relative: string, spec: DocumentSpec<T>): Promise<T | null> => {
    const text = await readTextOrNull(join(dir, relative))
    if (text === null) {
      if (relative === REGISTRY_FILE) return null
      throw new AppFailure('not-found', `${spec.label} does not exist.`, { file: relative })
    }
    return parseDocument(text, spec)
  }
  const tolerate = async <T>(relative: string, read: () => Promise<T>): Promise<T | null> => {
    if (!options.onFailure) return read()
    try {
      return await read()
    } catch (error) {
      if (!(error instanceof AppFailure)) throw error
      options.onFailure(relative, error)
      return null
    }
  }

  const projectText = await readTextOrNull(join(dir, PROJECT_FILE))
  if (projectText === null) {
    throw new AppFailure(
      'not-a-project',
      `${dir} is not a Claimdesk project: it has no ${PROJECT_FILE}.`,
    )
  }
  const project = parseDocument(projectText, projectSpec(dir))
  const registry =
    (await tolerate(REGISTRY_FILE, () => load(REGISTRY_FILE, registrySpec(dir)))) ?? emptyRegistry()
  const articles: ArticleDocument[] = []
  for (const summary of project.articles) {
    const relative = `${ARTICLES_DIR}/${summary.id}.json`
    const article = await tolerate(relative, () => load(relative, articleSpec(dir, summary.id)))
    if (article) articles.push(article)
  }
  // Lines a crash cut short are skipped, as the app does (verify reports them separately).
  const custody = await readCustody(dir)
  return { project, registry, articles, custody }
}

/**
 * Every broken reference in a snapshot: the app's own integrity check (run on a read-only view
 * of the plain documents) plus the references evidence items make. Nothing is changed.
 */
export async function referenceProblems(snapshot: ProjectSnapshot): Promise<IntegrityProblem[]> {
  const articles = new Map(snapshot.articles.map((a) => [a.id, a]))
  // checkReferences reads the documents through doc.data, registry.data and readArticle; a view
  // over the plain documents lets a package be checked before anything of it is written. Its
  // quick look at evidence files on disk does not apply to documents (a package has no folder
  // yet): those results are left out, and verify hashes the files itself.
  const view: Pick<OpenProject, 'doc' | 'registry' | 'readArticle' | 'folder' | 'fileChecks'> = {
    doc: { data: snapshot.project } as OpenProject['doc'],
    registry: { data: snapshot.registry } as OpenProject['registry'],
    readArticle: async (id: string) => {
      const article = articles.get(id)
      if (!article) throw new AppFailure('not-found', `No article with id ${id}.`)
      return article
    },
    folder: join(tmpdir(), `claimdesk-no-folder-${randomUUID()}`),
    fileChecks: new Map(),
  }
  const problems = [
    ...(await checkReferences(view as OpenProject)).filter((p) => p.kind !== 'evidence-file'),
    ...evidenceReferenceProblems(snapshot),
  ]
  const seen = new Set<string>()
  return problems.filter((p) => {
    const key = problemKey(p)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** Identifies a problem by what it is about (messages may differ in wording). */
export const problemKey = (p: IntegrityProblem): string =>
  `${p.kind}|${p.entities.map((e) => `${e.type}:${e.id}`).join(',')}`

/** References from evidence items: claim links, publishers, frames' segments and mentions. */
function evidenceReferenceProblems(snapshot: ProjectSnapshot): IntegrityProblem[] {
  const { sources, claims, evidence } = snapshot.registry
  const sourceIds = new Set(sources.map((s) => s.id))
  const claimIds = new Set(claims.map((c) => c.id))
  const annotations = new Map(
    snapshot.articles.map((a) => [a.id, new Set(a.annotations.map((x) => x.id))]),
  )
  const problems: IntegrityProblem[] = []
  for (const item of evidence) {
    const owner = `Evidence “${item.title}”`
    const links = [
      ...item.claimLinks,
      ...item.segments.flatMap((s) => s.claimLinks),
      ...item.regions.flatMap((r) => r.claimLinks),
    ]
    for (const { claimId } of links) {
      if (!claimIds.has(claimId)) {
        problems.push({
          kind: 'missing-claim',
          message: `${owner} is linked to claim ${claimId}, which does not exist.`,
          entities: [
            { type: 'evidence', id: item.id },
            { type: 'claim', id: claimId },
          ],
        })
      }
    }
    const publisher = item.provenance.publisherId
    if (publisher !== null && !sourceIds.has(publisher)) {
      problems.push({
        kind: 'missing-source',
        message: `${owner} names source ${publisher} as its publisher, which does not exist.`,
        entities: [
          { type: 'evidence', id: item.id },
          { type: 'source', id: publisher },
        ],
      })
    }
    const segmentIds = new Set(item.segments.map((s) => s.id))
    for (const frame of item.frames) {
      if (frame.segmentId !== null && !segmentIds.has(frame.segmentId)) {
        problems.push({
          kind: 'missing-evidence',
          message: `${owner} has a frame of segment ${frame.segmentId}, which does not exist.`,
          entities: [{ type: 'evidence', id: item.id }],
        })
      }
    }
    for (const mention of item.mentions) {
      const problem = mentionProblem(owner, item.id, mention, annotations)
      if (problem) problems.push(problem)
    }
  }
  return problems
}

function mentionProblem(
  owner: string,
  itemId: string,
  mention: MentionRef,
  annotations: Map<string, Set<string>>,
): IntegrityProblem | null {
  const ids = annotations.get(mention.articleId)
  if (!ids) {
    return {
      kind: 'missing-article',
      message: `${owner} is mentioned in article ${mention.articleId}, which is not in the project.`,
      entities: [
        { type: 'evidence', id: itemId },
        { type: 'article', id: mention.articleId },
      ],
    }
  }
  if (ids.has(mention.annotationId)) return null
  return {
    kind: 'missing-annotation',
    message: `${owner} is mentioned by annotation ${mention.annotationId}, which no longer exists.`,
    entities: [
      { type: 'evidence', id: itemId },
      { type: 'annotation', id: mention.annotationId },
    ],
  }
}
