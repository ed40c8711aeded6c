import { useId } from 'react'
import type { Claim } from '../../shared/model/claim'
import type { Source } from '../../shared/model/source'
import type { AppError } from '../../shared/result'
import { errorConcernsField } from '../ui/errors'

/** The claims that name a source as their author ("said by") or as passing them on ("reported via"). */
export interface SourceUsage {
  said: Claim[]
  reported: Claim[]
}

const NO_USAGE: SourceUsage = { said: [], reported: [] }

export function usageBySource(claims: readonly Claim[]): Map<string, SourceUsage> {
  const usage = new Map<string, SourceUsage>()
  const entry = (id: string) => {
    let found = usage.get(id)
    if (!found) {
      found = { said: [], reported: [] }
      usage.set(id, found)
    }
    return found
  }
  for (const claim of claims) {
    for (const id of new Set(claim.saidBy)) entry(id).said.push(claim)
    for (const id of new Set(claim.reportedBy)) entry(id).reported.push(claim)
  }
  return usage
}

export function usageOf(usage: Map<string, SourceUsage>, id: string): SourceUsage {
  return usage.get(id) ?? NO_USAGE
}

/** Distinct claims citing a source in either role. */
export function citingClaimCount({ said, reported }: SourceUsage): number {
  return new Set([...said, ...reported].map((c) => c.id)).size
}

/** "spokesperson, National Security Council" */
export function roleLine(source: Pick<Source, 'role' | 'organisation'>): string {
  return [source.role.trim(), source.organisation.trim()].filter(Boolean).join(', ')
}

/** True if a rejected input blames `field` or one of its items (e.g. "aliases.2"). */
export function concerns(error: AppError | null, field: string): boolean {
  if (errorConcernsField(error, field)) return true
  const fields = error?.details?.['fields']
  return Array.isArray(fields) && fields.some((f) => String(f).startsWith(`${field}.`))
}

/** Shows a rejected input inline; other failures are already reported by `useMutation`. */
export function FormError({ error, id }: { error: AppError | null; id?: string }) {
  if (!error) return null
  return (
    <p className="form-error" role="alert" id={id}>
      {error.message}
    </p>
  )
}

/** A labelled select of sources; '' is the placeholder "choose…". */
export function SourceSelect({
  label,
  value,
  onChange,
  sources,
  placeholder,
  autoFocus,
  invalid,
}: {
  label: string
  value: string
  onChange: (id: string) => void
  sources: Source[]
  placeholder: string
  autoFocus?: boolean
  invalid?: boolean
}) {
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoFocus={autoFocus}
        aria-invalid={invalid || undefined}
      >
        <option value="" disabled>
          {placeholder}
        </option>
        {sources.map((s) => (
          <option key={s.id} value={s.id}>
            {s.aliases.length > 0 ? `${s.name} (${s.aliases.join(', ')})` : s.name}
          </option>
        ))}
      </select>
    </div>
  )
}
