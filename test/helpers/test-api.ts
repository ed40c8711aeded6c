import { join } from 'node:path'
import { createMainApi, type MainApi, type MainApiDeps } from '../../main/api'
import type { CallInput, CallOutput, Channel } from '../../shared/api'
import type { AppError } from '../../shared/result'
import { tempDir } from './temp-dir'

export interface TestApiOptions {
  /** Prefix of the temp folder. */
  prefix?: string
  /** Name of the project created in `<temp>/project`. */
  projectName?: string
  /** The user name the API is configured with (left unset when omitted). */
  userName?: string
  /** Event sink; events are dropped when omitted. */
  emit?: MainApiDeps['emit']
  /** How reports are printed to PDF (PDF export fails without it). */
  printToPdf?: MainApiDeps['printToPdf']
}

export interface TestApi {
  api: MainApi
  dir: Awaited<ReturnType<typeof tempDir>>
  /** The project folder, `<temp>/project`, already created. */
  folder: string
  /** Calls a channel that must succeed and returns a copy of its value. */
  call<C extends Channel>(channel: C, input: CallInput<C>): Promise<CallOutput<C>>
  /** The error of a call that must fail (input is not type-checked: some is invalid on purpose). */
  refuse(channel: Channel, input: unknown): Promise<AppError>
  /** Disposes the API and removes the temp folder. */
  close(): Promise<void>
}

/**
 * The main API on a fresh temp folder, with dialogs that choose nothing and a project created
 * in `<temp>/project`.
 */
export async function openTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const dir = await tempDir(options.prefix)
  const api = await createMainApi({
    dataDir: join(dir.path, 'data'),
    dialogs: {
      chooseFolder: async () => null,
      chooseFiles: async () => [],
      chooseSaveFile: async () => null,
    },
    emit: options.emit ?? (() => {}),
    ...(options.userName === undefined ? {} : { userName: options.userName }),
    ...(options.printToPdf === undefined ? {} : { printToPdf: options.printToPdf }),
  })
  const folder = join(dir.path, 'project')

  async function call<C extends Channel>(channel: C, input: CallInput<C>): Promise<CallOutput<C>> {
    const result = await api.invoke(channel, input)
    if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`)
    // Handlers may return live objects; a copy keeps snapshots honest.
    return structuredClone(result.value) as CallOutput<C>
  }

  async function refuse(channel: Channel, input: unknown): Promise<AppError> {
    const result = await api.invoke(channel, input)
    if (result.ok) throw new Error(`${channel} should have been refused: ${JSON.stringify(input)}`)
    return result.error
  }

  async function close(): Promise<void> {
    await api.dispose()
    await dir.cleanup()
  }

  await call('projects:create', { name: options.projectName ?? 'Test', folder })
  return { api, dir, folder, call, refuse, close }
}
