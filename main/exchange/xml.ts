import { DOMParser } from 'linkedom'

// A small XML writer and the few reading helpers the exchange formats need. Writing is ours
// (no XML package is a dependency); reading uses linkedom's XML parser, which neither fetches
// nor expands DTD entities, so untrusted files cannot reach the network or blow up in memory.

export type XmlAttributes = Record<string, string | number | boolean | null | undefined>
export type XmlNode = XmlElement | string

export interface XmlElement {
  name: string
  attributes: XmlAttributes
  children: XmlNode[]
}

/** An element; attributes that are null or undefined are left out. */
export function element(
  name: string,
  attributes: XmlAttributes = {},
  children: ReadonlyArray<XmlNode | null | undefined | false> = [],
): XmlElement {
  return {
    name,
    attributes,
    children: children.filter((c): c is XmlNode => c !== null && c !== undefined && c !== false),
  }
}

// XML 1.0 allows tab, LF, CR and these ranges; anything else (NUL, other C0 controls, lone
// surrogates, U+FFFE/U+FFFF) makes the file unreadable and is replaced by U+FFFD, one code
// point for one, so counts in code points stay the same.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

function escapeText(value: string): string {
  return value
    .replace(NOT_XML_CHAR, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;')
}

function escapeAttribute(value: string): string {
  // Line breaks and tabs would be turned into spaces by any reader unless written as references.
  return escapeText(value).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;')
}

function attributeText(attributes: XmlAttributes): string {
  let out = ''
  for (const [key, value] of Object.entries(attributes)) {
    if (value === null || value === undefined) continue
    out += ` ${key}="${escapeAttribute(String(value))}"`
  }
  return out
}

function write(node: XmlElement, depth: number, indent: string, out: string[]): void {
  const pad = indent.repeat(depth)
  const open = `${pad}<${node.name}${attributeText(node.attributes)}`
  if (node.children.length === 0) {
    out.push(`${open}/>`)
    return
  }
  // Elements holding text are written on one line: indentation inside them would be content.
  if (node.children.some((c) => typeof c === 'string')) {
    const inner = node.children
      .map((c) => (typeof c === 'string' ? escapeText(c) : serializeInline(c)))
      .join('')
    out.push(`${open}>${inner}</${node.name}>`)
    return
  }
  out.push(`${open}>`)
  for (const child of node.children) write(child as XmlElement, depth + 1, indent, out)
  out.push(`${pad}</${node.name}>`)
}

function serializeInline(node: XmlElement): string {
  const inner = node.children
    .map((c) => (typeof c === 'string' ? escapeText(c) : serializeInline(c)))
    .join('')
  const open = `<${node.name}${attributeText(node.attributes)}`
  return node.children.length === 0 ? `${open}/>` : `${open}>${inner}</${node.name}>`
}

/** A UTF-8 XML document with declaration, indented by two spaces. */
export function serializeXml(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>']
  write(root, 0, '  ', out)
  return `${out.join('\n')}\n`
}

// ---------------------------------------------------------------------------------------------
// Reading

/** A parsed element, as linkedom returns it (only what we use). */
export interface XmlReadElement {
  readonly localName: string
  readonly tagName: string
  readonly children: ArrayLike<XmlReadElement>
  readonly textContent: string | null
  getAttribute(name: string): string | null
}

// linkedom 0.18 hands back attribute values with &, < and > escaped again (text content is
// decoded correctly). Probing once keeps us right if a later version fixes that.
const ESCAPED_ATTRIBUTES = (() => {
  const probe = new DOMParser().parseFromString('<a b="&amp;"/>', 'text/xml')
  return probe.documentElement?.getAttribute('b') === '&amp;'
})()

const UNESCAPE: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' }

/** Parses an XML document; null when there is no root element. */
export function parseXml(xml: string): XmlReadElement | null {
  const doc = new DOMParser().parseFromString(xml.replace(/^\uFEFF/, ''), 'text/xml')
  return (doc.documentElement as unknown as XmlReadElement | null) ?? null
}

/** An element's name without a namespace prefix ("qda:Code" → "Code"). */
export function localNameOf(el: XmlReadElement): string {
  const name = el.localName || el.tagName
  return name.slice(name.indexOf(':') + 1)
}

/** An attribute's value, decoded; null when absent. */
export function attributeOf(el: XmlReadElement, name: string): string | null {
  const value = el.getAttribute(name)
  if (value === null || !ESCAPED_ATTRIBUTES) return value
  return value.replace(/&(amp|lt|gt);/g, (m) => UNESCAPE[m] ?? m)
}

/** Child elements with the given local name (all child elements when no name is given). */
export function childrenOf(el: XmlReadElement, name?: string): XmlReadElement[] {
  return Array.from(el.children).filter((c) => name === undefined || localNameOf(c) === name)
}

/** The first child element with the given local name. */
export function childOf(el: XmlReadElement, name: string): XmlReadElement | undefined {
  return childrenOf(el, name)[0]
}

/** The text of the first child element with the given local name, or ''. */
export function childText(el: XmlReadElement, name: string): string {
  return childOf(el, name)?.textContent ?? ''
}
