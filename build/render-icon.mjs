/**
 * Renders renderer/public/icon.svg to build/icon.png (512x512, transparent corners) with
 * Debian's Chromium. Run by hand after changing the SVG: `node build/render-icon.mjs`.
 * The PNG is committed; tests and packaging never regenerate it.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { chromium } from 'playwright-core'

const SIZE = 512
const root = join(import.meta.dirname, '..')

const svg = await readFile(join(root, 'renderer/public/icon.svg'), 'utf8')
const sized = svg.replace('<svg ', `<svg width="${SIZE}" height="${SIZE}" `)
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
})
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE } })
  await page.setContent(`<!doctype html><body style="margin:0">${sized}</body>`)
  const png = await page.screenshot({
    omitBackground: true,
    clip: { x: 0, y: 0, width: SIZE, height: SIZE },
  })
  await writeFile(join(root, 'build/icon.png'), png)
} finally {
  await browser.close()
}
