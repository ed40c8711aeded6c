import { dialog, type BrowserWindow } from 'electron'
import type { Dialogs } from '../dialogs'

/** The OS's own dialogs, parented to the app window. */
export function electronDialogs(window: () => BrowserWindow | null): Dialogs {
  return {
    async chooseFolder(purpose) {
      const parent = window()
      const options = {
        title:
          purpose === 'create-project'
            ? 'Choose a folder for the new project'
            : 'Open a Claimdesk project folder',
        properties: ['openDirectory', 'createDirectory'] as Array<
          'openDirectory' | 'createDirectory'
        >,
      }
      const result = parent
        ? await dialog.showOpenDialog(parent, options)
        : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    async chooseFiles() {
      const parent = window()
      const options = {
        title: 'Import articles',
        properties: ['openFile', 'multiSelections'] as Array<'openFile' | 'multiSelections'>,
        filters: [
          { name: 'Articles', extensions: ['txt', 'md', 'markdown', 'html', 'htm'] },
          { name: 'All files', extensions: ['*'] },
        ],
      }
      const result = parent
        ? await dialog.showOpenDialog(parent, options)
        : await dialog.showOpenDialog(options)
      return result.canceled ? [] : result.filePaths
    },
  }
}
