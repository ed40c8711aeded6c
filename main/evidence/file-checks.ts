import { rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, isAbsolute, join } from 'node:path'
import type { EvidenceItem, FileCheck } from '../../shared/model/evidence'
import { AppFailure } from '../../shared/result'
import type { OpenProject } from '../projects/open-project'
import { syncDirectory, tempPathBeside } from '../store/durable-write'
import type { RunningTask } from '../tasks/tasks'
import { appendCustody } from './custody-log'
import { commitItem, evidenceFilePath, findEvidence, now, titled } from './evidence-items'
import { hashFile } from './hashing'

/** A full check (hash) of an item's file in this session, and what it was made against. */
export interface SessionFileCheck {
  check: FileCheck
  /** The path and expected hash checked: a check of another path or hash does not count. */
  path: string
  sha256: string
  size: number
  mtimeMs: number
}

async function statOrNull(path: string) {
  try {
    return await stat(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return null
    throw error
  }
}

const missingMessage = (item: EvidenceItem, path: string) =>
  `The file of ${titled(item)} is missing: nothing is at ${path}. Relink it if it was moved.`

/**
 * The state of every item's file: a full check made in this session where one still applies,
 * else a quick look (missing, or a different size, means it is not the file that was added).
 */
export async function fileChecks(project: OpenProject): Promise<FileCheck[]> {
  return Promise.all(project.registry.data.evidence.map((item) => quickCheck(project, item)))
}

async function quickCheck(project: OpenProject, item: EvidenceItem): Promise<FileCheck> {
  const path = evidenceFilePath(project, item)
  const info = await statOrNull(path)
  if (!info || !info.isFile()) {
    return {
      itemId: item.id,
      state: 'missing',
      checkedAt: now(),
      message: missingMessage(item, path),
    }
  }
  if (info.size !== item.file.size) {
    return {
      itemId: item.id,
      state: 'changed',
      checkedAt: now(),
      message: `The file of ${titled(item)} has changed: it is ${info.size} bytes, but was ${item.file.size} bytes when added (${path}).`,
    }
  }
  const session = project.fileChecks.get(item.id)
  // A file touched since its check is checked again before it is trusted.
  if (
    session &&
    session.check.state !== 'missing' &&
    session.path === path &&
    session.sha256 === item.file.sha256 &&
    session.size === info.size &&
    session.mtimeMs === info.mtimeMs
  ) {
    return session.check
  }
  return {
    itemId: item.id,
    state: 'unchecked',
    checkedAt: null,
    message: `The file of ${titled(item)} has not been verified in this session.`,
  }
}

/**
 * Hashes the item's file again and compares it with the hash taken when it was added; the
 * outcome goes into the custody log and the session's checks. Nothing is replaced or repaired.
 */
export async function verifyEvidence(
  project: OpenProject,
  id: string,
  task: RunningTask,
): Promise<FileCheck> {
  const item = findEvidence(project, id)
  const path = evidenceFilePath(project, item)
  const custody = { itemId: item.id, by: project.userName, path: item.file.path }
  const info = await statOrNull(path)
  let found: { sha256: string; size: number } | null = null
  if (info?.isFile()) {
    const label = `Verifying ${item.title}`
    task.progress(0, info.size, label)
    try {
      found = await hashFile(path, {
        signal: task.signal,
        onProgress: (p) => task.progress(p.done, p.total, label),
      })
    } catch (error) {
      if (!(error instanceof AppFailure && error.code === 'not-found')) throw error
    }
  }
  const at = now()
  let check: FileCheck
  if (!found) {
    check = { itemId: id, state: 'missing', checkedAt: at, message: missingMessage(item, path) }
    await appendCustody(project.folder, {
      ...custody,
      at,
      event: 'missing',
      sha256: null,
      detail: `Verification found no file at ${path}.`,
    })
  } else if (found.sha256 === item.file.sha256 && found.size === item.file.size) {
    check = {
      itemId: id,
      state: 'ok',
      checkedAt: at,
      message: `The file of ${titled(item)} is unchanged: its SHA-256 matches the one taken when it was added.`,
    }
    await appendCustody(project.folder, {
      ...custody,
      at,
      event: 'verified',
      sha256: found.sha256,
      detail: `SHA-256 matches (${found.size} bytes).`,
    })
  } else {
    check = {
      itemId: id,
      state: 'changed',
      checkedAt: at,
      message: `The file of ${titled(item)} has changed: its SHA-256 is ${found.sha256}, but was ${item.file.sha256} when added.`,
    }
    await appendCustody(project.folder, {
      ...custody,
      at,
      event: 'verification-failed',
      sha256: found.sha256,
      detail: `Expected SHA-256 ${item.file.sha256} (${item.file.size} bytes), found ${found.sha256} (${found.size} bytes).`,
    })
  }
  project.fileChecks.set(id, {
    check,
    path,
    sha256: item.file.sha256,
    size: info?.size ?? -1,
    mtimeMs: info?.mtimeMs ?? -1,
  })
  return check
}

/** A file found to be the item's file, ready to be adopted by `commitRelink`. */
export interface PreparedRelink {
  itemId: string
  path: string
  /** For a copied item: its bytes copied back beside media/<id>.<ext>, not yet in place. */
  staged: string | null
}

/**
 * Hashes the file the user chose for an item (outside the mutation queue) and accepts it only
 * if it is byte for byte the file that was added; a refusal is recorded in the custody log.
 * For a copied item the chosen file is copied back into media/ in the same pass.
 */
export async function prepareRelink(
  project: OpenProject,
  id: string,
  path: string,
  task: RunningTask,
): Promise<PreparedRelink> {
  const item = findEvidence(project, id)
  if (!isAbsolute(path)) {
    throw new AppFailure('invalid-input', `${path} is not a full path to a file.`, {
      field: 'path',
    })
  }
  const staged =
    item.file.storage === 'copy' ? tempPathBeside(join(project.folder, item.file.path)) : null
  const label = `Checking ${basename(path)}`
  let found
  try {
    found = await hashFile(path, {
      signal: task.signal,
      onProgress: (p) => task.progress(p.done, p.total, label),
      ...(staged ? { copyTo: staged } : {}),
    })
  } catch (error) {
    if (staged) await rm(staged, { force: true })
    throw error
  }
  if (found.sha256 !== item.file.sha256) {
    if (staged) await rm(staged, { force: true })
    await appendCustody(project.folder, {
      itemId: item.id,
      at: now(),
      by: project.userName,
      event: 'relink-refused',
      path,
      sha256: found.sha256,
      detail: `Expected SHA-256 ${item.file.sha256}, found ${found.sha256}.`,
    })
    throw new AppFailure(
      'invalid-input',
      `${basename(path)} is not the file of ${titled(item)}: its SHA-256 is ${found.sha256}, but the file added had ${item.file.sha256}. Nothing was changed.`,
      { field: 'path' },
    )
  }
  return { itemId: id, path, staged }
}

/**
 * Points the item at the relinked file (inside the mutation queue): a linked item's path
 * changes in an undoable step; a copied item gets its file back in media/.
 */
export async function commitRelink(
  project: OpenProject,
  prepared: PreparedRelink,
): Promise<EvidenceItem> {
  const before = findEvidence(project, prepared.itemId)
  let after = before
  if (prepared.staged) {
    const target = join(project.folder, before.file.path)
    await rename(prepared.staged, target)
    await syncDirectory(dirname(target))
  } else if (before.file.path !== prepared.path) {
    after = await commitItem(project, `Relink evidence ${titled(before)}`, before, {
      ...before,
      file: { ...before.file, path: prepared.path },
      updatedAt: now(),
    })
  }
  const at = now()
  await appendCustody(project.folder, {
    itemId: before.id,
    at,
    by: project.userName,
    event: 'relinked',
    path: prepared.path,
    sha256: before.file.sha256,
    detail: prepared.staged
      ? `SHA-256 matches; copied back to ${before.file.path}.`
      : `SHA-256 matches; was at ${before.file.path}.`,
  })
  const path = evidenceFilePath(project, after)
  const info = await stat(path)
  project.fileChecks.set(after.id, {
    check: {
      itemId: after.id,
      state: 'ok',
      checkedAt: at,
      message: `The file of ${titled(after)} was relinked; its SHA-256 matches the one taken when it was added.`,
    },
    path,
    sha256: after.file.sha256,
    size: info.size,
    mtimeMs: info.mtimeMs,
  })
  return after
}

/** Removes a staged copy that will not be adopted (the project closed meanwhile). */
export async function discardRelink(prepared: PreparedRelink): Promise<void> {
  if (prepared.staged) await rm(prepared.staged, { force: true })
}
