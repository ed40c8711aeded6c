import { type ReactNode, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'

export interface CheckItem {
  id: string
  label: string
  /** Shown after the label, muted (a count, a grade, a date). */
  detail?: string
  /** A colour swatch before the label: a colour, or a class that gives one. */
  color?: string | null
  swatchClass?: string
}

interface CheckListProps {
  label: string
  hint?: string
  items: readonly CheckItem[]
  chosen: readonly string[]
  onChange: (ids: string[]) => void
  /** Collapsed behind a summary line (long lists); otherwise always open. */
  collapsible?: boolean
}

/** Above this many entries a list gets a box to narrow it by typing. */
const NARROW_FROM = 8

/**
 * A labelled list of checkboxes for one filter: "any" when nothing is ticked. Long lists
 * scroll and can be narrowed by typing; ticked entries always stay in view.
 */
export function CheckList({ label, hint, items, chosen, onChange, collapsible }: CheckListProps) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const [text, setText] = useState('')
  const needle = text.trim().toLocaleLowerCase(i18n.language)
  const shown = useMemo(
    () =>
      needle === ''
        ? items
        : items.filter(
            (item) =>
              chosen.includes(item.id) ||
              item.label.toLocaleLowerCase(i18n.language).includes(needle),
          ),
    [items, chosen, needle, i18n.language],
  )
  const toggle = (itemId: string) =>
    onChange(chosen.includes(itemId) ? chosen.filter((c) => c !== itemId) : [...chosen, itemId])
  const state =
    chosen.length === 0
      ? t('reports.filter.any')
      : t('reports.filter.chosen', { count: chosen.length })

  const body: ReactNode = (
    <div className="report-checklist-body">
      {hint && <p className="muted small report-hint">{hint}</p>}
      {items.length > NARROW_FROM && (
        <input
          type="search"
          className="report-checklist-narrow"
          aria-label={t('reports.filter.narrow', { list: label })}
          aria-controls={`${id}-list`}
          placeholder={t('reports.filter.narrowPlaceholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            // Escape clears the box first; the dialog or view keeps it otherwise.
            if (e.key === 'Escape' && text !== '') {
              e.stopPropagation()
              setText('')
            }
          }}
        />
      )}
      {items.length === 0 ? (
        <p className="muted small">{t('reports.filter.noneYet')}</p>
      ) : shown.length === 0 ? (
        <p className="muted small">{t('reports.filter.noneMatch', { text: text.trim() })}</p>
      ) : (
        <ul id={`${id}-list`} className="report-checklist-items" role="group" aria-label={label}>
          {shown.map((item) => (
            <li key={item.id}>
              <label>
                <input
                  type="checkbox"
                  checked={chosen.includes(item.id)}
                  onChange={() => toggle(item.id)}
                />
                {(item.color || item.swatchClass) && (
                  <span
                    className={`report-swatch ${item.swatchClass ?? ''}`}
                    style={item.color ? { background: item.color } : undefined}
                    aria-hidden="true"
                  />
                )}
                <span className="report-checklist-label">{item.label}</span>
                {item.detail && <span className="muted small">{item.detail}</span>}
              </label>
            </li>
          ))}
        </ul>
      )}
      {chosen.length > 0 && (
        <button
          type="button"
          className="report-link small"
          aria-label={t('reports.filter.clearListLabel', { list: label })}
          onClick={() => onChange([])}
        >
          {t('reports.filter.clearList')}
        </button>
      )}
    </div>
  )

  if (!collapsible) {
    return (
      <div className="report-checklist">
        <div className="report-checklist-head">
          <span className="report-checklist-title">{label}</span>
          <span className="muted small">{state}</span>
        </div>
        {body}
      </div>
    )
  }
  return (
    <details className="report-checklist">
      <summary>
        <span className="report-checklist-title">{label}</span>
        <span className={chosen.length > 0 ? 'report-chosen small' : 'muted small'}>{state}</span>
      </summary>
      {body}
    </details>
  )
}
