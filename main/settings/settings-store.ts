import { mkdir, rename, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { RecentProject } from '../../shared/model/project'
import {
  type Settings,
  SETTINGS_SCHEMA_VERSION,
  SettingsDocument,
  type UiLanguagePreference,
} from '../../shared/model/settings'
import { AppFailure } from '../../shared/result'
import {
  createDocument,
  type DocumentSpec,
  loadDocument,
  type StoredDocument,
} from '../store/json-document'

const MAX_RECENT = 10

/**
 * The app's own preferences and recent projects, in `settings.json` of the data folder.
 * Settings are not precious: a damaged file is moved aside and defaults are used.
 */
export class SettingsStore {
  private constructor(private readonly doc: StoredDocument<SettingsDocument>) {}

  static async open(dataDir: string): Promise<SettingsStore> {
    await mkdir(dataDir, { recursive: true })
    const file = join(dataDir, 'settings.json')
    const spec: DocumentSpec<SettingsDocument> = {
      kind: 'settings',
      schema: SettingsDocument,
      label: `settings.json in ${dataDir}`,
    }
    const defaults: SettingsDocument = {
      schemaVersion: SETTINGS_SCHEMA_VERSION,
      language: 'system',
      recentProjects: [],
    }
    try {
      return new SettingsStore(await loadDocument(file, spec, null))
    } catch (error) {
      if (!(error instanceof AppFailure)) throw error
      if (error.code === 'corrupt-file' || error.code === 'unsupported-version') {
        await rename(file, `${file}.damaged-${Date.now()}`)
      }
      return new SettingsStore(await createDocument(file, spec, defaults, null))
    }
  }

  get(): Settings {
    return { language: this.doc.data.language }
  }

  async setLanguage(language: UiLanguagePreference): Promise<Settings> {
    await this.doc.update((d) => {
      d.language = language
    })
    return this.get()
  }

  async recordRecent(folder: string, name: string): Promise<void> {
    await this.doc.update((d) => {
      const others = d.recentProjects.filter((r) => r.folder !== folder)
      d.recentProjects = [{ folder, name, openedAt: new Date().toISOString() }, ...others].slice(
        0,
        MAX_RECENT,
      )
    })
  }

  async forgetRecent(folder: string): Promise<void> {
    await this.doc.update((d) => {
      d.recentProjects = d.recentProjects.filter((r) => r.folder !== folder)
    })
  }

  async listRecent(): Promise<RecentProject[]> {
    return Promise.all(
      this.doc.data.recentProjects.map(async (r) => ({
        ...r,
        available: await stat(join(r.folder, 'project.json')).then(
          () => true,
          () => false,
        ),
      })),
    )
  }
}
