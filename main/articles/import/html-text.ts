import { type DomElement, type DomNode, isElement, isText, parseHtmlDocument } from './dom'

/** Elements that start and end a paragraph of the extracted text. */
const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'caption',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
])

/** Elements whose content is never text of the article. */
const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'canvas',
  'video',
  'audio',
  'img',
  'picture',
  'button',
  'input',
  'select',
  'textarea',
  'head',
  'title',
])

export interface HtmlText {
  paragraphs: string[]
  /** Characters (without whitespace) inside links, and in all. */
  linkChars: number
  totalChars: number
}

interface ListState {
  ordered: boolean
  next: number
}

/** Collapses HTML whitespace (not no-break spaces, which are content). */
const collapse = (text: string): string => text.replace(/[ \t\n\r\f]+/g, ' ')

const countVisible = (text: string): number => text.replace(/\s+/g, '').length

class ParagraphCollector {
  readonly paragraphs: string[] = []
  linkChars = 0
  totalChars = 0
  private buffer = ''
  private prefix = ''

  /** A list marker for the next paragraph that gets text ('' to drop an unused one). */
  setPrefix(prefix: string): void {
    this.prefix = prefix
  }

  append(text: string, inLink: boolean): void {
    if (text === '') return
    if (this.prefix !== '' && text.trim() !== '' && this.buffer.trim() === '') {
      this.buffer = this.prefix + (this.buffer + text).trimStart()
      this.prefix = ''
    } else {
      this.buffer += text
    }
    const visible = countVisible(text)
    this.totalChars += visible
    if (inLink) this.linkChars += visible
  }

  lineBreak(): void {
    this.buffer += '\n'
  }

  flush(preformatted = false): void {
    const lines = this.buffer.split('\n')
    const text = preformatted
      ? lines
          .map((line) => line.trimEnd())
          .join('\n')
          .replace(/^\n+|\n+$/g, '')
      : lines
          .map((line) => line.trim())
          .join('\n')
          .trim()
    if (text !== '') this.paragraphs.push(text)
    this.buffer = ''
  }
}

interface WalkState {
  pre: boolean
  inLink: boolean
  lists: ListState[]
}

type Frame =
  | { kind: 'enter'; node: DomNode; state: WalkState }
  | { kind: 'exit'; block: boolean; pre: boolean; listItem: boolean }

/** Depth-first walk with an explicit stack: article HTML can nest deeper than the call stack. */
function walk(root: DomNode, out: ParagraphCollector): void {
  const stack: Frame[] = [
    { kind: 'enter', node: root, state: { pre: false, inLink: false, lists: [] } },
  ]
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    if (frame.kind === 'exit') {
      if (frame.block) out.flush(frame.pre)
      if (frame.listItem) out.setPrefix('')
      continue
    }
    const { node, state } = frame
    if (isText(node)) {
      out.append(state.pre ? node.data : collapse(node.data), state.inLink)
      continue
    }
    if (!isElement(node)) continue
    const name = node.localName.toLowerCase()
    if (SKIPPED.has(name)) continue
    if (name === 'br') {
      out.lineBreak()
      continue
    }
    const block = BLOCKS.has(name)
    if (block) out.flush(state.pre)
    let childState = state
    if (name === 'pre') childState = { ...state, pre: true }
    if (name === 'a') childState = { ...state, inLink: true }
    if (name === 'ul' || name === 'ol') {
      const start = Number.parseInt(node.getAttribute('start') ?? '1', 10)
      const list = { ordered: name === 'ol', next: Number.isFinite(start) ? start : 1 }
      childState = { ...state, lists: [...state.lists, list] }
    }
    if (name === 'li') {
      const list = state.lists[state.lists.length - 1]
      out.setPrefix(list?.ordered ? `${list.next++}. ` : '• ')
    }
    stack.push({ kind: 'exit', block, pre: childState.pre, listItem: name === 'li' })
    const children = Array.from(node.childNodes)
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i]
      if (child) stack.push({ kind: 'enter', node: child, state: childState })
    }
  }
}

/**
 * Readability's article HTML as paragraphs: every block element (p, h1–h6, li, blockquote,
 * pre, div with text, table cells …) becomes its own paragraph, `<br>` a line break, list
 * items get "• " or "1. ". The HTML is parsed inertly again; images and embeds give no text.
 */
export function htmlToParagraphs(html: string): HtmlText {
  const document = parseHtmlDocument(`<!DOCTYPE html><html><body>${html}</body></html>`)
  const out = new ParagraphCollector()
  const body: DomElement | null = document.body
  if (body) walk(body, out)
  out.flush()
  return { paragraphs: out.paragraphs, linkChars: out.linkChars, totalChars: out.totalChars }
}
