import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { parseHTML } from 'linkedom'
import type { FrameLocator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CSV_COLUMNS } from '../../main/reports/render-csv'
import { type AppHarness, launchApp, SCREENSHOT_DIR } from '../harness/app-harness'
import { parseCsv } from '../helpers/csv'
import { readZipEntries } from '../integration/sharing/hostile-zip'
import {
  buildReportProject,
  PENTAGON_NOTE,
  type ReportProject,
} from '../integration/reports/report-project'
import { showView } from './helpers/claims'
import { invoke } from './helpers/main-api'

const run = promisify(execFile)

const TITLE = 'Nordkorea: Truppen in Russland – Lagebericht'
const AUTHOR = 'Verifikationsteam Ost'

const preview = (page: Page): FrameLocator => page.frameLocator('.report-frame iframe')

/** Chooses a format, answers the save dialog with `file`, exports and waits for the outcome. */
async function exportAs(app: AppHarness, format: string, file: string): Promise<void> {
  const { page } = app
  await page.getByLabel('Format', { exact: true }).selectOption({ label: format })
  app.dialogs.answerSaveFile(file)
  await page.getByRole('button', { name: 'Export…', exact: true }).click()
  await expect
    .poll(() => page.locator('.reports-export-status').innerText(), { timeout: 30_000 })
    .toContain(`Report saved: ${file}`)
  expect(existsSync(file)).toBe(true)
}

/** Exports through the standard-formats dialog and waits for its outcome. */
async function exportStandard(
  app: AppHarness,
  format: RegExp,
  file: string,
  fill?: () => Promise<void>,
) {
  const { page } = app
  await page.getByRole('button', { name: 'Standard formats…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Export in a standard format' })
  await dialog.getByRole('radio', { name: format }).check()
  await fill?.()
  app.dialogs.answerSaveFile(file)
  await dialog.getByRole('button', { name: 'Export…' }).click()
  await expect.poll(() => dialog.innerText(), { timeout: 30_000 }).toContain(`Saved ${file}`)
  await page.keyboard.press('Escape')
  await dialog.waitFor({ state: 'detached' })
}

