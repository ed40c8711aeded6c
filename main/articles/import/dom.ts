import { parseHTML } from 'linkedom'

/*
 * The main process is compiled without the DOM library, so linkedom's and Readability's
 * declarations name types (Window, Document) that do not exist here. These are the few
 * members this module uses, typed once at the boundary below.
 */

export const ELEMENT_NODE = 1
export const TEXT_NODE = 3
export const COMMENT_NODE = 8

export interface DomNode {
  readonly nodeType: number
  readonly nodeName: string
  readonly parentNode: DomNode | null
  readonly childNodes: ArrayLike<DomNode> & Iterable<DomNode>
  readonly textContent: string | null
}

export interface DomElement extends DomNode {
  readonly localName: string
  readonly parentElement: DomElement | null
  getAttribute(name: string): string | null
  hasAttribute(name: string): boolean
  querySelector(selector: string): DomElement | null
  querySelectorAll(selector: string): ArrayLike<DomElement> & Iterable<DomElement>
  closest(selector: string): DomElement | null
  remove(): void
}

export interface DomText extends DomNode {
  readonly data: string
}

export interface DomDocument extends DomNode {
  readonly documentElement: DomElement | null
  readonly body: DomElement | null
  readonly title: string
  querySelector(selector: string): DomElement | null
  querySelectorAll(selector: string): ArrayLike<DomElement> & Iterable<DomElement>
}

export const isElement = (node: DomNode): node is DomElement => node.nodeType === ELEMENT_NODE
export const isText = (node: DomNode): node is DomText => node.nodeType === TEXT_NODE

/**
 * Rebuilds the outer structure of a page as `<html><head>…</head><body>…</body></html>`.
 * linkedom builds the tree exactly as written, unlike a browser it does not supply the
 * optional html, head and body tags, and Readability only looks inside `document.body`.
 */
export function withDocumentShape(html: string): string {
  const htmlTag = /<html\b[^<>]*>/i.exec(html)
  const headOpen = /<head\b[^<>]*>/i.exec(html)
  const headClose = /<\/head\s*>/i.exec(html)
  const afterHead = headClose ? headClose.index + headClose[0].length : 0
  const bodyMatch = /<body\b[^<>]*>/i.exec(html.slice(afterHead))
  const bodyOpen = bodyMatch ? { index: afterHead + bodyMatch.index, tag: bodyMatch[0] } : null
  const afterHtmlTag = htmlTag ? htmlTag.index + htmlTag[0].length : 0
  // Head: inside <head>…</head>, or whatever precedes <body> when the head tags are left out.
  const headStart = headOpen ? headOpen.index + headOpen[0].length : afterHtmlTag
  const headEnd = headClose ? headClose.index : bodyOpen ? bodyOpen.index : headStart
  const head = headEnd > headStart ? html.slice(headStart, headEnd) : ''
  const bodyStart = bodyOpen
    ? bodyOpen.index + bodyOpen.tag.length
    : headClose
      ? afterHead
      : afterHtmlTag
  const bodyEnd = /<\/body\s*>|<\/html\s*>/i.exec(html.slice(bodyStart))
  const body = html.slice(bodyStart, bodyEnd ? bodyStart + bodyEnd.index : html.length)
  const noDoctype = (part: string): string => part.replace(/<!DOCTYPE[^>]*>/gi, '')
  return (
    `<!DOCTYPE html>${htmlTag?.[0] ?? '<html>'}<head>${noDoctype(head)}</head>` +
    `${bodyOpen?.tag ?? '<body>'}${noDoctype(body)}</body></html>`
  )
}

/**
 * Parses HTML into an inert document: linkedom builds a tree only — it runs no scripts,
 * fires no load or error handlers and fetches nothing (no images, frames or styles).
 */
export function parseHtmlDocument(html: string): DomDocument {
  const window: unknown = parseHTML(withDocumentShape(html))
  return (window as { document: DomDocument }).document
}
