import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CapturedFrame, EvidenceItem } from '../../../shared/model/evidence'
import { frameUrl } from '../../../shared/media-urls'
import { useMutation } from '../../app/useMutation'
import { ConfirmDialog, Modal } from '../../ui/Modal'
import { formatTimeCode } from '../player/time-code'
import { FrameViewer, type ViewerImage } from './FrameViewer'
import { shortHash } from './zoom'
import './frames.css'

interface FramesGalleryProps {
  item: EvidenceItem
  /** The frame shown enlarged, if any (the segment list opens frames too). */
  zoomedId: string | null
  onZoom(frameId: string | null): void
  onSeek(time: number): void
}

/** The stills captured from the video: look at one closely, compare two, annotate, delete. */
export function FramesGallery(props: FramesGalleryProps) {
  const { item } = props
  const { t } = useTranslation()
  const mutate = useMutation()
  const id = useId()
  const [picked, setPicked] = useState<string[]>([])
  const [comparing, setComparing] = useState(false)
  const [deleting, setDeleting] = useState<CapturedFrame | null>(null)
  const frames = [...item.frames].sort((a, b) => a.time - b.time)
  const byId = new Map(frames.map((f) => [f.id, f]))
  const pickedFrames = picked.flatMap((p) => byId.get(p) ?? [])
  const segmentLabel = (frame: CapturedFrame) => {
    const segment = item.segments.find((s) => s.id === frame.segmentId)
    return segment ? segment.label || t('player.segment.untitled') : null
  }
  const toViewer = (frame: CapturedFrame): ViewerImage => ({
    src: frameUrl(window.claimdesk.mediaBaseUrl, item.id, frame.id),
    alt: t('player.frames.alt', { time: formatTimeCode(frame.time) }),
    caption: (
      <>
        <strong>{formatTimeCode(frame.time)}</strong> · {frame.width}×{frame.height} ·{' '}
        <code title={frame.sha256}>SHA-256 {shortHash(frame.sha256)}…</code>
        {segmentLabel(frame) && <> · {segmentLabel(frame)}</>}
      </>
    ),
  })
  const toggle = (frameId: string, on: boolean) =>
    setPicked((all) =>
      on
        ? [...all.filter((p) => p !== frameId), frameId].slice(-2)
        : all.filter((p) => p !== frameId),
    )
  const zoomed = props.zoomedId ? byId.get(props.zoomedId) : undefined

  const remove = async (frame: CapturedFrame) => {
    setDeleting(null)
    const result = await mutate('evidence:deleteFrame', { itemId: item.id, id: frame.id })
    if (result.ok) setPicked((all) => all.filter((p) => p !== frame.id))
  }

  return (
    <section className="frames-gallery" aria-labelledby={`${id}-title`}>
      <div className="frames-gallery-head">
        <h3 id={`${id}-title`}>
          {t('player.frames.title')} <span className="badge">{frames.length}</span>
        </h3>
        {frames.length > 1 && (
          <button
            type="button"
            disabled={pickedFrames.length !== 2}
            onClick={() => setComparing(true)}
          >
            {t('player.frames.compare', { count: pickedFrames.length })}
          </button>
        )}
      </div>
      {frames.length === 0 ? (
        <p className="empty small">{t('player.frames.empty')}</p>
      ) : (
        <>
          {frames.length > 1 && <p className="muted small">{t('player.frames.compareHint')}</p>}
          <ul className="frame-grid">
            {frames.map((frame) => {
              const time = formatTimeCode(frame.time)
              return (
                <li key={frame.id} className="frame-card">
                  <button
                    type="button"
                    className="frame-thumb"
                    onClick={() => props.onZoom(frame.id)}
                    aria-label={t('player.frames.zoomFrame', { time })}
                  >
                    <img
                      src={frameUrl(window.claimdesk.mediaBaseUrl, item.id, frame.id)}
                      alt=""
                      loading="lazy"
                    />
                  </button>
                  <div className="frame-card-meta">
                    <button
                      type="button"
                      className="link-button frame-time"
                      onClick={() => props.onSeek(frame.time)}
                      aria-label={t('player.frames.goTo', { time })}
                    >
                      {time}
                    </button>
                    <code className="frame-hash" title={frame.sha256}>
                      {shortHash(frame.sha256)}
                    </code>
                  </div>
                  <select
                    className="frame-segment"
                    aria-label={t('player.frames.segmentOf', { time })}
                    value={frame.segmentId ?? ''}
                    onChange={(e) =>
                      void mutate('evidence:updateFrame', {
                        itemId: item.id,
                        id: frame.id,
                        segmentId: e.target.value || null,
                      })
                    }
                  >
                    <option value="">{t('player.frames.noSegment')}</option>
                    {item.segments.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.label || t('player.segment.untitled')}
                      </option>
                    ))}
                  </select>
                  <FrameNote itemId={item.id} frame={frame} />
                  <div className="frame-card-actions">
                    <label className="small">
                      <input
                        type="checkbox"
                        checked={picked.includes(frame.id)}
                        onChange={(e) => toggle(frame.id, e.target.checked)}
                        aria-label={t('player.frames.pick', { time })}
                      />{' '}
                      {t('player.frames.pickShort')}
                    </label>
                    <button
                      type="button"
                      className="icon-button danger-outline"
                      onClick={() => setDeleting(frame)}
                      aria-label={t('player.frames.delete', { time })}
                    >
                      {t('player.frames.deleteShort')}
                    </button>
                  </div>
                </li>
              )
            })}
          </ul>
        </>
      )}
      {zoomed && (
        <Modal
          title={t('player.frames.zoomTitle', { time: formatTimeCode(zoomed.time) })}
          onClose={() => props.onZoom(null)}
          wide
        >
          <FrameViewer images={[toViewer(zoomed)]} />
          <div className="modal-actions">
            <button type="button" onClick={() => props.onZoom(null)} autoFocus>
              {t('common.close')}
            </button>
          </div>
        </Modal>
      )}
      {comparing && pickedFrames.length === 2 && (
        <Modal title={t('player.frames.compareTitle')} onClose={() => setComparing(false)} wide>
          {pickedFrames[0]?.sha256 === pickedFrames[1]?.sha256 && (
            <p className="muted small">{t('player.frames.identical')}</p>
          )}
          <FrameViewer images={pickedFrames.map(toViewer)} />
          <div className="modal-actions">
            <button type="button" onClick={() => setComparing(false)} autoFocus>
              {t('common.close')}
            </button>
          </div>
        </Modal>
      )}
      {deleting && (
        <ConfirmDialog
          title={t('player.frames.deleteTitle')}
          message={t('player.frames.deleteMessage', { time: formatTimeCode(deleting.time) })}
          confirmLabel={t('player.frames.deleteShort')}
          cancelLabel={t('common.cancel')}
          onConfirm={() => void remove(deleting)}
          onCancel={() => setDeleting(null)}
        />
      )}
    </section>
  )
}

/** A frame's note, saved when the field is left or Enter is pressed. */
function FrameNote({ itemId, frame }: { itemId: string; frame: CapturedFrame }) {
  const { t } = useTranslation()
  const mutate = useMutation()
  const [draft, setDraft] = useState<string | null>(null)
  const note = draft ?? frame.note
  const save = async () => {
    if (draft === null || draft === frame.note) {
      setDraft(null)
      return
    }
    const result = await mutate('evidence:updateFrame', { itemId, id: frame.id, note: draft })
    if (result.ok) setDraft(null)
  }
  return (
    <input
      className="frame-note"
      value={note}
      maxLength={5000}
      placeholder={t('player.frames.notePlaceholder')}
      aria-label={t('player.frames.note', { time: formatTimeCode(frame.time) })}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => void save()}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault()
          void save()
        } else if (e.key === 'Escape' && draft !== null) {
          e.preventDefault()
          setDraft(null)
        }
      }}
    />
  )
}
