import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ArticleDocument, ArticleSummary } from '../../shared/model/article'
import type { ProjectInfo } from '../../shared/model/project'
import { call, subscribe } from '../api'
import { AddArticleDialog } from '../articles/AddArticleDialog'
import { Reader } from '../reader/Reader'
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

/** The open project: its article list on the left, the reader on the right. */
export function ProjectScreen({
  project,
  onProjectChange,
  onClose,
  addingArticle,
  onAddingArticleChange,
}: ProjectScreenProps) {
  const { t, i18n } = useTranslation()
  const notify = useNotifications()
  const [articles, setArticles] = useState<ArticleSummary[] | null>(null)
  const [selected, setSelected] = useState<string | null>(null)
  // Bumped to list the articles again.
  const [listVersion, setListVersion] = useState(0)
  const [deleting, setDeleting] = useState<ArticleDocument | null>(null)
  const [renaming, setRenaming] = useState<string | null>(null)

  const reload = useCallback(() => setListVersion((v) => v + 1), [])

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
  }, [notify, project.id, listVersion])
  useEffect(
    () => subscribe('project:changed', (e) => e.reason === 'articles' && reload()),
    [reload],
  )

  const confirmDelete = async () => {
    if (!deleting) return
    const removed = await call('articles:delete', { id: deleting.id })
    setDeleting(null)
    if (!removed.ok) return notify.error(removed.error)
    setSelected(null)
    reload()
  }

  const saveName = async () => {
    if (renaming === null) return
    const renamed = await call('projects:rename', { name: renaming })
    if (!renamed.ok) return notify.error(renamed.error)
    setRenaming(null)
    onProjectChange(renamed.value)
  }

  const formatDate = (iso: string) =>
    iso
      ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' }).format(
          new Date(iso),
        )
      : ''

  return (
    <div className="project">
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
          <span className="muted">
            {t('project.count', { count: articles?.length ?? project.articleCount })}
          </span>
        </div>
        <div className="sidebar-actions">
          <button type="button" className="primary" onClick={() => onAddingArticleChange(true)}>
            {t('project.addArticle')}
          </button>
          <button type="button" onClick={onClose}>
            {t('project.close')}
          </button>
        </div>
        <h2 className="sidebar-heading">{t('project.articles')}</h2>
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
                className={a.id === selected ? 'article-item selected' : 'article-item'}
                aria-current={a.id === selected ? 'true' : undefined}
                onClick={() => setSelected(a.id)}
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
        {selected ? (
          <Reader key={selected} articleId={selected} onDelete={setDeleting} />
        ) : (
          <p className="empty content-empty">{t('project.selectArticle')}</p>
        )}
      </main>
      {addingArticle && (
        <AddArticleDialog
          onClose={() => onAddingArticleChange(false)}
          onAdded={(article) => {
            onAddingArticleChange(false)
            setSelected(article.id)
            reload()
          }}
        />
      )}
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
