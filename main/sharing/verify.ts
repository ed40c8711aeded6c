import { readFile, stat } from 'node:fs/promises'
import { isAbsolute, join, resolve } from 'node:path'
import type { IntegrityProblem } from '../../shared/api'
import { AppFailure } from '../../shared/result'
import { hashFile } from '../evidence/hashing'
import type { ShareLimits } from './package-zip'
import { parseCustody, readProjectFolder, referenceProblems } from './project-snapshot'
import { readSharePackage } from './read-package'
import { CUSTODY_FILE, unsafeMediaPathReason } from './share-format'

export interface VerifyProblem {
  /** 'document': a file fails its schema; 'package': the package is refused; else as integrity. */
  kind: 'document' | 'package' | IntegrityProblem['kind']
  message: string
}

export interface VerifyReport {
  target: string
  type: 'folder' | 'package'
  problems: VerifyProblem[]
  /** Evidence files and frames whose SHA-256 was checked (with media, a package's too). */
  filesChecked: number
}

export interface VerifyOptions {
  limits?: Partial<ShareLimits>
  /** Called before each evidence file is hashed (for a progress line). */
  onFile?: (path: string) => void
}

/**
 * Checks a project folder or a `.claimdesk` file without changing it: every document against its
 * schema, every reference between entities, and every copied or linked evidence file and frame
 * against its recorded SHA-256 (a package's media is checked against its manifest and registry).
 */
export async function verifyProject(
  target: string,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const path = resolve(target)
  const info = await stat(path).catch(() => null)
  if (!info) throw new AppFailure('not-found', `${path} does not exist.`, { file: path })
  return info.isDirectory() ? verifyFolder(path, options) : verifyPackage(path, options)
}

async function verifyPackage(file: string, options: VerifyOptions): Promise<VerifyReport> {
  try {
    const pkg = await readSharePackage(file, options.limits)
    return {
      target: file,
      type: 'package',
      problems: pkg.problems.map(({ kind, message }) => ({ kind, message })),
      filesChecked: pkg.media.length,
    }
  } catch (error) {
    if (!(error instanceof AppFailure) || error.code !== 'import-rejected') throw error
    return {
      target: file,
      type: 'package',
      problems: [{ kind: 'package', message: error.message }],
      filesChecked: 0,
    }
  }
}

async function verifyFolder(folder: string, options: VerifyOptions): Promise<VerifyReport> {
  const problems: VerifyProblem[] = []
  let snapshot
  try {
    snapshot = await readProjectFolder(folder, {
      onFailure: (_file, failure) => problems.push({ kind: 'document', message: failure.message }),
    })
  } catch (error) {
    if (!(error instanceof AppFailure)) throw error
    return {
      target: folder,
      type: 'folder',
      problems: [{ kind: 'document', message: error.message }],
      filesChecked: 0,
    }
  }
  const custodyFile = join(folder, CUSTODY_FILE)
  const custody = await readFile(custodyFile, 'utf8').catch(() => null)
  if (custody !== null) {
    try {
      parseCustody(custody, custodyFile)
    } catch (error) {
      if (!(error instanceof AppFailure)) throw error
      problems.push({ kind: 'document', message: error.message })
    }
  }
  for (const { kind, message } of await referenceProblems(snapshot)) {
    problems.push({ kind, message })
  }
  let filesChecked = 0
  const check = async (owner: string, recorded: string, sha256: string, linked: boolean) => {
    if (!linked) {
      const unsafe = unsafeMediaPathReason(recorded)
      if (unsafe) {
        problems.push({
          kind: 'evidence-file',
          message: `${owner} refers to “${recorded}”: ${unsafe}.`,
        })
        return
      }
    } else if (!isAbsolute(recorded)) {
      problems.push({
        kind: 'evidence-file',
        message: `${owner} is linked to “${recorded}”, which is not an absolute path.`,
      })
      return
    }
    const file = linked ? recorded : join(folder, ...recorded.split('/'))
    options.onFile?.(file)
    filesChecked++
    try {
      const found = await hashFile(file)
      if (found.sha256 !== sha256) {
        problems.push({
          kind: 'evidence-file',
          message: `${owner}: ${file} has changed (its SHA-256 is ${found.sha256}, ${sha256} was recorded).`,
        })
      }
    } catch (error) {
      const reason = error instanceof AppFailure ? error.message : String(error)
      problems.push({ kind: 'evidence-file', message: `${owner}: ${reason}` })
    }
  }
  for (const item of snapshot.registry.evidence) {
    const owner = `Evidence “${item.title}”`
    await check(owner, item.file.path, item.file.sha256, item.file.storage === 'link')
    for (const frame of item.frames) {
      await check(`A frame of evidence “${item.title}”`, frame.path, frame.sha256, false)
    }
  }
  return { target: folder, type: 'folder', problems, filesChecked }
}
