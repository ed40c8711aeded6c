import { useEffect, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AnnotationInProject } from '../../shared/api'
import type { AnnotationKind } from '../../shared/model/annotation'
import type { TagWithCount } from '../../shared/model/tag'
import { call } from '../api'
import { useProjectVersion } from '../app/useProjectEvents'
import { KIND_ORDER } from '../reader/kinds'
import { tagPath, useTags } from '../tags/useTags'
import { useNotifications } from '../ui/Notifications'
import './annotations-view.css'

const RELOAD_ON = ['annotations', 'tags', 'articles', 'opened', 'restored'] as const

interface Filter {
  kinds: AnnotationKind[]
  tagIds: string[]
  orphanedOnly: boolean
}

interface ArticleGroup {
  articleId: string
  title: string
  items: AnnotationInProject[]
}

/** The tag and all tags below it. */
function withDescendants(id: string, tags: TagWithCount[]): string[] {
  const found = new Set([id])
  for (let grew = true; grew;) {
    grew = false
    for (const tag of tags) {
      if (tag.parentId !== null && found.has(tag.parentId) && !found.has(tag.id)) {
        found.add(tag.id)
        grew = true
      }
    }
  }
  return [...found]
}

/** Consecutive annotations of the same article (the list comes in article order). */
function groupByArticle(items: AnnotationInProject[]): ArticleGroup[] {
  const groups: ArticleGroup[] = []
  for (const item of items) {
    const last = groups.at(-1)
    if (last && last.articleId === item.articleId) last.items.push(item)
    else groups.push({ articleId: item.articleId, title: item.articleTitle, items: [item] })
  }
  return groups
}

