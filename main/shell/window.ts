import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { BrowserWindow } from 'electron'
import { createSecureWindow } from './security'

const rendererDevUrl = process.env['ELECTRON_RENDERER_URL']
const rendererIndex = join(import.meta.dirname, '../renderer/index.html')
const rendererIndexUrl = pathToFileURL(rendererIndex).toString()

/** True for the app's own pages (the built renderer, or the dev server in development). */
export function isAppUrl(url: string): boolean {
  if (rendererDevUrl && url.startsWith(rendererDevUrl)) return true
  return url.split('#')[0]?.split('?')[0] === rendererIndexUrl
}

/** The app's single window. */
export function createMainWindow(): BrowserWindow {
  const window = createSecureWindow(
    {
      width: 1280,
      height: 800,
      minWidth: 900,
      minHeight: 600,
      show: false,
      title: 'Claimdesk',
    },
    { preload: join(import.meta.dirname, '../preload/index.cjs') },
  )
  window.once('ready-to-show', () => window.show())
  if (rendererDevUrl) void window.loadURL(rendererDevUrl)
  else void window.loadFile(rendererIndex)
  return window
}
