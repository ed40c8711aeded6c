import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Claim } from '../../shared/model/claim'
import type { EvidenceItem, FileCheck, Region } from '../../shared/model/evidence'
import { evidenceUrl } from '../../shared/media-urls'
import { call } from '../api'
import { useMutation } from '../app/useMutation'
import { ConfirmDialog } from '../ui/Modal'
import { LabelNoteFields } from './player/PartEditor'
import { type FractionRect, roundRect, toPixels } from './regions/region-geometry'
import { RegionCanvas } from './regions/RegionCanvas'
import { RegionPanel } from './regions/RegionPanel'
import './player/player.css'
import './regions/regions.css'

export interface ImageWorkbenchProps {
  item: EvidenceItem
  claims: Claim[]
  onOpenClaim(id: string): void
}

/** The image with its marked regions: draw, label, link to claims. */
export function ImageWorkbench(props: ImageWorkbenchProps) {
  return <Workbench key={props.item.id} {...props} />
}

function Workbench({ item, claims, onOpenClaim }: ImageWorkbenchProps) {
  const { t } = useTranslation()
  const mutate = useMutation()
  const id = useId()
  const fileName = item.file.originalName
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [pending, setPending] = useState<FractionRect | null>(null)
  const [draft, setDraft] = useState({ label: '', note: '' })
  const [pendingError, setPendingError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [deleting, setDeleting] = useState<Region | null>(null)
  const [natural, setNatural] = useState<{ width: number; height: number } | null>(null)
  const [failed, setFailed] = useState(false)
  const [fileCheck, setFileCheck] = useState<FileCheck | null>(null)
  const selected = item.regions.find((r) => r.id === selectedId) ?? null

  useEffect(() => {
    if (!failed) return
    let live = true
    void call('evidence:checks', {}).then((r) => {
      if (live && r.ok) setFileCheck(r.value.find((c) => c.itemId === item.id) ?? null)
    })
    return () => {
      live = false
    }
  }, [failed, item.id])

  const cancelPending = () => {
    setPending(null)
    setDraft({ label: '', note: '' })
    setPendingError(null)
  }
  const savePending = async () => {
    if (!pending || saving) return
    setSaving(true)
    const result = await mutate('evidence:addRegion', {
      itemId: item.id,
      ...roundRect(pending),
      label: draft.label.trim(),
      note: draft.note,
      claimLinks: [],
    })
    setSaving(false)
    if (!result.ok) {
      setPendingError(result.error.message)
      return
    }
    cancelPending()
    setSelectedId(result.value.id)
  }
  const remove = async (region: Region) => {
    setDeleting(null)
    const result = await mutate('evidence:deleteRegion', { itemId: item.id, id: region.id })
    if (result.ok && region.id === selectedId) setSelectedId(null)
  }

  const errorText = !failed
    ? null
    : fileCheck?.state === 'missing'
      ? t('player.imageError.missing', { file: fileName })
      : fileCheck?.state === 'changed'
        ? t('player.imageError.changed', { file: fileName })
        : t('player.imageError.undecodable', { file: fileName })
  const pendingPx = pending && natural ? toPixels(pending, natural) : null

  return (
    <div className="image-workbench">
      <div className="image-stage">
        {errorText ? (
          <div className="player-error image-error" role="alert">
            <strong>{t('player.imageError.title')}</strong>
            <p>{errorText}</p>
          </div>
        ) : (
          <RegionCanvas
            src={evidenceUrl(window.claimdesk.mediaBaseUrl, item.id, item.file.sha256)}
            alt={item.title}
            regions={item.regions}
            selectedId={selectedId}
            pending={pending}
            onSelect={(region) => {
              setSelectedId(region.id)
            }}
            onDraw={(rect) => {
              setPending(rect)
              setPendingError(null)
            }}
            onDeleteRequest={setDeleting}
            onError={() => setFailed(true)}
            onLoad={setNatural}
            natural={natural}
          />
        )}
        <p className="player-help small muted">{t('player.region.help')}</p>
      </div>
      <aside className="image-side" aria-labelledby={`${id}-title`}>
        {pending && (
          <form
            className="pending-region"
            aria-labelledby={`${id}-pending`}
            onSubmit={(e) => {
              e.preventDefault()
              void savePending()
            }}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault()
                e.stopPropagation()
                cancelPending()
              }
            }}
          >
            <h4 id={`${id}-pending`}>{t('player.region.newTitle')}</h4>
            {pendingPx && (
              <p className="muted small">
                {t('player.region.extent', {
                  width: pendingPx.width,
                  height: pendingPx.height,
                  x: pendingPx.x,
                  y: pendingPx.y,
                })}
              </p>
            )}
            <LabelNoteFields
              kind="region"
              id={id}
              label={draft.label}
              note={draft.note}
              labelPlaceholder={t('player.region.labelPlaceholder')}
              autoFocus
              onChange={(change) => setDraft((d) => ({ ...d, ...change }))}
            />
            {pendingError && (
              <p className="form-error" role="alert">
                {pendingError}
              </p>
            )}
            <div className="segment-editor-actions">
              <button type="submit" className="primary" disabled={saving}>
                {t('player.region.saveNew')}
              </button>
              <button type="button" onClick={cancelPending}>
                {t('common.cancel')}
              </button>
            </div>
          </form>
        )}
        <h3 id={`${id}-title`}>
          {t('player.region.listTitle')} <span className="badge">{item.regions.length}</span>
        </h3>
        {item.regions.length === 0 ? (
          <p className="empty small">{t('player.region.empty')}</p>
        ) : (
          <ul className="region-list">
            {item.regions.map((region) => (
              <li key={region.id}>
                <button
                  type="button"
                  className={region.id === selectedId ? 'region-item selected' : 'region-item'}
                  aria-current={region.id === selectedId ? 'true' : undefined}
                  onClick={() => setSelectedId(region.id)}
                >
                  {region.label || t('player.region.untitled')}
                  {region.claimLinks.length > 0 && (
                    <span className="badge">
                      {t('player.region.linkCount', { count: region.claimLinks.length })}
                    </span>
                  )}
                </button>
              </li>
            ))}
          </ul>
        )}
        {selected && (
          <RegionPanel
            key={selected.id}
            item={item}
            region={selected}
            claims={claims}
            natural={natural}
            onOpenClaim={onOpenClaim}
            onDeleteRequest={setDeleting}
          />
        )}
      </aside>
      {deleting && (
        <ConfirmDialog
          title={t('player.region.deleteTitle')}
          message={t('player.region.deleteMessage', {
            label: deleting.label || t('player.region.untitled'),
          })}
          confirmLabel={t('player.region.delete')}
          cancelLabel={t('common.cancel')}
          onConfirm={() => void remove(deleting)}
          onCancel={() => setDeleting(null)}
        />
      )}
    </div>
  )
}
