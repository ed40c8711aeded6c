import { resolve } from 'node:path'
import type { EventName, Events } from '../../shared/api'
import type { ProjectInfo, ProjectSettings } from '../../shared/model/project'
import { AppFailure } from '../../shared/result'
import type { SettingsStore } from '../settings/settings-store'
import { OpenProject, type ProjectOptions, restoreNewestBackup } from './open-project'

export type Emit = <E extends EventName>(event: E, payload: Events[E]) => void

/** The one project this process has open (the app has one window), and its lifecycle. */
export class Workspace {
  private current: OpenProject | null = null

  constructor(
    private readonly settings: SettingsStore,
    private readonly emit: Emit,
    private readonly options: ProjectOptions = {},
  ) {}

  /** The open project, or a `no-project-open` failure. */
  project(): OpenProject {
    if (!this.current)
      throw new AppFailure('no-project-open', 'No project is open. Open or create a project first.')
    return this.current
  }

  info(): ProjectInfo | null {
    return this.current?.info() ?? null
  }

  async create(folder: string, name: string): Promise<ProjectInfo> {
    const created = await OpenProject.create(folder, name, this.options)
    return this.switchTo(created)
  }

  async open(folder: string): Promise<ProjectInfo> {
    if (this.current && this.current.folder === resolve(folder)) {
      return this.current.info()
    }
    const opened = await OpenProject.open(folder, this.options)
    return this.switchTo(opened)
  }

  async rename(name: string): Promise<ProjectInfo> {
    const project = this.project()
    await project.rename(name)
    await this.settings.recordRecent(project.folder, project.doc.data.name)
    const info = project.info()
    this.emit('project:changed', { reason: 'renamed', project: info })
    return info
  }

  /** Changes the project's settings; the renderer refreshes the project's info. */
  async updateSettings(settings: Partial<ProjectSettings>): Promise<ProjectInfo> {
    const project = this.project()
    await project.updateSettings(settings)
    const info = project.info()
    this.emit('project:changed', { reason: 'renamed', project: info })
    return info
  }

  async close(): Promise<void> {
    if (!this.current) return
    const closing = this.current
    this.current = null
    await closing.close()
    this.emit('project:changed', { reason: 'closed', project: null })
  }

  async restoreBackup(folder: string, file: string) {
    if (this.current?.folder === resolve(folder)) {
      throw new AppFailure('invalid-input', 'Close the project before restoring one of its files.')
    }
    return restoreNewestBackup(folder, file, this.options)
  }

  /** Tells the renderer that the open project's content changed. */
  changed(reason: Events['project:changed']['reason']): void {
    this.emit('project:changed', { reason, project: this.info() })
  }

  private async switchTo(next: OpenProject): Promise<ProjectInfo> {
    if (this.current) await this.close()
    this.current = next
    const info = next.info()
    await this.settings.recordRecent(info.folder, info.name)
    this.emit('project:changed', { reason: 'opened', project: info })
    return info
  }
}
