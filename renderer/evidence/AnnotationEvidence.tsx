import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { EvidenceItem } from '../../shared/model/evidence'
import { useMutation } from '../app/useMutation'
import { shorten } from './evidence-helpers'

/**
 * For an evidence annotation in the reader: the evidence items it refers to, each opening its
 * page, and a select to link it to another item (or unlink one).
 */
export function AnnotationEvidence({
  articleId,
  annotationId,
  quote,
  linked,
  items,
  onOpenEvidence,
}: {
  articleId: string
  annotationId: string
  quote: string
  /** Items whose mentions include this annotation. */
  linked: readonly EvidenceItem[]
  /** Every item in the project, to link to. */
  items: readonly EvidenceItem[]
  onOpenEvidence: (itemId: string) => void
}) {
  const { t } = useTranslation()
  const mutate = useMutation()
  const [busy, setBusy] = useState(false)
  const mention = { articleId, annotationId }
  const linkedIds = new Set(linked.map((i) => i.id))
  const candidates = items.filter((i) => !linkedIds.has(i.id))

  const run = async (channel: 'evidence:linkMention' | 'evidence:unlinkMention', id: string) => {
    setBusy(true)
    await mutate(channel, { id, mention })
    setBusy(false)
  }

  return (
    <span className="annotation-evidence">
      {linked.map((item) => (
        <span key={item.id} className="annotation-evidence-item">
          <button type="button" className="link-chip" onClick={() => onOpenEvidence(item.id)}>
            {t('evidence.annotation.open', { title: shorten(item.title, 50) })}
          </button>
          <button
            type="button"
            className="icon-button annotation-evidence-unlink"
            disabled={busy}
            aria-label={t('evidence.annotation.unlink', {
              title: item.title,
              quote: shorten(quote, 40),
            })}
            title={t('evidence.annotation.unlink', {
              title: item.title,
              quote: shorten(quote, 40),
            })}
            onClick={() => void run('evidence:unlinkMention', item.id)}
          >
            ×
          </button>
        </span>
      ))}
      {candidates.length > 0 ? (
        <select
          className="annotation-evidence-link"
          aria-label={t('evidence.annotation.linkLabel', { quote: shorten(quote, 40) })}
          value=""
          disabled={busy}
          onChange={(e) => {
            if (e.target.value) void run('evidence:linkMention', e.target.value)
          }}
        >
          <option value="">{t('evidence.annotation.link')}</option>
          {candidates.map((item) => (
            <option key={item.id} value={item.id}>
              {shorten(item.title, 70)}
            </option>
          ))}
        </select>
      ) : (
        items.length === 0 && (
          <span className="muted small">{t('evidence.annotation.noItems')}</span>
        )
      )}
    </span>
  )
}
