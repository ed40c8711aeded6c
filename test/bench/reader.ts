/**
 * Reader benchmark in Chromium: the real renderer (out/renderer) against the real main
 * handlers, through the test harness. A project holds the 50,000-word article with 1,000
 * annotations, created through `annotations:create`, and a short article to switch to.
 *
 *   open:      click the article in the list → its text with every highlight in the DOM and
 *              the next frame painted (switching to the short article in between, so the
 *              reader mounts afresh each time).
 *   highlight: a selection in the text, the popup, the `c` key → the new mark in the DOM and
 *              painted (this includes the durable save in main and the article's reload).
 *   scroll:    top to bottom in 20 wheel steps, counting long frames.
 *
 * Time stamps are taken inside the page (see reader-page.ts); main's handler times come from
 * wrapping `api.invoke`, so a call's round trip splits into main's work and the transport.
 */
import { join } from 'node:path'
import { deserialize, serialize } from 'node:v8'
import { chromium } from 'playwright-core'
import { ANNOTATION_KINDS, type AnnotationKind } from '../../shared/model/annotation'
import type { ArticleDocument, ArticleSummary } from '../../shared/model/article'
import type { Tag } from '../../shared/model/tag'
import { type AppHarness, launchApp } from '../harness/app-harness'
import { insertParagraph, readerArticle } from './reader-fixture'
import {
  addRules,
  armHighlight,
  armOpen,
  armScroll,
  type CallStamp,
  installProbes,
  type InteractionStamps,
  removeRules,
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
  /** Also open the article with CSS variants that show where the rendering time goes. */
  diagnose?: boolean
  /** How calls cross from the page to main: JSON strings (default) or Playwright's serialiser. */
  transport?: 'json' | 'playwright'
}

export const READER_TARGETS = {
  /** Click in the article list → 50,000 words with 1,000 highlights painted, median. */
  openMs: 200,
  /** Key press in the selection popup → the new highlight painted, median. */
  highlightMs: 50,
} as const

const BIG_TITLE = 'Fünfzigtausend Wörter: the long read'
const SMALL_TITLE = 'Kurzmeldung: a short article to switch to'
const SCROLLER = '.reader-layout > .reader'

interface MainCall {
  channel: string
  ms: number
}

/**
 * The harness serialises its page-side bridge with Function.prototype.toString. Under tsx
 * (esbuild with keepNames, as `npm run bench` runs) that source calls an `__name` helper the
 * page does not have, and the app never starts. Until the harness defines it, every browser
 * context launched here gets an `__name` that returns the function unchanged.
 */
