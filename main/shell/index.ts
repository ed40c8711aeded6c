/** The Electron entry point: a list of setup steps; all logic lives outside main/shell. */
import { join } from 'node:path'
import { app, type BrowserWindow } from 'electron'
import { createMainApi, type MainApi } from '../api'
import { OpenRequests, sharedFileFromArgv } from '../sharing/open-request'
import { electronDialogs } from './dialogs'
import { emitTo, setupIpc, setupListening } from './ipc'
import { handleMediaProtocol, registerMediaScheme } from './media-protocol'
import { setupMenu } from './menu'
import { printToPdfInWindow } from './print-to-pdf'
import { setupSecurity } from './security'
import { createMainWindow, isAppUrl } from './window'

let mainWindow: BrowserWindow | null = null
let mainApi: MainApi | null = null

const currentWindow = () => mainWindow
const emit = emitTo(currentWindow)
/** `.claimdesk` files the OS asked to open, held until the page listens for menu commands. */
const openRequests = new OpenRequests()

function showMainWindow(): void {
  if (mainWindow) {
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
    return
  }
  // Before the API is up, the start-up sequence shows the window itself.
  if (!app.isReady() || !mainApi) return
  const window = createMainWindow()
  mainWindow = window
  window.on('closed', () => {
    mainWindow = null
    openRequests.stopped()
  })
}

/** Windows and Linux name the file on the command line; macOS sends open-file (maybe before ready). */
function setupOpenFromOs(): void {
  const atStart = sharedFileFromArgv(process.argv, process.cwd())
  if (atStart) openRequests.request(atStart)
  app.on('open-file', (event, path) => {
    event.preventDefault()
    openRequests.request(path)
    showMainWindow()
  })
  setupListening(() =>
    openRequests.listening((path) => emit('menu:command', { command: 'open-shared', path })),
  )
}

async function refreshMenu(): Promise<void> {
  const recent = mainApi ? await mainApi.handlers['projects:listRecent']({}) : []
  setupMenu((command) => emit('menu:command', command), recent)
}

function setupSingleInstance(): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return false
  }
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const path = sharedFileFromArgv(argv, workingDirectory)
    if (path) openRequests.request(path)
    showMainWindow()
  })
  return true
}

async function setupMainApi(): Promise<void> {
  mainApi = await createMainApi({
    dataDir: join(app.getPath('userData'), 'data'),
    dialogs: electronDialogs(currentWindow),
    printToPdf: printToPdfInWindow,
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
  app.on('activate', () => showMainWindow())
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
  setupOpenFromOs()
  registerMediaScheme()
  void app.whenReady().then(async () => {
    setupSecurity(isAppUrl)
    setupIpc(() => mainApi)
    handleMediaProtocol(() => mainApi)
    await setupMainApi()
    await refreshMenu()
    showMainWindow()
  })
}
