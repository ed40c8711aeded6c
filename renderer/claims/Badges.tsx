import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { BUILTIN_STATUSES } from '../../shared/model/claim'
import type { Credibility, Reliability } from '../../shared/model/grading'
import type { Source } from '../../shared/model/source'
import { readableTextColor } from './claim-helpers'

/** A status as `allStatuses` lists it: built-in ones have no label or colour of their own. */
export interface StatusOption {
  id: string
  label: string | null
  color: string | null
}

const isBuiltin = (id: string): id is (typeof BUILTIN_STATUSES)[number] =>
  (BUILTIN_STATUSES as readonly string[]).includes(id)

/** The status's name in the UI language (custom statuses keep the label the team gave them). */
export function statusLabel(t: TFunction, id: string, statuses: readonly StatusOption[]): string {
  if (isBuiltin(id)) return t(`claims.status.${id}`)
  return statuses.find((s) => s.id === id)?.label ?? t('claims.statusUnknown')
}

/** A coloured pill for a verification status; custom statuses use their own colour. */
export function StatusPill({
  status,
  statuses,
}: {
  status: string
  statuses: readonly StatusOption[]
}) {
  const { t } = useTranslation()
  const custom = isBuiltin(status) ? null : statuses.find((s) => s.id === status)
  const className = isBuiltin(status)
    ? `status-pill status-${status}`
    : custom
      ? 'status-pill'
      : 'status-pill status-unknown'
  const style = custom?.color
    ? {
        background: custom.color,
        borderColor: custom.color,
        color: readableTextColor(custom.color),
      }
    : undefined
  return (
    <span className={className} style={style}>
      {statusLabel(t, status, statuses)}
    </span>
  )
}

export function reliabilityText(t: TFunction, grade: Reliability | null): string {
  return grade === null
    ? t('claims.reliabilityNone')
    : t('claims.gradeReliability', { code: grade, label: t(`claims.reliability.${grade}`) })
}

export function credibilityText(t: TFunction, grade: Credibility | null): string {
  return grade === null
    ? t('claims.credibilityNone')
    : t('claims.gradeCredibility', { code: grade, label: t(`claims.credibility.${grade}`) })
}

/**
 * An Admiralty grade: a source's reliability (A–F), a claim's credibility (1–6) or both as a
 * code ("B2"), with the meaning as tooltip and as text for screen readers. F and 6 ("cannot be
 * judged") are shown in neutral grey: they say nothing bad.
 */
export function GradeMark({
  reliability,
  credibility,
}: {
  /** null: not graded; undefined: not shown. */
  reliability?: Reliability | null
  credibility?: Credibility | null
}) {
  const { t } = useTranslation()
  const parts: Array<{ key: string; code: string; tone: string; text: string }> = []
  if (reliability !== undefined)
    parts.push({
      key: 'r',
      code: reliability ?? '–',
      tone: reliability ? `r-${reliability}` : 'none',
      text: reliabilityText(t, reliability),
    })
  if (credibility !== undefined)
    parts.push({
      key: 'c',
      code: credibility ?? '–',
      tone: credibility ? `c-${credibility}` : 'none',
      text: credibilityText(t, credibility),
    })
  if (parts.length === 0) return null
  const text = parts.map((p) => p.text).join('; ')
  return (
    <span className="claim-grade" title={parts.map((p) => p.text).join('\n')}>
      {parts.map((p) => (
        <span key={p.key} className={`claim-grade-part claim-grade-${p.tone}`} aria-hidden="true">
          {p.code}
        </span>
      ))}
      <span className="visually-hidden">{text}</span>
    </span>
  )
}

/** A source's name with its reliability grade, e.g. "US spokesperson B". */
export function SourceRef({ source, missing }: { source: Source | undefined; missing?: string }) {
  const { t } = useTranslation()
  if (!source)
    return <span className="claim-source missing">{missing ?? t('claims.missingSource')}</span>
  return (
    <span className="claim-source">
      <span className="claim-source-name">{source.name}</span>{' '}
      <GradeMark reliability={source.reliability} />
    </span>
  )
}
