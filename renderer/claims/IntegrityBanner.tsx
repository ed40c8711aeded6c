import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useRegistry } from './useRegistry'

/** Tells the user about references that point at nothing (found when the project was checked). */
export function IntegrityBanner() {
  const { t } = useTranslation()
  const { registry } = useRegistry()
  const [open, setOpen] = useState(false)
  const problems = registry?.problems ?? []
  if (problems.length === 0) return null
  return (
    <section className="integrity-banner" aria-labelledby="integrity-heading">
      <h2 id="integrity-heading">{t('integrity.title', { count: problems.length })}</h2>
      <p>{t('integrity.explain')}</p>
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
