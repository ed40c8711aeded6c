import { useTranslation } from 'react-i18next'
import type { Credibility, Reliability } from '../../shared/model/grading'
import './grade-badge.css'

interface GradeBadgeProps {
  /** The source's reliability; null shows "not graded", undefined leaves it out. */
  reliability?: Reliability | null
  /** The information's credibility; null shows "not graded", undefined leaves it out. */
  credibility?: Credibility | null
  className?: string
}

/**
 * An Admiralty grade (e.g. "B", "2" or "B2") with its meaning as tooltip and accessible text.
 * F and 6 ("cannot be judged") are shown neutrally: they say nothing bad about a source.
 */
export function GradeBadge({ reliability, credibility, className }: GradeBadgeProps) {
  const { t } = useTranslation()
  if (reliability === undefined && credibility === undefined) return null

  const parts: Array<{ key: string; code: string; tone: string; label: string; meaning: string }> =
    []
  if (reliability !== undefined) {
    parts.push(
      reliability === null
        ? {
            key: 'r',
            code: '–',
            tone: 'none',
            label: t('grading.reliabilityNone'),
            meaning: '',
          }
        : {
            key: 'r',
            code: reliability,
            tone: `r-${reliability}`,
            label: t('grading.reliabilityCode', {
              code: reliability,
              label: t(`grading.reliability.${reliability}.label`),
            }),
            meaning: t(`grading.reliability.${reliability}.meaning`),
          },
    )
  }
  if (credibility !== undefined) {
    parts.push(
      credibility === null
        ? {
            key: 'c',
            code: '–',
            tone: 'none',
            label: t('grading.credibilityNone'),
            meaning: '',
          }
        : {
            key: 'c',
            code: credibility,
            tone: `c-${credibility}`,
            label: t('grading.credibilityCode', {
              code: credibility,
              label: t(`grading.credibility.${credibility}.label`),
            }),
            meaning: t(`grading.credibility.${credibility}.meaning`),
          },
    )
  }

  const label = parts.map((p) => p.label).join('; ')
  const tooltip = parts.map((p) => (p.meaning ? `${p.label}. ${p.meaning}` : p.label)).join('\n')
  return (
    <span className={className ? `grade-badge ${className}` : 'grade-badge'} title={tooltip}>
      {parts.map((p) => (
        <span key={p.key} className={`grade-part grade-${p.tone}`} aria-hidden="true">
          {p.code}
        </span>
      ))}
      <span className="visually-hidden">{label}</span>
    </span>
  )
}
