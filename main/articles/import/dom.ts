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
 * Parses HTML into an inert document: linkedom builds a tree only — it runs no scripts,
 * fires no load or error handlers and fetches nothing (no images, frames or styles).
 */
export function parseHtmlDocument(html: string): DomDocument {
  const window: unknown = parseHTML(html)
  return (window as { document: DomDocument }).document
}
