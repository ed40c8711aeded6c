import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { Claim } from '../../../shared/model/claim'
import type { EvidenceItem, Region } from '../../../shared/model/evidence'
import { useMutation } from '../../app/useMutation'
import { PartEditor } from '../player/PartEditor'
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
  const name = region.label || t('player.region.untitled')
  const px = natural ? toPixels(region, natural) : null

  return (
    <section className="region-panel" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('player.region.panelTitle', { label: name })}</h4>
      {px && (
        <p className="muted small">
          {t('player.region.extent', { width: px.width, height: px.height, x: px.x, y: px.y })}
        </p>
      )}
      <PartEditor
        kind="region"
        part={region}
        name={name}
        claims={claims}
        update={(changes) =>
          mutate('evidence:updateRegion', { itemId: item.id, id: region.id, ...changes })
        }
        onOpenClaim={props.onOpenClaim}
        onDeleteRequest={() => props.onDeleteRequest(region)}
      />
    </section>
  )
}