describe('reports and standard formats through the UI', () => {
  let p: ReportProject
  let app: AppHarness
  let out: string
  /** Each annotated passage as the article text has it. */
  const passages: string[] = []

  beforeAll(async () => {
    p = await buildReportProject()
    await p.t.api.dispose()
    out = join(p.t.dir.path, 'exports')
    await mkdir(out)
    app = await launchApp()
    await invoke(app, 'projects:open', { folder: p.t.folder })
    for (const article of [p.articles.yonhap, p.articles.pentagon]) {
      const doc = await invoke(app, 'articles:get', { id: article.id })
      const codePoints = Array.from(doc.text)
      for (const a of doc.annotations)
        passages.push(codePoints.slice(a.position.start, a.position.end).join(''))
    }
    await app.page.locator('.project').waitFor()
  })
  afterAll(async () => {
    await app?.close()
    await p?.t.dir.cleanup()
  })

  it('builds a report with a live preview, exports every format, filters, and exchanges standard formats', async () => {
    const { page } = app
    await showView(page, 'Reports')
    const frame = preview(page)
    // The default title is the project's name; the preview follows what is typed.
    const project = await invoke(app, 'projects:current', {})
    await expect.poll(() => frame.locator('h1').innerText()).toBe(project?.name)
    await page.getByLabel('Title', { exact: true }).fill(TITLE)
    await page.getByLabel('Author').fill(AUTHOR)
    await page
      .getByLabel('Method notes')
      .fill('Official statements were compared with footage.\n\nFigures were checked twice.')
    await expect.poll(() => frame.locator('h1').innerText()).toBe(TITLE)
    await expect
      .poll(() => frame.locator('#section-quotes figure.quote blockquote').allInnerTexts())
      .toContain(PENTAGON_NOTE)

    // German report text: the headings change, the content stays as written.
    await page.getByLabel('Report language').selectOption({ label: 'Deutsch' })
    await expect
      .poll(() => frame.locator('section.report-section > h2').allInnerTexts())
      .toEqual(expect.arrayContaining([expect.stringMatching(/Behauptungen$/)]))
    await expect(frame.locator('nav.toc h2').innerText()).resolves.toBe('Inhalt')
    await page.getByLabel('Report language').selectOption({ label: 'English' })
    await expect.poll(() => frame.locator('nav.toc h2').innerText()).toBe('Contents')
    await page.locator('.report-options').evaluate((form) => form.scrollTo(0, 0))
    await app.screenshot('reports-builder')

    // Every format through the UI; the save dialog proposes "<title>.<ext>".
    const file = (name: string) => join(out, name)
    await exportAs(app, 'HTML', file('report.html'))
    expect(app.dialogs.proposedNames.at(-1)).toBe(
      'Nordkorea - Truppen in Russland – Lagebericht.html',
    )
    const html = await readFile(file('report.html'), 'utf8')
    const { document } = parseHTML(html)
    expect(document.querySelector('h1')?.textContent).toBe(TITLE)
    const quotes = [...document.querySelectorAll('#section-quotes figure.quote blockquote')].map(
      (q) => q.textContent,
    )
    expect(quotes.sort()).toEqual([...passages].sort())
    // Quotes are grouped by article: the title heads the group, the citation line names the rest.
    const yonhapGroup = [...document.querySelectorAll('#section-quotes .quote-group')].find(
      (g) => g.querySelector('h3')?.textContent === p.articles.yonhap.title,
    )
    const yonhapCitation = yonhapGroup?.querySelector('.citation-line')?.textContent ?? ''
    expect(yonhapCitation).toContain('Yonhap')
    expect(yonhapCitation).toContain('18 October 2024')
    expect(yonhapCitation).toContain(p.articles.yonhap.url)
    const images = [...document.querySelectorAll('img')].map((i) => i.getAttribute('src') ?? '')
    expect(images.length).toBeGreaterThan(0)
    for (const src of images) expect(src.startsWith('data:image/png;base64,')).toBe(true)

    await exportAs(app, 'Markdown', file('report.md'))
    const markdown = await readFile(file('report.md'), 'utf8')
    expect(markdown).toMatch(/^#+ .*Claims$/m)
    expect(markdown).toMatch(/^#+ .*Quotes$/m)
    expect(markdown).toContain(PENTAGON_NOTE)

    await exportAs(app, 'Word (DOCX)', file('report.docx'))
    const docx = await readZipEntries(file('report.docx'))
    const xml = docx.get('word/document.xml')?.toString('utf8') ?? ''
    expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/>[\s\S]*?Claims<\/w:t>/)
    const cells = [...xml.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((m) =>
      (m[1] ?? '').replace(/<[^>]+>/g, ''),
    )
    expect(cells).toContain(p.claims.pentagon.statement)
    expect(xml).toContain(`>${PENTAGON_NOTE}<`)
    expect([...docx.keys()].some((name) => name.startsWith('word/media/'))).toBe(true)

    await exportAs(app, 'PDF', file('report.pdf'))
    const { stdout } = await run('pdftotext', ['-layout', file('report.pdf'), '-'])
    expect(stdout.replace(/\s+/g, ' ')).toContain(TITLE)
    expect(stdout.replace(/\s+/g, ' ')).toContain(PENTAGON_NOTE)
    // Hashes may wrap inside their table cell.
    expect(stdout.replace(/\s+/g, '')).toContain(p.frame.sha256)
    await run('pdftoppm', [
      '-png',
      '-r',
      '70',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      file('report.pdf'),
      join(SCREENSHOT_DIR, 'report-pdf-page1'),
    ])

    await exportAs(app, 'CSV: claims', file('claims.csv'))
    const [header, ...rows] = parseCsv(
      (await readFile(file('claims.csv'), 'utf8')).replace(/^\uFEFF/, ''),
    )
    expect(header).toEqual(CSV_COLUMNS.claims)
    const column = (name: string) => CSV_COLUMNS.claims.indexOf(name)
    const registry = await invoke(app, 'registry:get', {})
    expect(rows.map((r) => [r[column('id')], r[column('statement')]]).sort()).toEqual(
      registry.claims.map((c) => [c.id, c.statement]).sort(),
    )

    await exportAs(app, 'JSON', file('report.json'))
    const json = JSON.parse(await readFile(file('report.json'), 'utf8')) as { claims: unknown[] }
    expect(json.claims).toHaveLength(registry.claims.length)

    // Only verified claims: the preview shows the one claim with that status.
    await page
      .getByRole('group', { name: 'Status' })
      .getByRole('checkbox', { name: 'Verified' })
      .check()
    await expect
      .poll(() => frame.locator('[id^="claim-"]').evaluateAll((cards) => cards.map((c) => c.id)))
      .toEqual([`claim-${p.claims.nis.id}`])

    // Standard formats: W3C annotations, a REFI-QDA project and codebook, ClaimReview.
    await exportStandard(app, /^W3C Web Annotation/, file('annotations.jsonld'))
    const w3c = JSON.parse(await readFile(file('annotations.jsonld'), 'utf8')) as object
    expect(w3c).toHaveProperty('@context')
    await exportStandard(app, /^REFI-QDA project/, file('project.qdpx'))
    expect([...(await readZipEntries(file('project.qdpx'))).keys()]).toContain('project.qde')
    await exportStandard(app, /^REFI-QDA codebook/, file('codebook.qdc'))
    expect(await readFile(file('codebook.qdc'), 'utf8')).toContain('<CodeBook')
    await exportStandard(app, /^ClaimReview/, file('reviews.jsonld'), async () => {
      await page.getByLabel('Reviewing organisation').fill('Faktencheck Ost')
      await page.getByLabel('Its web address').fill('https://faktencheck.example.org')
    })
    expect(JSON.stringify(JSON.parse(await readFile(file('reviews.jsonld'), 'utf8')))).toContain(
      'Faktencheck Ost',
    )

    // Importing the W3C file into the project it came from: everything is already there.
    await page.getByRole('button', { name: 'Import annotations…' }).click()
    const importDialog = page.getByRole('dialog', { name: 'Import annotations' })
    await importDialog.getByRole('radio', { name: /^W3C Web Annotation/ }).check()
    app.dialogs.answerFiles([file('annotations.jsonld')])
    await importDialog.getByRole('button', { name: 'Choose file…' }).click()
    const skipped = importDialog.locator('.exchange-skipped li')
    await expect.poll(() => skipped.count(), { timeout: 30_000 }).toBeGreaterThan(0)
    for (const reason of await importDialog.locator('.exchange-skipped-reason').allInnerTexts())
      expect(reason.trim()).not.toBe('')
    await app.screenshot('reports-import-result')
    await page.keyboard.press('Escape')
    await importDialog.waitFor({ state: 'detached' })

    // The HTML report as a reader sees it.
    const reader = await page.context().newPage()
    await reader.goto(`file://${file('report.html')}`)
    await reader.screenshot({ path: join(SCREENSHOT_DIR, 'report-html.png'), fullPage: true })
    await reader.close()

    expect(app.pageErrors).toEqual([])
  })
})
