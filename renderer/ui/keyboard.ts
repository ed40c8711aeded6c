import type { KeyboardEvent } from 'react'

/** Ctrl+Enter (Cmd+Enter on a Mac) saves, also from a multi-line field where Enter is a newline. */
export function saveOnCtrlEnter(save: () => unknown) {
  return (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      void save()
    }
  }
}

const LIST_KEYS = ['ArrowDown', 'ArrowUp', 'Home', 'End']

/**
 * Up and down arrows (and Home, End) move the focus between the rows of the list the event's
 * row stands in; `rowSelector` picks the rows, so buttons inside a row are skipped.
 */
export function moveFocusInList(event: KeyboardEvent<HTMLElement>, rowSelector: string) {
  if (!LIST_KEYS.includes(event.key)) return
  const list = event.currentTarget.closest('ul')
  if (!list) return
  const rows = [...list.querySelectorAll<HTMLElement>(rowSelector)]
  const at = rows.indexOf(event.currentTarget)
  const next =
    event.key === 'Home'
      ? 0
      : event.key === 'End'
        ? rows.length - 1
        : Math.min(rows.length - 1, Math.max(0, at + (event.key === 'ArrowDown' ? 1 : -1)))
  event.preventDefault()
  rows[next]?.focus()
}
