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
  if (key === 'r' && event.shiftKey) return 'export-report'
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

const SHARE_REQUEST = 'claimdesk:share-request'

/** Asks the sharing flow to show the share dialog for the open project (menu, header button). */
export function requestShare(): void {
  window.dispatchEvent(new Event(SHARE_REQUEST))
}

/** Subscribes the sharing flow to share requests; returns the unsubscribe function. */
export function onShareRequest(listener: () => void): () => void {
  window.addEventListener(SHARE_REQUEST, listener)
  return () => window.removeEventListener(SHARE_REQUEST, listener)
}

const OPEN_SHARED_REQUEST = 'claimdesk:open-shared-request'

/**
 * Asks the sharing flow to open a `.claimdesk` file: `path` when the OS or a drop named one,
 * otherwise the flow asks for a file.
 */
export function requestOpenShared(path?: string): void {
  window.dispatchEvent(
    new CustomEvent<string | null>(OPEN_SHARED_REQUEST, { detail: path ?? null }),
  )
}

/** Subscribes the sharing flow to open requests; returns the unsubscribe function. */
export function onOpenSharedRequest(listener: (path: string | null) => void): () => void {
  const handler = (event: Event) => listener((event as CustomEvent<string | null>).detail)
  window.addEventListener(OPEN_SHARED_REQUEST, handler)
  return () => window.removeEventListener(OPEN_SHARED_REQUEST, handler)
}

let lastRequestId = 0

/** A number no earlier request had, so a view can tell a new request from one it answered. */
export function nextRequestId(): number {
  return ++lastRequestId
}

const REPORT_EXPORT_REQUEST = 'claimdesk:report-export-request'

/** Asks the open project screen to show the Reports view and export the report (menu, Ctrl+Shift+R). */
export function requestReportExport(): void {
  window.dispatchEvent(new Event(REPORT_EXPORT_REQUEST))
}

/** Subscribes the project screen to report-export requests; returns the unsubscribe function. */
export function onReportExportRequest(listener: () => void): () => void {
  window.addEventListener(REPORT_EXPORT_REQUEST, listener)
  return () => window.removeEventListener(REPORT_EXPORT_REQUEST, listener)
}

const STANDARD_EXPORT_REQUEST = 'claimdesk:standard-export-request'
const STANDARD_IMPORT_REQUEST = 'claimdesk:standard-import-request'

/** Asks for the standard-format export dialog, with the format the menu item named (if any). */
export function requestStandardExport(format?: string): void {
  window.dispatchEvent(new CustomEvent(STANDARD_EXPORT_REQUEST, { detail: format }))
}

/** Asks for the standard-format import dialog, with the format the menu item named (if any). */
export function requestStandardImport(format?: string): void {
  window.dispatchEvent(new CustomEvent(STANDARD_IMPORT_REQUEST, { detail: format }))
}

function onFormatRequest(name: string, listener: (format: string | undefined) => void) {
  const handle = (event: Event) => {
    const detail: unknown = event instanceof CustomEvent ? event.detail : undefined
    listener(typeof detail === 'string' ? detail : undefined)
  }
  window.addEventListener(name, handle)
  return () => window.removeEventListener(name, handle)
}

/** Subscribes to standard-export requests; returns the unsubscribe function. */
export function onStandardExportRequest(listener: (format: string | undefined) => void) {
  return onFormatRequest(STANDARD_EXPORT_REQUEST, listener)
}

/** Subscribes to standard-import requests; returns the unsubscribe function. */
export function onStandardImportRequest(listener: (format: string | undefined) => void) {
  return onFormatRequest(STANDARD_IMPORT_REQUEST, listener)
}
