import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Assessment } from '../../shared/model/claim'
import { CREDIBILITY_GRADES, type Credibility } from '../../shared/model/grading'
import { GradeMark, type StatusOption, StatusPill, statusLabel } from './Badges'

/** A new assessment as the panel records it. */
export interface AssessmentDraft {
  status: string
  credibility: Credibility | null
  rationale: string
}
type Draft = AssessmentDraft

/**
 * The verification status and credibility of a claim or an evidence item, and how they changed
 * over time. `onAssess` records a new assessment and resolves to whether it was saved.
 */
export function AssessmentPanel({
  assessments,
  statuses,
  onAssess,
}: {
  /** Oldest first; the last one is current (the list is never empty). */
  assessments: readonly Assessment[]
  statuses: readonly StatusOption[]
  onAssess: (draft: AssessmentDraft) => Promise<boolean>
}) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const current = assessments[assessments.length - 1] as Assessment
  const [draft, setDraft] = useState<Draft | null>(null)
  const [busy, setBusy] = useState(false)
  const shown: Draft = draft ?? {
    status: current.status,
    credibility: current.credibility,
    rationale: '',
  }
  const changed =
    shown.status !== current.status ||
    shown.credibility !== current.credibility ||
    shown.rationale.trim() !== ''
  const set = (patch: Partial<Draft>) => setDraft({ ...shown, ...patch })

  const save = async () => {
    setBusy(true)
    const saved = await onAssess({
      status: shown.status,
      credibility: shown.credibility,
      rationale: shown.rationale.trim(),
    })
    setBusy(false)
    if (saved) setDraft(null)
  }

  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })
  const history = [...assessments].reverse()
  const knownStatus = statuses.some((s) => s.id === shown.status)

  return (
    <section className="claim-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('claims.assessment')}</h3>
      <form
        className="assessment-form"
        onSubmit={(e) => {
          e.preventDefault()
          if (changed) void save()
        }}
      >
        <div className="assessment-fields">
          <div className="field">
            <label htmlFor={`${id}-status`}>{t('claims.statusLabel')}</label>
            <select
              id={`${id}-status`}
              value={shown.status}
              onChange={(e) => set({ status: e.target.value })}
            >
              {!knownStatus && (
                <option value={shown.status}>{statusLabel(t, shown.status, statuses)}</option>
              )}
              {statuses.map((s) => (
                <option key={s.id} value={s.id}>
                  {statusLabel(t, s.id, statuses)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-credibility`}>{t('claims.credibilityLabel')}</label>
            <select
              id={`${id}-credibility`}
              value={shown.credibility ?? ''}
              aria-describedby={`${id}-credibility-hint`}
              onChange={(e) =>
                set({ credibility: e.target.value ? (e.target.value as Credibility) : null })
              }
            >
              <option value="">{t('claims.credibilityNotAssessed')}</option>
              {CREDIBILITY_GRADES.map((g) => (
                <option key={g} value={g}>
                  {g} – {t(`claims.credibility.${g}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p id={`${id}-credibility-hint`} className="small muted assessment-hint">
          {shown.credibility
            ? t(`claims.credibilityMeaning.${shown.credibility}`)
            : t('claims.credibilityHint')}
        </p>
        <div className="field">
          <label htmlFor={`${id}-rationale`}>{t('claims.rationale')}</label>
          <textarea
            id={`${id}-rationale`}
            rows={2}
            value={shown.rationale}
            placeholder={t('claims.rationalePlaceholder')}
            onChange={(e) => set({ rationale: e.target.value })}
          />
        </div>
        <div className="claim-actions">
          <button type="submit" className="primary" disabled={busy || !changed}>
            {t('claims.recordAssessment')}
          </button>
          {draft && (
            <button type="button" onClick={() => setDraft(null)}>
              {t('claims.revert')}
            </button>
          )}
        </div>
      </form>

      <h4 className="claim-subheading">{t('claims.history')}</h4>
      <ol className="assessment-history">
        {history.map((a, i) => (
          <li key={`${a.at}-${i}`}>
            <div className="assessment-meta">
              <StatusPill status={a.status} statuses={statuses} />
              <GradeMark credibility={a.credibility} />
              <span className="muted small">
                {t('claims.assessedBy', {
                  who: a.by || t('claims.someone'),
                  when: when.format(new Date(a.at)),
                })}
              </span>
              {i === 0 && <span className="badge">{t('claims.currentAssessment')}</span>}
            </div>
            {a.rationale && <p className="assessment-rationale">{a.rationale}</p>}
          </li>
        ))}
      </ol>
    </section>
  )
}
