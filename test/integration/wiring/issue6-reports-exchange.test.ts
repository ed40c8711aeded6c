/**
 * Reports and standard formats through the API, as the renderer calls them: the preview served
 * by the media protocol with the report's own policy, exports with progress and cancelling, and
 * W3C / REFI-QDA files imported back into fresh projects.
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPORT_CONTENT_SECURITY_POLICY } from '../../../main/reports/render-html'
import type { EventName, Events } from '../../../shared/api'
import { CHROMIUM_PATH, printToPdfWith } from '../../harness/app-harness'
import { HARNESS_MEDIA_PREFIX, harnessMediaHandler } from '../../harness/static-server'
import {
  addExchangeArticles,
  buildExchangeProject,
  type ExchangeProject,
} from '../../helpers/exchange-project'
import { openTestApi } from '../../helpers/test-api'

type Emitted = { event: EventName; payload: unknown }

describe('issue 6 wiring: reports and standard formats through the API', () => {
  let x: ExchangeProject
  let browser: Browser
  let out: string
  const events: Emitted[] = []
  /** Task ids whose first progress report cancels them (as the renderer's Cancel button). */
  const cancelOnProgress = new Set<string>()

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ['--no-sandbox', '--headless', '--disable-gpu'],
    })
    x = await buildExchangeProject({
      printToPdf: (html) => printToPdfWith(browser, html),
      emit: <E extends EventName>(event: E, payload: Events[E]) => {
        events.push({ event, payload })
        const progress = payload as Events['task:progress']
        if (event === 'task:progress' && cancelOnProgress.delete(progress.taskId)) {
          void x.t.api.invoke('tasks:cancel', { taskId: progress.taskId })
        }
      },
    })
    out = x.t.dir.path
  })
  afterAll(async () => {
    await x?.close()
    await browser?.close()
  })

  const title = 'Saale-Brücke: was die Quellen sagen'

  it('previews the report at a relative media URL served with the report CSP; a newer preview replaces it', async () => {
    const first = await x.t.call('reports:preview', { options: { title, language: 'de' } })
    expect(first.url).toMatch(/^report-preview\/[A-Za-z0-9_-]+$/)
    expect(first.warnings).toEqual([])
    const media = harnessMediaHandler(x.t.api.workspace, (token) => x.t.api.reportPreview(token))
    const get = (url: string) => media(new Request(`http://127.0.0.1${HARNESS_MEDIA_PREFIX}${url}`))

    const answer = await get(first.url)
    expect(answer.status).toBe(200)
    expect(answer.headers.get('Content-Type')).toBe('text/html; charset=utf-8')
    expect(answer.headers.get('Content-Security-Policy')).toBe(REPORT_CONTENT_SECURITY_POLICY)
    expect(answer.headers.get('X-Content-Type-Options')).toBe('nosniff')
    const html = await answer.text()
    expect(html).toContain(`<title>${title}</title>`)
    expect(html).toContain('Die Brücke bleibt bis Ende Mai gesperrt.')

    const second = await x.t.call('reports:preview', { options: { title: 'Zweite Fassung' } })
    expect(second.url).not.toBe(first.url)
    expect((await get(first.url)).status).toBe(404)
    expect(await (await get(second.url)).text()).toContain('Zweite Fassung')
  })

  it('exports every report format with progress under the task id; the PDF through Chromium', async () => {
    const formats = [
      ['markdown', 'md', '# Saale'],
      ['html', 'html', '<!DOCTYPE html>'],
      ['csv-claims', 'csv', 'Täglich werden 3.000 Fahrzeuge umgeleitet.'],
      ['json', 'json', '"title": "Saale'],
      ['docx', 'docx', 'PK'],
      ['pdf', 'pdf', '%PDF-'],
    ] as const
    for (const [format, extension, start] of formats) {
      const path = join(out, `report.${extension}`)
      const taskId = `report-${format}`
      const result = await x.t.call('reports:export', {
        taskId,
        path,
        options: { title, format, language: 'de' },
      })
      const bytes = await readFile(path)
      expect(result, format).toEqual({ file: path, bytes: bytes.length, warnings: [] })
      const text = bytes.toString(format === 'pdf' || format === 'docx' ? 'latin1' : 'utf8')
      if (format === 'pdf' || format === 'docx') expect(text.startsWith(start), format).toBe(true)
      else expect(text, format).toContain(start)
      const labels = events
        .filter((e) => e.event === 'task:progress')
        .map((e) => e.payload as Events['task:progress'])
        .filter((p) => p.taskId === taskId)
        .map((p) => p.label)
      expect(labels.at(-1), format).toBe('Writing the report')
    }
  })

  it('cancelling through tasks:cancel leaves no file; PDF without a printer says so', async () => {
    cancelOnProgress.add('cancel-me')
    const path = join(out, 'cancelled.html')
    const error = await x.t.refuse('reports:export', {
      taskId: 'cancel-me',
      path,
      options: { title },
    })
    expect(error).toMatchObject({ code: 'cancelled', message: 'Making the report was cancelled.' })
    await expect(stat(path)).rejects.toThrow(/ENOENT/)
    expect((await readdir(out)).filter((name) => name.includes('cancelled'))).toEqual([])

    const plain = await openTestApi()
    try {
      const refused = await plain.refuse('reports:export', {
        taskId: 'no-printer',
        path: join(plain.dir.path, 'r.pdf'),
        options: { title, format: 'pdf' },
      })
      expect(refused).toMatchObject({
        code: 'invalid-input',
        message: expect.stringMatching(/^PDF export is not available here/),
      })
    } finally {
      await plain.close()
    }
  })

  it('exports W3C, REFI-QDA and ClaimReview files, and imports them back into fresh projects', async () => {
    const file = (name: string) => join(out, name)
    const exported = {
      w3c: await x.t.call('exchange:export', {
        taskId: 'w3c',
        format: 'w3c',
        path: file('a.jsonld'),
      }),
      qdpx: await x.t.call('exchange:export', {
        taskId: 'q',
        format: 'qdpx',
        path: file('p.qdpx'),
      }),
      qdc: await x.t.call('exchange:export', { taskId: 'c', format: 'qdc', path: file('c.qdc') }),
      claimreview: await x.t.call('exchange:export', {
        taskId: 'cr',
        format: 'claimreview',
        path: file('reviews.jsonld'),
        reviewer: { name: 'Faktencheck Halle', url: 'https://faktencheck.example.org' },
      }),
    }
    // 7 text annotations + the video segment; 7 + 1 codings; 3 tags + the kind codes; 2 verdicts.
    expect(exported).toEqual({
      w3c: { file: file('a.jsonld'), count: 8 },
      qdpx: { file: file('p.qdpx'), count: 8 },
      qdc: { file: file('c.qdc'), count: 9 },
      claimreview: { file: file('reviews.jsonld'), count: 2 },
    })
    const reviews = JSON.parse(await readFile(file('reviews.jsonld'), 'utf8')) as unknown[]
    expect(reviews[0]).toMatchObject({
      '@type': 'ClaimReview',
      author: { name: 'Faktencheck Halle' },
    })
    expect(
      await x.t.refuse('exchange:export', {
        taskId: 'cr2',
        format: 'claimreview',
        path: file('no-reviewer.jsonld'),
      }),
    ).toMatchObject({ code: 'invalid-input', details: { field: 'reviewer' } })

    const fresh = await openTestApi({ prefix: 'claimdesk-import-' })
    try {
      const qdpx = await fresh.call('exchange:import', { format: 'qdpx', path: file('p.qdpx') })
      expect(qdpx).toMatchObject({
        format: 'qdpx',
        articlesCreated: 2,
        annotationsCreated: 7,
        tagsCreated: 3,
      })
      const titles = (await fresh.call('articles:list', {})).map((a) => a.title).sort()
      expect(titles).toEqual([x.articles.emoji.title, x.articles.german.title].sort())
    } finally {
      await fresh.close()
    }

    const received: EventName[] = []
    const second = await openTestApi({
      prefix: 'claimdesk-import-',
      emit: (event) => received.push(event),
    })
    try {
      await addExchangeArticles(second)
      received.length = 0
      const w3c = await second.call('exchange:import', { format: 'w3c', path: file('a.jsonld') })
      expect(w3c).toMatchObject({ format: 'w3c', annotationsCreated: 7, tagsCreated: 3 })
      expect(w3c.skipped).toEqual([
        {
          item: expect.stringContaining(x.evidence.segment.id),
          reason: expect.stringMatching(/only text annotations are imported/),
        },
      ])
      expect(received).toContain('project:changed')
      expect(await second.call('history:state', {})).toMatchObject({ canUndo: true })
      expect((await second.call('annotations:list', {})).length).toBe(7)
    } finally {
      await second.close()
    }
  })
})
