import { useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Claim } from '../../shared/model/claim'
import {
  type ClaimLink,
  type EvidenceItem,
  STANCES,
  type Stance,
} from '../../shared/model/evidence'
import { useMutation } from '../app/useMutation'
import { foldText } from '../claims/claim-helpers'
import { claimsTouchedBy, formatTimecode, type LinkTarget, shorten } from './evidence-helpers'

/** "segment 0:01.000–0:04.500 “Convoy”", "region “Insignia”" or "whole item". */
export function useTargetLabel() {
  const { t } = useTranslation()
  return (target: LinkTarget) => {
    switch (target.type) {
      case 'item':
        return t('evidence.links.wholeItem')
      case 'segment':
        return t(
          target.segment.label ? 'evidence.links.segmentLabelled' : 'evidence.links.segment',
          {
            start: formatTimecode(target.segment.start),
            end: formatTimecode(target.segment.end),
            label: target.segment.label,
          },
        )
      case 'region':
        return target.region.label
          ? t('evidence.links.regionLabelled', { label: target.region.label })
          : t('evidence.links.region')
    }
  }
}

/**
 * Claims the item as a whole bears on, each with its stance (supports, contradicts, context),
 * and every claim the item, its segments or its regions touch.
 */
export function ClaimLinksPanel({
  item,
  claims,
  claimsById,
  onOpenClaim,
}: {
  item: EvidenceItem
  claims: readonly Claim[]
  claimsById: ReadonlyMap<string, Claim>
  onOpenClaim: (claimId: string) => void
}) {
  const { t } = useTranslation()
  const mutate = useMutation()
  const id = useId()
  const targetLabel = useTargetLabel()
  const [query, setQuery] = useState('')
  const [claimId, setClaimId] = useState('')
  const [stance, setStance] = useState<Stance>('supports')
  const [busy, setBusy] = useState(false)

  const linked = new Set(item.claimLinks.map((l) => l.claimId))
  const options = useMemo(() => {
    const words = foldText(query).split(/\s+/).filter(Boolean)
    return claims
      .filter((c) => {
        if (words.length === 0) return true
        const text = foldText(c.statement)
        return words.every((w) => text.includes(w))
      })
      .slice(0, 50)
  }, [claims, query])
  const available = options.filter((c) => !linked.has(c.id))
  const chosen = available.some((c) => c.id === claimId) ? claimId : ''
  const touched = claimsTouchedBy(item)

  const save = async (claimLinks: ClaimLink[]) => {
    setBusy(true)
    const saved = await mutate('evidence:update', { id: item.id, claimLinks })
    setBusy(false)
    return saved.ok
  }
  const add = async () => {
    if (!chosen) return
    if (await save([...item.claimLinks, { claimId: chosen, stance }])) {
      setClaimId('')
      setQuery('')
    }
  }
  const statementOf = (cid: string) => claimsById.get(cid)?.statement ?? t('claims.missingClaim')

  return (
    <section className="claim-section evidence-claims" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('evidence.links.title')}</h3>
      {item.claimLinks.length === 0 ? (
        <p className="muted small">{t('evidence.links.none')}</p>
      ) : (
        <ul className="evidence-links" aria-label={t('evidence.links.itemLinks')}>
          {item.claimLinks.map((link) => {
            const statement = statementOf(link.claimId)
            return (
              <li key={link.claimId} className={`evidence-link stance-${link.stance}`}>
                <button
                  type="button"
                  className="link-button evidence-link-claim"
                  disabled={!claimsById.has(link.claimId)}
                  onClick={() => onOpenClaim(link.claimId)}
                >
                  {statement}
                </button>
                <select
                  aria-label={t('evidence.links.stanceFor', { statement: shorten(statement, 60) })}
                  value={link.stance}
                  disabled={busy}
                  onChange={(e) =>
                    void save(
                      item.claimLinks.map((l) =>
                        l.claimId === link.claimId ? { ...l, stance: e.target.value as Stance } : l,
                      ),
                    )
                  }
                >
                  {STANCES.map((s) => (
                    <option key={s} value={s}>
                      {t(`evidence.stance.${s}`)}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="icon-button"
                  disabled={busy}
                  aria-label={t('evidence.links.unlink', { statement: shorten(statement, 60) })}
                  title={t('evidence.links.unlink', { statement: shorten(statement, 60) })}
                  onClick={() =>
                    void save(item.claimLinks.filter((l) => l.claimId !== link.claimId))
                  }
                >
                  ×
                </button>
              </li>
            )
          })}
        </ul>
      )}

      <form
        className="evidence-link-add"
        aria-label={t('evidence.links.addTitle')}
        onSubmit={(e) => {
          e.preventDefault()
          void add()
        }}
      >
        <h4 className="claim-subheading">{t('evidence.links.addTitle')}</h4>
        {claims.length === 0 ? (
          <p className="muted small">{t('evidence.links.noClaims')}</p>
        ) : (
          <>
            <div className="field">
              <label htmlFor={`${id}-find`}>{t('evidence.links.find')}</label>
              <input
                id={`${id}-find`}
                type="search"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
              />
            </div>
            <div className="evidence-link-add-row">
              <div className="field">
                <label htmlFor={`${id}-claim`}>{t('evidence.links.claim')}</label>
                <select
                  id={`${id}-claim`}
                  value={chosen}
                  onChange={(e) => setClaimId(e.target.value)}
                >
                  <option value="">
                    {available.length === 0
                      ? t('evidence.links.noMatch')
                      : t('evidence.links.chooseClaim')}
                  </option>
                  {available.map((c) => (
                    <option key={c.id} value={c.id}>
                      {shorten(c.statement, 90)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-stance`}>{t('evidence.links.stance')}</label>
                <select
                  id={`${id}-stance`}
                  value={stance}
                  onChange={(e) => setStance(e.target.value as Stance)}
                >
                  {STANCES.map((s) => (
                    <option key={s} value={s}>
                      {t(`evidence.stance.${s}`)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <div className="claim-actions">
              <button type="submit" disabled={busy || !chosen}>
                {t('evidence.links.link')}
              </button>
            </div>
          </>
        )}
      </form>

      <h4 className="claim-subheading" id={`${id}-all`}>
        {t('evidence.links.allTitle')}
      </h4>
      {touched.length === 0 ? (
        <p className="muted small">{t('evidence.links.noneAll')}</p>
      ) : (
        <ul className="evidence-touched" aria-labelledby={`${id}-all`}>
          {touched.map(({ claimId: cid, links }) => (
            <li key={cid}>
              <button
                type="button"
                className="link-button"
                disabled={!claimsById.has(cid)}
                onClick={() => onOpenClaim(cid)}
              >
                {statementOf(cid)}
              </button>
              <ul className="evidence-touched-how">
                {links.map((l, i) => (
                  <li key={i} className={`stance-chip stance-${l.stance}`}>
                    {t(`evidence.stance.${l.stance}`)}: {targetLabel(l.target)}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
