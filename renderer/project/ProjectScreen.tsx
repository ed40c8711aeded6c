import { type DragEvent, useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { HistoryState, ImportReport } from '../../shared/api'
import type { ArticleDocument, ArticleSummary } from '../../shared/model/article'
import type { ProjectInfo } from '../../shared/model/project'
import { call, subscribe } from '../api'
import { AnnotationsView } from '../annotations/AnnotationsView'
import {
  nextRequestId,
  onAddEvidenceRequest,
  onImportRequest,
  onReportExportRequest,
  requestShare,
} from '../app/commands'
import { useProjectVersion } from '../app/useProjectEvents'
import { AddArticleDialog } from '../articles/AddArticleDialog'
import { readDroppedFiles } from '../articles/dropped-files'
import { Reader } from '../reader/Reader'
import { CodebookView } from '../tags/CodebookView'
import { ClaimsBoard } from '../claims/ClaimsBoard'
import { IntegrityBanner } from '../claims/IntegrityBanner'
import { ComparisonView } from '../claims/ComparisonView'
import { SourcesView } from '../sources/SourcesView'
import { type EvidenceFocus, EvidenceView } from '../evidence/EvidenceView'
import { useAddEvidence } from '../evidence/AddEvidenceDialog'
import { SearchResultsView } from '../search/SearchResultsView'
import { ReportsView } from '../reports/ReportsView'
import { ExchangeDialogs } from '../exchange/ExchangeDialogs'
import { ConfirmDialog } from '../ui/Modal'
import { useNotifications } from '../ui/Notifications'

interface ProjectScreenProps {
  project: ProjectInfo
  onProjectChange: (project: ProjectInfo) => void
  onClose: () => void
  /** The add-article dialog is open (App owns it: the menu and Ctrl+N open it too). */
  addingArticle: boolean
  onAddingArticleChange: (open: boolean) => void
}

type Tab =
  | 'articles'
  | 'claims'
  | 'sources'
  | 'evidence'
  | 'compare'
  | 'reports'
  | 'codebook'
  | 'annotations'
const TABS: Tab[] = [
  'articles',
  'claims',
  'sources',
  'evidence',
  'compare',
  'reports',
  'codebook',
  'annotations',
]
const RELOAD_ON = ['articles', 'opened', 'restored'] as const

/** The open project: navigation and article list on the left; reader, codebook or annotations on the right. */
export function ProjectScreen(props: ProjectScreenProps) {
  const { project, onProjectChange, onClose, addingArticle, onAddingArticleChange } = props
  const { t, i18n } = useTranslation()
  const notify = useNotifications()
  const version = useProjectVersion(RELOAD_ON)
  const [articles, setArticles] = useState<ArticleSummary[] | null>(null)
  const [tab, setTab] = useState<Tab>('articles')
  const [selected, setSelected] = useState<{ id: string; focus: string | null } | null>(null)
  const [deleting, setDeleting] = useState<ArticleDocument | null>(null)
  const [renaming, setRenaming] = useState<string | null>(null)
  const [importing, setImporting] = useState<number | null>(null)
  const [dragging, setDragging] = useState(false)
  const [history, setHistory] = useState<HistoryState | null>(null)
  const [focusClaimId, setFocusClaimId] = useState<string | null>(null)
  const [query, setQuery] = useState('')
  const searching = query.trim().length > 0
  const openMention = (articleId: string, annotationId: string) => {
    setSelected({ id: articleId, focus: annotationId })
    setTab('articles')
  }
  const openClaim = (claimId: string) => {
    setFocusClaimId(claimId)
    setTab('claims')
  }
  const [evidenceFocus, setEvidenceFocus] = useState<EvidenceFocus | null>(null)
  const openEvidence = (itemId: string, segmentId: string | null = null) => {
    setEvidenceFocus({ itemId, segmentId, n: (evidenceFocus?.n ?? 0) + 1 })
    setTab('evidence')
  }
  const addEvidence = useAddEvidence(project.settings.evidenceStorage, (itemId) =>
    openEvidence(itemId),
  )
  const chooseEvidence = addEvidence.choose
  const [reportExportRequest, setReportExportRequest] = useState<number | null>(null)

  useEffect(() => {
    let live = true
    void call('articles:list', {}).then((listed) => {
      if (!live) return
      if (listed.ok) setArticles(listed.value)
      else notify.error(listed.error)
    })
    return () => {
      live = false
    }
  }, [notify, project.id, version])
  useEffect(() => {
    let live = true
    void call('history:state', {}).then((r) => live && r.ok && setHistory(r.value))
    const unsubscribe = subscribe('history:changed', setHistory)
    return () => {
      live = false
      unsubscribe()
    }
  }, [project.id])

  const reportImport = useCallback(
    (report: ImportReport) => {
      if (report.imported.length > 0) {
        notify.info(t('project.imported', { count: report.imported.length }))
        const first = report.imported[0]
        if (first) setSelected({ id: first.id, focus: null })
        setTab('articles')
      }
      if (report.failed.length > 0) {
        // One notice for the whole batch, one line per file, so none scrolls out of sight.
        notify.error(
          [
            t('project.importFailed', { count: report.failed.length }),
            ...report.failed.map((f) => `• ${f.message}`),
          ].join('\n'),
        )
      }
    },
    [notify, t],
  )

  const importFromDialog = useCallback(async () => {
    const chosen = await call('dialogs:chooseFiles', { purpose: 'import-articles' })
    if (!chosen.ok) return notify.error(chosen.error)
    if (chosen.value.length === 0) return
    setImporting(chosen.value.length)
    const report = await call('articles:importPaths', { paths: chosen.value })
    setImporting(null)
    if (!report.ok) return notify.error(report.error)
    reportImport(report.value)
  }, [notify, reportImport])

  useEffect(() => onImportRequest(() => void importFromDialog()), [importFromDialog])
  useEffect(
    () =>
      onReportExportRequest(() => {
        setQuery('')
        setTab('reports')
        setReportExportRequest(nextRequestId())
      }),
    [],
  )
  useEffect(
    () =>
      onAddEvidenceRequest(() => {
        setTab('evidence')
        chooseEvidence()
      }),
    [chooseEvidence],
  )

  const onDrop = async (event: DragEvent) => {
    event.preventDefault()
    setDragging(false)
    const files = [...event.dataTransfer.files]
    if (files.length === 0) return
    setImporting(files.length)
    const report = await call('articles:importFiles', { files: await readDroppedFiles(files) })
    setImporting(null)
    if (!report.ok) return notify.error(report.error)
    reportImport(report.value)
  }

  const confirmDelete = async () => {
    if (!deleting) return
    const removed = await call('articles:delete', { id: deleting.id })
    setDeleting(null)
    if (!removed.ok) return notify.error(removed.error)
    setSelected(null)
  }

  const saveName = async () => {
    if (renaming === null) return
    const renamed = await call('projects:rename', { name: renaming })
    if (!renamed.ok) return notify.error(renamed.error)
    setRenaming(null)
    onProjectChange(renamed.value)
  }

  const runHistory = async (which: 'history:undo' | 'history:redo') => {
    const result = await call(which, {})
    if (!result.ok) notify.info(result.error.message)
  }

  const formatDate = (iso: string) =>
    iso
      ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' }).format(
          new Date(iso),
        )
      : ''

  return (
    <div
      className={dragging ? 'project dragging' : 'project'}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return
        e.preventDefault()
        setDragging(true)
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false)
      }}
      onDrop={(e) => void onDrop(e)}
    >
      <aside className="sidebar" aria-label={t('project.articles')}>
        <div className="sidebar-project">
          {renaming === null ? (
            <button
              type="button"
              className="project-name"
              title={t('project.rename')}
              onClick={() => setRenaming(project.name)}
            >
              {project.name}
            </button>
          ) : (
            <form
              onSubmit={(e) => {
                e.preventDefault()
                void saveName()
              }}
            >
              <input
                aria-label={t('project.renamePrompt')}
                value={renaming}
                autoFocus
                onChange={(e) => setRenaming(e.target.value)}
                onKeyDown={(e) => e.key === 'Escape' && setRenaming(null)}
                onBlur={() => void saveName()}
              />
            </form>
          )}
          <div className="sidebar-project-meta">
            <span className="muted">
              {t('project.count', { count: articles?.length ?? project.articleCount })}
            </span>
            <button type="button" title={t('sharing.shareHint')} onClick={requestShare}>
              {t('sharing.shareButton')}
            </button>
          </div>
        </div>
        <input
          type="search"
          className="search-box"
          aria-label={t('search.label')}
          aria-keyshortcuts="Control+K"
          placeholder={t('search.placeholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && setQuery('')}
        />
        <div className="sidebar-actions">
          <button type="button" className="primary" onClick={() => onAddingArticleChange(true)}>
            {t('project.addArticle')}
          </button>
          <button type="button" onClick={() => void importFromDialog()}>
            {t('project.importFiles')}
          </button>
          <button type="button" onClick={onClose}>
            {t('project.close')}
          </button>
        </div>
        <div className="history-actions">
          <button
            type="button"
            disabled={!history?.canUndo}
            title={
              history?.undoLabel ? t('project.undoLabel', { label: history.undoLabel }) : undefined
            }
            aria-keyshortcuts="Control+Z"
            onClick={() => void runHistory('history:undo')}
          >
            ↶ {t('project.undo')}
          </button>
          <button
            type="button"
            disabled={!history?.canRedo}
            title={
              history?.redoLabel ? t('project.redoLabel', { label: history.redoLabel }) : undefined
            }
            aria-keyshortcuts="Control+Shift+Z"
            onClick={() => void runHistory('history:redo')}
          >
            ↷ {t('project.redo')}
          </button>
        </div>
        <nav className="tabs" aria-label={t('project.views')}>
          {TABS.map((name) => (
            <button
              key={name}
              type="button"
              className="tab"
              aria-current={tab === name ? 'page' : undefined}
              onClick={() => {
                // The navigation shows the list, also when an item is open.
                if (name === 'evidence')
                  setEvidenceFocus({
                    itemId: null,
                    segmentId: null,
                    n: (evidenceFocus?.n ?? 0) + 1,
                  })
                setTab(name)
              }}
            >
              {name === 'evidence'
                ? t('evidence.title')
                : t(
                    `project.tab${name[0]?.toUpperCase()}${name.slice(1)}` as 'project.tabArticles',
                  )}
            </button>
          ))}
        </nav>
        {importing !== null && (
          <p className="progress" role="status">
            <span className="spinner" aria-hidden="true" />{' '}
            {t('project.importing', { count: importing })}
          </p>
        )}
        {articles && articles.length === 0 && (
          <div className="empty">
            <p>{t('project.noArticles')}</p>
            <p className="muted">{t('project.noArticlesHint')}</p>
          </div>
        )}
        <ul className="article-list">
          {articles?.map((a) => (
            <li key={a.id}>
              <button
                type="button"
                className={
                  a.id === selected?.id && tab === 'articles'
                    ? 'article-item selected'
                    : 'article-item'
                }
                aria-current={a.id === selected?.id ? 'true' : undefined}
                onClick={() => {
                  setSelected({ id: a.id, focus: null })
                  setTab('articles')
                }}
              >
                <span className="article-title" lang={a.language || undefined}>
                  {a.title}
                </span>
                <span className="article-meta muted">
                  {[a.outlet, formatDate(a.publishedAt)].filter(Boolean).join(' · ')}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <main className="content">
        <IntegrityBanner />
        {searching && (
          <SearchResultsView
            query={query.trim()}
            onOpen={(hit) => {
              setQuery('')
              if (hit.type === 'claim') openClaim(hit.id)
              else if (hit.type === 'source') setTab('sources')
              else if (hit.type === 'article') {
                setSelected({ id: hit.id, focus: null })
                setTab('articles')
              } else if (hit.articleId) openMention(hit.articleId, hit.id)
            }}
          />
        )}
        {!searching && tab === 'codebook' && <CodebookView />}
        {!searching && tab === 'claims' && (
          <ClaimsBoard
            onOpenMention={openMention}
            onOpenEvidence={openEvidence}
            focusClaimId={focusClaimId}
          />
        )}
        {!searching && tab === 'sources' && (
          <SourcesView onOpenMention={openMention} onOpenClaim={openClaim} />
        )}
        {!searching && tab === 'evidence' && (
          <EvidenceView
            project={project}
            onProjectChange={onProjectChange}
            focus={evidenceFocus}
            onChooseFiles={chooseEvidence}
            onAddFiles={addEvidence.add}
            onOpenClaim={openClaim}
            onOpenMention={openMention}
          />
        )}
        {!searching && tab === 'compare' && <ComparisonView onOpenClaim={openClaim} />}
        {!searching && tab === 'reports' && (
          <ReportsView key={project.id} project={project} exportRequest={reportExportRequest} />
        )}
        {!searching && tab === 'annotations' && <AnnotationsView onOpen={openMention} />}
        {!searching &&
          tab === 'articles' &&
          (selected ? (
            <Reader
              key={selected.id}
              onOpenClaim={openClaim}
              onOpenEvidence={openEvidence}
              articleId={selected.id}
              focusAnnotationId={selected.focus}
              onDelete={setDeleting}
            />
          ) : (
            <p className="empty content-empty">{t('project.selectArticle')}</p>
          ))}
      </main>
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          {t('project.dropHere')}
        </div>
      )}
      {addingArticle && (
        <AddArticleDialog
          onClose={() => onAddingArticleChange(false)}
          onAdded={(article) => {
            onAddingArticleChange(false)
            setSelected({ id: article.id, focus: null })
            setTab('articles')
          }}
        />
      )}
      {addEvidence.dialog}
      <ExchangeDialogs key={project.id} projectName={project.name} />
      {deleting && (
        <ConfirmDialog
          title={t('project.deleteArticle')}
          message={t('project.confirmDelete', { title: deleting.title })}
          confirmLabel={t('project.deleteArticle')}
          cancelLabel={t('common.cancel')}
          onConfirm={() => void confirmDelete()}
          onCancel={() => setDeleting(null)}
        />
      )}
    </div>
  )
}
