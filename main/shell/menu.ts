import { app, Menu, type MenuItemConstructorOptions } from 'electron'
import type { MenuCommand } from '../../shared/api'
import type { RecentProject } from '../../shared/model/project'
import { openExternalSafely } from './security'

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
          accelerator: 'CmdOrCtrl+Shift+N',
          click: () => send({ command: 'new-project' }),
        },
        {
          label: 'Open Project…',
          accelerator: 'CmdOrCtrl+O',
          click: () => send({ command: 'open-project' }),
        },
        { label: 'Open Recent', submenu: recentItems },
        { type: 'separator' },
        {
          label: 'Add Article…',
          accelerator: 'CmdOrCtrl+N',
          click: () => send({ command: 'add-article' }),
        },
        { type: 'separator' },
        {
          label: 'Close Project',
          accelerator: 'CmdOrCtrl+W',
          click: () => send({ command: 'close-project' }),
        },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
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
