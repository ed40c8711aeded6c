import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { ReportSection } from '../../shared/report-options'
import { sectionRows } from './report-draft'

interface SectionOrderProps {
  /** The ticked sections, in report order. */
  sections: readonly ReportSection[]
  onChange: (sections: ReportSection[]) => void
}

/**
 * The report's sections as a checklist: ticked ones first, in the order they appear in the
 * report, with buttons to move them; unticked ones below (ticking one adds it at the end).
 */
export function SectionOrder({ sections, onChange }: SectionOrderProps) {
  const { t } = useTranslation()
  const id = useId()
  const buttonId = (section: ReportSection, direction: 'up' | 'down') =>
    `${id}-${section}-${direction}`

  const move = (section: ReportSection, direction: 'up' | 'down') => {
    const from = sections.indexOf(section)
    const to = direction === 'up' ? from - 1 : from + 1
    const other = sections[to]
    if (from < 0 || other === undefined) return
    const next = [...sections]
    next[to] = section
    next[from] = other
    onChange(next)
    // At the top or bottom the pressed button turns disabled; keep focus on the row.
    if (to === 0 || to === sections.length - 1) {
      const opposite = direction === 'up' ? 'down' : 'up'
      requestAnimationFrame(() => document.getElementById(buttonId(section, opposite))?.focus())
    }
  }

  const toggle = (section: ReportSection) =>
    onChange(
      sections.includes(section) ? sections.filter((s) => s !== section) : [...sections, section],
    )

  return (
    <fieldset className="report-sections">
      <legend>{t('reports.sections.title')}</legend>
      <p className="muted small report-hint">{t('reports.sections.hint')}</p>
      <ol className="report-section-list">
        {sectionRows(sections).map((section) => {
          const index = sections.indexOf(section)
          const ticked = index >= 0
          const name = t(`reports.sections.names.${section}`)
          const onlyOne = ticked && sections.length === 1
          return (
            <li key={section} className={ticked ? 'report-section' : 'report-section unticked'}>
              <input
                id={`${id}-${section}`}
                type="checkbox"
                checked={ticked}
                disabled={onlyOne}
                title={onlyOne ? t('reports.sections.lastOne') : undefined}
                aria-describedby={`${id}-${section}-hint`}
                onChange={() => toggle(section)}
              />
              <span className="report-section-text">
                <label htmlFor={`${id}-${section}`} className="report-section-name">
                  {name}
                </label>
                <span id={`${id}-${section}-hint`} className="muted small">
                  {t(`reports.sections.hints.${section}`)}
                </span>
              </span>
              {ticked && (
                <span className="report-section-move">
                  <button
                    type="button"
                    id={buttonId(section, 'up')}
                    className="icon-button"
                    aria-label={t('reports.sections.moveUp', { section: name })}
                    title={t('reports.sections.moveUp', { section: name })}
                    disabled={index === 0}
                    onClick={() => move(section, 'up')}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    id={buttonId(section, 'down')}
                    className="icon-button"
                    aria-label={t('reports.sections.moveDown', { section: name })}
                    title={t('reports.sections.moveDown', { section: name })}
                    disabled={index === sections.length - 1}
                    onClick={() => move(section, 'down')}
                  >
                    ↓
                  </button>
                </span>
              )}
            </li>
          )
        })}
      </ol>
    </fieldset>
  )
}
