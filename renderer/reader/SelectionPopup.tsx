import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AnnotationKind } from '../../shared/model/annotation'
import type { TagWithCount } from '../../shared/model/tag'
import { TagPicker } from '../tags/TagPicker'
import { isTypingTarget, KIND_ORDER, KIND_SHORTCUTS, kindForKey } from './kinds'

interface SelectionPopupProps {
  /** Viewport position of the selection's bottom-left corner. */
  anchor: { x: number; y: number }
  quote: string
  tags: TagWithCount[]
  tagsById: Map<string, TagWithCount>
  error: string | null
  onCreate: (kind: AnnotationKind, tagIds: string[], comment: string) => void
  onClose: () => void
}

/** The small panel that appears under a selection: pick a kind (or press its key), tags, comment. */
export function SelectionPopup(props: SelectionPopupProps) {
  const { anchor, quote, tags, tagsById, error, onCreate, onClose } = props
  const { t } = useTranslation()
  const [tagIds, setTagIds] = useState<string[]>([])
  const [comment, setComment] = useState('')
  const ref = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        onClose()
        return
      }
      if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return
      const kind = kindForKey(event.key)
      if (!kind) return
      event.preventDefault()
      onCreate(kind, tagIds, comment)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onCreate, onClose, tagIds, comment])

  // Keep the popup inside the window.
  const left = Math.max(8, Math.min(anchor.x, window.innerWidth - 380))
  const top = Math.min(anchor.y + 8, window.innerHeight - 260)

  return (
    <div
      ref={ref}
      className="selection-popup"
      role="dialog"
      aria-label={t('reader.annotateSelection')}
      style={{ left, top }}
      onMouseDown={(e) => e.stopPropagation()}
      onMouseUp={(e) => e.stopPropagation()}
    >
      <p className="selection-quote" title={quote}>
        “{quote.length > 80 ? `${quote.slice(0, 80)}…` : quote}”
      </p>
      <div className="kind-buttons">
        {KIND_ORDER.map((kind) => (
          <button
            key={kind}
            type="button"
            className={`kind-button kind-${kind}`}
            aria-keyshortcuts={KIND_SHORTCUTS[kind].toUpperCase()}
            onClick={() => onCreate(kind, tagIds, comment)}
          >
            {t(`kinds.${kind}`)} <kbd>{KIND_SHORTCUTS[kind].toUpperCase()}</kbd>
          </button>
        ))}
      </div>
      <TagPicker
        tags={tags}
        byId={tagsById}
        selected={tagIds}
        onChange={setTagIds}
        label={t('reader.tags')}
      />
      <textarea
        className="selection-comment"
        aria-label={t('reader.comment')}
        placeholder={t('reader.commentPlaceholder')}
        value={comment}
        rows={2}
        onChange={(e) => setComment(e.target.value)}
      />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
