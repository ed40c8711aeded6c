/**
 * Reader benchmark in Chromium: the real renderer (out/renderer) against the real main
 * handlers, through the test harness. A project holds the 50,000-word article with 1,000
 * annotations, created through `annotations:create`, and a short article to switch to.
 *
 *   open:      click the article in the list → its text with every highlight in the DOM and
 *              the next frame painted (switching away to the short article in between, so the
 *              reader mounts afresh each time).
 *   highlight: a selection in the text, the popup, the `c` key → the new mark in the DOM and
 *              painted (this includes the durable save in main and the article's reload).
 *   scroll:    top to bottom in 20 wheel steps, counting long frames.
 *
 * Time stamps are taken inside the page (see reader-page.ts); main's handler times come from
 * wrapping `api.invoke`, so the tables can split a call into main's work and the transport.
 */
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { ANNOTATION_KINDS, type AnnotationKind } from '../../shared/model/annotation'
import type { ArticleDocument, ArticleSummary } from '../../shared/model/article'
import type { Tag } from '../../shared/model/tag'
import { type AppHarness, launchApp } from '../harness/app-harness'
import { insertParagraph, readerArticle } from './reader-fixture'
import {
  armHighlight,
  armOpen,
  armScroll,
  installProbes,
  type InteractionStamps,
  selectPhrase,
  waitFrames,
} from './reader-page'
import { checkTarget, formatCount, formatMs, note, printTable } from './report'
import { median, percentile } from './stats'
import { createRng, syntheticArticleText, syntheticComment } from './synthetic-text'

export interface ReaderOptions {
  /** Measured openings of the large article (after one cold opening); default 10. */
  opens?: number
  /** Measured highlight creations; default 20. */
  highlights?: number
  scroll?: boolean
  /** How calls cross from the page to main: JSON strings (default) or Playwright's serialiser. */
  transport?: 'json' | 'playwright'
}

export const READER_TARGETS = {
  /** Click in the article list → 50,000 words with 1,000 highlights painted, median. */
  openMedianMs: 200,
  /** Key press in the selection popup → the new highlight painted, median. */
  highlightMedianMs: 50,
} as const

const BIG_TITLE = 'Fünfzigtausend Wörter: the long read'
const SMALL_TITLE = 'Kurzmeldung: a short article to switch to'

interface MainCall {
  channel: string
  ms: number
}

/**
 * The harness serialises its page-side bridge with Function.prototype.toString. Under tsx
 * (esbuild with keepNames, as `npm run bench` runs), that source calls an `__name` helper the
 * page does not have, and the app never starts. Until the harness defines it, give every new
 * browser context of this run an `__name` that returns the function unchanged.
 */
export async function launchUnderTsx(): Promise<AppHarness> {
  const launch = chromium.launch.bind(chromium)
  chromium.launch = async (options) => {
    const browser = await launch(options)
    const newContext = browser.newContext.bind(browser)
    browser.newContext = async (contextOptions) => {
      const context = await newContext(contextOptions)
      await context.addInitScript({ content: 'globalThis.__name ??= (fn) => fn' })
      return context
    }
    return browser
  }
  try {
    return await launchApp({ viewport: { width: 1440, height: 900 } })
  } finally {
    chromium.launch = launch
  }
}

