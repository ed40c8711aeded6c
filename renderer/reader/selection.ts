import { CodePointIndex } from '../../shared/anchoring'

/** Offset attribute every text-bearing element of the reader carries (UTF-16, into the article). */
export const OFFSET_ATTRIBUTE = 'data-o'

function firstTextNode(node: Node): Text | null {
  if (node.nodeType === Node.TEXT_NODE) return node as Text
  for (const child of node.childNodes) {
    const found = firstTextNode(child)
    if (found) return found
  }
  return null
}

function lastTextNode(node: Node): Text | null {
  if (node.nodeType === Node.TEXT_NODE) return node as Text
  for (let i = node.childNodes.length - 1; i >= 0; i--) {
    const child = node.childNodes[i]
    const found = child ? lastTextNode(child) : null
    if (found) return found
  }
  return null
}

function textNodeOffset(node: Text, offset: number): number | null {
  const holder = node.parentElement?.closest(`[${OFFSET_ATTRIBUTE}]`)
  const base = holder?.getAttribute(OFFSET_ATTRIBUTE)
  return base === null || base === undefined ? null : Number(base) + offset
}

/** Maps a DOM boundary point inside the reader to a UTF-16 offset into the article text. */
export function domPointToOffset(node: Node, offset: number, root: Element): number | null {
  if (!root.contains(node)) return null
  if (node.nodeType === Node.TEXT_NODE) return textNodeOffset(node as Text, offset)
  const child = node.childNodes[offset]
  if (child) {
    const text = firstTextNode(child)
    if (text) return textNodeOffset(text, 0)
  }
  const before = offset > 0 ? node.childNodes[offset - 1] : undefined
  const text = before ? lastTextNode(before) : lastTextNode(node)
  return text ? textNodeOffset(text, text.length) : null
}

/**
 * The current selection inside `root` as a code-point range into the article text, with
 * surrounding white space trimmed; null when nothing usable is selected.
 */
export function selectionToRange(
  selection: Selection | null,
  root: Element,
  text: string,
  index: CodePointIndex,
): { start: number; end: number } | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null
  const range = selection.getRangeAt(0)
  let start = domPointToOffset(range.startContainer, range.startOffset, root)
  let end = domPointToOffset(range.endContainer, range.endOffset, root)
  if (start === null || end === null) return null
  if (end < start) [start, end] = [end, start]
  while (start < end && /\s/.test(text.charAt(start))) start++
  while (end > start && /\s/.test(text.charAt(end - 1))) end--
  if (end <= start) return null
  return { start: index.toCodePoint(start), end: index.toCodePoint(end) }
}
