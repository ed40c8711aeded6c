import {
  app,
  BrowserWindow,
  session,
  shell,
  type BrowserWindowConstructorOptions,
  type WebContents,
} from 'electron'
import { CONTENT_SECURITY_POLICY } from './csp'

/**
 * Creates every app window, with its web preferences set explicitly in this one place
 * (Electron's checklist). The literal stays inside `new BrowserWindow(...)` so that
 * Electronegativity can verify it.
 */
export function createSecureWindow(
  options: Omit<BrowserWindowConstructorOptions, 'webPreferences'>,
  preload: string,
): BrowserWindow {
  return new BrowserWindow({
    ...options,
    webPreferences: {
      // Reviewed: the preload exposes only invoke/on over one channel, never ipcRenderer.
      preload, // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click would otherwise ask for a new window (denied by the window-open handler).
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
    },
  })
}

/** Opens a link in the user's browser, only if it parses as an http(s) URL. */
export function openExternalSafely(rawUrl: string): void {
  let url: URL
  try {
    url = new URL(rawUrl)
  } catch {
    return
  }
  // Reviewed: only parsed http(s) URLs reach the OS.
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return
  void shell.openExternal(url.toString()) // eng-disable OPEN_EXTERNAL_JS_CHECK
}

/**
 * App-wide guards: deny navigation, new windows, webviews and every permission request,
 * and send the CSP header with every response the default session serves.
 */
export function setupSecurity(isAppUrl: (url: string) => boolean): void {
  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) =>
    callback(false),
  )
  session.defaultSession.setPermissionCheckHandler(() => false)
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    })
  })

  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault()
    })
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(({ url }) => {
      openExternalSafely(url)
      return { action: 'deny' }
    })
  })
}
