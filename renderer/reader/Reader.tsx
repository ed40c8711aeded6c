import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ArticleDocument } from '../../shared/model/article'
import { splitParagraphs } from '../../shared/text'
import { call } from '../api'
import { useNotifications } from '../ui/Notifications'

interface ReaderProps {
  articleId: string
  onDelete: (article: ArticleDocument) => void
}

/** Shows one article: its metadata and its text in paragraphs. */
export function Reader({ articleId, onDelete }: ReaderProps) {
  const { t, i18n } = useTranslation()
  const notify = useNotifications()
  const [article, setArticle] = useState<ArticleDocument | null>(null)

  useEffect(() => {
    // The parent keys this component by article, so state starts empty for each one.
    let current = true
    void call('articles:get', { id: articleId }).then((r) => {
      if (!current) return
      if (r.ok) setArticle(r.value)
      else notify.error(r.error)
    })
    return () => {
      current = false
    }
  }, [articleId, notify])

  if (!article) return <div className="reader reader-loading" aria-busy="true" />

  const date = article.publishedAt
    ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeZone: 'UTC' }).format(
        new Date(article.publishedAt),
      )
    : null

  return (
    <article className="reader" lang={article.language || undefined} aria-labelledby="reader-title">
      <header className="reader-header">
        <div className="reader-meta">
          {article.outlet && <span className="outlet">{article.outlet}</span>}
          {date && <span>{t('article.published', { date })}</span>}
          {article.authors.length > 0 && (
            <span>{t('article.by', { authors: article.authors.join(', ') })}</span>
          )}
          {article.language && <span className="badge">{article.language.toUpperCase()}</span>}
        </div>
        <h1 id="reader-title">{article.title}</h1>
        {article.url && (
          <p className="reader-url muted" title={article.url}>
            {article.url}
          </p>
        )}
        <div className="reader-actions">
          <button type="button" className="danger-outline" onClick={() => onDelete(article)}>
            {t('project.deleteArticle')}
          </button>
        </div>
      </header>
      <div className="reader-text">
        {splitParagraphs(article.text).map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
      </div>
    </article>
  )
}
