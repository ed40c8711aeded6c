import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CallInput } from '../../shared/api'
import type { AnnotationKind } from '../../shared/model/annotation'
import type { Claim } from '../../shared/model/claim'
import type { Source } from '../../shared/model/source'
import type { TagWithCount } from '../../shared/model/tag'
import { call } from '../api'
import { TagPicker } from '../tags/TagPicker'
import { isTypingTarget, KIND_ORDER, KIND_SHORTCUTS, kindForKey } from './kinds'

interface SelectionPopupProps {
  /** Viewport position of the selection's bottom-left corner. */
  anchor: { x: number; y: number }
  quote: string
  tags: TagWithCount[]
  tagsById: Map<string, TagWithCount>
  error: string | null
  claims: Claim[]
  sources: Source[]
  /** `link` makes the annotation a mention of a claim or a source in the same step. */
  onCreate: (kind: AnnotationKind, tagIds: string[], comment: string, link?: AnnotationLink) => void
  onClose: () => void
}

export type AnnotationLink = CallInput<'annotations:createLinked'>['link']

/** The default link for a kind: C makes a new claim, S a new (or same-named) source. */
export function defaultLink(kind: AnnotationKind): AnnotationLink | undefined {
  if (kind === 'claim') return { newClaim: true }
  if (kind === 'source') return { newSource: true }
  return undefined
}

/** Sources whose name or alias occurs in the selection, or that the selection names. */
function matchingSources(sources: Source[], quote: string): Source[] {
  const q = quote.toLocaleLowerCase()
  return sources
    .filter((s) =>
      [s.name, ...s.aliases].some((n) => {
        const name = n.toLocaleLowerCase()
        return name.length > 2 && (q.includes(name) || name.includes(q))
      }),
    )
    .slice(0, 4)
}

/** The small panel that appears under a selection: pick a kind (or press its key), tags, comment. */
export function SelectionPopup(props: SelectionPopupProps) {
  const { anchor, quote, tags, tagsById, error, onCreate, onClose, claims, sources } = props
  const { t } = useTranslation()
  const [tagIds, setTagIds] = useState<string[]>([])
  const [comment, setComment] = useState('')
  const [similar, setSimilar] = useState<Claim[]>([])
  const ref = useRef<HTMLDivElement>(null)
  const sourceMatches = matchingSources(sources, quote)

  // Offer to link instead of duplicating when the selection reads like an existing claim.
  useEffect(() => {
    let live = true
    void call('claims:similar', { statement: quote }).then((r) => {
      if (live && r.ok) setSimilar(r.value.map((s) => s.claim))
    })
    return () => {
      live = false
    }
  }, [quote])

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
      onCreate(kind, tagIds, comment, defaultLink(kind))
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
            onClick={() => onCreate(kind, tagIds, comment, defaultLink(kind))}
          >
            {t(`kinds.${kind}`)} <kbd>{KIND_SHORTCUTS[kind].toUpperCase()}</kbd>
          </button>
        ))}
      </div>
      {(similar.length > 0 || sourceMatches.length > 0) && (
        <div className="link-suggestions" aria-label={t('reader.linkSuggestions')} role="group">
          {similar.map((claim) => (
            <button
              key={claim.id}
              type="button"
              className="link-suggestion"
              onClick={() => onCreate('claim', tagIds, comment, { claimId: claim.id })}
            >
              <span className="kind-badge kind-claim">{t('reader.mentionOfClaim')}</span>{' '}
              {claim.statement}
            </button>
          ))}
          {sourceMatches.map((source) => (
            <button
              key={source.id}
              type="button"
              className="link-suggestion"
              onClick={() => onCreate('source', tagIds, comment, { sourceId: source.id })}
            >
              <span className="kind-badge kind-source">{t('reader.mentionOfSource')}</span>{' '}
              {source.name}
            </button>
          ))}
        </div>
      )}
      {claims.length > 0 && (
        <select
          aria-label={t('reader.linkToClaim')}
          value=""
          onChange={(e) =>
            e.target.value && onCreate('claim', tagIds, comment, { claimId: e.target.value })
          }
        >
          <option value="">{t('reader.linkToClaim')}</option>
          {claims.map((claim) => (
            <option key={claim.id} value={claim.id}>
              {claim.statement.length > 90 ? `${claim.statement.slice(0, 90)}…` : claim.statement}
            </option>
          ))}
        </select>
      )}
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
