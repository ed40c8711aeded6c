/** The Electron entry point: a list of setup steps; all logic lives outside main/shell. */
import { join } from 'node:path'
import { app, type BrowserWindow } from 'electron'
import { createMainApi, type MainApi } from '../api'
import { electronDialogs } from './dialogs'
import { emitTo, setupIpc } from './ipc'
import { handleMediaProtocol, registerMediaScheme } from './media-protocol'
import { setupMenu } from './menu'
import { setupSecurity } from './security'
import { createMainWindow, isAppUrl } from './window'

let mainWindow: BrowserWindow | null = null
let mainApi: MainApi | null = null

const currentWindow = () => mainWindow
const emit = emitTo(currentWindow)

async function refreshMenu(): Promise<void> {
  const recent = mainApi ? await mainApi.handlers['projects:listRecent']({}) : []
  setupMenu((command) => emit('menu:command', command), recent)
}

function setupSingleInstance(): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return false
  }
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  return true
}

async function setupMainApi(): Promise<void> {
  mainApi = await createMainApi({
    dataDir: join(app.getPath('userData'), 'data'),
    dialogs: electronDialogs(currentWindow),
    emit: (event, payload) => {
      emit(event, payload)
      if (event === 'project:changed') void refreshMenu()
    },
  })
}

function setupLifecycle(): void {
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', () => {
    if (!mainWindow) mainWindow = createMainWindow()
  })
  let disposed = false
  app.on('before-quit', (event) => {
    if (disposed || !mainApi) return
    // Release the project lock and let pending writes land before quitting.
    event.preventDefault()
    void mainApi.dispose().finally(() => {
      disposed = true
      app.quit()
    })
  })
}

if (setupSingleInstance()) {
  setupLifecycle()
  registerMediaScheme()
  void app.whenReady().then(async () => {
    setupSecurity(isAppUrl)
    setupIpc(() => mainApi)
    handleMediaProtocol(() => mainApi)
    await setupMainApi()
    await refreshMenu()
    mainWindow = createMainWindow()
    mainWindow.on('closed', () => {
      mainWindow = null
    })
  })
}
