import { useId, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { ArticleSummary } from '../../shared/model/article'
import type { Source } from '../../shared/model/source'
import type { TagWithCount } from '../../shared/model/tag'
import {
  emptyReportFilter,
  isEmptyReportFilter,
  type ReportFilter,
} from '../../shared/report-options'
import { type StatusOption, statusLabel } from '../claims/Badges'
import { tagPath } from '../tags/useTags'
import { type CheckItem, CheckList } from './CheckList'

interface ReportFilterFieldsProps {
  filter: ReportFilter
  onChange: (filter: ReportFilter) => void
  statuses: readonly StatusOption[]
  tags: readonly TagWithCount[]
  tagsById: Map<string, TagWithCount>
  sources: readonly Source[]
  articles: readonly ArticleSummary[]
}

/** Which claims the report covers: statuses, tags, sources, articles and a date range. */
export function ReportFilterFields(props: ReportFilterFieldsProps) {
  const { filter, onChange, statuses, tags, tagsById, sources, articles } = props
  const { t, i18n } = useTranslation()
  const id = useId()
  const set = <K extends keyof ReportFilter>(key: K, value: ReportFilter[K]) =>
    onChange({ ...filter, [key]: value })
  const collator = useMemo(
    () => new Intl.Collator(i18n.language, { sensitivity: 'base', numeric: true }),
    [i18n.language],
  )

  const statusItems = useMemo<CheckItem[]>(
    () =>
      statuses.map((s) => ({
        id: s.id,
        label: statusLabel(t, s.id, statuses),
        color: s.color,
        swatchClass: s.color ? undefined : `status-${s.id}`,
      })),
    [statuses, t],
  )
  const tagItems = useMemo<CheckItem[]>(
    () =>
      tags
        .map((tag) => ({ id: tag.id, label: tagPath(tag, tagsById), color: tag.color }))
        .sort((a, b) => collator.compare(a.label, b.label)),
    [tags, tagsById, collator],
  )
  const sourceItems = useMemo<CheckItem[]>(
    () =>
      [...sources]
        .sort((a, b) => collator.compare(a.name, b.name))
        .map((s) => ({ id: s.id, label: s.name, detail: s.reliability ?? undefined })),
    [sources, collator],
  )
  const articleItems = useMemo<CheckItem[]>(
    () =>
      [...articles]
        .sort((a, b) => collator.compare(a.title, b.title))
        .map((a) => ({ id: a.id, label: a.title, detail: a.outlet || undefined })),
    [articles, collator],
  )
  const empty = isEmptyReportFilter(filter)

  return (
    <fieldset className="report-filter">
      <legend>{t('reports.filter.title')}</legend>
      <p className="report-filter-state" role="status">
        {empty ? t('reports.filter.all') : t('reports.filter.filtered')}
        {!empty && (
          <>
            {' '}
            <button
              type="button"
              className="report-link small"
              onClick={() => onChange(emptyReportFilter())}
            >
              {t('reports.filter.clear')}
            </button>
          </>
        )}
      </p>
      <CheckList
        label={t('reports.filter.statuses')}
        items={statusItems}
        chosen={filter.statuses}
        onChange={(ids) => set('statuses', ids)}
      />
      <CheckList
        collapsible
        label={t('reports.filter.tags')}
        hint={t('reports.filter.tagsHint')}
        items={tagItems}
        chosen={filter.tagIds}
        onChange={(ids) => set('tagIds', ids)}
      />
      <CheckList
        collapsible
        label={t('reports.filter.sources')}
        items={sourceItems}
        chosen={filter.sourceIds}
        onChange={(ids) => set('sourceIds', ids)}
      />
      <CheckList
        collapsible
        label={t('reports.filter.articles')}
        items={articleItems}
        chosen={filter.articleIds}
        onChange={(ids) => set('articleIds', ids)}
      />
      <div className="report-dates" role="group" aria-labelledby={`${id}-dates`}>
        <span id={`${id}-dates`} className="report-checklist-title">
          {t('reports.filter.dates')}
        </span>
        <label>
          <span>{t('reports.filter.from')}</span>
          <input
            type="date"
            value={filter.dateFrom}
            max={filter.dateTo || undefined}
            onChange={(e) => set('dateFrom', e.target.value)}
          />
        </label>
        <label>
          <span>{t('reports.filter.to')}</span>
          <input
            type="date"
            value={filter.dateTo}
            min={filter.dateFrom || undefined}
            onChange={(e) => set('dateTo', e.target.value)}
          />
        </label>
        {(filter.dateFrom || filter.dateTo) && (
          <p className="muted small report-hint">{t('reports.filter.undatedHint')}</p>
        )}
      </div>
    </fieldset>
  )
}
