import type { KeyboardEvent } from 'react'

const DIRECTIONS: Record<string, ['forward' | 'backward', 'character' | 'line']> = {
  ArrowRight: ['forward', 'character'],
  ArrowLeft: ['backward', 'character'],
  ArrowDown: ['forward', 'line'],
  ArrowUp: ['backward', 'line'],
}

/**
 * Selecting text without a mouse: with the reader focused, arrow keys move an insertion point
 * (Ctrl: by word) and Shift+arrow keys extend the selection, as in a text editor. Returns true
 * when the key was used.
 */
export function moveSelectionByKey(event: KeyboardEvent, root: HTMLElement): boolean {
  const step = DIRECTIONS[event.key]
  if (!step || event.altKey || event.metaKey) return false
  const selection = window.getSelection()
  if (!selection) return false
  const inside = selection.rangeCount > 0 && root.contains(selection.anchorNode)
  if (!inside) {
    // Start at the beginning of the text the first time.
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    const first = walker.nextNode()
    if (!first) return false
    selection.collapse(first, 0)
  }
  const [direction, unit] = step
  const granularity = event.ctrlKey && unit === 'character' ? 'word' : unit
  selection.modify(event.shiftKey ? 'extend' : 'move', direction, granularity)
  return true
}
