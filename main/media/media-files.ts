/**
 * Which file on disk a media address names, in the open project. Copied files and frames must
 * stay inside the project folder even after following symlinks; linked files are wherever the
 * user linked them.
 */
import { realpath } from 'node:fs/promises'
import { isAbsolute, relative, resolve } from 'node:path'
import type { MediaFileTarget } from '../../shared/media-urls'
import { AppFailure } from '../../shared/result'
import type { OpenProject } from '../projects/open-project'
import type { Workspace } from '../projects/workspace'
import type { MediaResolver, ResolvedMedia } from './media-protocol'

/** The workspace's open project, or null (no failure thrown) when none is open. */
export function openProjectOf(workspace: Workspace): OpenProject | null {
  return workspace.info() ? workspace.project() : null
}

function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path)
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)
}

/** The real path of a file, or a not-found failure naming it. */
async function realFile(path: string, what: string): Promise<string> {
  try {
    return await realpath(path)
  } catch {
    throw new AppFailure('not-found', `The file of ${what} is missing: ${path}`)
  }
}

/** A file given relative to the project folder, refused if it leads out of the folder. */
async function fileInProject(project: OpenProject, path: string, what: string): Promise<string> {
  const folder = await realpath(project.folder)
  const lexical = resolve(folder, path)
  if (!isInside(folder, lexical)) {
    throw new AppFailure('forbidden', `The file of ${what} lies outside the project folder.`)
  }
  const real = await realFile(lexical, what)
  if (!isInside(folder, real)) {
    throw new AppFailure('forbidden', `The file of ${what} leads outside the project folder.`)
  }
  return real
}

export async function resolveMedia(
  project: OpenProject,
  target: MediaFileTarget,
): Promise<ResolvedMedia | null> {
  const item = project.registry.data.evidence.find((e) => e.id === target.itemId)
  if (!item) return null
  if (target.kind === 'frame') {
    const frame = item.frames.find((f) => f.id === target.frameId)
    if (!frame) return null
    const file = await fileInProject(project, frame.path, `a frame of “${item.title}”`)
    return { file, mimeType: 'image/png' }
  }
  const what = `“${item.title}”`
  if (item.file.storage === 'copy') {
    return {
      file: await fileInProject(project, item.file.path, what),
      mimeType: item.file.mimeType,
    }
  }
  // A linked file is named by the absolute path the user chose; a relative one is not ours.
  if (!isAbsolute(item.file.path)) return null
  return { file: await realFile(item.file.path, what), mimeType: item.file.mimeType }
}

/** A resolver bound to whatever project is open when a request arrives. */
export function mediaResolverFor(project: () => OpenProject | null): MediaResolver {
  return async (target) => {
    const open = project()
    return open ? resolveMedia(open, target) : null
  }
}
