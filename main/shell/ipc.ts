import { ipcMain, type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron'
import type { EventName, Events } from '../../shared/api'
import { IPC_EVENT, IPC_INVOKE, IPC_LISTENING } from '../../shared/ipc'
import type { MainApi } from '../api'
import { isAppUrl } from './window'

/** Only the app's own pages may call main; anything else is refused. */
function isTrustedSender(event: IpcMainInvokeEvent | IpcMainEvent): boolean {
  const frame = event.senderFrame
  return frame !== null && isAppUrl(frame.url)
}

/** Binds the one invoke channel to the handler table. */
export function setupIpc(api: () => MainApi | null): void {
  ipcMain.handle(IPC_INVOKE, async (event, channel: unknown, input: unknown) => {
    if (!isTrustedSender(event)) {
      return {
        ok: false,
        error: { code: 'forbidden', message: 'Calls are only accepted from Claimdesk windows.' },
      }
    }
    const current = api()
    if (!current)
      return { ok: false, error: { code: 'internal', message: 'Claimdesk is still starting.' } }
    return current.invoke(channel, input)
  })
}

/** Calls `onMenuListening` each time an app page starts listening for menu commands. */
export function setupListening(onMenuListening: () => void): void {
  ipcMain.on(IPC_LISTENING, (event, name: unknown) => {
    if (isTrustedSender(event) && name === 'menu:command') onMenuListening()
  })
}

/** Sends an event to the window's renderer, if it is still there. */
export function emitTo(window: () => BrowserWindow | null) {
  return <E extends EventName>(event: E, payload: Events[E]): void => {
    const target = window()
    if (target && !target.isDestroyed()) target.webContents.send(IPC_EVENT, event, payload)
  }
}
