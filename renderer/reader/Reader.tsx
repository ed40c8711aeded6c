import { type MouseEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CodePointIndex } from '../../shared/anchoring'
import type { Annotation, AnnotationKind } from '../../shared/model/annotation'
import type { ArticleDocument } from '../../shared/model/article'
import { call } from '../api'
import { useMutation } from '../app/useMutation'
import { useProjectVersion } from '../app/useProjectEvents'
import { ArticleDetailsDialog } from '../articles/ArticleDetailsDialog'
import { useTags } from '../tags/useTags'
import { useNotifications } from '../ui/Notifications'
import { AnnotationPanel } from './AnnotationPanel'
import { ReaderText } from './ReaderText'
import { type AnnotationLink, SelectionPopup } from './SelectionPopup'
import { useRegistry } from '../claims/useRegistry'
import { moveSelectionByKey } from './keyboard-selection'
import { selectionToRange } from './selection'

interface ReaderProps {
  articleId: string
  onDelete: (article: ArticleDocument) => void
  /** Annotation to scroll to once the article is shown (from a project-wide list). */
  focusAnnotationId?: string | null
  onOpenClaim: (claimId: string) => void
  onOpenEvidence: (itemId: string) => void
}

interface PendingSelection {
  start: number
  end: number
  quote: string
  anchor: { x: number; y: number }
}

interface HighlightMenu {
  ids: string[]
  x: number
  y: number
}

const RELOAD_ON = ['annotations', 'articles'] as const

/** Scrolls to an annotation's first highlight and flashes it. */
function flashHighlight(root: HTMLElement | null, id: string): void {
  const marks = root?.querySelectorAll<HTMLElement>(`mark[data-ids~="${CSS.escape(id)}"]`)
  if (!marks || marks.length === 0) return
  marks[0]?.scrollIntoView({ block: 'center', behavior: 'smooth' })
  for (const mark of marks) {
    mark.classList.remove('flash')
    void mark.offsetWidth // restart the animation
    mark.classList.add('flash')
  }
}

