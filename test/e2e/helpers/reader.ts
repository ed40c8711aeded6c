import type { Page } from 'playwright-core'

/** Viewport points just inside the first and last character of `exact` in the reader's text. */
async function textEdges(page: Page, exact: string, occurrence = 0) {
  return page.evaluate(
    ([needle, nth]) => {
      const root = document.querySelector('.reader-text')
      if (!root) throw new Error('no .reader-text on the page')
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
      const nodes: Text[] = []
      let whole = ''
      const starts: number[] = []
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        starts.push(whole.length)
        nodes.push(n as Text)
        whole += (n as Text).data
      }
      let at = -1
      for (let i = 0; i <= nth; i++) at = whole.indexOf(needle, at + 1)
      if (at === -1) throw new Error(`text not found in the reader: ${needle}`)
      const locate = (offset: number) => {
        let i = starts.length - 1
        while (i > 0 && (starts[i] ?? 0) > offset) i--
        return { node: nodes[i] as Text, offset: offset - (starts[i] ?? 0) }
      }
      const rectOf = (offset: number) => {
        const { node, offset: inNode } = locate(offset)
        const range = document.createRange()
        range.setStart(node, inNode)
        range.setEnd(node, inNode + 1)
        const rect = range.getClientRects()[0] ?? range.getBoundingClientRect()
        return { left: rect.left, right: rect.right, top: rect.top, bottom: rect.bottom }
      }
      const first = rectOf(at)
      const last = rectOf(at + needle.length - 1)
      return { first, last }
    },
    [exact, occurrence] as const,
  )
}

/** Selects `exact` in the reader by dragging the mouse, as a person would. */
export async function selectWithMouse(page: Page, exact: string, occurrence = 0): Promise<void> {
  await page.locator('.reader-text').first().scrollIntoViewIfNeeded()
  const { first, last } = await textEdges(page, exact, occurrence)
  const y1 = (first.top + first.bottom) / 2
  const y2 = (last.top + last.bottom) / 2
  await page.mouse.move(first.left + 1, y1)
  await page.mouse.down()
  await page.mouse.move((first.left + last.right) / 2, (y1 + y2) / 2, { steps: 4 })
  await page.mouse.move(last.right - 1, y2, { steps: 4 })
  await page.mouse.up()
}

/** The text of every highlight (mark) that carries annotation `id`, joined. */
export async function highlightedText(page: Page, id: string): Promise<string> {
  return page.evaluate(
    (annotationId) =>
      [...document.querySelectorAll(`mark[data-ids~="${CSS.escape(annotationId)}"]`)]
        .map((m) => m.textContent ?? '')
        .join(''),
    id,
  )
}
