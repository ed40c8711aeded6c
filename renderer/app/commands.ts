import type { MenuCommand } from '../../shared/api'

/** Keyboard shortcuts the renderer owns (the menu shows them but leaves them to us). */
export function commandForKey(event: KeyboardEvent): MenuCommand['command'] | null {
  const mod = event.ctrlKey || event.metaKey
  if (!mod || event.altKey) return null
  const key = event.key.toLowerCase()
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo'
  if (key === 'y' && !event.shiftKey) return 'redo'
  if (key === 'n' && event.shiftKey) return 'new-project'
  if (key === 'n') return 'add-article'
  if (key === 'o' && !event.shiftKey) return 'open-project'
  if (key === 'w' && !event.shiftKey) return 'close-project'
  if (key === 'i' && event.shiftKey) return 'import-articles'
  if (key === 'e' && event.shiftKey) return 'add-evidence'
  if (key === 'k' && !event.shiftKey) return 'search'
  return null
}

const IMPORT_REQUEST = 'claimdesk:import-request'

/** Asks the open project screen to show the import dialog (menu, shortcut). */
export function requestImport(): void {
  window.dispatchEvent(new Event(IMPORT_REQUEST))
}

/** Subscribes the project screen to import requests; returns the unsubscribe function. */
export function onImportRequest(listener: () => void): () => void {
  window.addEventListener(IMPORT_REQUEST, listener)
  return () => window.removeEventListener(IMPORT_REQUEST, listener)
}

const ADD_EVIDENCE_REQUEST = 'claimdesk:add-evidence-request'

/** Asks the open project screen to add evidence: the Evidence view and its file dialog. */
export function requestAddEvidence(): void {
  window.dispatchEvent(new Event(ADD_EVIDENCE_REQUEST))
}

/** Subscribes the project screen to add-evidence requests; returns the unsubscribe function. */
export function onAddEvidenceRequest(listener: () => void): () => void {
  window.addEventListener(ADD_EVIDENCE_REQUEST, listener)
  return () => window.removeEventListener(ADD_EVIDENCE_REQUEST, listener)
}
