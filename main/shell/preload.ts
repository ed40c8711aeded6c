/**
 * The renderer's only door to main: a typed `invoke` over one IPC channel and event
 * subscriptions that return an unsubscribe function. `ipcRenderer` itself is never exposed.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron'
import type { ClaimdeskBridge } from '../../shared/api'
import { IPC_EVENT, IPC_INVOKE, IPC_LISTENING } from '../../shared/ipc'
import { ELECTRON_MEDIA_BASE_URL } from '../../shared/media-urls'

const bridge: ClaimdeskBridge = {
  invoke: (channel, input) => ipcRenderer.invoke(IPC_INVOKE, channel, input),
  on: (event, listener) => {
    const wrapped = (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload as Parameters<typeof listener>[0])
    }
    ipcRenderer.on(IPC_EVENT, wrapped)
    // Files opened from the OS before the page listened wait in main until it does.
    if (event === 'menu:command') ipcRenderer.send(IPC_LISTENING, event)
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, wrapped)
    }
  },
  mediaBaseUrl: ELECTRON_MEDIA_BASE_URL,
  // Dropped files carry no path in the page; only the preload can ask Electron for it.
  pathForFile: (file) => webUtils.getPathForFile(file as File),
}

contextBridge.exposeInMainWorld('claimdesk', bridge)
