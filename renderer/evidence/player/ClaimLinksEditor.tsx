import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Claim } from '../../../shared/model/claim'
import { type ClaimLink, STANCES, type Stance } from '../../../shared/model/evidence'

interface ClaimLinksEditorProps {
  links: ClaimLink[]
  claims: Claim[]
  /** What the links belong to, for labels: "Segment Arrival" or "Region Vehicle". */
  ownerName: string
  /** Saves the whole new list; resolves to false if it was not saved. */
  onChange(links: ClaimLink[]): Promise<boolean>
  onOpenClaim(id: string): void
}

const SHORT_STATEMENT = 90

export function shortStatement(statement: string): string {
  return statement.length > SHORT_STATEMENT
    ? `${statement.slice(0, SHORT_STATEMENT - 1).trimEnd()}…`
    : statement
}

/** The claims a segment or region bears on, each with its stance; add and remove links. */
export function ClaimLinksEditor(props: ClaimLinksEditorProps) {
  const { links, claims } = props
  const { t } = useTranslation()
  const id = useId()
  const [claimId, setClaimId] = useState('')
  const [stance, setStance] = useState<Stance>('supports')
  const [busy, setBusy] = useState(false)
  const byId = new Map(claims.map((c) => [c.id, c]))
  const linked = new Set(links.map((l) => l.claimId))
  const available = claims.filter((c) => !linked.has(c.id))
  const chosen = available.some((c) => c.id === claimId) ? claimId : ''

  const save = async (next: ClaimLink[]) => {
    setBusy(true)
    const saved = await props.onChange(next)
    setBusy(false)
    return saved
  }
  const add = async () => {
    if (!chosen) return
    if (await save([...links, { claimId: chosen, stance }])) setClaimId('')
  }

  return (
    <div className="claim-links" role="group" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('player.links.title')}</h4>
      {links.length === 0 ? (
        <p className="muted small">{t('player.links.none')}</p>
      ) : (
        <ul className="claim-link-list">
          {links.map((link) => {
            const claim = byId.get(link.claimId)
            const statement = claim ? shortStatement(claim.statement) : t('player.links.missing')
            return (
              <li key={link.claimId}>
                <span className={`stance-badge stance-${link.stance}`}>
                  {t(`player.stance.${link.stance}`)}
                </span>
                {claim ? (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => props.onOpenClaim(link.claimId)}
                    title={claim.statement}
                  >
                    {claim.statement}
                  </button>
                ) : (
                  <span className="muted">{statement}</span>
                )}
                <button
                  type="button"
                  className="icon-button"
                  disabled={busy}
                  aria-label={t('player.links.remove', { claim: statement })}
                  onClick={() => void save(links.filter((l) => l.claimId !== link.claimId))}
                >
                  ×
                </button>
              </li>
            )
          })}
        </ul>
      )}
      {claims.length === 0 ? (
        <p className="muted small">{t('player.links.noClaims')}</p>
      ) : available.length === 0 ? (
        <p className="muted small">{t('player.links.allLinked')}</p>
      ) : (
        <form
          className="claim-link-add"
          onSubmit={(e) => {
            e.preventDefault()
            void add()
          }}
        >
          <select
            aria-label={t('player.links.claim', { owner: props.ownerName })}
            value={chosen}
            onChange={(e) => setClaimId(e.target.value)}
          >
            <option value="">{t('player.links.choose')}</option>
            {available.map((c) => (
              <option key={c.id} value={c.id}>
                {shortStatement(c.statement)}
              </option>
            ))}
          </select>
          <select
            aria-label={t('player.links.stance')}
            value={stance}
            onChange={(e) => setStance(e.target.value as Stance)}
          >
            {STANCES.map((s) => (
              <option key={s} value={s}>
                {t(`player.stance.${s}`)}
              </option>
            ))}
          </select>
          <button type="submit" disabled={!chosen || busy}>
            {t('player.links.add')}
          </button>
        </form>
      )}
    </div>
  )
}
