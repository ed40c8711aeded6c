import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Claim } from '../../../shared/model/claim'
import type { EvidenceItem, Region } from '../../../shared/model/evidence'
import { useMutation } from '../../app/useMutation'
import { ClaimLinksEditor } from '../player/ClaimLinksEditor'
import { toPixels } from './region-geometry'

interface RegionPanelProps {
  item: EvidenceItem
  region: Region
  claims: Claim[]
  /** The image's own size, once it has loaded. */
  natural: { width: number; height: number } | null
  onOpenClaim(id: string): void
  onDeleteRequest(region: Region): void
}

/** One region's label, note and claim links. */
export function RegionPanel({ item, region, claims, natural, ...props }: RegionPanelProps) {
  const { t } = useTranslation()
  const mutate = useMutation()
  const id = useId()
  const [draft, setDraft] = useState<{ label?: string; note?: string }>({})
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const label = draft.label ?? region.label
  const note = draft.note ?? region.note
  const dirty = label !== region.label || note !== region.note
  const name = region.label || t('player.region.untitled')
  const px = natural ? toPixels(region, natural) : null

  const save = async () => {
    if (!dirty) return
    setBusy(true)
    const result = await mutate('evidence:updateRegion', {
      itemId: item.id,
      id: region.id,
      ...(label !== region.label ? { label: label.trim() } : {}),
      ...(note !== region.note ? { note } : {}),
    })
    setBusy(false)
    if (result.ok) setDraft({})
    else setError(result.error.message)
  }

  return (
    <section className="region-panel" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('player.region.panelTitle', { label: name })}</h4>
      {px && (
        <p className="muted small">
          {t('player.region.extent', { width: px.width, height: px.height, x: px.x, y: px.y })}
        </p>
      )}
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
          <label htmlFor={`${id}-label`}>{t('player.region.label')}</label>
          <input
            id={`${id}-label`}
            value={label}
            maxLength={300}
            onChange={(e) => setDraft((d) => ({ ...d, label: e.target.value }))}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-note`}>{t('player.region.note')}</label>
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
            {t('player.region.save')}
          </button>
          {dirty && (
            <button type="button" onClick={() => setDraft({})}>
              {t('player.segment.discard')}
            </button>
          )}
          <span className="spacer" />
          <button
            type="button"
            className="danger-outline"
            onClick={() => props.onDeleteRequest(region)}
          >
            {t('player.region.delete')}
          </button>
        </div>
      </form>
      <ClaimLinksEditor
        links={region.claimLinks}
        claims={claims}
        ownerName={name}
        onOpenClaim={props.onOpenClaim}
        onChange={async (claimLinks) => {
          const result = await mutate('evidence:updateRegion', {
            itemId: item.id,
            id: region.id,
            claimLinks,
          })
          return result.ok
        }}
      />
    </section>
  )
}
