import { mkdir, readdir, rm, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { IntegrityProblem } from '../../shared/api'
import { AppFailure } from '../../shared/result'
import { writeFileDurably } from '../store/durable-write'
import {
  ARTICLES_DIR,
  articleFilePath,
  MEDIA_DIR,
  PROJECT_FILE,
  projectFilePath,
  registryFilePath,
} from '../store/project-layout'
import { entityHashes } from './entities'
import { recordMergeBase } from './merge-base'
import type { ShareLimits, ShareTaskOptions } from './package-zip'
import { custodyText, documentText } from './project-snapshot'
import { readPackage } from './read-package'
import { CUSTODY_FILE } from './share-format'
import { moveFileInto, removeFolder, stagingFolderNear } from './staging'

export interface UnpackOptions extends ShareTaskOptions {
  limits?: Partial<ShareLimits>
}

export interface UnpackResult {
  /** The new project folder; open it with OpenProject.open. */
  folder: string
  projectId: string
  /** Broken references the package's project already had. */
  problems: IntegrityProblem[]
}

/** The names already in `dir` (which must be new, or empty but for hidden files), or null if new. */
async function requireNewFolder(dir: string): Promise<Set<string> | null> {
  let info
  try {
    info = await stat(dir)
  } catch {
    return null
  }
  if (!info.isDirectory()) {
    throw new AppFailure('invalid-input', `${dir} is a file, not a folder. Choose a new folder.`, {
      field: 'folder',
    })
  }
  const names = await readdir(dir)
  if (names.includes(PROJECT_FILE)) {
    throw new AppFailure(
      'project-exists',
      `${dir} already holds a Claimdesk project. Choose a new folder, or merge the package into that project instead.`,
      { field: 'folder' },
    )
  }
  if (names.some((n) => !n.startsWith('.'))) {
    throw new AppFailure(
      'invalid-input',
      `${dir} is not empty. Choose an empty or a new folder for the project.`,
      { field: 'folder' },
    )
  }
  return new Set(names)
}

/**
 * Writes a new project folder from a `.claimdesk` file. The package is checked completely first
 * (media streamed into a temporary folder while it is hashed); only then is anything written in
 * `destFolder`, which must be new or empty. project.json is written last, so an interrupted
 * unpack never leaves a folder that looks like a whole project. The project keeps its id, so
 * later packages of it merge as the same project.
 */
export async function unpackAsNewProject(
  file: string,
  destFolder: string,
  options: UnpackOptions = {},
): Promise<UnpackResult> {
  const dir = resolve(destFolder)
  const existing = await requireNewFolder(dir)
  const staging = await stagingFolderNear(dir)
  try {
    const pkg = await readPackage(file, { dir: staging }, options.limits, options)
    const { project, registry, articles, custody } = pkg.snapshot
    try {
      await mkdir(join(dir, ARTICLES_DIR), { recursive: true })
      await mkdir(join(dir, MEDIA_DIR), { recursive: true })
      for (const entry of pkg.media) {
        const parts = entry.path.split('/')
        await moveFileInto(join(staging, ...parts), join(dir, ...parts))
      }
      for (const article of articles) {
        await writeFileDurably(articleFilePath(dir, article.id), documentText(article))
      }
      await writeFileDurably(registryFilePath(dir), documentText(registry))
      if (custody.length > 0) await writeFileDurably(join(dir, CUSTODY_FILE), custodyText(custody))
      await writeFileDurably(projectFilePath(dir), documentText(project))
      await recordMergeBase(dir, project.id, entityHashes(pkg.snapshot))
    } catch (error) {
      // Take back what was written: the folder is as it was before.
      if (existing === null) await removeFolder(dir)
      else {
        for (const name of await readdir(dir)) {
          if (!existing.has(name)) await rm(join(dir, name), { recursive: true, force: true })
        }
      }
      throw error
    }
    return { folder: dir, projectId: project.id, problems: pkg.problems }
  } finally {
    await removeFolder(staging)
  }
}
