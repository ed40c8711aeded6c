import { useId, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { ArticleSummary } from '../../shared/model/article'
import { RELIABILITY_GRADES, type Reliability } from '../../shared/model/grading'
import type { Source } from '../../shared/model/source'
import type { TagWithCount } from '../../shared/model/tag'
import { tagPath } from '../tags/useTags'
import { type StatusOption, statusLabel } from './Badges'
import { type ClaimFilter, EMPTY_FILTER, isFiltered } from './claim-helpers'

interface ClaimFiltersProps {
  filter: ClaimFilter
  onChange: (filter: ClaimFilter) => void
  statuses: readonly StatusOption[]
  sources: readonly Source[]
  tags: readonly TagWithCount[]
  tagsById: Map<string, TagWithCount>
  articles: readonly ArticleSummary[]
}

/** Search box, status chips and selects that narrow the claims board. */
export function ClaimFilters(props: ClaimFiltersProps) {
  const { filter, onChange, statuses, sources, tags, tagsById, articles } = props
  const { t, i18n } = useTranslation()
  const id = useId()
  const set = <K extends keyof ClaimFilter>(key: K, value: ClaimFilter[K]) =>
    onChange({ ...filter, [key]: value })
  const collator = useMemo(
    () => new Intl.Collator(i18n.language, { sensitivity: 'base', numeric: true }),
    [i18n.language],
  )
  const sortedSources = useMemo(
    () => [...sources].sort((a, b) => collator.compare(a.name, b.name)),
    [sources, collator],
  )
  const sortedTags = useMemo(
    () =>
      tags
        .map((tag) => ({ id: tag.id, path: tagPath(tag, tagsById) }))
        .sort((a, b) => collator.compare(a.path, b.path)),
    [tags, tagsById, collator],
  )
  const sortedArticles = useMemo(
    () => [...articles].sort((a, b) => collator.compare(a.title, b.title)),
    [articles, collator],
  )
  const toggleStatus = (status: string) =>
    set(
      'statuses',
      filter.statuses.includes(status)
        ? filter.statuses.filter((s) => s !== status)
        : [...filter.statuses, status],
    )

  return (
    <div className="claims-filters" role="group" aria-label={t('claims.filters')}>
      <div className="claims-filters-row">
        <input
          type="search"
          className="claims-search"
          aria-label={t('claims.search')}
          placeholder={t('claims.searchPlaceholder')}
          value={filter.text}
          onChange={(e) => set('text', e.target.value)}
        />
        <div className="filters" role="group" aria-label={t('claims.filterStatus')}>
          {statuses.map((status) => (
            <button
              key={status.id}
              type="button"
              className={`filter-chip status-chip status-chip-${status.id}`}
              aria-pressed={filter.statuses.includes(status.id)}
              onClick={() => toggleStatus(status.id)}
            >
              <span
                className={`status-dot status-${status.id}`}
                style={status.color ? { background: status.color } : undefined}
                aria-hidden="true"
              />
              {statusLabel(t, status.id, statuses)}
            </button>
          ))}
        </div>
      </div>
      <div className="claims-filters-row">
        <span className="claims-filter">
          <label htmlFor={`${id}-source`}>{t('claims.filterSource')}</label>
          <select
            id={`${id}-source`}
            value={filter.sourceId}
            onChange={(e) => set('sourceId', e.target.value)}
          >
            <option value="">{t('claims.anySource')}</option>
            {sortedSources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.reliability ? `${s.name} (${s.reliability})` : s.name}
              </option>
            ))}
          </select>
        </span>
        <span className="claims-filter">
          <label htmlFor={`${id}-reliability`}>{t('claims.filterReliability')}</label>
          <select
            id={`${id}-reliability`}
            value={filter.reliability}
            title={t('claims.filterReliabilityHint')}
            onChange={(e) => set('reliability', e.target.value as '' | 'none' | Reliability)}
          >
            <option value="">{t('claims.anyGrade')}</option>
            {RELIABILITY_GRADES.map((g) => (
              <option key={g} value={g}>
                {g} – {t(`claims.reliability.${g}`)}
              </option>
            ))}
            <option value="none">{t('claims.notGraded')}</option>
          </select>
        </span>
        <span className="claims-filter">
          <label htmlFor={`${id}-tag`}>{t('claims.filterTag')}</label>
          <select
            id={`${id}-tag`}
            value={filter.tagId}
            onChange={(e) => set('tagId', e.target.value)}
          >
            <option value="">{t('claims.anyTag')}</option>
            {sortedTags.map((tag) => (
              <option key={tag.id} value={tag.id}>
                {tag.path}
              </option>
            ))}
          </select>
        </span>
        <span className="claims-filter">
          <label htmlFor={`${id}-article`}>{t('claims.filterArticle')}</label>
          <select
            id={`${id}-article`}
            value={filter.articleId}
            onChange={(e) => set('articleId', e.target.value)}
          >
            <option value="">{t('claims.anyArticle')}</option>
            {sortedArticles.map((a) => (
              <option key={a.id} value={a.id}>
                {a.title}
              </option>
            ))}
          </select>
        </span>
        <span
          className="claims-filter claims-filter-dates"
          role="group"
          aria-label={t('claims.filterDates')}
        >
          <label htmlFor={`${id}-from`}>{t('claims.madeFrom')}</label>
          <input
            id={`${id}-from`}
            type="date"
            value={filter.from}
            max={filter.to || undefined}
            onChange={(e) => set('from', e.target.value)}
          />
          <label htmlFor={`${id}-to`}>{t('claims.madeTo')}</label>
          <input
            id={`${id}-to`}
            type="date"
            value={filter.to}
            min={filter.from || undefined}
            onChange={(e) => set('to', e.target.value)}
          />
        </span>
        {isFiltered(filter) && (
          <button type="button" className="claims-clear" onClick={() => onChange(EMPTY_FILTER)}>
            {t('claims.clearFilters')}
          </button>
        )}
      </div>
    </div>
  )
}