/** One article: metadata, text with highlights, annotation side panel, text and details editing. */
export function Reader(props: ReaderProps) {
  const { articleId, onDelete, focusAnnotationId, onOpenClaim } = props
  const { t, i18n } = useTranslation()
  const notify = useNotifications()
  const mutate = useMutation()
  const version = useProjectVersion(RELOAD_ON)
  const { tags, byId: tagsById } = useTags()
  const { registry } = useRegistry()
  const [article, setArticle] = useState<ArticleDocument | null>(null)
  const [pending, setPending] = useState<PendingSelection | null>(null)
  const [pendingError, setPendingError] = useState<string | null>(null)
  const [menu, setMenu] = useState<HighlightMenu | null>(null)
  const [activeId, setActiveId] = useState<string | null>(null)
  const [editingId, setEditingId] = useState<string | null>(null)
  const [editingText, setEditingText] = useState<string | null>(null)
  const [editingDetails, setEditingDetails] = useState(false)
  const textRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    let live = true
    void call('articles:get', { id: articleId }).then((r) => {
      if (!live) return
      if (r.ok) setArticle(r.value)
      else notify.error(r.error)
    })
    return () => {
      live = false
    }
  }, [articleId, notify, version])

  const index = useMemo(() => (article ? new CodePointIndex(article.text) : null), [article])

  useEffect(() => {
    if (article && focusAnnotationId) flashHighlight(textRef.current, focusAnnotationId)
  }, [article, focusAnnotationId])

  const captureSelection = () => {
    if (!article || !index || !textRef.current) return
    const selection = window.getSelection()
    const range = selectionToRange(selection, textRef.current, article.text, index)
    if (!range || !selection) return
    const rect = selection.getRangeAt(0).getBoundingClientRect()
    setMenu(null)
    setPendingError(null)
    setPending({
      ...range,
      quote: index.slice(range.start, range.end),
      anchor: { x: rect.left, y: rect.bottom },
    })
  }

  const createAnnotation = useCallback(
    async (kind: AnnotationKind, tagIds: string[], comment: string, link?: AnnotationLink) => {
      if (!pending) return
      const range = { articleId, kind, start: pending.start, end: pending.end, tagIds, comment }
      // Show the highlight at once; the saved annotation replaces it (or it goes if saving fails).
      const provisionalId = `pending-${Date.now()}`
      const time = new Date().toISOString()
      const provisional: Annotation = {
        id: provisionalId,
        kind,
        quote: { exact: pending.quote, prefix: '', suffix: '' },
        position: { start: pending.start, end: pending.end },
        orphaned: false,
        tagIds,
        comment,
        createdAt: time,
        updatedAt: time,
      }
      const withAnnotation = (a: Annotation, drop: string) => (doc: ArticleDocument | null) =>
        doc && { ...doc, annotations: [...doc.annotations.filter((x) => x.id !== drop), a] }
      setArticle(withAnnotation(provisional, provisionalId))
      window.getSelection()?.removeAllRanges()
      setPending(null)
      const created = link
        ? await mutate('annotations:createLinked', { ...range, link }).then((r) =>
            r.ok ? { ok: true as const, value: r.value.annotation } : r,
          )
        : await mutate('annotations:create', range)
      if (!created.ok) {
        setArticle(
          (doc) =>
            doc && { ...doc, annotations: doc.annotations.filter((x) => x.id !== provisionalId) },
        )
        // Bad input goes back to the popup to fix; a failed save is kept in a notice with "Try again".
        if (created.error.code === 'invalid-input') {
          setPending(pending)
          setPendingError(created.error.message)
        }
        return
      }
      setArticle(withAnnotation(created.value, provisionalId))
      setActiveId(created.value.id)
    },
    [articleId, mutate, pending],
  )
  const closePopup = useCallback(() => setPending(null), [])

  const onTextClick = (event: MouseEvent) => {
    const selection = window.getSelection()
    if (selection && !selection.isCollapsed) return
    const mark = (event.target as HTMLElement).closest('mark[data-ids]')
    if (!mark) return setMenu(null)
    const ids = (mark.getAttribute('data-ids') ?? '').split(' ').filter(Boolean)
    setActiveId(ids[ids.length - 1] ?? null)
    setMenu({ ids, x: event.clientX, y: event.clientY })
  }

  const focusAnnotation = useCallback((id: string) => {
    setActiveId(id)
    flashHighlight(textRef.current, id)
  }, [])

  const saveText = async () => {
    if (editingText === null) return
    const saved = await mutate('articles:updateText', { id: articleId, text: editingText })
    if (!saved.ok) return
    setEditingText(null)
    setArticle(saved.value.article)
    const { anchored, moved, orphaned } = saved.value
    notify.info(t('reader.reanchored', { anchored, moved, orphaned }))
  }

  if (!article) return <div className="reader reader-loading" aria-busy="true" />

  const date = article.publishedAt
    ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeZone: 'UTC' }).format(
        new Date(article.publishedAt),
      )
    : null
  const byIdAnnotation = new Map(article.annotations.map((a) => [a.id, a]))

  return (
    <div className="reader-layout">
      <article className="reader" aria-labelledby="reader-title">
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
            <button type="button" onClick={() => setEditingDetails(true)}>
              {t('reader.editDetails')}
            </button>
            <button
              type="button"
              onClick={() => setEditingText(article.text)}
              disabled={editingText !== null}
            >
              {t('reader.editText')}
            </button>
            <button type="button" className="danger-outline" onClick={() => onDelete(article)}>
              {t('project.deleteArticle')}
            </button>
          </div>
        </header>
        {editingText !== null ? (
          <div className="text-editor">
            <p className="muted">{t('reader.editTextHint')}</p>
            <textarea
              aria-label={t('reader.articleText')}
              value={editingText}
              onChange={(e) => setEditingText(e.target.value)}
              rows={24}
            />
            <div className="modal-actions">
              <button type="button" onClick={() => setEditingText(null)}>
                {t('common.cancel')}
              </button>
              <button type="button" className="primary" onClick={() => void saveText()}>
                {t('reader.saveText')}
              </button>
            </div>
          </div>
        ) : (
          <div
            ref={textRef}
            className="reader-text-container"
            tabIndex={0}
            role="document"
            aria-label={t('reader.textLabel')}
            onMouseUp={captureSelection}
            onKeyDown={(e) => {
              if (textRef.current && moveSelectionByKey(e, textRef.current)) e.preventDefault()
            }}
            onKeyUp={(e) => e.key === 'Shift' && captureSelection()}
            onClick={onTextClick}
          >
            <ReaderText
              text={article.text}
              annotations={article.annotations}
              language={article.language}
            />
          </div>
        )}
      </article>
      <AnnotationPanel
        articleId={articleId}
        annotations={article.annotations}
        tags={tags}
        tagsById={tagsById}
        activeId={activeId}
        editingId={editingId}
        onFocusAnnotation={focusAnnotation}
        onEdit={setEditingId}
        claims={registry?.claims ?? []}
        sources={registry?.sources ?? []}
        evidence={registry?.evidence ?? []}
        onOpenClaim={onOpenClaim}
        onOpenEvidence={props.onOpenEvidence}
      />
      {pending && (
        <SelectionPopup
          anchor={pending.anchor}
          quote={pending.quote}
          tags={tags}
          tagsById={tagsById}
          error={pendingError}
          claims={registry?.claims ?? []}
          sources={registry?.sources ?? []}
          onCreate={(kind, tagIds, comment, link) =>
            void createAnnotation(kind, tagIds, comment, link)
          }
          onClose={closePopup}
        />
      )}
      {menu && (
        <div
          className="highlight-menu"
          role="menu"
          aria-label={t('reader.annotationsHere')}
          style={{ left: Math.min(menu.x, window.innerWidth - 320), top: menu.y + 12 }}
        >
          {menu.ids.map((id) => {
            const annotation = byIdAnnotation.get(id)
            if (!annotation) return null
            return (
              <div key={id} className="highlight-menu-item">
                <span className={`kind-badge kind-${annotation.kind}`}>
                  {t(`kinds.${annotation.kind}`)}
                </span>
                <span className="highlight-menu-quote">{annotation.quote.exact}</span>
                <button
                  type="button"
                  role="menuitem"
                  onClick={() => {
                    setMenu(null)
                    setActiveId(id)
                    setEditingId(id)
                  }}
                >
                  {t('reader.edit')}
                </button>
                <button
                  type="button"
                  role="menuitem"
                  className="danger-outline"
                  onClick={() => {
                    setMenu(null)
                    void mutate('annotations:delete', { articleId, id })
                  }}
                >
                  {t('reader.delete')}
                </button>
              </div>
            )
          })}
          <button type="button" className="highlight-menu-close" onClick={() => setMenu(null)}>
            {t('common.close')}
          </button>
        </div>
      )}
      {editingDetails && (
        <ArticleDetailsDialog
          article={article}
          onClose={() => setEditingDetails(false)}
          onSaved={() => setEditingDetails(false)}
        />
      )}
    </div>
  )
}
