import { useEffect, useEffectEvent, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ProjectInfo } from '../../shared/model/project'
import {
  REPORT_FORMATS,
  REPORT_LANGUAGES,
  ReportOptions,
  type ReportFormat,
  type ReportLanguage,
} from '../../shared/report-options'
import { requestStandardExport, requestStandardImport } from '../app/commands'
import { useProjectVersion } from '../app/useProjectEvents'
import { useArticles } from '../claims/useArticles'
import { allStatuses, useRegistry } from '../claims/useRegistry'
import { useTags } from '../tags/useTags'
import {
  defaultDraft,
  type KnownIds,
  rememberDraft,
  rememberedDraft,
  type ReportDraft,
  withoutStaleIds,
} from './report-draft'
import { ReportFilterFields } from './ReportFilterFields'
import { ReportPreview } from './ReportPreview'
import { SectionOrder } from './SectionOrder'
import { useReportExport } from './useReportExport'
import './reports.css'

const PREVIEW_RELOAD_ON = ['registry', 'annotations', 'articles', 'tags', 'restored'] as const

/** Export requests already answered (the view may mount again with the same request). */
const answeredRequests = new Set<number>()

interface ReportsViewProps {
  project: ProjectInfo
  /** A request from the menu or Ctrl+Shift+R to export right away (a new number each time). */
  exportRequest: number | null
}

