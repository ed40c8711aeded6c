import { randomUUID } from 'node:crypto'
import { rm, stat } from 'node:fs/promises'
import { basename, isAbsolute, join } from 'node:path'
import type { EvidenceAddReport, ParsedInput } from '../../shared/api'
import {
  type CustodyEntry,
  emptyProvenance,
  type EvidenceItem,
  type StorageMode,
} from '../../shared/model/evidence'
import { AppFailure } from '../../shared/result'
import type { Change } from '../history/changes'
import type { OpenProject } from '../projects/open-project'
import { MEDIA_DIR } from '../store/project-layout'
import type { RunningTask } from '../tasks/tasks'
import { appendCustody } from './custody-log'
import { validItem, now, titled } from './evidence-items'
import { identifyEvidenceFile } from './file-kind'
import { hashFile } from './hashing'
import { readMediaMetadata } from './media-metadata'

/** A file examined, hashed (and copied), ready to enter the project. */
interface PreparedItem {
  item: EvidenceItem
  custody: CustodyEntry
  /** The copy in media/, removed again if the item does not enter the project. */
  copy: string | null
}

/** What reading the chosen files gave, before anything enters the project. */
export interface PreparedEvidence {
  items: PreparedItem[]
  failed: EvidenceAddReport['failed']
  cancelled: boolean
}

const isCancel = (error: unknown) => error instanceof AppFailure && error.code === 'cancelled'

function messageOf(name: string, error: unknown): string {
  if (error instanceof AppFailure) return error.message
  return `Could not read ${name}: ${error instanceof Error ? error.message : String(error)}.`
}

/** Sizes of the files that can be read now, for progress across all of them. */
async function sizesOf(paths: readonly string[]): Promise<number[]> {
  return Promise.all(
    paths.map((p) =>
      stat(p).then(
        (s) => (s.isFile() ? s.size : 0),
        () => 0,
      ),
    ),
  )
}

/**
 * Examines, hashes and (for 'copy') copies each file, one after the other, reporting progress.
 * This is the slow part and runs outside the mutation queue: nothing in the project changes
 * here except new files in media/, which `commitEvidence` adopts or `discardPrepared` removes.
 * Each file fails on its own; on cancel, the files finished so far are kept.
 */
export async function prepareEvidence(
  project: OpenProject,
  input: ParsedInput<'evidence:add'>,
  task: RunningTask,
): Promise<PreparedEvidence> {
  const result: PreparedEvidence = { items: [], failed: [], cancelled: false }
  const sizes = await sizesOf(input.files.map((f) => f.path))
  const total = sizes.reduce((sum, s) => sum + s, 0)
  const known = new Map(project.registry.data.evidence.map((e) => [e.file.sha256, e.title]))
  let doneBefore = 0
  for (const [index, file] of input.files.entries()) {
    const name = basename(file.path)
    if (task.signal.aborted) {
      result.cancelled = true
      break
    }
    let copy: string | null = null
    try {
      if (!isAbsolute(file.path)) {
        throw new AppFailure('invalid-input', `${file.path} is not a full path to a file.`)
      }
      const storage: StorageMode = file.storage ?? project.doc.data.settings.evidenceStorage
      const identified = await identifyEvidenceFile(file.path)
      const metadata = await readMediaMetadata(file.path, identified.kind, identified.size)
      const id = randomUUID()
      const relative = `${MEDIA_DIR}/${id}.${identified.extension}`
      copy = storage === 'copy' ? join(project.folder, relative) : null
      const label = `Reading ${name}`
      task.progress(doneBefore, total, label)
      const hashed = await hashFile(file.path, {
        signal: task.signal,
        onProgress: (p) => task.progress(doneBefore + p.done, total, label),
        ...(copy ? { copyTo: copy } : {}),
      })
      const duplicate = known.get(hashed.sha256)
      if (duplicate !== undefined) {
        throw new AppFailure(
          'invalid-input',
          `${name} is already in the project as «${duplicate}».`,
        )
      }
      const time = now()
      const item = validItem({
        id,
        kind: identified.kind,
        title: name,
        file: {
          storage,
          path: copy ? relative : file.path,
          originalName: name,
          addedFrom: file.path,
          sha256: hashed.sha256,
          size: hashed.size,
          mimeType: identified.mimeType,
        },
        metadata,
        provenance: emptyProvenance(),
        assessments: [
          { status: 'unstarted', credibility: null, rationale: '', by: project.userName, at: time },
        ],
        claimLinks: [],
        mentions: [],
        segments: [],
        frames: [],
        regions: [],
        createdAt: time,
        updatedAt: time,
      })
      known.set(item.file.sha256, item.title)
      result.items.push({
        item,
        copy,
        custody: {
          itemId: id,
          at: time,
          by: project.userName,
          event: 'added',
          path: file.path,
          sha256: hashed.sha256,
          detail: copy
            ? `Added ${hashed.size} bytes as a copy at ${relative}.`
            : `Added ${hashed.size} bytes, linked where it lies.`,
        },
      })
    } catch (error) {
      if (copy) await rm(copy, { force: true })
      if (isCancel(error)) {
        result.cancelled = true
        break
      }
      result.failed.push({ fileName: name, message: messageOf(name, error) })
    } finally {
      doneBefore += sizes[index] ?? 0
    }
  }
  if (!result.cancelled) task.progress(total, total)
  return result
}

/** Removes the copies of prepared files that will not enter the project. */
export async function discardPrepared(prepared: PreparedEvidence): Promise<void> {
  await Promise.all(prepared.items.map((p) => (p.copy ? rm(p.copy, { force: true }) : undefined)))
}

/**
 * Adds the prepared items in one undoable step (run inside the mutation queue). Files that
 * another call added meanwhile are refused as duplicates here. Custody is written first: a
 * record of an addition that then failed to save is better than an item without its record.
 */
export async function commitEvidence(
  project: OpenProject,
  prepared: PreparedEvidence,
): Promise<EvidenceAddReport> {
  const report: EvidenceAddReport = {
    added: [],
    failed: [...prepared.failed],
    cancelled: prepared.cancelled,
  }
  const known = new Map(project.registry.data.evidence.map((e) => [e.file.sha256, e.title]))
  const changes: Change[] = []
  const adopted: PreparedItem[] = []
  for (const entry of prepared.items) {
    const duplicate = known.get(entry.item.file.sha256)
    if (duplicate !== undefined) {
      if (entry.copy) await rm(entry.copy, { force: true })
      report.failed.push({
        fileName: entry.item.file.originalName,
        message: `${entry.item.file.originalName} is already in the project as «${duplicate}».`,
      })
      continue
    }
    adopted.push(entry)
    changes.push({ entity: 'evidence', before: null, after: entry.item })
  }
  try {
    for (const entry of adopted) await appendCustody(project.folder, entry.custody)
    const first = adopted[0]?.item
    const label =
      adopted.length === 1 && first
        ? `Add evidence ${titled(first)}`
        : `Add ${adopted.length} evidence files`
    await project.history.commit(label, changes)
  } catch (error) {
    await discardPrepared({ ...prepared, items: adopted })
    throw error
  }
  report.added = adopted.map((e) => e.item)
  return report
}
