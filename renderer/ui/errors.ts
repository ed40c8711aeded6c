import type { AppError } from '../../shared/result'

/** True if a failed call blames this input field (for aria-invalid and inline messages). */
export function errorConcernsField(error: AppError | null, field: string): boolean {
  if (!error?.details) return false
  const { field: one, fields } = error.details
  return one === field || (Array.isArray(fields) && fields.includes(field))
}
