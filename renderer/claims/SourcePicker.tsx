import { useId, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { Source } from '../../shared/model/source'
import { SourceRef } from './Badges'

/** Chips for the chosen sources (with their grades) and a select to add another. */
export function SourcePicker({
  label,
  sources,
  sourcesById,
  selected,
  onChange,
}: {
  label: string
  sources: readonly Source[]
  sourcesById: ReadonlyMap<string, Source>
  selected: readonly string[]
  onChange: (ids: string[]) => void
}) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const available = useMemo(() => {
    const collator = new Intl.Collator(i18n.language, { sensitivity: 'base', numeric: true })
    return sources
      .filter((s) => !selected.includes(s.id))
      .sort((a, b) => collator.compare(a.name, b.name))
  }, [sources, selected, i18n.language])

  return (
    <div className="field source-picker" role="group" aria-labelledby={`${id}-label`}>
      <span id={`${id}-label`}>{label}</span>
      <div className="source-picker-box">
        {selected.length === 0 && <span className="muted small">{t('claims.noSources')}</span>}
        {selected.map((sourceId) => {
          const source = sourcesById.get(sourceId)
          return (
            <span key={sourceId} className="source-chip">
              <SourceRef source={source} />
              <button
                type="button"
                aria-label={t('claims.removeSource', {
                  name: source?.name ?? t('claims.missingSource'),
                })}
                onClick={() => onChange(selected.filter((s) => s !== sourceId))}
              >
                ×
              </button>
            </span>
          )
        })}
        {available.length > 0 && (
          <select
            className="source-picker-add"
            aria-label={t('claims.addSourceTo', { field: label })}
            value=""
            onChange={(e) => {
              if (e.target.value) onChange([...selected, e.target.value])
            }}
          >
            <option value="">{t('claims.addSource')}</option>
            {available.map((s) => (
              <option key={s.id} value={s.id}>
                {s.reliability
                  ? t('claims.sourceOption', {
                      name: s.name,
                      grade: s.reliability,
                    })
                  : t('claims.sourceOptionUngraded', { name: s.name })}
              </option>
            ))}
          </select>
        )}
        {sources.length === 0 && (
          <span className="muted small">{t('claims.noSourcesInProject')}</span>
        )}
      </div>
    </div>
  )
}
