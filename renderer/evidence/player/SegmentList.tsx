import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Claim } from '../../../shared/model/claim'
import type { CapturedFrame, EvidenceItem, Segment } from '../../../shared/model/evidence'
import { frameUrl } from '../../../shared/media-urls'
import { useMutation } from '../../app/useMutation'
import { ConfirmDialog } from '../../ui/Modal'
import { PartEditor } from './PartEditor'
import { formatRange, formatTimeCode } from './time-code'

interface SegmentListProps {
  item: EvidenceItem
  claims: Claim[]
  selectedId: string | null
  onSelect(segment: Segment): void
  onOpenClaim(id: string): void
  onShowFrame(frame: CapturedFrame): void
  /** Called after the selected segment was deleted. */
  onDeleted(id: string): void
}

/** Every segment of the video with its time codes, note, claim links and captured frames. */
export function SegmentList(props: SegmentListProps) {
  const { item } = props
  const { t } = useTranslation()
  const id = useId()
  const segments = [...item.segments].sort((a, b) => a.start - b.start || a.end - b.end)
  const claimsById = new Map(props.claims.map((c) => [c.id, c]))

  return (
    <section className="segment-list" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {t('player.segment.listTitle')} <span className="badge">{segments.length}</span>
      </h3>
      {segments.length === 0 ? (
        <p className="empty small">{t('player.segment.empty')}</p>
      ) : (
        <ul>
          {segments.map((segment) => {
            const selected = segment.id === props.selectedId
            const frames = item.frames.filter((f) => f.segmentId === segment.id)
            return (
              <li
                key={segment.id}
                className={selected ? 'segment-card selected' : 'segment-card'}
                aria-current={selected ? 'true' : undefined}
              >
                <div className="segment-card-head">
                  <button
                    type="button"
                    className="segment-time"
                    onClick={() => props.onSelect(segment)}
                    aria-label={t('player.segment.select', {
                      label: segment.label || t('player.segment.untitled'),
                      range: formatRange(segment.start, segment.end),
                    })}
                  >
                    {formatRange(segment.start, segment.end)}
                  </button>
                  <strong className="segment-card-label">
                    {segment.label || <span className="muted">{t('player.segment.untitled')}</span>}
                  </strong>
                </div>
                {selected ? (
                  <SegmentEditor
                    key={segment.id}
                    item={item}
                    segment={segment}
                    claims={props.claims}
                    onOpenClaim={props.onOpenClaim}
                    onDeleted={props.onDeleted}
                  />
                ) : (
                  <>
                    {segment.note && <p className="segment-note small">{segment.note}</p>}
                    {segment.claimLinks.length > 0 && (
                      <ul className="segment-link-summary">
                        {segment.claimLinks.map((link) => {
                          const claim = claimsById.get(link.claimId)
                          return (
                            <li key={link.claimId}>
                              <span className={`stance-badge stance-${link.stance}`}>
                                {t(`player.stance.${link.stance}`)}
                              </span>{' '}
                              {claim ? (
                                <button
                                  type="button"
                                  className="link-button"
                                  onClick={() => props.onOpenClaim(link.claimId)}
                                >
                                  {claim.statement}
                                </button>
                              ) : (
                                <span className="muted">{t('player.links.missing')}</span>
                              )}
                            </li>
                          )
                        })}
                      </ul>
                    )}
                  </>
                )}
                {frames.length > 0 && (
                  <ul
                    className="segment-frames"
                    aria-label={t('player.segment.frames', { count: frames.length })}
                  >
                    {frames.map((frame) => (
                      <li key={frame.id}>
                        <button
                          type="button"
                          className="segment-frame"
                          onClick={() => props.onShowFrame(frame)}
                          aria-label={t('player.frames.zoomFrame', {
                            time: formatTimeCode(frame.time),
                          })}
                        >
                          <img
                            src={frameUrl(window.claimdesk.mediaBaseUrl, item.id, frame.id)}
                            alt=""
                            loading="lazy"
                          />
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}

interface SegmentEditorProps {
  item: EvidenceItem
  segment: Segment
  claims: Claim[]
  onOpenClaim(id: string): void
  onDeleted(id: string): void
}

function SegmentEditor({ item, segment, claims, onOpenClaim, onDeleted }: SegmentEditorProps) {
  const { t } = useTranslation()
  const mutate = useMutation()
  const [deleting, setDeleting] = useState(false)
  const name = segment.label || t('player.segment.untitled')

  const remove = async () => {
    setDeleting(false)
    const result = await mutate('evidence:deleteSegment', { itemId: item.id, id: segment.id })
    if (result.ok) onDeleted(segment.id)
  }

  return (
    <div className="segment-editor">
      <PartEditor
        kind="segment"
        part={segment}
        name={name}
        claims={claims}
        update={(changes) =>
          mutate('evidence:updateSegment', { itemId: item.id, id: segment.id, ...changes })
        }
        onOpenClaim={onOpenClaim}
        onDeleteRequest={() => setDeleting(true)}
      />
      {deleting && (
        <ConfirmDialog
          title={t('player.segment.deleteTitle')}
          message={t('player.segment.deleteMessage', {
            label: name,
            range: formatRange(segment.start, segment.end),
          })}
          confirmLabel={t('player.segment.delete')}
          cancelLabel={t('common.cancel')}
          onConfirm={() => void remove()}
          onCancel={() => setDeleting(false)}
        />
      )}
    </div>
  )
}
