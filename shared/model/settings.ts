import { z } from 'zod'
import { Timestamp } from './common'

export const SETTINGS_SCHEMA_VERSION = 1
export const UI_LANGUAGES = ['en', 'de'] as const
export const UiLanguagePreference = z.enum(['system', ...UI_LANGUAGES])
export type UiLanguagePreference = z.infer<typeof UiLanguagePreference>

/** `settings.json` in the app's data folder: preferences and the recent-projects list. */
export const SettingsDocument = z.object({
  schemaVersion: z.literal(SETTINGS_SCHEMA_VERSION),
  language: UiLanguagePreference,
  recentProjects: z.array(
    z.object({ folder: z.string().min(1), name: z.string(), openedAt: Timestamp }),
  ),
})
export type SettingsDocument = z.infer<typeof SettingsDocument>

export interface Settings {
  language: UiLanguagePreference
}
