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
  /** First load of an article (project.article), untimed in the save figures. */
  loadMs: Samples,
  /** One annotation appended through doc.update, per save. */
  saveMs: Samples,
  /** How many of the saves were the first save of their article in this process. */
  firstSaves: z.number().int(),
})
export type StoreSizeResult = z.infer<typeof StoreSizeResult>

/** `lowdb-baseline.ts`: the whole project in one lowdb JSONFile. */
export const BaselineResult = z.object({
  articles: z.number().int(),
  fileBytes: z.number(),
  openMs: z.number(),
  saveMs: Samples,
})
export type BaselineResult = z.infer<typeof BaselineResult>
