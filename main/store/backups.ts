import { copyFile, mkdir, readdir, rm } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { BACKUPS_DIR } from './project-layout'

export interface BackupPolicy {
  /** How many backups to keep per file. */
  keep: number
  /** A file is backed up at most this often, so frequent saves cost nothing extra. */
  minIntervalMs: number
}

export const DEFAULT_BACKUP_POLICY: BackupPolicy = { keep: 5, minIntervalMs: 10 * 60 * 1000 }

/**
 * Rolling backups of a project's files under `.backups/<relative path>/<timestamp>.json`.
 * A backup copies the file as it is on disk (already validated when it was loaded) just
 * before it is replaced.
 */
export class BackupStore {
  private readonly lastBackupAt = new Map<string, number>()

  constructor(
    private readonly projectFolder: string,
    private readonly policy: BackupPolicy = DEFAULT_BACKUP_POLICY,
  ) {}

  /** Backs up `file` if its last backup is older than the policy's interval. */
  async backupIfDue(file: string, now = Date.now()): Promise<void> {
    const last = this.lastBackupAt.get(file)
    if (last !== undefined && now - last < this.policy.minIntervalMs) return
    await this.backupNow(file, now)
  }

  async backupNow(file: string, now = Date.now()): Promise<string | null> {
    const dir = this.backupDirFor(file)
    await mkdir(dir, { recursive: true })
    const target = join(dir, `${new Date(now).toISOString().replace(/[:.]/g, '-')}.json`)
    try {
      await copyFile(file, target)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
    this.lastBackupAt.set(file, now)
    await this.prune(dir)
    return target
  }

  /** Backups of `file`, newest first. */
  async list(file: string): Promise<string[]> {
    const dir = this.backupDirFor(file)
    let names: string[]
    try {
      names = await readdir(dir)
    } catch {
      return []
    }
    return names
      .filter((n) => n.endsWith('.json'))
      .sort()
      .reverse()
      .map((n) => join(dir, n))
  }

  private backupDirFor(file: string): string {
    const rel = relative(this.projectFolder, file).split(sep).join('__')
    return join(this.projectFolder, BACKUPS_DIR, rel)
  }

  private async prune(dir: string): Promise<void> {
    const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort()
    const excess = names.slice(0, Math.max(0, names.length - this.policy.keep))
    await Promise.all(excess.map((n) => rm(join(dir, n), { force: true })))
  }
}
