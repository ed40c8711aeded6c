import { AppFailure } from '../../../shared/result'

/** The failure every import check throws: `details.file` names the file, `details.reason` the check. */
export function importRejected(
  file: string,
  reason: string,
  message: string,
  details: Record<string, unknown> = {},
): AppFailure {
  return new AppFailure('import-rejected', message, { file, reason, ...details })
}

/** "20 MB", "23.4 MB", "512 KB", "12 bytes": sizes as users read them (1 MB = 1024 × 1024 bytes). */
export function formatSize(bytes: number): string {
  const mb = 1024 * 1024
  if (bytes >= mb) {
    return `${Math.round((bytes / mb) * 10) / 10} MB`
  }
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`
  return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`
}
