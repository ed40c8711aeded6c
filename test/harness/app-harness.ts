/**
 * Runs the real renderer in Debian's Chromium, bridged to the real main-process handlers
 * running in this (test) process on a temporary data folder. Same contract, same handlers,
 * same files on disk as the Electron app: only the transport differs.
 *
 *   const app = await launchApp()
 *   await app.page.getByRole('button', { name: 'Create project' }).click()
 *   await app.close()
 */
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import type { EventName, Events } from '../../shared/api'
import { createMainApi, type MainApi } from '../../main/api'
import type { Dialogs } from '../../main/dialogs'
import type { BackupPolicy } from '../../main/store/backups'
import {
  HARNESS_MEDIA_PREFIX,
  harnessMediaHandler,
  serveRenderer,
  type StaticServer,
} from './static-server'

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'
const RENDERER_DIR = resolve(import.meta.dirname, '../../out/renderer')
export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../test-results/screenshots')

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** Answers the shell's OS dialogs from the test: queue answers before the UI asks. */
export class ScriptedDialogs implements Dialogs {
  private readonly folders: Array<string | null> = []
  private readonly fileLists: string[][] = []
  private readonly saveFiles: Array<string | null> = []
  asked: string[] = []
  /** The file names save dialogs proposed, in order. */
  proposedNames: string[] = []

  answerFolder(folder: string | null): void {
    this.folders.push(folder)
  }

  answerFiles(paths: string[]): void {
    this.fileLists.push(paths)
  }

  /** Answers the next save dialog: a path, or null (cancelled). */
  answerSaveFile(path: string | null): void {
    this.saveFiles.push(path)
  }

  async chooseFiles(purpose: string): Promise<string[]> {
    this.asked.push(purpose)
    return this.fileLists.shift() ?? []
  }

  async chooseFolder(purpose: string): Promise<string | null> {
    this.asked.push(purpose)
    return this.folders.length > 0 ? (this.folders.shift() ?? null) : null
  }

  async chooseSaveFile(purpose: string, defaultName: string): Promise<string | null> {
    this.asked.push(purpose)
    this.proposedNames.push(defaultName)
    return this.saveFiles.length > 0 ? (this.saveFiles.shift() ?? null) : null
  }
}

/**
 * What the shell does with a hidden window's printToPDF, done with the harness's Chromium: the
 * report's HTML printed to A4 with backgrounds.
 */
export async function printToPdfWith(browser: Browser, html: string): Promise<Buffer> {
  const page = await browser.newPage()
  try {
    await page.setContent(html)
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true })
  } finally {
    await page.close()
  }
}

export interface LaunchOptions {
  /** Reuse a data folder (settings, recent projects), e.g. to simulate a restart. */
  dataDir?: string
  locale?: string
  viewport?: { width: number; height: number }
  backupPolicy?: BackupPolicy
  /** The folder dropped files appear to come from (see `setDropFolder`). */
  dropDir?: string
}

export interface AppHarness {
  page: Page
  api: MainApi
  dialogs: ScriptedDialogs
  /** A scratch folder for this run: data folder, projects, fixtures the test writes. */
  workDir: string
  dataDir: string
  url: string
  /** Uncaught errors and console errors the pages reported. */
  pageErrors: string[]
  /** Opens another page on the same main process (like reloading the window). */
  newPage(): Promise<Page>
  /**
   * Browsers give a dropped file no path; the app asks `pathForFile`, which here answers
   * `<dir>/<file name>`. Put the files to drop in `dir` first.
   */
  setDropFolder(dir: string): Promise<void>
  screenshot(name: string, page?: Page): Promise<string>
  close(): Promise<void>
}

declare global {
  interface Window {
    __claimdeskInvoke(channel: string, input: unknown): Promise<unknown>
    __claimdeskEmit(event: string, payload: unknown): void
    __claimdeskDropDir?: string
  }
}

/**
 * The preload's API, provided through a Playwright binding instead of Electron IPC. A string, not
 * a function: tools that transform this file (tsx, esbuild's keepNames) would add helpers the
 * page does not have.
 */
