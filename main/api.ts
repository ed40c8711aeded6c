/**
 * The main process's handler table: implements every call of `shared/api.ts`, independent of
 * the transport (Electron IPC in the app, a Playwright binding in tests).
 */
import { calls, type Channel, type Handlers, isChannel } from '../shared/api'
import { AppFailure, type Result } from '../shared/result'
import { describeZodError } from '../shared/validation'
import { addArticle, deleteArticle, getArticle, listArticles } from './articles/articles'
import type { Dialogs } from './dialogs'
import type { ProjectOptions } from './projects/open-project'
import { type Emit, Workspace } from './projects/workspace'
import { SettingsStore } from './settings/settings-store'

export interface MainApiDeps extends ProjectOptions {
  /** The app's own data folder (settings, recent projects). */
  dataDir: string
  dialogs: Dialogs
  emit: Emit
}

export interface MainApi {
  handlers: Handlers
  workspace: Workspace
  /** Validates `input` against the channel's schema and runs its handler; never throws. */
  invoke(channel: unknown, input: unknown): Promise<Result<unknown>>
  /** Closes the open project (releasing its lock) and waits for pending writes. */
  dispose(): Promise<void>
}

export async function createMainApi(deps: MainApiDeps): Promise<MainApi> {
  const settings = await SettingsStore.open(deps.dataDir)
  const workspace = new Workspace(settings, deps.emit, { backupPolicy: deps.backupPolicy })

  const handlers: Handlers = {
    'settings:get': async () => settings.get(),
    'settings:update': async ({ language }) => settings.setLanguage(language),

    'projects:create': async ({ name, folder }) => workspace.create(folder, name),
    'projects:open': async ({ folder }) => workspace.open(folder),
    'projects:current': async () => workspace.info(),
    'projects:listRecent': async () => settings.listRecent(),
    'projects:forgetRecent': async ({ folder }) => {
      await settings.forgetRecent(folder)
      return settings.listRecent()
    },
    'projects:rename': async ({ name }) => workspace.rename(name),
    'projects:close': async () => {
      await workspace.close()
      return null
    },
    'projects:restoreBackup': async ({ folder, file }) => workspace.restoreBackup(folder, file),

    'articles:add': async (input) => {
      const summary = await addArticle(workspace.project(), input)
      workspace.changed('articles')
      return summary
    },
    'articles:list': async () => listArticles(workspace.project()),
    'articles:get': async ({ id }) => getArticle(workspace.project(), id),
    'articles:delete': async ({ id }) => {
      await deleteArticle(workspace.project(), id)
      workspace.changed('articles')
      return null
    },

    'dialogs:chooseFolder': async ({ purpose }) => deps.dialogs.chooseFolder(purpose),
  }

  async function invoke(channel: unknown, input: unknown): Promise<Result<unknown>> {
    if (!isChannel(channel)) {
      return {
        ok: false,
        error: { code: 'invalid-input', message: `Unknown call ${String(channel)}.` },
      }
    }
    const parsed = calls[channel].input.safeParse(input ?? {})
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: 'invalid-input',
          message: `Invalid input: ${describeZodError(parsed.error)}.`,
          details: { fields: parsed.error.issues.map((i) => i.path.map(String).join('.')) },
        },
      }
    }
    try {
      const handler = handlers[channel] as (input: unknown) => Promise<unknown>
      return { ok: true, value: await handler(parsed.data) }
    } catch (error) {
      return { ok: false, error: toAppError(error, channel) }
    }
  }

  return {
    handlers,
    workspace,
    invoke,
    dispose: () => workspace.close(),
  }
}

function toAppError(error: unknown, channel: Channel) {
  if (error instanceof AppFailure) return error.toError()
  const errno = error as NodeJS.ErrnoException
  if (errno && typeof errno.code === 'string' && typeof errno.path === 'string') {
    return {
      code: 'io-error' as const,
      message: `Could not access ${errno.path}: ${errno.message}`,
    }
  }
  return {
    code: 'internal' as const,
    message: `Unexpected error in ${channel}: ${error instanceof Error ? error.message : String(error)}`,
  }
}