/** Annotations across the project, filtered by kind, tag and orphan state, grouped by article. */
export function AnnotationsView({
  onOpen,
}: {
  onOpen: (articleId: string, annotationId: string) => void
}) {
  const { t, i18n } = useTranslation()
  const notify = useNotifications()
  const version = useProjectVersion(RELOAD_ON)
  const { tags, byId } = useTags()
  const [kinds, setKinds] = useState<AnnotationKind[]>([])
  const [tagId, setTagId] = useState('')
  const [includeChildren, setIncludeChildren] = useState(true)
  const [orphanedOnly, setOrphanedOnly] = useState(false)
  const [loaded, setLoaded] = useState<{ key: string; items: AnnotationInProject[] } | null>(null)
  const baseId = useId()

  // A tag deleted meanwhile no longer filters.
  const activeTag = tagId && byId.has(tagId) ? tagId : ''
  const hasChildren = activeTag !== '' && tags.some((tag) => tag.parentId === activeTag)
  const tagIds = !activeTag
    ? []
    : hasChildren && includeChildren
      ? withDescendants(activeTag, tags)
      : [activeTag]
  const filter: Filter = {
    kinds: KIND_ORDER.filter((k) => kinds.includes(k)),
    tagIds,
    orphanedOnly,
  }
  // The filter as a string, so re-loaded tags with the same ids do not trigger another fetch.
  const key = JSON.stringify(filter)

  useEffect(() => {
    let live = true
    void call('annotations:list', JSON.parse(key) as Filter).then((result) => {
      if (!live) return
      if (result.ok) setLoaded({ key, items: result.value })
      else notify.error(result.error)
    })
    return () => {
      live = false
    }
  }, [key, version, notify])

  const options = useMemo(() => {
    const collator = new Intl.Collator(i18n.language, { numeric: true, sensitivity: 'base' })
    return tags
      .map((tag) => ({ tag, path: tagPath(tag, byId) }))
      .sort((a, b) => collator.compare(a.path, b.path))
  }, [tags, byId, i18n.language])

  const items = loaded?.items ?? []
  const loading = loaded === null || loaded.key !== key
  const groups = useMemo(() => groupByArticle(loaded?.items ?? []), [loaded])
  const filtered = kinds.length > 0 || activeTag !== '' || orphanedOnly

  const toggleKind = (kind: AnnotationKind) =>
    setKinds((all) => (all.includes(kind) ? all.filter((k) => k !== kind) : [...all, kind]))
  const clearFilters = () => {
    setKinds([])
    setTagId('')
    setOrphanedOnly(false)
  }

  return (
    <section className="annotations-view" aria-labelledby={`${baseId}-title`}>
      <header className="annotations-view-header">
        <h1 id={`${baseId}-title`}>{t('annotationsView.title')}</h1>
        <p className="muted annotations-view-count" role="status" aria-busy={loading}>
          {loaded === null
            ? t('annotationsView.loading')
            : groups.length === 0
              ? t('annotationsView.count', { count: 0 })
              : t('annotationsView.countInArticles', {
                  annotations: t('annotationsView.count', { count: items.length }),
                  articles: t('annotationsView.articles', { count: groups.length }),
                })}
        </p>
      </header>

      <div
        className="annotations-view-filters"
        role="group"
        aria-label={t('annotationsView.filters')}
      >
        <div className="filters" role="group" aria-label={t('annotationsView.filterKinds')}>
          {KIND_ORDER.map((kind) => (
            <button
              key={kind}
              type="button"
              className={`filter-chip kind-${kind}`}
              aria-pressed={kinds.includes(kind)}
              onClick={() => toggleKind(kind)}
            >
              {t(`kinds.${kind}`)}
            </button>
          ))}
        </div>
        <span className="annotations-view-tag">
          <label htmlFor={`${baseId}-tag`}>{t('annotationsView.tag')}</label>
          <select id={`${baseId}-tag`} value={activeTag} onChange={(e) => setTagId(e.target.value)}>
            <option value="">{t('annotationsView.allTags')}</option>
            {options.map(({ tag, path }) => (
              <option key={tag.id} value={tag.id}>
                {t('annotationsView.tagOption', { path, uses: tag.count })}
              </option>
            ))}
          </select>
        </span>
        {hasChildren && (
          <label className="annotations-view-check">
            <input
              type="checkbox"
              checked={includeChildren}
              onChange={(e) => setIncludeChildren(e.target.checked)}
            />
            {t('annotationsView.includeChildren')}
          </label>
        )}
        <label className="annotations-view-check">
          <input
            type="checkbox"
            checked={orphanedOnly}
            onChange={(e) => setOrphanedOnly(e.target.checked)}
          />
          {t('annotationsView.orphanedOnly')}
        </label>
        {filtered && (
          <button type="button" className="annotations-view-clear" onClick={clearFilters}>
            {t('annotationsView.clearFilters')}
          </button>
        )}
      </div>

      {loaded !== null && items.length === 0 && (
        <div className="annotations-view-empty">
          <h2>{filtered ? t('annotationsView.noMatch') : t('annotationsView.noneYet')}</h2>
          <p className="muted">
            {filtered ? t('annotationsView.noMatchHint') : t('annotationsView.noneYetHint')}
          </p>
          {filtered && (
            <button type="button" onClick={clearFilters}>
              {t('annotationsView.clearFilters')}
            </button>
          )}
        </div>
      )}

      <div className={loading ? 'annotations-view-groups stale' : 'annotations-view-groups'}>
        {groups.map((group, index) => {
          const headingId = `${baseId}-group-${index}`
          return (
            <section
              key={group.articleId}
              className="annotations-view-group"
              aria-labelledby={headingId}
            >
              <h2 id={headingId}>
                <span className="annotations-view-article">{group.title}</span>{' '}
                <span className="badge">{group.items.length}</span>
              </h2>
              <ol className="annotations-view-list">
                {group.items.map(({ annotation }) => (
                  <li key={annotation.id}>
                    <button
                      type="button"
                      className={
                        annotation.orphaned ? 'annotations-view-row orphan' : 'annotations-view-row'
                      }
                      onClick={() => onOpen(group.articleId, annotation.id)}
                    >
                      <span className="annotations-view-meta">
                        <span className={`kind-badge kind-${annotation.kind}`}>
                          {t(`kinds.${annotation.kind}`)}
                        </span>
                        {annotation.orphaned && (
                          <span className="annotations-view-orphan">
                            {t('annotationsView.orphan')}
                          </span>
                        )}
                      </span>
                      <span className="annotations-view-body">
                        <q className="annotation-quote">{annotation.quote.exact}</q>
                        {annotation.tagIds.length > 0 && (
                          <span className="annotation-tags">
                            {annotation.tagIds.map((id) => {
                              const tag = byId.get(id)
                              return (
                                <span
                                  key={id}
                                  className="tag-chip small"
                                  style={{ borderColor: tag?.color }}
                                >
                                  <span
                                    className="tag-dot"
                                    style={{ background: tag?.color }}
                                    aria-hidden="true"
                                  />
                                  {tag ? tagPath(tag, byId) : t('annotationsView.unknownTag')}
                                </span>
                              )
                            })}
                          </span>
                        )}
                        {annotation.comment && (
                          <span className="annotation-comment">{annotation.comment}</span>
                        )}
                      </span>
                    </button>
                  </li>
                ))}
              </ol>
            </section>
          )
        })}
      </div>
    </section>
  )
}
