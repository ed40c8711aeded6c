import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AnnotationInProject } from '../../shared/api'
import type { ArticleSummary } from '../../shared/model/article'
import type { Claim } from '../../shared/model/claim'
import { call } from '../api'
import { useMutation } from '../app/useMutation'
import { useProjectVersion } from '../app/useProjectEvents'
import { useNotifications } from '../ui/Notifications'

const RELOAD_ON = ['annotations', 'articles', 'opened', 'restored'] as const

/** Where the claim is reported: each mention with its article and quote; open or unlink it. */
export function MentionsPanel({
  claim,
  articlesById,
  onOpenMention,
}: {
  claim: Claim
  articlesById: ReadonlyMap<string, ArticleSummary>
  onOpenMention: (articleId: string, annotationId: string) => void
}) {
  const { t } = useTranslation()
  const notify = useNotifications()
  const mutate = useMutation()
  const id = useId()
  const version = useProjectVersion(RELOAD_ON)
  const articleIds = [...new Set(claim.mentions.map((m) => m.articleId))].sort().join(' ')
  const [loaded, setLoaded] = useState<{
    key: string
    byId: Map<string, AnnotationInProject>
  } | null>(null)

  useEffect(() => {
    if (!articleIds) return
    let live = true
    const ids = articleIds.split(' ')
    void Promise.all(ids.map((articleId) => call('annotations:list', { articleId }))).then(
      (results) => {
        if (!live) return
        const byId = new Map<string, AnnotationInProject>()
        for (const result of results) {
          // A deleted article shows as a missing mention, not as an error.
          if (!result.ok) {
            if (result.error.code !== 'not-found') notify.error(result.error)
            continue
          }
          for (const item of result.value) byId.set(item.annotation.id, item)
        }
        setLoaded({ key: articleIds, byId })
      },
    )
    return () => {
      live = false
    }
  }, [articleIds, version, notify])

  const annotations = loaded?.key === articleIds ? loaded.byId : null

  return (
    <section className="claim-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {t('claims.mentions')} <span className="badge">{claim.mentions.length}</span>
      </h3>
      {claim.mentions.length === 0 ? (
        <p className="muted small">{t('claims.noMentions')}</p>
      ) : (
        <ul className="mention-list">
          {claim.mentions.map((m) => {
            const found = annotations?.get(m.annotationId)
            const title =
              found?.articleTitle ??
              articlesById.get(m.articleId)?.title ??
              t('claims.missingArticle')
            return (
              <li key={`${m.articleId}/${m.annotationId}`} className="mention-item">
                <button
                  type="button"
                  className="mention-open"
                  disabled={annotations !== null && !found}
                  onClick={() => onOpenMention(m.articleId, m.annotationId)}
                  title={t('claims.openMention')}
                >
                  <span className="mention-article">{title}</span>
                  {found ? (
                    <q className="annotation-quote">{found.annotation.quote.exact}</q>
                  ) : (
                    <span className="muted small">
                      {annotations === null ? t('claims.loading') : t('claims.missingAnnotation')}
                    </span>
                  )}
                  {found?.annotation.orphaned && (
                    <span className="muted small">{t('claims.mentionOrphaned')}</span>
                  )}
                </button>
                <button
                  type="button"
                  className="icon-button mention-remove"
                  aria-label={t('claims.removeMention', { title })}
                  title={t('claims.removeMentionShort')}
                  onClick={() => void mutate('claims:removeMention', { id: claim.id, mention: m })}
                >
                  ×
                </button>
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
