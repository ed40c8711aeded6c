import {
  app,
  BrowserWindow,
  session,
  shell,
  type BrowserWindowConstructorOptions,
  type WebContents,
} from 'electron'
import { MEDIA_SCHEME, parseMediaPath } from '../../shared/media-urls'
import { CONTENT_SECURITY_POLICY } from './csp'

/** What differs between the app's windows; everything else is the same for all. */
export interface SecureWindowContent {
  /** The app window's preload; none for windows that only show a document. */
  preload?: string
  /** False for windows that show a document and run nothing (the PDF printer). */
  javascript?: boolean
  /** A session of its own (in memory), e.g. so the app's CSP header does not reach a report. */
  partition?: string
}

/**
 * Creates every app window, with its web preferences set explicitly in this one place
 * (Electron's checklist). The literal stays inside `new BrowserWindow(...)` so that
 * Electronegativity can verify it.
 */
export function createSecureWindow(
  options: Omit<BrowserWindowConstructorOptions, 'webPreferences'>,
  content: SecureWindowContent,
): BrowserWindow {
  return new BrowserWindow({
    ...options,
    webPreferences: {
      // Reviewed: the preload exposes only invoke/on over one channel, never ipcRenderer.
      preload: content.preload, // eng-disable PRELOAD_JS_CHECK
      javascript: content.javascript ?? true,
      partition: content.partition,
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

/** The report preview's address on the media protocol (the only page a frame may show). */
function isReportPreviewUrl(rawUrl: string): boolean {
  try {
    const url = new URL(rawUrl)
    return (
      url.protocol === `${MEDIA_SCHEME}:` && parseMediaPath(url.pathname)?.kind === 'report-preview'
    )
  } catch {
    return false
  }
}

/** True if the response carries a Content-Security-Policy header of its own. */
function hasOwnPolicy(headers: Record<string, string[]> | undefined): boolean {
  return Object.keys(headers ?? {}).some((name) => name.toLowerCase() === 'content-security-policy')
}

/**
 * App-wide guards: deny navigation, new windows, webviews and every permission request,
 * and send the CSP header with every response the default session serves (the report
 * preview keeps its own, stricter one: the app's would also forbid its frame and its styles).
 * Frames may show the report preview only; a link clicked in it opens in the browser.
 */
export function setupSecurity(isAppUrl: (url: string) => boolean): void {
  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) =>
    callback(false),
  )
  session.defaultSession.setPermissionCheckHandler(() => false)
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    if (isReportPreviewUrl(details.url) && hasOwnPolicy(details.responseHeaders)) {
      callback({})
      return
    }
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
    contents.on('will-frame-navigate', (event) => {
      // The main frame is will-navigate's; in-page (#anchor) navigations do not come here.
      if (event.isMainFrame || isReportPreviewUrl(event.url)) return
      event.preventDefault()
      openExternalSafely(event.url)
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(({ url }) => {
      openExternalSafely(url)
      return { action: 'deny' }
    })
  })
}
