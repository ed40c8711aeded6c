import { execFile } from 'node:child_process'
import { mkdir, readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportReport, type ExportProgress } from '../../../main/reports/export-report'
import type { PrintToPdf } from '../../../main/reports/pdf'
import { renderHtml } from '../../../main/reports/render-html'
import { buildReportModel } from '../../../main/reports/report-model'
import { AppFailure } from '../../../shared/result'
import { CHROMIUM_PATH, printToPdfWith, SCREENSHOT_DIR } from '../../harness/app-harness'
import { buildReportProject, type ReportProject, YONHAP_CLAIM } from './report-project'

const run = promisify(execFile)
const NOW = new Date('2026-03-02T09:30:00Z')
const OPTIONS = {
  title: 'North Korean troops in Russia: what the sources say',
  author: 'Mira Analyst',
  methodNotes: 'We compared official statements with footage.\n\nFigures were checked twice.',
}

describe('PDF and file export of reports (Chromium prints; pdftotext reads back)', () => {
  let p: ReportProject
  let browser: Browser

  /** What the shell passes as Electron's printToPDF, here through playwright's Chromium. */
  const printToPdf: PrintToPdf = (html) => printToPdfWith(browser, html)

  beforeAll(async () => {
    p = await buildReportProject()
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ['--no-sandbox', '--headless', '--disable-gpu'],
    })
    await mkdir(SCREENSHOT_DIR, { recursive: true })
  })
  afterAll(async () => {
    await browser?.close()
    await p.t.close()
  })

  it('exports a PDF whose text holds the title, a quote and a hash; pages render as images', async () => {
    const out = join(p.t.dir.path, 'exports')
    await mkdir(out)
    const file = join(out, 'report.pdf')
    const progress: ExportProgress[] = []
    const result = await exportReport(p.project(), { ...OPTIONS, format: 'pdf' }, file, {
      printToPdf,
      now: NOW,
      onProgress: (event) => progress.push(event),
    })
    expect(result).toMatchObject({ file, format: 'pdf', warnings: [] })
    const pdf = await readFile(file)
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(result.bytes).toBe(pdf.length)
    expect([...new Set(progress.map((e) => e.stage))]).toEqual(['collect', 'render', 'write'])
    expect(progress.at(-1)).toEqual({ stage: 'write', done: pdf.length, total: pdf.length })

    const { stdout } = await run('pdftotext', ['-layout', file, '-'])
    const flat = stdout.replace(/\s+/g, ' ')
    expect(flat).toContain(OPTIONS.title)
    expect(flat).toContain('Pentagon-Sprecherin Sabrina Singh')
    expect(flat).toContain(YONHAP_CLAIM)
    // Hashes may wrap inside their table cell.
    expect(stdout.replace(/\s+/g, '')).toContain(p.frame.sha256)
    expect(stdout.replace(/\s+/g, '')).toContain(p.video.file.sha256)

    await run('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '4',
      file,
      join(SCREENSHOT_DIR, 'report-pdf'),
    ])
    const pages = (await readdir(SCREENSHOT_DIR)).filter((n) => n.startsWith('report-pdf'))
    expect(pages.length).toBeGreaterThanOrEqual(1)
  })

  it('renders the HTML as a page for the preview (screenshots in English and German)', async () => {
    for (const language of ['en', 'de'] as const) {
      const html = renderHtml(
        await buildReportModel(p.project(), { ...OPTIONS, language }, { now: NOW }),
      )
      const page = await browser.newPage({ viewport: { width: 1000, height: 1200 } })
      const errors: string[] = []
      page.on('pageerror', (error) => errors.push(error.message))
      page.on('request', (request) => {
        if (!request.url().startsWith('data:')) errors.push(`request: ${request.url()}`)
      })
      await page.setContent(html)
      await page.screenshot({
        path: join(SCREENSHOT_DIR, `report-html-${language}.png`),
        // The whole English page; the German one only as far as the first screen.
        fullPage: language === 'en',
      })
      expect(errors).toEqual([])
      await page.close()
    }
  })

  it('writes each format durably, and a cancelled export leaves no file', async () => {
    const out = join(p.t.dir.path, 'formats')
    await mkdir(out)
    for (const format of [
      'html',
      'markdown',
      'docx',
      'csv-claims',
      'csv-annotations',
      'json',
    ] as const) {
      const file = join(out, `report-${format}`)
      const result = await exportReport(p.project(), { ...OPTIONS, format }, file, { now: NOW })
      expect((await readFile(file)).length).toBe(result.bytes)
    }
    expect((await readdir(out)).sort()).toHaveLength(6)

    const controller = new AbortController()
    const cancelledFile = join(out, 'cancelled.pdf')
    const error = await exportReport(p.project(), { ...OPTIONS, format: 'pdf' }, cancelledFile, {
      signal: controller.signal,
      printToPdf: async (html) => {
        controller.abort() // the user cancels while the PDF is being printed
        return printToPdf(html)
      },
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppFailure)
    expect((error as AppFailure).code).toBe('cancelled')
    // Neither the file nor a temp file beside it.
    expect((await readdir(out)).sort()).toHaveLength(6)

    const missing = await exportReport(
      p.project(),
      OPTIONS,
      join(out, 'no-folder', 'r.html'),
    ).catch((e: unknown) => e)
    expect((missing as AppFailure).code).toBe('io-error')
    const noPrinter = await exportReport(
      p.project(),
      { ...OPTIONS, format: 'pdf' },
      join(out, 'x.pdf'),
    ).catch((e: unknown) => e)
    expect((noPrinter as AppFailure).code).toBe('internal')
  })
})
