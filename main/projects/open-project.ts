import { randomUUID } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { userInfo } from 'node:os'
import { join, resolve } from 'node:path'
import type { ArticleDocument } from '../../shared/model/article'
import {
  defaultProjectSettings,
  PROJECT_SCHEMA_VERSION,
  type ProjectDocument,
  type ProjectInfo,
  type ProjectSettings,
} from '../../shared/model/project'
import { AppFailure } from '../../shared/result'
import { AnnotationIndex } from '../annotations/annotation-index'
import type { SessionFileCheck } from '../evidence/file-checks'
import { UndoHistory } from '../history/undo-history'
import { ProjectSearch } from '../search/project-search'
import { BackupStore, type BackupPolicy, DEFAULT_BACKUP_POLICY } from '../store/backups'
import { TEMP_SUFFIX, writeFileDurably } from '../store/durable-write'
import {
  createDocument,
  flushWrites,
  loadDocument,
  parseDocument,
  type StoredDocument,
} from '../store/json-document'
import { ProjectLock } from '../store/project-lock'
import {
  ARTICLES_DIR,
  articleFilePath,
  MEDIA_DIR,
  PROJECT_FILE,
  projectFilePath,
  REGISTRY_FILE,
  registryFilePath,
} from '../store/project-layout'
import { articleSpec, projectSpec, registrySpec, specForRelativePath } from './project-files'
import { emptyRegistry, type RegistryDocument } from '../../shared/model/registry'

export interface ProjectOptions {
  backupPolicy?: BackupPolicy
  /** Who is working, recorded with assessments; defaults to the OS user name. */
  userName?: string
}

/** The OS user name, as assessments record who made them. */
export function defaultUserName(): string {
  try {
    return userInfo().username || 'researcher'
  } catch {
    return 'researcher'
  }
}

