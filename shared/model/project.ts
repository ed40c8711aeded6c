import { z } from 'zod'
import { ArticleSummary } from './article'
import { Id, Timestamp } from './common'
import { Tag } from './tag'

import { StorageMode } from './evidence'

/** Version 4 adds the project's settings. */
export const PROJECT_SCHEMA_VERSION = 4

/** Per-project preferences. */
export const ProjectSettings = z.object({
  /** Whether added evidence files are copied into media/ or linked where they are, by default. */
  evidenceStorage: StorageMode,
})
export type ProjectSettings = z.infer<typeof ProjectSettings>
export const defaultProjectSettings = (): ProjectSettings => ({ evidenceStorage: 'copy' })

/** `project.json`: the small document that indexes a project's folder. */
export const ProjectDocument = z.object({
  schemaVersion: z.literal(PROJECT_SCHEMA_VERSION),
  id: Id,
  name: z.string().trim().min(1, 'the project name must not be empty').max(200),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  articles: z.array(ArticleSummary),
  /** The codebook. */
  tags: z.array(Tag),
  settings: ProjectSettings,
})
export type ProjectDocument = z.infer<typeof ProjectDocument>

/** What the renderer needs to know about the open project. */
export interface ProjectInfo {
  id: string
  name: string
  folder: string
  createdAt: string
  articleCount: number
  settings: ProjectSettings
}

export interface RecentProject {
  folder: string
  name: string
  openedAt: string
  /** False when the folder has gone since it was last opened. */
  available: boolean
}
