import { execFile } from 'node:child_process'
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { CallOutput, Events } from '../../../shared/api'
import type { StorageMode } from '../../../shared/model/evidence'
import { RegistryDocument } from '../../../shared/model/registry'
import { copyMediaFixture, type MediaFixture } from '../../helpers/media-fixtures'
import { openTestApi, type TestApi } from '../../helpers/test-api'

const run = promisify(execFile)

/** The SHA-256 that coreutils computes, to compare ours against an independent tool. */
export async function sha256sum(path: string): Promise<string> {
  const { stdout } = await run('sha256sum', [path])
  return stdout.split(' ')[0] ?? ''
}

let taskCount = 0
export const nextTaskId = () => `task-${++taskCount}`

export interface EvidenceBench extends TestApi {
  /** Where the test's "downloads" lie, outside the project folder. */
  downloads: string
  progress: Array<Events['task:progress']>
  /** A fixture copied into downloads (as `asName` if given). */
  fixture(name: MediaFixture, asName?: string): Promise<string>
  add(paths: string[], storage?: StorageMode): Promise<CallOutput<'evidence:add'>>
  /** Adds one file that must succeed and returns its item. */
  addOne(path: string, storage?: StorageMode): Promise<CallOutput<'evidence:add'>['added'][number]>
  registryBytes(): Promise<string>
  registryFile(): Promise<RegistryDocument>
}

/** A test API with a project and a downloads folder beside it; task progress is recorded. */
export async function openEvidenceBench(
  onEvent?: (event: string, payload: unknown) => void,
): Promise<EvidenceBench> {
  const progress: Array<Events['task:progress']> = []
  const t = await openTestApi({
    prefix: 'claimdesk-evidence-',
    userName: 'mira',
    emit: (event, payload) => {
      if (event === 'task:progress') progress.push(payload as Events['task:progress'])
      onEvent?.(event, payload)
    },
  })
  const downloads = join(t.dir.path, 'downloads')
  await mkdir(downloads, { recursive: true })
  const registryBytes = () => readFile(join(t.folder, 'registry.json'), 'utf8')
  const add = (paths: string[], storage?: StorageMode) =>
    t.call('evidence:add', {
      taskId: nextTaskId(),
      files: paths.map((path) => (storage ? { path, storage } : { path })),
    })
  return {
    ...t,
    downloads,
    progress,
    fixture: (name, asName) => copyMediaFixture(name, downloads, asName),
    add,
    async addOne(path, storage) {
      const report = await add([path], storage)
      const item = report.added[0]
      if (!item || report.failed.length > 0) {
        throw new Error(`adding ${path} failed: ${JSON.stringify(report.failed)}`)
      }
      return item
    },
    registryBytes,
    registryFile: async () => RegistryDocument.parse(JSON.parse(await registryBytes())),
  }
}
