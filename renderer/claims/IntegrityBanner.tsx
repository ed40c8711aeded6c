import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { IntegrityProblem } from '../../shared/api'
import { useRegistry } from './useRegistry'

/**
 * Tells the user about references that point at nothing and evidence files that changed or went
 * missing (found when the project was checked). The two have different causes and remedies, so
 * each gets its own banner.
 */
export function IntegrityBanner() {
  const { registry } = useRegistry()
  const problems = registry?.problems ?? []
  const fileProblems = problems.filter((p) => p.kind === 'evidence-file')
  const referenceProblems = problems.filter((p) => p.kind !== 'evidence-file')
  return (
    <>
      <ProblemBanner kind="files" problems={fileProblems} />
      <ProblemBanner kind="references" problems={referenceProblems} />
    </>
  )
}

function ProblemBanner({
  kind,
  problems,
}: {
  kind: 'files' | 'references'
  problems: IntegrityProblem[]
}) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  if (problems.length === 0) return null
  const headingId = `integrity-heading-${kind}`
  return (
    <section className="integrity-banner" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {kind === 'files'
          ? t('integrity.filesTitle', { count: problems.length })
          : t('integrity.title', { count: problems.length })}
      </h2>
      <p>{kind === 'files' ? t('integrity.filesExplain') : t('integrity.explain')}</p>
      <button type="button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {open ? t('integrity.hide') : t('integrity.show')}
      </button>
      {open && (
        <ul>
          {problems.map((p, i) => (
            <li key={i}>{p.message}</li>
          ))}
        </ul>
      )}
    </section>
  )
}
