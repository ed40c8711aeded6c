/**
 * `.claimdesk` files the OS asks the app to open: on Windows and Linux as a command-line
 * argument (at first start, or handed to the running instance), on macOS as an `open-file`
 * event that may come before the window exists. Kept out of the shell so it can be tested.
 */
import { isAbsolute, resolve } from 'node:path'
import { SHARE_EXTENSION } from './share-format'

/**
 * The shared project file named on a command line (the last one, if several), resolved against
 * the folder the command ran in; null if there is none. Switches (`--…`) are never files.
 */
export function sharedFileFromArgv(argv: readonly string[], cwd: string): string | null {
  // argv[0] is the executable (Electron's, when run from the sources).
  for (const arg of argv.slice(1).toReversed()) {
    if (arg.startsWith('-')) continue
    if (!arg.toLowerCase().endsWith(SHARE_EXTENSION)) continue
    return isAbsolute(arg) ? arg : resolve(cwd, arg)
  }
  return null
}

/**
 * Files waiting to be opened until the window listens for them: requests made before are
 * queued and handed over, in order, as soon as it does; later ones go straight through.
 */
export class OpenRequests {
  private readonly pending: string[] = []
  private deliver: ((path: string) => void) | null = null

  request(path: string): void {
    if (this.deliver) this.deliver(path)
    else this.pending.push(path)
  }

  /** The window listens (again, e.g. after a reload): hands over what is waiting. */
  listening(deliver: (path: string) => void): void {
    this.deliver = deliver
    for (const path of this.pending.splice(0)) deliver(path)
  }

  /** The window is gone: queue requests until another one listens. */
  stopped(): void {
    this.deliver = null
  }
}