const BRIDGE_SCRIPT = `(() => {
  const listeners = new Map()
  window.__claimdeskEmit = (event, payload) => {
    for (const listener of listeners.get(event) ?? []) listener(payload)
  }
  Object.defineProperty(window, 'claimdesk', {
    value: Object.freeze({
      invoke: (channel, input) => window.__claimdeskInvoke(channel, input),
      on: (event, listener) => {
        const set = listeners.get(event) ?? new Set()
        set.add(listener)
        listeners.set(event, set)
        return () => set.delete(listener)
      },
      mediaBaseUrl: location.origin + '${HARNESS_MEDIA_PREFIX}',
      // Mirrors webUtils.getPathForFile in the preload: the real path of a dropped file. The
      // browser gives none, so the test names the folder its files are dropped from.
      pathForFile: (file) =>
        window.__claimdeskDropDir ? window.__claimdeskDropDir + '/' + file.name : '',
    }),
  })
})()`

const dropFolderScript = (dir: string) => `window.__claimdeskDropDir = ${JSON.stringify(dir)}`

export async function launchApp(options: LaunchOptions = {}): Promise<AppHarness> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`No built renderer in ${RENDERER_DIR}: run "npm run build" first.`)
  }
  const workDir = await mkdtemp(join(tmpdir(), 'claimdesk-e2e-'))
  const dataDir = options.dataDir ?? join(workDir, 'data')
  const dialogs = new ScriptedDialogs()
  const pageErrors: string[] = []
  let context: BrowserContext | null = null

  const emit = <E extends EventName>(event: E, payload: Events[E]) => {
    for (const page of context?.pages() ?? []) {
      page
        .evaluate(([e, p]) => window.__claimdeskEmit(e, p), [event, payload] as const)
        .catch(() => undefined)
    }
  }
  let browser: Browser | null = null
  const api = await createMainApi({
    dataDir,
    dialogs,
    emit,
    backupPolicy: options.backupPolicy,
    printToPdf: async (html) => {
      if (!browser) throw new Error('The harness browser is not running.')
      return printToPdfWith(browser, html)
    },
  })
  let server: StaticServer | null = null
  try {
    server = await serveRenderer(RENDERER_DIR, {
      media: harnessMediaHandler(api.workspace, (token) => api.reportPreview(token)),
    })
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
    context = await browser.newContext({
      viewport: options.viewport ?? { width: 1280, height: 800 },
      locale: options.locale ?? 'en-US',
    })
    await context.exposeBinding('__claimdeskInvoke', (_source, channel: unknown, input: unknown) =>
      api.invoke(channel, input),
    )
    await context.addInitScript({ content: BRIDGE_SCRIPT })
    if (options.dropDir) await context.addInitScript({ content: dropFolderScript(options.dropDir) })
  } catch (error) {
    await browser?.close()
    await server?.close()
    await api.dispose()
    throw error
  }
  const liveContext = context
  const url = server.url

  const newPage = async () => {
    const page = await liveContext.newPage()
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`)
    })
    await page.goto(url)
    await page.locator('.app').waitFor()
    return page
  }

  const page = await newPage()
  const openBrowser = browser
  const openServer = server
  return {
    page,
    api,
    dialogs,
    workDir,
    dataDir,
    url,
    pageErrors,
    newPage,
    async setDropFolder(dir) {
      // For pages opened later (init scripts run in order, so the last one wins) and open ones.
      await liveContext.addInitScript({ content: dropFolderScript(dir) })
      await Promise.all(liveContext.pages().map((p) => p.evaluate(dropFolderScript(dir))))
    },
    async screenshot(name, target = page) {
      await mkdir(SCREENSHOT_DIR, { recursive: true })
      const file = join(SCREENSHOT_DIR, `${name}.png`)
      await target.screenshot({ path: file })
      return file
    },
    async close() {
      await openBrowser.close()
      await openServer.close()
      await api.dispose()
      await rm(workDir, { recursive: true, force: true })
    },
  }
}
