import { extname } from 'node:path'
import { dialog, type BrowserWindow, type FileFilter, type OpenDialogOptions } from 'electron'
import type { Dialogs } from '../dialogs'

type FilesPurpose = Parameters<Dialogs['chooseFiles']>[0]
type SavePurpose = Parameters<Dialogs['chooseSaveFile']>[0]

const ALL_FILES: FileFilter = { name: 'All files', extensions: ['*'] }

/** Title, filters and whether several files may be chosen, per open-dialog purpose. */
const OPEN_DIALOGS: Record<FilesPurpose, { title: string; filters: FileFilter[]; many: boolean }> =
  {
    'import-articles': {
      title: 'Import articles',
      filters: [
        { name: 'Articles', extensions: ['txt', 'md', 'markdown', 'html', 'htm'] },
        ALL_FILES,
      ],
      many: true,
    },
    'add-evidence': { title: 'Add evidence files', filters: [ALL_FILES], many: true },
    'relink-evidence': { title: 'Find the moved evidence file', filters: [ALL_FILES], many: false },
    'open-shared': {
      title: 'Open a shared project',
      filters: [{ name: 'Claimdesk project file', extensions: ['claimdesk'] }, ALL_FILES],
      many: false,
    },
    'import-w3c': {
      title: 'Import W3C Web Annotations',
      filters: [{ name: 'W3C Web Annotations', extensions: ['jsonld', 'json'] }, ALL_FILES],
      many: false,
    },
    'import-qdpx': {
      title: 'Import a REFI-QDA project',
      filters: [{ name: 'REFI-QDA project', extensions: ['qdpx'] }, ALL_FILES],
      many: false,
    },
  }

const SAVE_TITLES: Record<SavePurpose, string> = {
  'export-report': 'Export the report',
  'export-standard': 'Export the project',
  'share-project': 'Share the project as one file',
}

/** What a file of each extension is called in the save dialog's filter. */
const EXTENSION_NAMES: Record<string, string> = {
  html: 'HTML document',
  pdf: 'PDF document',
  md: 'Markdown',
  docx: 'Word document',
  csv: 'CSV table',
  json: 'JSON',
  jsonld: 'JSON-LD',
  qdpx: 'REFI-QDA project',
  qdc: 'REFI-QDA codebook',
  claimdesk: 'Claimdesk project file',
}

/** The OS's own dialogs, parented to the app window. */
export function electronDialogs(window: () => BrowserWindow | null): Dialogs {
  const showOpen = (options: OpenDialogOptions) => {
    const parent = window()
    return parent ? dialog.showOpenDialog(parent, options) : dialog.showOpenDialog(options)
  }
  return {
    async chooseFolder(purpose) {
      const result = await showOpen({
        title:
          purpose === 'create-project'
            ? 'Choose a folder for the new project'
            : 'Open a Claimdesk project folder',
        properties: ['openDirectory', 'createDirectory'],
      })
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    async chooseFiles(purpose) {
      const { title, filters, many } = OPEN_DIALOGS[purpose]
      const result = await showOpen({
        title,
        filters,
        properties: many ? ['openFile', 'multiSelections'] : ['openFile'],
      })
      return result.canceled ? [] : result.filePaths
    },
    async chooseSaveFile(purpose, defaultName) {
      const extension = extname(defaultName).slice(1).toLowerCase()
      const options = {
        title: SAVE_TITLES[purpose],
        defaultPath: defaultName,
        filters: extension
          ? [
              {
                name: EXTENSION_NAMES[extension] ?? extension.toUpperCase(),
                extensions: [extension],
              },
            ]
          : [ALL_FILES],
        properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<
          'createDirectory' | 'showOverwriteConfirmation'
        >,
      }
      const parent = window()
      const result = parent
        ? await dialog.showSaveDialog(parent, options)
        : await dialog.showSaveDialog(options)
      return result.canceled || !result.filePath ? null : result.filePath
    },
  }
}
