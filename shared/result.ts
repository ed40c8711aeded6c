/** Error codes every call can answer with; the renderer may branch on them, users read `message`. */
export type ErrorCode =
  | 'invalid-input'
  | 'not-found'
  | 'no-project-open'
  | 'project-exists'
  | 'project-locked'
  | 'corrupt-file'
  | 'not-a-project'
  | 'io-error'
  | 'unsupported-version'
  | 'import-rejected'
  | 'forbidden'
  | 'cancelled'
  | 'internal'

export interface AppError {
  code: ErrorCode
  /** A sentence for the user: names the file or field and what to do. */
  message: string
  /** Machine-readable context, e.g. the corrupt file and its backups. */
  details?: Record<string, unknown>
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError }

/** Thrown inside the main process; the API boundary turns it into `{ ok: false, error }`. */
export class AppFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
    this.name = 'AppFailure'
  }

  toError(): AppError {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message }
  }
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = (code: ErrorCode, message: string, details?: Record<string, unknown>) =>
  ({ ok: false, error: details ? { code, message, details } : { code, message } }) as const