async function launchUnderTsx(): Promise<AppHarness> {
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

/** Records how long main's handler took for every call (the page's calls go through here). */
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

async function createProject(app: AppHarness): Promise<Setup> {
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
  await app.page.waitForTimeout(50)
}

async function openArticle(app: AppHarness, title: string): Promise<void> {
  await app.page.locator('.article-item').filter({ hasText: title }).click()
  await app.page.locator('#reader-title').filter({ hasText: title }).waitFor()
}

async function measureOpen(app: AppHarness): Promise<InteractionStamps> {
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

async function measureHighlight(
  app: AppHarness,
  index: number,
  total: number,
): Promise<{ stamps: InteractionStamps; selected: string }> {
  const { page } = app
  const selected = await page.evaluate(selectPhrase, { index, total })
  const popup = page.locator('.selection-popup')
  await popup.waitFor()
  await settle(app)
  await page.evaluate(armHighlight)
  await page.keyboard.press('c')
  const stamps = await page.evaluate(() => window.__bench?.result)
  if (!stamps) throw new Error('the highlight measurement was not armed')
  await popup.waitFor({ state: 'detached' })
  await settle(app)
  return { stamps, selected }
}

/** The article's reload: the last `articles:get` of a measurement. */
const reloadCall = (s: InteractionStamps): CallStamp | undefined =>
  s.calls.filter((c) => c.channel === 'articles:get').at(-1)
/** The call that saved the new annotation (`annotations:create`, or a variant of it). */
const createCall = (s: InteractionStamps): CallStamp | undefined =>
  s.calls.find((c) => c.channel.startsWith('annotations:create'))

const after = (s: InteractionStamps, at: number | undefined) =>
  at === undefined ? Number.NaN : at - s.start

interface Phase {
  label: string
  at: (s: InteractionStamps) => number
}

/** Sent and answered phases of the first call on every other channel seen in `samples`. */
function otherCalls(samples: readonly InteractionStamps[], known: (channel: string) => boolean) {
  const channels = [...new Set(samples.flatMap((s) => s.calls.map((c) => c.channel)))]
  return channels
    .filter((channel) => !known(channel))
    .flatMap((channel): Phase[] => {
      const first = (s: InteractionStamps) => s.calls.find((c) => c.channel === channel)
      return [
        { label: `${channel} sent`, at: (s) => after(s, first(s)?.start) },
        { label: `${channel} answered`, at: (s) => after(s, first(s)?.end) },
      ]
    })
}

/** One row per phase, in the order they happen: when, counted from the click or key press. */
function printTimeline(samples: readonly InteractionStamps[], phases: readonly Phase[]): void {
  const rows = phases.map(({ label, at }) => {
    const values = samples.map(at).filter(Number.isFinite)
    return { label, values, order: values.length > 0 ? median(values) : Infinity }
  })
  rows.sort((a, b) => a.order - b.order)
  printTable(
    [{ header: 'ms after the input', align: 'left' }, 'median', 'p95', 'min', 'max', 'n'],
    rows.map(({ label, values }) =>
      values.length === 0
        ? [label, '–', '–', '–', '–', 0]
        : [
            label,
            formatMs(median(values)),
            formatMs(percentile(values, 95)),
            formatMs(Math.min(...values)),
            formatMs(Math.max(...values)),
            values.length,
          ],
    ),
  )
}

/** V8's serialiser, which Electron's IPC uses to copy a call's result: both ends, median of 5. */
function structuredCloneMs(value: unknown): { ms: number; bytes: number } {
  const times: number[] = []
  let bytes = 0
  for (let i = 0; i < 6; i++) {
    const started = performance.now()
    const data = serialize(value)
    deserialize(data)
    if (i > 0) times.push(performance.now() - started)
    bytes = data.length
  }
  return { ms: median(times), bytes }
}

/**
 * Scrolls the reader from top to bottom in 20 wheel steps. Paragraphs off screen are laid out
 * only when they come near (content-visibility), so the text grows while it scrolls: each step
 * covers an equal share of what is left at that moment.
 */
async function measureScroll(app: AppHarness) {
  const { page } = app
  await page.evaluate(armScroll)
  await settle(app)
  const box = await page.locator(SCROLLER).boundingBox()
  if (!box) throw new Error('the reader has no box')
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  const measure = () =>
    page.evaluate((selector) => {
      const scroller = document.querySelector(selector)
      if (!scroller) return { left: 0, height: 0 }
      const left = scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop
      return { left, height: scroller.scrollHeight }
    }, SCROLLER)
  const before = await measure()
  let steps = 0
  // 20 steps; a few more if paragraphs laid out at the end pushed the bottom further down.
  for (let left = before.left; steps < 30 && (steps < 20 || left > 1); steps++) {
    await page.mouse.wheel(0, Math.max(1, Math.ceil(left / Math.max(1, 20 - steps))))
    await page.evaluate(waitFrames, 1)
    left = (await measure()).left
  }
  const stats = await page.evaluate(() => window.__bench?.stopScroll?.())
  if (!stats) throw new Error('the scroll measurement was not armed')
  return { ...stats, steps, heightBefore: before.height, heightAfter: (await measure()).height }
}

/** Opening the article with CSS changed, to see which part of the page costs what. */
const DIAGNOSES: ReadonlyArray<{ label: string; rules: string[] }> = [
  { label: 'as built', rules: [] },
  {
    label: 'annotation panel hidden',
    rules: ['.annotation-panel { display: none !important }'],
  },
  {
    label: 'content-visibility: auto on panel items',
    rules: ['.annotation-item { content-visibility: auto; contain-intrinsic-size: auto 90px }'],
  },
  {
    label: 'every text paragraph laid out (visible)',
    rules: ['.reader-text p { content-visibility: visible !important }'],
  },
]

async function diagnose(app: AppHarness, opens: number): Promise<() => void> {
  const rows: string[][] = []
  for (const { label, rules } of DIAGNOSES) {
    const added = await app.page.evaluate(addRules, rules)
    const samples: InteractionStamps[] = []
    for (let i = 0; i < opens; i++) samples.push(await measureOpen(app))
    await app.page.evaluate(removeRules, added)
    const phase = (at: (s: InteractionStamps) => number) => formatMs(median(samples.map(at)))
    rows.push([
      label,
      phase((s) => s.commit - (reloadCall(s)?.end ?? Number.NaN)),
      phase((s) => s.paint - s.frame),
      phase((s) => s.paint - s.start),
    ])
  }
  return () => {
    console.log('\n  Diagnosis: opening the article with CSS injected (medians)')
    printTable(
      [
        { header: 'variant', align: 'left' },
        'React render + commit',
        'style, layout, paint',
        'total',
      ],
      rows,
    )
    note(`${opens} openings each; the variants change CSS only, through the CSSOM.`)
  }
}

export async function readerBenchmark(options: ReaderOptions = {}): Promise<void> {
  const opens = options.opens ?? 10
  const highlights = options.highlights ?? 20
  const json = options.transport !== 'playwright'
  const app = await launchUnderTsx()
  try {
    const setup = await createProject(app)
    note(
      `project: the ${formatCount(setup.words)}-word article with ` +
        `${formatCount(setup.annotations)} annotations (5 kinds, 30% tagged, 20% with a ` +
        `comment) and a short one, created through the API in ${formatMs(setup.ms)}`,
    )
    const bigDoc = await invoke<ArticleDocument>(app, 'articles:get', { id: setup.bigId })
    const clone = structuredCloneMs(bigDoc)
    const { page } = app
    await page
      .context()
      .exposeBinding('__benchInvokeJson', async (_source, channel: unknown, input: unknown) =>
        JSON.stringify(await app.api.invoke(channel, JSON.parse(String(input)))),
      )
    // The page started before the project existed: reloaded, it opens the current project.
    await page.reload()
    await page.locator('.article-item').nth(1).waitFor()
    await page.evaluate(installProbes, json)
    const main = timeMainCalls(app)

    // Opening the large article.
    const cold = await measureOpen(app)
    main.calls.length = 0
    const openSamples: InteractionStamps[] = []
    for (let i = 0; i < opens; i++) openSamples.push(await measureOpen(app))
    const openMain = main.calls.splice(0)
    const height = await page.evaluate(
      (selector) => document.querySelector(selector)?.scrollHeight ?? 0,
      SCROLLER,
    )

    // Creating highlights from a selection.
    const highlightSamples: InteractionStamps[] = []
    const mismatched: string[] = []
    for (let i = 0; i < highlights; i++) {
      const { stamps, selected } = await measureHighlight(app, i, highlights)
      highlightSamples.push(stamps)
      if (stamps.highlighted.trim() !== selected.trim()) {
        mismatched.push(`"${selected}" → "${stamps.highlighted}"`)
      }
    }
    const highlightMain = main.calls.splice(0)

    const scroll = options.scroll === false ? undefined : await measureScroll(app)
    const printDiagnosis = options.diagnose
      ? await diagnose(app, Math.max(3, Math.round(opens / 2)))
      : undefined
    main.restore()

    // Editing the text (main only): what `articles:updateText` costs end to end.
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

    // Report.
    console.log('\n  Opening the article (click → text and highlights painted)')
    note(
      `${formatCount(openSamples[0]?.marks ?? 0)} mark.hl elements, scroll height ` +
        `${formatCount(height)} px, ${formatCount(setup.annotations)} items in the panel; ` +
        `${opens} openings after a cold one (${formatMs(cold.paint - cold.start)})`,
    )
    printTimeline(openSamples, [
      { label: 'articles:get sent', at: (s) => after(s, reloadCall(s)?.start) },
      { label: 'articles:get answered', at: (s) => after(s, reloadCall(s)?.end) },
      ...otherCalls(openSamples, (channel) => channel === 'articles:get'),
      { label: 'text and marks in the DOM', at: (s) => after(s, s.commit) },
      { label: 'next frame started', at: (s) => after(s, s.frame) },
      { label: 'painted (total)', at: (s) => after(s, s.paint) },
    ])

    console.log('\n  Creating a highlight (key c in the selection popup → new mark painted)')
    const createChannels = [...new Set(highlightSamples.map((s) => createCall(s)?.channel))]
    note(
      `${highlights} selections of 12–40 characters spread over the text, each scrolled into ` +
        `view; the key saved through ${createChannels.join(', ')}`,
    )
    printTimeline(highlightSamples, [
      { label: 'annotation save sent', at: (s) => after(s, createCall(s)?.start) },
      { label: 'annotation save answered', at: (s) => after(s, createCall(s)?.end) },
      { label: 'articles:get (reload) sent', at: (s) => after(s, reloadCall(s)?.start) },
      { label: 'articles:get (reload) answered', at: (s) => after(s, reloadCall(s)?.end) },
      ...otherCalls(
        highlightSamples,
        (channel) => channel === 'articles:get' || channel.startsWith('annotations:create'),
      ),
      { label: 'new mark in the DOM', at: (s) => after(s, s.commit) },
      { label: 'next frame started', at: (s) => after(s, s.frame) },
      { label: 'painted (total)', at: (s) => after(s, s.paint) },
    ])
    if (mismatched.length > 0) {
      note(`WARNING: ${mismatched.length} highlights differ from their selection:`)
      for (const m of mismatched.slice(0, 5)) note(`  ${m}`)
    }

    console.log('\n  Calls on the way (round trip in the page; main handler in Node)')
    const roundTrips = (
      samples: InteractionStamps[],
      pick: (s: InteractionStamps) => CallStamp | undefined,
    ) =>
      samples.flatMap((s) => {
        const call = pick(s)
        return call ? [call.end - call.start] : []
      })
    const handlerMs = (calls: MainCall[], channel: string | undefined) =>
      calls.filter((c) => c.channel === channel).map((c) => c.ms)
    const callRows: Array<[string, number[], number[]]> = [
      [
        'articles:get (open)',
        roundTrips(openSamples, reloadCall),
        handlerMs(openMain, 'articles:get'),
      ],
      [
        `${createChannels[0] ?? 'annotations:create'} (key c)`,
        roundTrips(highlightSamples, createCall),
        handlerMs(highlightMain, createChannels[0]),
      ],
      [
        'articles:get (reload)',
        roundTrips(highlightSamples, reloadCall),
        handlerMs(highlightMain, 'articles:get'),
      ],
    ]
    printTable(
      [
        { header: 'call', align: 'left' },
        'n',
        'round trip p50',
        'main handler p50',
        'transport p50',
      ],
      callRows.map(([label, trips, handler]) => [
        label,
        trips.length,
        formatMs(median(trips)),
        formatMs(median(handler)),
        formatMs(median(trips) - median(handler)),
      ]),
    )
    const others = [...new Set([...openMain, ...highlightMain].map((c) => c.channel))]
      .filter((c) => c !== 'articles:get' && !c.startsWith('annotations:create'))
      .sort()
    note(`also called meanwhile: ${others.join(', ') || 'nothing else'}`)
    note(
      `transport: ${json ? 'one JSON string each way' : "Playwright's value serialiser"} over ` +
        'the DevTools protocol. The app uses Electron IPC (V8 structured clone); cloning the ' +
        `article (${formatCount(clone.bytes)} bytes) takes ${formatMs(clone.ms)} in Node for ` +
        'both ends.',
    )
    note(
      `articles:updateText (main, durable write): median ${formatMs(median(editMs))} over ` +
        `${editMs.length} edits inserting or removing a paragraph; the last kept ` +
        `${edited.anchored}, moved ${edited.moved}, orphaned ${edited.orphaned}`,
    )

    if (scroll) {
      console.log('\n  Scrolling top to bottom in 20 wheel steps')
      printTable(
        [
          'wheel steps',
          'elapsed',
          'frames',
          'frame gap p50',
          'frame gap max',
          `${scroll.longFrameType}s`,
          'longest',
        ],
        [
          [
            scroll.steps,
            scroll.reachedBottom ? formatMs(scroll.elapsed) : 'did not reach the bottom',
            scroll.frames,
            formatMs(median(scroll.gaps)),
            formatMs(Math.max(0, ...scroll.gaps)),
            scroll.longFrames.length,
            scroll.longFrames.length > 0 ? formatMs(Math.max(...scroll.longFrames)) : '–',
          ],
        ],
      )
      note('long frames: ≥ 50 ms of main-thread work between two frames (janky scrolling).')
      if (scroll.heightAfter > scroll.heightBefore * 1.05) {
        note(
          `the text grew from ${formatCount(scroll.heightBefore)} to ` +
            `${formatCount(scroll.heightAfter)} px while scrolling: paragraphs off screen ` +
            'are estimated smaller than they are (contain-intrinsic-size), so the scroll bar ' +
            'jumps.',
        )
      }
    }

    printDiagnosis?.()

    // Without the harness's transport, with Electron's copy of the result instead.
    const electronLike = (s: InteractionStamps, handler: number[]) => {
      const call = reloadCall(s)
      if (!call) return Number.NaN
      return s.paint - s.start - (call.end - call.start - median(handler)) + clone.ms
    }
    const openTotals = openSamples.map((s) => s.paint - s.start)
    const highlightTotals = highlightSamples.map((s) => s.paint - s.start)
    const openHandler = handlerMs(openMain, 'articles:get')
    const reloadHandler = handlerMs(highlightMain, 'articles:get')
    console.log('\n  Targets (median; p95 shown)')
    const row = (label: string, samples: number[], limit?: number) => [
      label,
      formatMs(median(samples)),
      formatMs(percentile(samples, 95)),
      limit === undefined ? '' : `≤ ${formatMs(limit)}`,
      limit === undefined ? '' : checkTarget(label, median(samples), limit, formatMs),
    ]
    printTable(
      [
        { header: 'measure', align: 'left' },
        'median',
        'p95',
        'target',
        { header: '', align: 'left' },
      ],
      [
        row('open 50,000 words + 1,000 highlights', openTotals, READER_TARGETS.openMs),
        row(
          '  estimate with Electron IPC for articles:get',
          openSamples.map((s) => electronLike(s, openHandler)),
        ),
        row('selection key → highlight painted', highlightTotals, READER_TARGETS.highlightMs),
        row(
          '  estimate with Electron IPC for the reload',
          highlightSamples.map((s) => electronLike(s, reloadHandler)),
        ),
      ],
    )
    note(
      'estimate: total − (articles:get round trip − main handler) + V8 clone of the article. ' +
        'Optimistic (the round trip also holds time the page was busy) and not a target check.',
    )
    if (app.pageErrors.length > 0) {
      note(`WARNING: the page reported ${app.pageErrors.length} errors:`)
      for (const error of app.pageErrors.slice(0, 5)) note(`  ${error}`)
    }
  } finally {
    await app.close()
  }
}
