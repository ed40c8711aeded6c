/** The standard formats as the menu and the dialogs name them, and the files they are saved in. */
import {
  STANDARD_EXPORT_FORMATS,
  STANDARD_IMPORT_FORMATS,
  type StandardExportFormat,
  type StandardImportFormat,
} from '../../shared/exchange-types'
import { safeBaseName } from '../reports/report-draft'

/** The menu's format name as an export format; null when it names none. */
export function asExportFormat(value: string | undefined): StandardExportFormat | null {
  return STANDARD_EXPORT_FORMATS.find((f) => f === value) ?? null
}

/** The menu's format name as an import format; null when it names none. */
export function asImportFormat(value: string | undefined): StandardImportFormat | null {
  return STANDARD_IMPORT_FORMATS.find((f) => f === value) ?? null
}

const FILE_SUFFIX: Record<StandardExportFormat, string> = {
  w3c: '-annotations.jsonld',
  qdpx: '.qdpx',
  qdc: '-codebook.qdc',
  claimreview: '-claimreview.jsonld',
}

/** The save dialog's suggested name: the project's name made safe, with the format's ending. */
export function exchangeFileName(projectName: string, format: StandardExportFormat): string {
  return `${safeBaseName(projectName, 'claimdesk')}${FILE_SUFFIX[format]}`
}
