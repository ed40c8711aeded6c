import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { EvidenceItem } from '../../shared/model/evidence'
import { frameUrl } from '../../shared/media-urls'
import { useTargetLabel } from './ClaimLinksPanel'
import { evidenceForClaim, firstFrameOf } from './evidence-helpers'
import { EvidenceThumb, mediaBase } from './parts'
import './evidence.css'

/** A segment's first captured frame, or the item's own thumbnail when it has none. */
function EntryThumb({ item, segmentId }: { item: EvidenceItem; segmentId: string | null }) {
  const [failed, setFailed] = useState(false)
  const frame = segmentId ? firstFrameOf(item, segmentId) : null
  const base = mediaBase()
  if (!frame || !base || failed) return <EvidenceThumb item={item} />
  return (
    <span className="evidence-thumb" aria-hidden="true">
      <img src={frameUrl(base, item.id, frame.id)} alt="" onError={() => setFailed(true)} />
    </span>
  )
}

/**
 * The evidence a claim rests on: items, video segments and image regions linked to it, with
 * their stance. Each opens the item (at the segment).
 */
export function ClaimEvidence({
  claimId,
  evidence,
  onOpenEvidence,
}: {
  claimId: string
  evidence: readonly EvidenceItem[]
  onOpenEvidence: (itemId: string, segmentId: string | null) => void
}) {
  const { t } = useTranslation()
  const id = useId()
  const targetLabel = useTargetLabel()
  const entries = evidenceForClaim(claimId, evidence)
  return (
    <section className="claim-section claim-evidence" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {t('evidence.claim.title')} <span className="badge">{entries.length}</span>
      </h3>
      {entries.length === 0 ? (
        <p className="muted small">{t('evidence.claim.none')}</p>
      ) : (
        <ul className="claim-evidence-list" aria-label={t('evidence.claim.title')}>
          {entries.map((e, i) => {
            const segmentId = e.target.type === 'segment' ? e.target.segment.id : null
            return (
              <li key={`${e.item.id}-${i}`} className={`stance-${e.stance}`}>
                <button
                  type="button"
                  className="claim-evidence-open"
                  onClick={() => onOpenEvidence(e.item.id, segmentId)}
                >
                  <EntryThumb item={e.item} segmentId={segmentId} />
                  <span className="claim-evidence-text">
                    <span className="claim-evidence-title">{e.item.title}</span>
                    <span className="small muted">{targetLabel(e.target)}</span>
                  </span>
                  <span className={`stance-chip stance-${e.stance}`}>
                    {t(`evidence.stance.${e.stance}`)}
                  </span>
                </button>
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
