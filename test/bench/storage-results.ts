/** What the storage benchmark's child processes report back (validated by the parent). */
import { z } from 'zod'

const Samples = z.array(z.number().nonnegative())

/** `store-size.ts`: one project size measured through OpenProject. */
export const StoreSizeResult = z.object({
  articles: z.number().int(),
  /** OpenProject.open durations, one per open (the project is closed between opens). */
  openMs: Samples,
  /** process.memoryUsage() right after the first open, in bytes. */
  rssAfterOpen: z.number(),
  heapUsedAfterOpen: z.number(),
  /** Building the project-wide annotation index (what the first tag list after open waits for). */
  indexBuildMs: z.number().nonnegative(),
  rssAfterIndex: z.number(),
  /** First load of an article (project.article), untimed in the save figures. */
  loadMs: Samples,
  /** One annotation appended through doc.update, per save. */
  saveMs: Samples,
  /** Per save: was it the first save of its article in this process (which takes a backup)? */
  firstSave: z.array(z.boolean()),
})
export type StoreSizeResult = z.infer<typeof StoreSizeResult>

/** `lowdb-baseline.ts`: the whole project in one lowdb JSONFile. */
export const BaselineResult = z.object({
  articles: z.number().int(),
  fileBytes: z.number(),
  openMs: z.number(),
  saveMs: Samples,
  /** Saves asked for; fewer were made if the time budget ran out first. */
  savesRequested: z.number().int(),
})
export type BaselineResult = z.infer<typeof BaselineResult>
