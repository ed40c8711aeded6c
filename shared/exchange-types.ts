/**
 * Plain data the sharing, merging and standard-import calls answer with (shared by main and the
 * renderer; main's modules produce these shapes).
 */
import type { IntegrityProblem } from './api'

export const STANDARD_EXPORT_FORMATS = ['w3c', 'qdpx', 'qdc', 'claimreview'] as const
export type StandardExportFormat = (typeof STANDARD_EXPORT_FORMATS)[number]
export const STANDARD_IMPORT_FORMATS = ['w3c', 'qdpx'] as const
export type StandardImportFormat = (typeof STANDARD_IMPORT_FORMATS)[number]

/** What importing a W3C or REFI-QDA file did. */
export interface StandardImportReport {
  format: StandardImportFormat
  articlesCreated: number
  annotationsCreated: number
  tagsCreated: number
  /** What was not imported, each with the reason. */
  skipped: Array<{ item: string; reason: string }>
}

/** A `.claimdesk` file after every check passed, before anything was written. */
export interface SharedFileInfo {
  path: string
  projectId: string
  projectName: string
  createdAt: string
  createdBy: string
  appVersion: string
  includesMedia: boolean
  entryCount: number
  /** Bytes when unpacked. */
  expandedSize: number
  /** The file is a copy of the open project (merging is the likely wish). */
  sameProjectAsOpen: boolean
  /** Broken references inside the shared project (they would come along). */
  problems: IntegrityProblem[]
}

export type MergeChoice = 'local' | 'incoming' | 'both'

export interface MergeEntityView {
  /** Unique across kinds: `claim:<id>`, `annotation:<articleId>/<id>`. */
  key: string
  kind: string
  id: string
  articleId?: string
  label: string
}

export interface MergeConflictView extends MergeEntityView {
  /** Both changed it since the last common version; no common version known; or the package's change is older. */
  reason: 'both-changed' | 'no-common-version' | 'older-change'
  local: unknown
  incoming: unknown
  localUpdatedAt: string | null
  incomingUpdatedAt: string | null
  choices: MergeChoice[]
}

/**
 * A media file a merge cannot leave as it is. 'restore': missing here, the package holds it with
 * the recorded SHA-256: it is copied in, hash-checked. 'differs': a file with other content is
 * here: it is kept, never overwritten (it may be someone's only copy; verify the project).
 * 'unavailable': missing here and not in the package (shared without media).
 */
export interface MergeMediaView {
  /** Relative to the project folder: `media/…`. */
  path: string
  /** The SHA-256 the project records for it. */
  sha256: string
  status: 'restore' | 'differs' | 'unavailable'
}

/** What merging a file would do, shown to the user before anything is written. */
export interface MergePlanView {
  file: string
  /** Names the exact package planned with (applying refuses a different one). */
  packageFingerprint: string
  /** Names the project's state planned against (applying refuses if it changed since). */
  localFingerprint: string
  projectId: string
  projectName: string
  /** The package is of this project (a copy of it), not of another one. */
  sameProject: boolean
  includesMedia: boolean
  /** A last common version was recorded for this project id. */
  hasMergeBase: boolean
  /** Applied without asking: entities only the package holds, or only it changed. */
  changes: Array<MergeEntityView & { action: 'add' | 'update' }>
  conflicts: MergeConflictView[]
  /** Entities both sides hold alike. */
  unchanged: number
  /** Entities changed only here since the last common version: they stay as they are. */
  keptLocal: number
  /** Entities only this project holds: they stay. */
  localOnly: number
  /** Custody log entries the package adds. */
  custodyEntries: number
  /**
   * Copied evidence files and frames the merged project (conflicts kept as they are here) refers
   * to that are not on disk as recorded; empty when all are. Applying works this out again with
   * the decisions made, and MergeOutcome says what it did.
   */
  mediaFiles: MergeMediaView[]
  /** Broken references inside the package's project (they come along; nothing new breaks). */
  problems: IntegrityProblem[]
}

/**
 * What a merge did. Not an undo step: the backups are the way back (and the undo history is
 * cleared, since its steps were recorded against files the merge replaced).
 */
export interface MergeOutcome {
  /** False when there was nothing to change (nothing was written). */
  changed: boolean
  added: number
  updated: number
  conflictsResolved: number
  /** Incoming claims and sources kept as copies ('both'). */
  copies: number
  /** Media files brought in from the package. */
  mediaFiles: number
  /** Copied evidence files and frames the merged project refers to but the package did not hold. */
  missingMedia: string[]
  /** Local files that differ from what the merged project records: kept, not overwritten. */
  mediaConflicts: string[]
  /** Backups of every project file the merge replaced, taken just before. */
  backups: string[]
}
