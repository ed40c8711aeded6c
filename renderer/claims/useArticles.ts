import { useEffect, useMemo, useState } from 'react'
import type { ArticleSummary } from '../../shared/model/article'
import { call } from '../api'
import { useProjectVersion } from '../app/useProjectEvents'
import { useNotifications } from '../ui/Notifications'

const RELOAD_ON = ['articles', 'opened', 'restored'] as const

/** The project's articles (for titles and the article filter), kept current. */
export function useArticles() {
  const notify = useNotifications()
  const version = useProjectVersion(RELOAD_ON)
  const [articles, setArticles] = useState<ArticleSummary[]>([])
  useEffect(() => {
    let live = true
    void call('articles:list', {}).then((r) => {
      if (!live) return
      if (r.ok) setArticles(r.value)
      else notify.error(r.error)
    })
    return () => {
      live = false
    }
  }, [notify, version])
  const articlesById = useMemo(() => new Map(articles.map((a) => [a.id, a])), [articles])
  return { articles, articlesById }
}
