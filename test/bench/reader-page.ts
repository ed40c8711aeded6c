/**
 * Probes the reader benchmark runs inside the page (through `page.evaluate`), so every time
 * stamp is `performance.now()` on the renderer's own clock. Playwright sends each function's
 * source to the page: they must not use anything from this module's scope, only their
 * arguments and the page's globals.
 *
 * "Painted" is stamped by a MessageChannel message posted from a requestAnimationFrame callback:
 * the callback runs at the start of the next frame, and the message is handled right after
 * that frame's style, layout and paint on the main thread (rasterising and compositing then
 * run on other threads). A double rAF would add up to a whole frame of waiting instead.
 */

/** One bridge call as the page saw it (sent, answer back), ms on the page's clock. */
export interface CallStamp {
  channel: string
  start: number
  end: number
}

/** Stamps of one measured interaction; `start` is the click or key press. */
export interface InteractionStamps {
  start: number
  /** The DOM mutation that completed the view (React's commit) was observed. */
  commit: number
  /** The next frame began (rAF callback). */
  frame: number
  /** That frame's main-thread rendering work had finished. */
  paint: number
  calls: CallStamp[]
  /** `mark.hl` elements in the reader after the render. */
  marks: number
  /** Text of the new highlight (selection runs only). */
  highlighted: string
}

export interface ScrollStats {
  /** From the first scroll event to the frame that showed the bottom of the text. */
  elapsed: number
  reachedBottom: boolean
  frames: number
  /** Gaps between consecutive frames, ms. */
  gaps: number[]
  /** Durations of the long animation frames (≥ 50 ms) the browser reported meanwhile. */
  longFrames: number[]
  longFrameType: string
}

interface BenchProbes {
  calls: CallStamp[]
  result?: Promise<InteractionStamps>
  stopScroll?: () => Promise<ScrollStats>
}

declare global {
  interface Window {
    __bench?: BenchProbes
    /** Installed by the benchmark: the bridge's call, JSON-encoded both ways. */
    __benchInvokeJson?: (channel: string, inputJson: string) => Promise<string>
  }
}

/**
 * Wraps the bridge's transport so every call gets send and answer stamps. With `json`, calls
 * travel as one JSON string each way through the `__benchInvokeJson` binding instead of
 * Playwright's value serialiser, which walks a large result value by value. Idempotent.
 */
export function installProbes(json: boolean): void {
  if (window.__bench) return
  const calls: CallStamp[] = []
  const playwright = window.__claimdeskInvoke
  const viaJson = window.__benchInvokeJson
  const invoke =
    json && viaJson
      ? async (channel: string, input: unknown): Promise<unknown> =>
          JSON.parse(await viaJson(channel, JSON.stringify(input ?? {})))
      : (channel: string, input: unknown) => playwright.call(window, channel, input)
  window.__claimdeskInvoke = async (channel: string, input: unknown) => {
    const start = performance.now()
    try {
      return await invoke(channel, input)
    } finally {
      calls.push({ channel, start, end: performance.now() })
    }
  }
  window.__bench = { calls }
}

/**
 * Arms the measurement of opening the article titled `title`: from the next click (stamped in
 * a capturing listener, before the app sees it) to the first frame painted after the reader's
 * text for that article is in the DOM. React commits the whole text with its marks at once.
 */
export function armOpen(title: string): void {
  const bench = window.__bench
  if (!bench) throw new Error('installProbes first')
  const firstCall = bench.calls.length
  bench.result = new Promise((resolve, reject) => {
    let start = Number.NaN
    window.addEventListener(
      'click',
      () => {
        start = performance.now()
      },
      { capture: true, once: true },
    )
    const timer = setTimeout(() => {
      observer.disconnect()
      reject(new Error(`the article "${title}" did not render within 20 s`))
    }, 20_000)
    const observer = new MutationObserver(() => {
      const text = document.querySelector('.reader-text')
      if (!text || document.getElementById('reader-title')?.textContent !== title) return
      const commit = performance.now()
      observer.disconnect()
      requestAnimationFrame(() => {
        const frame = performance.now()
        const channel = new MessageChannel()
        channel.port1.onmessage = () => {
          const paint = performance.now()
          clearTimeout(timer)
          resolve({
            start,
            commit,
            frame,
            paint,
            calls: bench.calls.slice(firstCall),
            marks: text.querySelectorAll('mark.hl').length,
            highlighted: '',
          })
        }
        channel.port2.postMessage(null)
      })
    })
    observer.observe(document.body, { childList: true, subtree: true })
  })
}

/**
 * Selects a phrase in the `index`-th of `total` evenly spread plain-text runs of the reader
 * (scrolled to the middle of the view), and releases the mouse on the text as a person would,
 * which makes the app show its selection popup. Returns the selected text.
 */
export function selectPhrase(args: { index: number; total: number }): string {
  const runs = [...document.querySelectorAll<HTMLElement>('.reader-text span[data-o]')].filter(
    (run) => (run.textContent ?? '').length >= 80,
  )
  const run = runs[Math.floor(((args.index + 0.5) * runs.length) / args.total)]
  const node = run?.firstChild
  if (!run || !(node instanceof Text)) throw new Error('no plain text run to select in')
  run.scrollIntoView({ block: 'center' })
  const data = node.data
  // From the second word start on, 12 to 40 UTF-16 units, ending at a word end.
  const start = data.indexOf(' ', 8) + 1
  let end = data.indexOf(' ', start + 12)
  if (end === -1 || end - start > 40) end = start + 12
  const range = document.createRange()
  range.setStart(node, start)
  range.setEnd(node, end)
  const selection = window.getSelection()
  if (!selection) throw new Error('no selection object')
  selection.removeAllRanges()
  selection.addRange(range)
  const container = document.querySelector('.reader-text-container')
  if (!container) throw new Error('no .reader-text-container')
  const rect = range.getBoundingClientRect()
  container.dispatchEvent(
    new MouseEvent('mouseup', {
      bubbles: true,
      cancelable: true,
      clientX: rect.right,
      clientY: rect.bottom,
    }),
  )
  return data.slice(start, end)
}

