import { hostname } from 'node:os'
import { open, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { AppFailure } from '../../shared/result'
import { LOCK_FILE } from './project-layout'

export interface LockHolder {
  pid: number
  host: string
  since: string
}

/** True if a process with this pid exists on this machine. */
function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function readHolder(file: string): Promise<LockHolder | null> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<LockHolder>
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string') {
      return {
        pid: parsed.pid,
        host: parsed.host,
        since: String(parsed.since ?? 'an unknown time'),
      }
    }
  } catch {
    // unreadable or half-written: treated as stale below
  }
  return null
}

/**
 * One process owns a project at a time. The lock file is created exclusively (O_EXCL) and
 * holds the owner's pid, host and start time; a lock whose pid is dead on this host is stale
 * and taken over.
 */
export class ProjectLock {
  private constructor(
    private readonly file: string,
    readonly holder: LockHolder,
  ) {}

  static async acquire(folder: string): Promise<ProjectLock> {
    const file = join(folder, LOCK_FILE)
    const me: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString() }
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const handle = await open(file, 'wx')
        try {
          await handle.writeFile(JSON.stringify(me))
          await handle.sync()
        } finally {
          await handle.close()
        }
        return new ProjectLock(file, me)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      }
      const holder = await readHolder(file)
      const stale =
        holder === null ||
        (holder.host === me.host && (holder.pid === me.pid || !processIsAlive(holder.pid)))
      if (!stale) {
        throw new AppFailure(
          'project-locked',
          `This project is open in another Claimdesk (process ${holder.pid} on ${holder.host}, since ${holder.since}). Close it there first.`,
          { ...holder, lockFile: file },
        )
      }
      await rm(file, { force: true })
    }
    throw new AppFailure(
      'project-locked',
      `Could not take the lock ${file}; another process keeps taking it.`,
    )
  }

  async release(): Promise<void> {
    const current = await readHolder(this.file)
    if (current && current.pid === this.holder.pid && current.since === this.holder.since) {
      await rm(this.file, { force: true })
    }
  }
}