async function invoke<T>(app: AppHarness, channel: string, input: unknown): Promise<T> {
  const result = await app.api.invoke(channel, input)
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`)
  return result.value as T
}

/** Records how long main's handler took for every call from the page. */
function timeMainCalls(app: AppHarness): { calls: MainCall[]; restore: () => void } {
  const calls: MainCall[] = []
  const original = app.api.invoke
  app.api.invoke = async (channel, input) => {
    const started = performance.now()
    try {
      return await original.call(app.api, channel, input)
    } finally {
      calls.push({ channel: String(channel), ms: performance.now() - started })
    }
  }
  return { calls, restore: () => (app.api.invoke = original) }
}

interface Setup {
  bigId: string
  text: string
  annotations: number
  words: number
  ms: number
}

export async function createProject(app: AppHarness): Promise<Setup> {
  const started = performance.now()
  const article = readerArticle()
  const rng = createRng(77)
  await invoke(app, 'projects:create', { name: 'Reader bench', folder: join(app.workDir, 'bench') })
  const tags: Tag[] = []
  for (const name of ['Desinformation', 'Primary source', 'Фейк', 'Statistik', 'Eyewitness']) {
    tags.push(await invoke<Tag>(app, 'tags:create', { name }))
  }
  const big = await invoke<ArticleSummary>(app, 'articles:add', {
    title: BIG_TITLE,
    text: article.text,
    outlet: 'Bench Daily',
    language: 'de',
  })
  const stored = await invoke<ArticleDocument>(app, 'articles:get', { id: big.id })
  if (stored.text !== article.text) throw new Error('main stored a different text than was added')
  for (const span of article.spans) {
    await invoke(app, 'annotations:create', {
      articleId: big.id,
      kind: rng.pick<AnnotationKind>(ANNOTATION_KINDS),
      start: span.start,
      end: span.end,
      tagIds: rng.chance(0.3) ? [rng.pick(tags).id] : [],
      comment: rng.chance(0.2) ? syntheticComment(rng, 'en') : '',
    })
  }
  const small = await invoke<ArticleSummary>(app, 'articles:add', {
    title: SMALL_TITLE,
    text: syntheticArticleText(rng, 'en', 2_000),
    language: 'en',
  })
  for (const [start, end] of [
    [0, 11],
    [40, 60],
    [120, 150],
  ] as const) {
    await invoke(app, 'annotations:create', { articleId: small.id, kind: 'claim', start, end })
  }
  return {
    bigId: big.id,
    text: article.text,
    annotations: article.spans.length,
    words: article.words,
    ms: performance.now() - started,
  }
}

/** Lets the page finish what it was doing (effects, late calls) before the next measurement. */
async function settle(app: AppHarness): Promise<void> {
  await app.page.evaluate(waitFrames, 2)
  await app.page.waitForTimeout(100)
}

async function openArticle(app: AppHarness, title: string): Promise<void> {
  await app.page.locator('.article-item').filter({ hasText: title }).click()
  await app.page.locator('#reader-title').filter({ hasText: title }).waitFor()
}

export async function measureOpen(app: AppHarness): Promise<InteractionStamps> {
  const { page } = app
  await openArticle(app, SMALL_TITLE)
  await settle(app)
  await page.evaluate(armOpen, BIG_TITLE)
  await page.locator('.article-item').filter({ hasText: BIG_TITLE }).click()
  const stamps = await page.evaluate(() => window.__bench?.result)
  if (!stamps) throw new Error('the open measurement was not armed')
  await settle(app)
  return stamps
}

export async function measureHighlight(
  app: AppHarness,
  index: number,
  total: number,
): Promise<{ stamps: InteractionStamps; selected: string }> {
  const { page } = app
  const selected = await page.evaluate(selectPhrase, { index, total })
  const popup = page.locator('.selection-popup')
  await popup.waitFor()
  await page.evaluate(waitFrames, 2)
  await page.evaluate(armHighlight)
  await page.keyboard.press('c')
  const stamps = await page.evaluate(() => window.__bench?.result)
  if (!stamps) throw new Error('the highlight measurement was not armed')
  await popup.waitFor({ state: 'detached' })
  await settle(app)
  return { stamps, selected }
}

/** The last call on `channel` the page made during a measurement. */
function lastCall(stamps: InteractionStamps, channel: string) {
  const calls = stamps.calls.filter((c) => c.channel === channel)
  return calls[calls.length - 1]
}

const since = (stamps: InteractionStamps, at: number | undefined) =>
  at === undefined ? Number.NaN : at - stamps.start

interface Phase {
  label: string
  at: (s: InteractionStamps) => number
}

/** One row per phase: median and p95 of when it happened, counted from the click or key. */
function printTimeline(samples: readonly InteractionStamps[], phases: readonly Phase[]): void {
  printTable(
    [{ header: 'ms after the input', align: 'left' }, 'median', 'p95', 'min', 'max'],
    phases.map(({ label, at }) => {
      const values = samples.map(at).filter(Number.isFinite)
      return [
        label,
        formatMs(median(values)),
        formatMs(percentile(values, 95)),
        formatMs(Math.min(...values)),
        formatMs(Math.max(...values)),
      ]
    }),
  )
}

function mainMs(calls: readonly MainCall[], channel: string): number[] {
  return calls.filter((c) => c.channel === channel).map((c) => c.ms)
}

function printMainTable(rows: Array<[string, number[], number[]]>): void {
  printTable(
    [
      { header: 'call', align: 'left' },
      'calls',
      'round trip p50',
      'main handler p50',
      'transport p50',
    ],
    rows.map(([channel, roundTrips, handler]) => [
      channel,
      roundTrips.length,
      formatMs(median(roundTrips)),
      formatMs(median(handler)),
      formatMs(median(roundTrips) - median(handler)),
    ]),
  )
}

async function measureScroll(app: AppHarness) {
  const { page } = app
  await page.evaluate(armScroll)
  await settle(app)
  const box = await page.locator('.reader-layout > .reader').boundingBox()
  if (!box) throw new Error('the reader has no box')
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  const height = await page.evaluate(
    () => document.querySelector('.reader-layout > .reader')?.scrollHeight ?? 0,
  )
  for (let step = 0; step < 20; step++) await page.mouse.wheel(0, Math.ceil(height / 20))
  const stats = await page.evaluate(() => window.__bench?.stopScroll?.())
  if (!stats) throw new Error('the scroll measurement was not armed')
  return { ...stats, height }
}

export async function readerBenchmark(options: ReaderOptions = {}): Promise<void> {
  const opens = options.opens ?? 10
  const highlights = options.highlights ?? 20
  const app = await launchUnderTsx()
  try {
    const setup = await createProject(app)
    note(
      `project: the ${formatCount(setup.words)}-word article with ${formatCount(setup.annotations)} ` +
        `annotations (5 kinds, 30% tagged, 20% with a comment) and a short one, created ` +
        `through the API in ${formatMs(setup.ms)}`,
    )
    const { page } = app
    await page
      .context()
      .exposeBinding('__benchInvokeJson', async (_source, channel: unknown, input: unknown) =>
        JSON.stringify(await app.api.invoke(channel, JSON.parse(String(input)))),
      )
    await page.reload()
    await page.locator('.article-item').nth(1).waitFor()
    await page.evaluate(installProbes, options.transport !== 'playwright')
    const main = timeMainCalls(app)

    // Opening the large article.
    const cold = await measureOpen(app)
    const openSamples: InteractionStamps[] = []
    main.calls.length = 0
    for (let i = 0; i < opens; i++) openSamples.push(await measureOpen(app))
    const openMain = [...main.calls]
    const marks = openSamples[0]?.marks ?? 0
    const height = await page.evaluate(
      () => document.querySelector('.reader-layout > .reader')?.scrollHeight ?? 0,
    )

    // Creating highlights from a selection.
    main.calls.length = 0
    const highlightSamples: InteractionStamps[] = []
    const mismatched: string[] = []
    for (let i = 0; i < highlights; i++) {
      const { stamps, selected } = await measureHighlight(app, i, highlights)
      highlightSamples.push(stamps)
      if (stamps.highlighted.trim() !== selected.trim()) {
        mismatched.push(`"${selected}" → "${stamps.highlighted}"`)
      }
    }
    const highlightMain = [...main.calls]

    // Editing the text (main only): what `articles:updateText` costs end to end.
    main.restore()
    const editMs: number[] = []
    let edited = { anchored: 0, moved: 0, orphaned: 0 }
    const withParagraph = insertParagraph(setup.text, 2)
    for (let i = 0; i < 4; i++) {
      const started = performance.now()
      edited = await invoke(app, 'articles:updateText', {
        id: setup.bigId,
        text: i % 2 === 0 ? withParagraph : setup.text,
      })
      editMs.push(performance.now() - started)
    }

    const scroll = options.scroll === false ? undefined : await measureScroll(app)

    // Report.
    const openTotals = openSamples.map((s) => s.paint - s.start)
    const highlightTotals = highlightSamples.map((s) => s.paint - s.start)
    console.log('\n  Opening the article (click → text and highlights painted)')
    note(
      `${formatCount(marks)} mark.hl elements, text ${formatCount(height)} px tall; ` +
        `${opens} openings after a cold one (${formatMs(cold.paint - cold.start)})`,
    )
    printTimeline(openSamples, [
      { label: 'articles:get sent', at: (s) => since(s, lastCall(s, 'articles:get')?.start) },
      { label: 'articles:get answered', at: (s) => since(s, lastCall(s, 'articles:get')?.end) },
      { label: 'text and marks in the DOM', at: (s) => since(s, s.commit) },
      { label: 'next frame started', at: (s) => since(s, s.frame) },
      { label: 'painted (total)', at: (s) => since(s, s.paint) },
    ])
    console.log('\n  Creating a highlight (key c in the popup → new mark painted)')
    note(
      `${highlights} selections of 12–40 characters spread over the text, each scrolled into view`,
    )
    printTimeline(highlightSamples, [
      {
        label: 'annotations:create sent',
        at: (s) => since(s, lastCall(s, 'annotations:create')?.start),
      },
      {
        label: 'annotations:create answered',
        at: (s) => since(s, lastCall(s, 'annotations:create')?.end),
      },
      {
        label: 'articles:get (reload) sent',
        at: (s) => since(s, lastCall(s, 'articles:get')?.start),
      },
      {
        label: 'articles:get (reload) answered',
        at: (s) => since(s, lastCall(s, 'articles:get')?.end),
      },
      { label: 'new mark in the DOM', at: (s) => since(s, s.commit) },
      { label: 'next frame started', at: (s) => since(s, s.frame) },
      { label: 'painted (total)', at: (s) => since(s, s.paint) },
    ])
    if (mismatched.length > 0) {
      note(`WARNING: ${mismatched.length} highlights differ from their selection:`)
      for (const m of mismatched.slice(0, 5)) note(`  ${m}`)
    }

    console.log('\n  Bridge calls during the measurements (main handler vs. harness transport)')
    const roundTrips = (samples: InteractionStamps[], channel: string) =>
      samples.flatMap((s) =>
        s.calls.filter((c) => c.channel === channel).map((c) => c.end - c.start),
      )
    printMainTable([
      [
        'articles:get (open)',
        roundTrips(openSamples, 'articles:get'),
        mainMs(openMain, 'articles:get'),
      ],
      [
        'annotations:create',
        roundTrips(highlightSamples, 'annotations:create'),
        mainMs(highlightMain, 'annotations:create'),
      ],
      [
        'articles:get (reload)',
        roundTrips(highlightSamples, 'articles:get'),
        mainMs(highlightMain, 'articles:get'),
      ],
    ])
    const others = [...new Set([...openMain, ...highlightMain].map((c) => c.channel))].filter(
      (c) => c !== 'articles:get' && c !== 'annotations:create',
    )
    note(`also called: ${others.join(', ') || 'nothing else'}`)
    note(
      'transport: Playwright binding over CDP (JSON); the app uses Electron IPC (structured ' +
        'clone), so this part differs in the shipped app.',
    )
    note(
      `articles:updateText (main, durable): median ${formatMs(median(editMs))} over ` +
        `${editMs.length} edits inserting/removing a paragraph; last: ${edited.anchored} kept, ` +
        `${edited.moved} moved, ${edited.orphaned} orphaned`,
    )

    if (scroll) {
      console.log('\n  Scrolling top to bottom in 20 wheel steps')
      const longest = Math.max(0, ...scroll.longFrames)
      printTable(
        [
          'elapsed',
          'frames',
          'frame gap p50',
          'frame gap max',
          `${scroll.longFrameType} ≥ 50 ms`,
          'longest',
        ],
        [
          [
            formatMs(scroll.elapsed),
            scroll.frames,
            formatMs(median(scroll.gaps)),
            formatMs(Math.max(0, ...scroll.gaps)),
            scroll.longFrames.length,
            scroll.longFrames.length > 0 ? formatMs(longest) : '–',
          ],
        ],
      )
    }

    console.log('\n  Targets')
    const row = (label: string, samples: number[], limit: number) => [
      label,
      formatMs(median(samples)),
      formatMs(percentile(samples, 95)),
      `≤ ${formatMs(limit)}`,
      checkTarget(label, median(samples), limit, formatMs),
    ]
    printTable(
      [
        { header: 'measure', align: 'left' },
        'median',
        'p95',
        'target (median)',
        { header: '', align: 'left' },
      ],
      [
        row('open 50,000 words + 1,000 highlights', openTotals, READER_TARGETS.openMedianMs),
        row('selection key → highlight painted', highlightTotals, READER_TARGETS.highlightMedianMs),
      ],
    )
    if (app.pageErrors.length > 0) {
      note(`WARNING: the page reported ${app.pageErrors.length} errors:`)
      for (const error of app.pageErrors.slice(0, 5)) note(`  ${error}`)
    }
  } finally {
    await app.close()
  }
}
