import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Claim } from '../../../shared/model/claim'
import type { CapturedFrame, EvidenceItem, Segment } from '../../../shared/model/evidence'
import { frameUrl } from '../../../shared/media-urls'
import { useMutation } from '../../app/useMutation'
import { ConfirmDialog } from '../../ui/Modal'
import { ClaimLinksEditor } from './ClaimLinksEditor'
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
  const id = useId()
  const [draft, setDraft] = useState<{ label?: string; note?: string }>({})
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [deleting, setDeleting] = useState(false)
  const label = draft.label ?? segment.label
  const note = draft.note ?? segment.note
  const dirty = label !== segment.label || note !== segment.note
  const name = segment.label || t('player.segment.untitled')

  const save = async () => {
    if (!dirty) return
    setBusy(true)
    const result = await mutate('evidence:updateSegment', {
      itemId: item.id,
      id: segment.id,
      ...(label !== segment.label ? { label: label.trim() } : {}),
      ...(note !== segment.note ? { note } : {}),
    })
    setBusy(false)
    if (result.ok) setDraft({})
    else setError(result.error.message)
  }
  const remove = async () => {
    setDeleting(false)
    const result = await mutate('evidence:deleteSegment', { itemId: item.id, id: segment.id })
    if (result.ok) onDeleted(segment.id)
  }

  return (
    <div className="segment-editor">
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault()
            void save()
          }
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-label`}>{t('player.segment.label')}</label>
          <input
            id={`${id}-label`}
            value={label}
            maxLength={300}
            onChange={(e) => setDraft((d) => ({ ...d, label: e.target.value }))}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-note`}>{t('player.segment.note')}</label>
          <textarea
            id={`${id}-note`}
            rows={2}
            value={note}
            onChange={(e) => setDraft((d) => ({ ...d, note: e.target.value }))}
          />
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="segment-editor-actions">
          <button type="submit" className="primary" disabled={!dirty || busy}>
            {t('player.segment.save')}
          </button>
          {dirty && (
            <button type="button" onClick={() => setDraft({})}>
              {t('player.segment.discard')}
            </button>
          )}
          <span className="spacer" />
          <button type="button" className="danger-outline" onClick={() => setDeleting(true)}>
            {t('player.segment.delete')}
          </button>
        </div>
      </form>
      <ClaimLinksEditor
        links={segment.claimLinks}
        claims={claims}
        ownerName={name}
        onOpenClaim={onOpenClaim}
        onChange={async (claimLinks) => {
          const result = await mutate('evidence:updateSegment', {
            itemId: item.id,
            id: segment.id,
            claimLinks,
          })
          return result.ok
        }}
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
