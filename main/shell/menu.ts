import { app, Menu, type MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '../../shared/api'
import type { StandardExportFormat, StandardImportFormat } from '../../shared/exchange-types'
import type { RecentProject } from '../../shared/model/project'
import { openExternalSafely } from './security'

/**
 * The renderer handles these keys itself (it must also work without this menu, and Undo must
 * go to a focused text field first), so the menu only shows them.
 */
const rendererShortcut = (accelerator: string) => ({ accelerator, registerAccelerator: false })

const EXPORT_ITEMS: Array<{ label: string; format: StandardExportFormat }> = [
  { label: 'W3C Web Annotations (.jsonld)…', format: 'w3c' },
  { label: 'REFI-QDA Project (.qdpx)…', format: 'qdpx' },
  { label: 'REFI-QDA Codebook (.qdc)…', format: 'qdc' },
  { label: 'ClaimReview (schema.org, .jsonld)…', format: 'claimreview' },
]
const IMPORT_ITEMS: Array<{ label: string; format: StandardImportFormat }> = [
  { label: 'W3C Web Annotations…', format: 'w3c' },
  { label: 'REFI-QDA Project (.qdpx)…', format: 'qdpx' },
]

/** Builds the application menu; commands go to the renderer, which owns the flows. */
export function setupMenu(send: (command: MenuCommand) => void, recent: RecentProject[]): void {
  const isMac = process.platform === 'darwin'
  const recentItems: MenuItemConstructorOptions[] =
    recent.length > 0
      ? recent.map((r) => ({
          label: `${r.name} — ${r.folder}`,
          enabled: r.available,
          click: () => send({ command: 'open-recent', folder: r.folder }),
        }))
      : [{ label: 'No recent projects', enabled: false }]

  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        {
          label: 'New Project…',
          ...rendererShortcut('CmdOrCtrl+Shift+N'),
          click: () => send({ command: 'new-project' }),
        },
        {
          label: 'Open Project…',
          ...rendererShortcut('CmdOrCtrl+O'),
          click: () => send({ command: 'open-project' }),
        },
        { label: 'Open Recent', submenu: recentItems },
        { type: 'separator' },
        {
          label: 'Add Article…',
          ...rendererShortcut('CmdOrCtrl+N'),
          click: () => send({ command: 'add-article' }),
        },
        {
          label: 'Add Evidence…',
          ...rendererShortcut('CmdOrCtrl+Shift+E'),
          click: () => send({ command: 'add-evidence' }),
        },
        { type: 'separator' },
        { label: 'Share Project…', click: () => send({ command: 'share-project' }) },
        { label: 'Open Shared Project…', click: () => send({ command: 'open-shared' }) },
        { type: 'separator' },
        {
          label: 'Export Report…',
          ...rendererShortcut('CmdOrCtrl+Shift+R'),
          click: () => send({ command: 'export-report' }),
        },
        {
          label: 'Export',
          submenu: EXPORT_ITEMS.map(({ label, format }) => ({
            label,
            click: () => send({ command: 'export-standard', format }),
          })),
        },
        {
          label: 'Import',
          submenu: IMPORT_ITEMS.map(({ label, format }) => ({
            label,
            click: () => send({ command: 'import-standard', format }),
          })),
        },
        { type: 'separator' },
        {
          label: 'Close Project',
          ...rendererShortcut('CmdOrCtrl+W'),
          click: () => send({ command: 'close-project' }),
        },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        // The renderer decides: a focused text field undoes its typing, else the project change.
        {
          label: 'Undo',
          ...rendererShortcut('CmdOrCtrl+Z'),
          click: () => send({ command: 'undo' }),
        },
        {
          label: 'Redo',
          ...rendererShortcut('CmdOrCtrl+Shift+Z'),
          click: () => send({ command: 'redo' }),
        },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: `Claimdesk ${app.getVersion()}`, enabled: false },
        {
          label: 'Electron security checklist',
          click: () =>
            openExternalSafely('https://www.electronjs.org/docs/latest/tutorial/security'),
        },
      ],
    },
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
