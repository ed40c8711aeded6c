import type { CallInput, CallOutput } from '../shared/api'

/**
 * OS dialogs, implemented by the Electron shell and by the test harness.
 * Domain code asks through this interface and never sees Electron.
 */
export interface Dialogs {
  chooseFolder(
    purpose: CallInput<'dialogs:chooseFolder'>['purpose'],
  ): Promise<CallOutput<'dialogs:chooseFolder'>>
  chooseFiles(
    purpose: CallInput<'dialogs:chooseFiles'>['purpose'],
  ): Promise<CallOutput<'dialogs:chooseFiles'>>
  /** A save dialog proposing `defaultName` (a file name with its extension); null if cancelled. */
  chooseSaveFile(
    purpose: CallInput<'dialogs:chooseSaveFile'>['purpose'],
    defaultName: string,
  ): Promise<CallOutput<'dialogs:chooseSaveFile'>>
}