/** The report builder: options on the left, a live preview on the right, and Export. */
export function ReportsView({ project, exportRequest }: ReportsViewProps) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const { registry, sourcesById } = useRegistry()
  const { tags, byId: tagsById } = useTags()
  const { articles } = useArticles()
  const version = useProjectVersion(PREVIEW_RELOAD_ON)
  const [draft, setDraftState] = useState<ReportDraft>(
    () =>
      rememberedDraft(project.id) ??
      defaultDraft(project.name, i18n.language === 'de' ? 'de' : 'en'),
  )
  const reportExport = useReportExport()

  const setDraft = (next: ReportDraft) => {
    setDraftState(next)
    rememberDraft(project.id, next)
  }
  const set = <K extends keyof ReportDraft>(key: K, value: ReportDraft[K]) =>
    setDraft({ ...draft, [key]: value })

  const statuses = useMemo(() => allStatuses(registry), [registry])
  const sources = useMemo(() => [...sourcesById.values()], [sourcesById])
  const known = useMemo<KnownIds | null>(
    () =>
      registry && {
        statuses: new Set(statuses.map((s) => s.id)),
        tags: new Set(tags.map((tag) => tag.id)),
        sources: new Set(sourcesById.keys()),
        articles: new Set(articles.map((a) => a.id)),
      },
    [registry, statuses, tags, sourcesById, articles],
  )
  // What is sent: the draft without ids deleted since, once it is valid.
  const parsed = useMemo(
    () =>
      known
        ? ReportOptions.safeParse({ ...draft, filter: withoutStaleIds(draft.filter, known) })
        : null,
    [draft, known],
  )
  const options = parsed?.success ? parsed.data : null
  const titleMissing = draft.title.trim() === ''
  const hasClaims = (registry?.claims.length ?? 0) > 0

  const exportNow = useEffectEvent(() => {
    if (options && hasClaims && !reportExport.running) void reportExport.start(options)
  })
  useEffect(() => {
    if (exportRequest === null || answeredRequests.has(exportRequest)) return
    // Wait until the project's lists are loaded: the options are known only then.
    if (!known) return
    answeredRequests.add(exportRequest)
    exportNow()
  }, [exportRequest, known])

  return (
    <section className="reports-view" aria-labelledby={`${id}-title`}>
      <header className="reports-header">
        <div>
          <h1 id={`${id}-title`}>{t('reports.title')}</h1>
          <p className="muted">{t('reports.intro')}</p>
        </div>
        <button type="button" onClick={() => requestStandardImport()}>
          {t('reports.standardImport')}
        </button>
        <button type="button" onClick={() => requestStandardExport()}>
          {t('reports.standardExport')}
        </button>
        {hasClaims && (
          <button
            type="button"
            className="primary"
            aria-keyshortcuts="Control+Shift+R"
            title={t('reports.export.shortcut')}
            disabled={!options || reportExport.running}
            onClick={() => options && void reportExport.start(options)}
          >
            {t('reports.export.button')}
          </button>
        )}
      </header>
      {reportExport.status && <div className="reports-export-status">{reportExport.status}</div>}

      {registry && !hasClaims && (
        <div className="empty-card">
          <h2>{t('reports.empty.title')}</h2>
          <p>{t('reports.empty.what')}</p>
          <p>{t('reports.empty.how')}</p>
        </div>
      )}

      {hasClaims && (
        <div className="reports-body">
          <form
            className="report-options"
            aria-label={t('reports.optionsLabel')}
            noValidate
            onSubmit={(e) => e.preventDefault()}
          >
            <div className="field">
              <label htmlFor={`${id}-title-input`}>{t('reports.titleField')}</label>
              <input
                id={`${id}-title-input`}
                value={draft.title}
                aria-required="true"
                maxLength={300}
                aria-invalid={titleMissing || undefined}
                aria-describedby={titleMissing ? `${id}-title-error` : undefined}
                onChange={(e) => set('title', e.target.value)}
              />
              {titleMissing && (
                <small id={`${id}-title-error`} className="report-field-error">
                  {t('reports.titleRequired')}
                </small>
              )}
            </div>
            <label className="field">
              <span>{t('reports.author')}</span>
              <input
                value={draft.author}
                maxLength={300}
                placeholder={t('reports.authorPlaceholder')}
                onChange={(e) => set('author', e.target.value)}
              />
            </label>
            <div className="report-two">
              <div className="field">
                <label htmlFor={`${id}-format`}>{t('reports.format')}</label>
                <select
                  id={`${id}-format`}
                  value={draft.format}
                  aria-describedby={`${id}-format-hint`}
                  onChange={(e) => set('format', e.target.value as ReportFormat)}
                >
                  {REPORT_FORMATS.map((format) => (
                    <option key={format} value={format}>
                      {t(`reports.formats.${format}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-language`}>{t('reports.language')}</label>
                <select
                  id={`${id}-language`}
                  value={draft.language}
                  aria-describedby={`${id}-language-hint`}
                  onChange={(e) => set('language', e.target.value as ReportLanguage)}
                >
                  {REPORT_LANGUAGES.map((language) => (
                    <option key={language} value={language} lang={language}>
                      {t(`reports.languages.${language}`)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <p id={`${id}-format-hint`} className="muted small report-hint">
              {t(`reports.formatHints.${draft.format}`)}
            </p>
            <p id={`${id}-language-hint`} className="muted small report-hint">
              {t('reports.languageHint')}
            </p>

            <ReportFilterFields
              filter={draft.filter}
              onChange={(filter) => set('filter', filter)}
              statuses={statuses}
              tags={tags}
              tagsById={tagsById}
              sources={sources}
              articles={articles}
            />
            <SectionOrder sections={draft.sections} onChange={(s) => set('sections', s)} />
            <div className="field">
              <label htmlFor={`${id}-notes`}>{t('reports.methodNotes')}</label>
              <textarea
                id={`${id}-notes`}
                rows={5}
                value={draft.methodNotes}
                maxLength={50_000}
                placeholder={t('reports.methodNotesPlaceholder')}
                aria-describedby={`${id}-notes-hint`}
                onChange={(e) => set('methodNotes', e.target.value)}
              />
              <small id={`${id}-notes-hint`} className="muted">
                {t('reports.methodNotesHint')}
              </small>
            </div>
          </form>
          <ReportPreview options={options} version={version} />
        </div>
      )}
    </section>
  )
}
