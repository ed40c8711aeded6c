import { useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Claim, ClaimRelation } from '../../shared/model/claim'
import { useMutation } from '../app/useMutation'
import {
  foldText,
  RELATION_ROLES,
  type RelationRole,
  relationInput,
  relationsOf,
} from './claim-helpers'

/** Relations of a claim to others, grouped by how they read from this claim; add and remove. */
export function RelationsPanel({
  claim,
  claims,
  claimsById,
  relations,
  onSelectClaim,
}: {
  claim: Claim
  claims: readonly Claim[]
  claimsById: ReadonlyMap<string, Claim>
  relations: readonly ClaimRelation[]
  onSelectClaim: (claimId: string) => void
}) {
  const { t } = useTranslation()
  const mutate = useMutation()
  const id = useId()
  const related = useMemo(() => relationsOf(claim.id, relations), [claim.id, relations])
  const [role, setRole] = useState<RelationRole>('contradicts')
  const [query, setQuery] = useState('')
  const [otherId, setOtherId] = useState('')
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)

  const taken = new Set(related.filter((r) => r.role === role).map((r) => r.otherId))
  const candidates = useMemo(() => {
    const words = foldText(query).split(/\s+/).filter(Boolean)
    return claims.filter((c) => {
      if (c.id === claim.id) return false
      if (words.length === 0) return true
      const text = foldText(c.statement)
      return words.every((w) => text.includes(w))
    })
  }, [claims, claim.id, query])
  const options = candidates.filter((c) => !taken.has(c.id)).slice(0, 50)
  const chosen = options.some((c) => c.id === otherId) ? otherId : ''

  const add = async () => {
    if (!chosen) return
    setBusy(true)
    const created = await mutate('relations:create', {
      ...relationInput(claim.id, chosen, role),
      note: note.trim(),
    })
    setBusy(false)
    if (created.ok) {
      setOtherId('')
      setQuery('')
      setNote('')
    }
  }

  const statementOf = (claimId: string) =>
    claimsById.get(claimId)?.statement ?? t('claims.missingClaim')

  return (
    <section className="claim-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('claims.relations')}</h3>
      {related.length === 0 && <p className="muted small">{t('claims.noRelations')}</p>}
      {RELATION_ROLES.map((r) => {
        const items = related.filter((x) => x.role === r)
        if (items.length === 0) return null
        return (
          <div key={r} className={`relation-group relation-${r}`}>
            <h4 className="claim-subheading">
              <span aria-hidden="true">{t(`claims.relationIcon.${r}`)} </span>
              {t(`claims.relationRole.${r}`)}
            </h4>
            <ul className="relation-list">
              {items.map(({ relation, otherId: other }) => (
                <li key={relation.id}>
                  <button
                    type="button"
                    className="link-button relation-claim"
                    disabled={!claimsById.has(other)}
                    onClick={() => onSelectClaim(other)}
                  >
                    {statementOf(other)}
                  </button>
                  {relation.note && <span className="muted small"> — {relation.note}</span>}
                  <button
                    type="button"
                    className="icon-button relation-remove"
                    aria-label={t('claims.removeRelation', {
                      role: t(`claims.relationRole.${r}`),
                      statement: statementOf(other),
                    })}
                    title={t('claims.removeRelationShort')}
                    onClick={() => void mutate('relations:delete', { id: relation.id })}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )
      })}

      <details className="relation-add">
        <summary>{t('claims.addRelation')}</summary>
        {claims.length < 2 ? (
          <p className="muted small">{t('claims.noOtherClaims')}</p>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault()
              void add()
            }}
          >
            <div className="field">
              <label htmlFor={`${id}-role`}>{t('claims.relationThisClaim')}</label>
              <select
                id={`${id}-role`}
                value={role}
                onChange={(e) => setRole(e.target.value as RelationRole)}
              >
                {RELATION_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`claims.relationRole.${r}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-search`}>{t('claims.relationSearch')}</label>
              <input
                id={`${id}-search`}
                type="search"
                value={query}
                placeholder={t('claims.relationSearchPlaceholder')}
                onChange={(e) => setQuery(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-other`}>{t('claims.relationOther')}</label>
              <select
                id={`${id}-other`}
                size={Math.min(6, Math.max(2, options.length))}
                value={chosen}
                onChange={(e) => setOtherId(e.target.value)}
              >
                {options.map((c) => (
                  <option key={c.id} value={c.id} title={c.statement}>
                    {c.statement}
                  </option>
                ))}
              </select>
              {options.length === 0 && (
                <span className="muted small" role="status">
                  {t('claims.relationNoMatch')}
                </span>
              )}
            </div>
            <div className="field">
              <label htmlFor={`${id}-note`}>{t('claims.relationNote')}</label>
              <input
                id={`${id}-note`}
                value={note}
                placeholder={t('claims.relationNotePlaceholder')}
                onChange={(e) => setNote(e.target.value)}
              />
            </div>
            <div className="claim-actions">
              <button type="submit" className="primary" disabled={busy || !chosen}>
                {t('claims.addRelationButton')}
              </button>
            </div>
          </form>
        )}
      </details>
    </section>
  )
}