async function statOrNull(path: string) {
  try {
    return await stat(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

/** Removes temp files that a crash mid-write left behind (the target file is intact). */
async function clearStaleTempFiles(dir: string): Promise<void> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return
  }
  await Promise.all(
    names.filter((n) => n.endsWith(TEMP_SUFFIX)).map((n) => rm(join(dir, n), { force: true })),
  )
}

/**
 * A project folder opened by this process: holds its lock, its project document and the
 * article documents loaded so far. Everything that changes a project goes through here.
 */
export class OpenProject {
  private readonly articleDocs = new Map<string, Promise<StoredDocument<ArticleDocument>>>()
  readonly annotationIndex: AnnotationIndex
  readonly history: UndoHistory
  readonly search: ProjectSearch
  readonly userName: string
  /** Evidence files checked in this session, by item id (never saved: files change meanwhile). */
  readonly fileChecks = new Map<string, SessionFileCheck>()

  private constructor(
    readonly folder: string,
    readonly doc: StoredDocument<ProjectDocument>,
    /** Sources, claims, relations and custom statuses (registry.json). */
    readonly registry: StoredDocument<RegistryDocument>,
    private readonly lock: ProjectLock,
    readonly backups: BackupStore,
    options: ProjectOptions,
  ) {
    this.userName = options.userName ?? defaultUserName()
    this.annotationIndex = new AnnotationIndex(
      () => this.doc.data.articles.map((a) => a.id),
      async (articleId) => (await this.readArticle(articleId)).annotations,
    )
    this.history = new UndoHistory(this)
    this.search = new ProjectSearch({
      articleIds: () => this.doc.data.articles.map((a) => a.id),
      readArticle: (id) => this.readArticle(id),
      registry: () => this.registry.data,
    })
  }

  /** Creates a project in `folder`, which must be new or empty. */
  static async create(
    folder: string,
    name: string,
    options: ProjectOptions = {},
  ): Promise<OpenProject> {
    const dir = resolve(folder)
    const existing = await statOrNull(dir)
    if (existing && !existing.isDirectory()) {
      throw new AppFailure(
        'invalid-input',
        `${dir} is a file, not a folder. Choose a folder for the project.`,
        {
          field: 'folder',
        },
      )
    }
    if (existing) {
      const entries = await readdir(dir)
      if (entries.includes(PROJECT_FILE)) {
        throw new AppFailure(
          'project-exists',
          `${dir} already holds a Claimdesk project. Open it instead.`,
          {
            field: 'folder',
          },
        )
      }
      if (entries.some((e) => !e.startsWith('.'))) {
        throw new AppFailure(
          'invalid-input',
          `${dir} is not empty. Choose an empty or a new folder for the project.`,
          {
            field: 'folder',
          },
        )
      }
    }
    await mkdir(join(dir, ARTICLES_DIR), { recursive: true })
    await mkdir(join(dir, MEDIA_DIR), { recursive: true })
    const lock = await ProjectLock.acquire(dir)
    try {
      const now = new Date().toISOString()
      const data: ProjectDocument = {
        schemaVersion: PROJECT_SCHEMA_VERSION,
        id: randomUUID(),
        name: name.trim(),
        createdAt: now,
        updatedAt: now,
        articles: [],
        tags: [],
        settings: defaultProjectSettings(),
      }
      const backups = new BackupStore(dir, options.backupPolicy ?? DEFAULT_BACKUP_POLICY)
      const doc = await createDocument(projectFilePath(dir), projectSpec(dir), data, backups)
      const registry = await createDocument(
        registryFilePath(dir),
        registrySpec(dir),
        emptyRegistry(),
        backups,
      )
      return new OpenProject(dir, doc, registry, lock, backups, options)
    } catch (error) {
      await lock.release()
      throw error
    }
  }

  /** Opens an existing project folder, taking its lock and validating project.json. */
  static async open(folder: string, options: ProjectOptions = {}): Promise<OpenProject> {
    const dir = resolve(folder)
    const info = await statOrNull(dir)
    if (!info)
      throw new AppFailure('not-found', `The folder ${dir} does not exist.`, { field: 'folder' })
    if (!info.isDirectory()) {
      throw new AppFailure('invalid-input', `${dir} is a file, not a project folder.`, {
        field: 'folder',
      })
    }
    if (!(await statOrNull(projectFilePath(dir)))) {
      throw new AppFailure(
        'not-a-project',
        `${dir} is not a Claimdesk project: it has no ${PROJECT_FILE}.`,
        {
          field: 'folder',
        },
      )
    }
    const lock = await ProjectLock.acquire(dir)
    try {
      const backups = new BackupStore(dir, options.backupPolicy ?? DEFAULT_BACKUP_POLICY)
      await Promise.all([clearStaleTempFiles(dir), clearStaleTempFiles(join(dir, ARTICLES_DIR))])
      const doc = await loadWithBackupHint(
        projectFilePath(dir),
        PROJECT_FILE,
        dir,
        backups,
        (file) => loadDocument(file, projectSpec(dir), backups),
      )
      const registry = await loadRegistry(dir, backups)
      await mkdir(join(dir, ARTICLES_DIR), { recursive: true })
      return new OpenProject(dir, doc, registry, lock, backups, options)
    } catch (error) {
      await lock.release()
      throw error
    }
  }

  info(): ProjectInfo {
    const d = this.doc.data
    return {
      id: d.id,
      name: d.name,
      folder: this.folder,
      createdAt: d.createdAt,
      articleCount: d.articles.length,
      settings: d.settings,
    }
  }

  async rename(name: string): Promise<void> {
    await this.doc.update((d) => {
      d.name = name.trim()
      d.updatedAt = new Date().toISOString()
    })
  }

  async updateSettings(settings: Partial<ProjectSettings>): Promise<void> {
    await this.doc.update((d) => {
      d.settings = { ...d.settings, ...settings }
      d.updatedAt = new Date().toISOString()
    })
  }

  /** The article's document, loaded and validated on first use. */
  article(articleId: string): Promise<StoredDocument<ArticleDocument>> {
    const cached = this.articleDocs.get(articleId)
    if (cached) return cached
    // Only the first load of an article pays for this scan of the index.
    if (!this.doc.data.articles.some((a) => a.id === articleId)) {
      return Promise.reject(
        new AppFailure('not-found', `No article with id ${articleId} in this project.`),
      )
    }
    let pending = this.articleDocs.get(articleId)
    if (!pending) {
      const file = articleFilePath(this.folder, articleId)
      pending = loadWithBackupHint(
        file,
        `${ARTICLES_DIR}/${articleId}.json`,
        this.folder,
        this.backups,
        (f) => loadDocument(f, articleSpec(this.folder, articleId), this.backups),
      )
      // A failed load is not cached: the user may restore a backup and try again.
      pending.catch(() => this.articleDocs.delete(articleId))
      this.articleDocs.set(articleId, pending)
    }
    return pending
  }

  /**
   * The article's current content without keeping its document loaded (for scans over the
   * whole project, which would otherwise hold every article in memory).
   */
  async readArticle(articleId: string): Promise<ArticleDocument> {
    const loaded = this.articleDocs.get(articleId)
    if (loaded) return (await loaded).data
    const file = articleFilePath(this.folder, articleId)
    return loadWithBackupHint(
      file,
      `${ARTICLES_DIR}/${articleId}.json`,
      this.folder,
      this.backups,
      async (f) => parseDocument(await readFile(f, 'utf8'), articleSpec(this.folder, articleId)),
    )
  }

  /** Writes a new article's document (before it enters the index, so a crash leaves no dangling entry). */
  async createArticle(data: ArticleDocument): Promise<StoredDocument<ArticleDocument>> {
    const doc = createDocument(
      articleFilePath(this.folder, data.id),
      articleSpec(this.folder, data.id),
      data,
      this.backups,
    )
    this.articleDocs.set(data.id, doc)
    this.annotationIndex.replaceArticle(data.id, data.annotations)
    this.search.markArticle(data.id)
    return doc
  }

  /** Removes an article's file after keeping a backup of it. */
  async removeArticleFile(articleId: string): Promise<void> {
    const file = articleFilePath(this.folder, articleId)
    await this.backups.backupNow(file)
    this.articleDocs.delete(articleId)
    this.annotationIndex.removeArticle(articleId)
    this.search.markArticle(articleId)
    this.history.forgetArticle(articleId)
    await rm(file, { force: true })
  }

  async close(): Promise<void> {
    // Let queued writes land before the lock goes.
    await Promise.allSettled([...this.articleDocs.values()])
    await flushWrites()
    await this.lock.release()
  }
}

/** Loads registry.json, creating an empty one for projects made before it existed. */
async function loadRegistry(
  dir: string,
  backups: BackupStore,
): Promise<StoredDocument<RegistryDocument>> {
  try {
    return await loadWithBackupHint(registryFilePath(dir), REGISTRY_FILE, dir, backups, (file) =>
      loadDocument(file, registrySpec(dir), backups),
    )
  } catch (error) {
    if (!(error instanceof AppFailure) || error.code !== 'not-found') throw error
    return createDocument(registryFilePath(dir), registrySpec(dir), emptyRegistry(), backups)
  }
}

/** Loads a document; on `corrupt-file` adds which file it was and which backups exist. */
async function loadWithBackupHint<T>(
  file: string,
  relativePath: string,
  folder: string,
  backups: BackupStore,
  load: (file: string) => Promise<T>,
): Promise<T> {
  try {
    return await load(file)
  } catch (error) {
    if (error instanceof AppFailure && error.code === 'corrupt-file') {
      const available = await backups.list(file)
      const hint =
        available.length > 0
          ? ` The file was left as it is; the newest of ${available.length} backups can be restored.`
          : ' The file was left as it is; there is no backup of it yet.'
      throw new AppFailure('corrupt-file', `${error.message}${hint}`, {
        ...error.details,
        folder,
        file: relativePath,
        backups: available.length,
      })
    }
    throw error
  }
}

/**
 * Replaces a corrupt project file with its newest backup that validates. The corrupt file
 * is kept beside it as `<name>.corrupt-<time>`. The project must not be open elsewhere.
 */
export async function restoreNewestBackup(
  folder: string,
  relativePath: string,
  options: ProjectOptions = {},
): Promise<{ restoredFrom: string; movedAside: string }> {
  const dir = resolve(folder)
  const spec = specForRelativePath(dir, relativePath)
  if (!spec)
    throw new AppFailure(
      'invalid-input',
      `${relativePath} is not a file Claimdesk keeps backups of.`,
    )
  const lock = await ProjectLock.acquire(dir)
  try {
    const target = join(dir, relativePath)
    const backups = new BackupStore(dir, options.backupPolicy ?? DEFAULT_BACKUP_POLICY)
    for (const candidate of await backups.list(target)) {
      const text = await readFile(candidate, 'utf8')
      try {
        parseDocument<unknown>(text, spec as never)
      } catch {
        continue
      }
      const movedAside = `${target}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`
      if (await statOrNull(target)) await rename(target, movedAside)
      await writeFileDurably(target, text)
      return { restoredFrom: candidate, movedAside }
    }
    throw new AppFailure('not-found', `There is no valid backup of ${relativePath} in ${dir}.`)
  } finally {
    await lock.release()
  }
}
