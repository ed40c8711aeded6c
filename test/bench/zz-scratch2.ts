import { resolve, join } from 'node:path'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { chromium } from 'playwright-core'
import { serveRenderer } from '../harness/static-server'
import { createMainApi } from '../../main/api'
import { ScriptedDialogs } from '../harness/app-harness'
const dir = await mkdtemp(join(tmpdir(), 'zz-'))
const api = await createMainApi({ dataDir: dir, dialogs: new ScriptedDialogs(), emit: () => {} })
const server = await serveRenderer(resolve(import.meta.dirname, '../../out/renderer'))
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
})
const context = await browser.newContext()
await context.exposeBinding('__claimdeskInvoke', (_s, c: unknown, i: unknown) => {
  console.log('invoke', c)
  return api.invoke(c, i)
})
await context.addInitScript(() => {
  Object.defineProperty(window, 'claimdesk', {
    value: Object.freeze({
      invoke: (c: string, i: unknown) => (window as any).__claimdeskInvoke(c, i),
      on: () => () => {},
    }),
  })
})
const page = await context.newPage()
page.on('console', (m) => console.log('console', m.type(), m.text()))
page.on('pageerror', (e) => console.log('pageerror', e.message))
page.on('requestfailed', (r) => console.log('failed', r.url(), r.failure()?.errorText))
const t = Date.now()
await page.goto(server.url)
await page.locator('.app').waitFor({ timeout: 60000 })
console.log('app after', Date.now() - t)
await browser.close()
await server.close()
await api.dispose()