/**
 * Arms the measurement of creating a highlight: from the next key press (stamped in a
 * capturing listener on window, before the popup's own listener) to the first frame painted
 * after a `mark` carrying an annotation id the reader did not show before is in the DOM.
 */
export function armHighlight(): void {
  const bench = window.__bench
  if (!bench) throw new Error('installProbes first')
  const container = document.querySelector('.reader-text-container')
  if (!container) throw new Error('no .reader-text-container')
  const known = new Set<string>()
  for (const mark of container.querySelectorAll('mark[data-ids]')) {
    for (const id of (mark.getAttribute('data-ids') ?? '').split(' ')) known.add(id)
  }
  const firstCall = bench.calls.length
  bench.result = new Promise((resolve, reject) => {
    let start = Number.NaN
    window.addEventListener(
      'keydown',
      () => {
        start = performance.now()
      },
      { capture: true, once: true },
    )
    const isNew = (node: Node): node is Element =>
      node instanceof Element &&
      node.matches('mark[data-ids]') &&
      (node.getAttribute('data-ids') ?? '').split(' ').some((id) => id !== '' && !known.has(id))
    const timer = setTimeout(() => {
      observer.disconnect()
      reject(new Error('no new highlight within 20 s'))
    }, 20_000)
    const observer = new MutationObserver((records) => {
      let found: Element | undefined
      for (const record of records) {
        if (isNew(record.target)) found = record.target
        for (const node of record.addedNodes) {
          if (isNew(node)) found = node
          else if (node instanceof Element) {
            found = [...node.querySelectorAll('mark[data-ids]')].find(isNew) ?? found
          }
        }
      }
      if (!found) return
      const commit = performance.now()
      observer.disconnect()
      const mark = found
      requestAnimationFrame(() => {
        const frame = performance.now()
        const channel = new MessageChannel()
        channel.port1.onmessage = () => {
          const paint = performance.now()
          clearTimeout(timer)
          resolve({
            start,
            commit,
            frame,
            paint,
            calls: bench.calls.slice(firstCall),
            marks: container.querySelectorAll('mark.hl').length,
            highlighted: mark.textContent ?? '',
          })
        }
        channel.port2.postMessage(null)
      })
    })
    observer.observe(container, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['data-ids'],
    })
  })
}

/** Resolves after `frames` animation frames (lets scrolling and effects settle). */
export function waitFrames(frames: number): Promise<void> {
  return new Promise((resolve) => {
    const step = (left: number) =>
      left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1))
    step(frames)
  })
}

/** Scrolls the reader to the top and starts recording frames and long animation frames. */
export function armScroll(): void {
  const bench = window.__bench
  const scroller = document.querySelector('.reader-layout > .reader')
  if (!bench || !scroller) throw new Error('no open reader to scroll')
  scroller.scrollTop = 0
  const type = PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')
    ? 'long-animation-frame'
    : 'longtask'
  const entries: Array<{ start: number; duration: number }> = []
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      entries.push({ start: entry.startTime, duration: entry.duration })
    }
  })
  observer.observe({ type })
  const frames: number[] = []
  let first = Number.NaN
  let bottomAt = Number.NaN
  let running = true
  // Armed after the jump to the top has been painted, so only the wheel's scrolling counts.
  requestAnimationFrame(() =>
    requestAnimationFrame(() =>
      scroller.addEventListener(
        'scroll',
        () => {
          first = performance.now()
        },
        { once: true },
      ),
    ),
  )
  const tick = (now: number) => {
    frames.push(now)
    const atBottom = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2
    if (atBottom && !Number.isNaN(first) && Number.isNaN(bottomAt)) bottomAt = now
    if (running) requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
  bench.stopScroll = async () => {
    // Wait until the bottom was shown (or give up after 3 s), then one more frame.
    const deadline = performance.now() + 3_000
    while (Number.isNaN(bottomAt) && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    await new Promise((resolve) => requestAnimationFrame(resolve))
    running = false
    observer.disconnect()
    const end = Number.isNaN(bottomAt) ? performance.now() : bottomAt
    const inWindow = frames.filter((t) => t >= first - 20 && t <= end)
    const gaps = inWindow.slice(1).map((t, i) => t - (inWindow[i] ?? t))
    return {
      elapsed: end - first,
      reachedBottom: !Number.isNaN(bottomAt),
      frames: inWindow.length,
      gaps,
      longFrames: entries
        .filter((e) => e.start + e.duration >= first && e.start <= end)
        .map((e) => e.duration),
      longFrameType: type,
    }
  }
}

/** Adds CSS rules to the app's own style sheet (CSSOM; the CSP forbids inline style sheets). */
export function addRules(rules: string[]): number {
  const sheet = document.styleSheets[0]
  if (!sheet) throw new Error('the page has no style sheet')
  for (const rule of rules) sheet.insertRule(rule, sheet.cssRules.length)
  return rules.length
}

/** Removes the last `count` rules added with addRules. */
export function removeRules(count: number): void {
  const sheet = document.styleSheets[0]
  if (!sheet) return
  for (let i = 0; i < count; i++) sheet.deleteRule(sheet.cssRules.length - 1)
}
