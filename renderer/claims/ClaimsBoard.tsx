import { Fragment, useEffect, useId, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Claim } from '../../shared/model/claim'
import { formatQuantity } from '../../shared/quantities'
import { useMutation } from '../app/useMutation'
import { tagPath, useTags } from '../tags/useTags'
import { saveOnCtrlEnter } from '../ui/keyboard'
import { Modal } from '../ui/Modal'
import { GradeMark, SourceRef, StatusPill } from './Badges'
import { ClaimDetail } from './ClaimDetail'
import { ClaimFilters } from './ClaimFilters'
import { StatusesDialog } from './StatusesDialog'
import {
  bestReliability,
  type ClaimFilter,
  type ClaimSort,
  EMPTY_FILTER,
  isFiltered,
  latestAssessment,
  matchesFilter,
  relationCounts,
  type SortKey,
  sortClaims,
  toQuantity,
} from './claim-helpers'
import { allStatuses, useRegistry } from './useRegistry'
import { useArticles } from './useArticles'
import './claims.css'

const COLUMNS: Array<{ key: SortKey | 'code'; className: string }> = [
  { key: 'statement', className: 'col-statement' },
  { key: 'figure', className: 'col-figure' },
  { key: 'date', className: 'col-date' },
  { key: 'status', className: 'col-status' },
  { key: 'credibility', className: 'col-credibility' },
  { key: 'code', className: 'col-code' },
  { key: 'mentions', className: 'col-mentions' },
]

/** Scrolls the nearest scrolling ancestor (only that one) so `element` sits at its top. */
function scrollToTop(element: HTMLElement) {
  for (let box = element.parentElement; box; box = box.parentElement) {
    const overflow = getComputedStyle(box).overflowY
    if ((overflow === 'auto' || overflow === 'scroll') && box.scrollHeight > box.clientHeight) {
      const offset = element.getBoundingClientRect().top - box.getBoundingClientRect().top
      box.scrollBy({ top: offset - 8, behavior: 'smooth' })
      return
    }
  }
}

/** What is claimed, by whom, and how credible it is: every claim, filtered, sorted, editable. */
export function ClaimsBoard({
  onOpenMention,
  onOpenEvidence,
  focusClaimId,
}: {
  onOpenMention: (articleId: string, annotationId: string) => void
  onOpenEvidence: (itemId: string, segmentId: string | null) => void
  /** A claim to open (from the comparison view, a source page or the reader). */
  focusClaimId: string | null
}) {
  const { t, i18n } = useTranslation()
  const locale = i18n.language === 'de' ? 'de' : 'en'
  const baseId = useId()
  const { registry, sourcesById, claimsById } = useRegistry()
  const { tags, byId: tagsById } = useTags()
  const { articles, articlesById } = useArticles()
  const [filter, setFilter] = useState<ClaimFilter>(EMPTY_FILTER)
  const [sort, setSort] = useState<ClaimSort>({ key: 'date', direction: 'descending' })
  const [selectedId, setSelectedId] = useState<string | null>(focusClaimId)
  const [seenFocus, setSeenFocus] = useState(focusClaimId)
  const [managing, setManaging] = useState(false)
  const [creating, setCreating] = useState(false)
  // Each request to bring a claim into view gets a new number, so asking twice scrolls twice.
  const [scrollTo, setScrollTo] = useState<{ id: string; n: number } | null>(
    focusClaimId ? { id: focusClaimId, n: 1 } : null,
  )
  const scrolled = useRef(0)
  const rowRefs = useRef(new Map<string, HTMLTableRowElement>())

  // A new focus from outside selects that claim (adjusting state while rendering, not in an effect).
  if (focusClaimId !== seenFocus) {
    setSeenFocus(focusClaimId)
    if (focusClaimId) {
      setSelectedId(focusClaimId)
      setScrollTo({ id: focusClaimId, n: (scrollTo?.n ?? 0) + 1 })
    }
  }

  const statuses = useMemo(() => allStatuses(registry), [registry])
  const statusOrder = useMemo(() => statuses.map((s) => s.id), [statuses])
  const claims = useMemo(() => registry?.claims ?? [], [registry])
  const visible = useMemo(() => {
    const collator = new Intl.Collator(i18n.language, { sensitivity: 'base', numeric: true })
    return sortClaims(
      claims.filter((c) => matchesFilter(c, filter, sourcesById)),
      sort,
      statusOrder,
      collator,
    )
  }, [claims, filter, sourcesById, sort, statusOrder, i18n.language])
  const selected = selectedId ? (claimsById.get(selectedId) ?? null) : null
  const selectedHidden = selected !== null && !visible.includes(selected)
  const filtered = isFiltered(filter)

  // Bring a claim opened from elsewhere (or through a relation) into view once its row exists.
  useEffect(() => {
    if (!scrollTo || scrolled.current === scrollTo.n) return
    const row = rowRefs.current.get(scrollTo.id)
    if (!row) return
    scrolled.current = scrollTo.n
    scrollToTop(row)
  }, [scrollTo, visible])

  const select = (claimId: string | null, scroll = false) => {
    setSelectedId(claimId)
    if (scroll && claimId) setScrollTo({ id: claimId, n: (scrollTo?.n ?? 0) + 1 })
  }

  const dateFormat = useMemo(
    () => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' }),
    [i18n.language],
  )
  const formatDate = (iso: string) => (iso ? dateFormat.format(new Date(`${iso}T00:00:00Z`)) : '')

  const sortHeader = (key: SortKey) => {
    const active = sort.key === key
    return (
      <button
        type="button"
        className="sort-button"
        onClick={() =>
          setSort({
            key,
            direction:
              active && sort.direction === 'ascending'
                ? 'descending'
                : active
                  ? 'ascending'
                  : key === 'date' || key === 'mentions' || key === 'figure'
                    ? 'descending'
                    : 'ascending',
          })
        }
      >
        {t(`claims.column.${key}`)}
        <span className="sort-indicator" aria-hidden="true">
          {active ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    )
  }

  const row = (claim: Claim) => {
    const assessment = latestAssessment(claim)
    const isSelected = claim.id === selectedId
    const detailId = `${baseId}-detail-${claim.id}`
    const relations = relationCounts(claim.id, registry?.relations ?? [])
    return (
      <Fragment key={claim.id}>
        <tr
          ref={(el) => {
            if (el) rowRefs.current.set(claim.id, el)
            else rowRefs.current.delete(claim.id)
          }}
          className={isSelected ? 'claim-row selected' : 'claim-row'}
          onClick={(e) => {
            // Clicks on the row's own controls do their own thing.
            if ((e.target as HTMLElement).closest('button, a, input, select')) return
            select(isSelected ? null : claim.id)
          }}
        >
          <td className="col-statement">
            <button
              type="button"
              className="claim-statement"
              aria-expanded={isSelected}
              aria-controls={isSelected ? detailId : undefined}
              onClick={() => select(isSelected ? null : claim.id)}
            >
              {claim.statement}
            </button>
            <div className="claim-meta">
              {claim.saidBy.length > 0 ? (
                <span className="claim-meta-item">
                  <span className="claim-meta-label">{t('claims.saidByShort')}</span>
                  {claim.saidBy.map((id) => (
                    <SourceRef key={id} source={sourcesById.get(id)} />
                  ))}
                </span>
              ) : (
                <span className="claim-meta-item muted">{t('claims.noSaidBy')}</span>
              )}
              {claim.reportedBy.length > 0 && (
                <span className="claim-meta-item">
                  <span className="claim-meta-label">{t('claims.reportedByShort')}</span>
                  {claim.reportedBy.map((id) => (
                    <SourceRef key={id} source={sourcesById.get(id)} />
                  ))}
                </span>
              )}
              {relations.map(({ role, count }) => (
                <span key={role} className={`relation-marker relation-${role}`}>
                  <span aria-hidden="true">{t(`claims.relationIcon.${role}`)} </span>
                  {t(`claims.relationCount.${role}`, { count })}
                </span>
              ))}
            </div>
            {claim.tagIds.length > 0 && (
              <div className="annotation-tags claim-tags">
                {claim.tagIds.map((id) => {
                  const tag = tagsById.get(id)
                  return (
                    <span key={id} className="tag-chip small" style={{ borderColor: tag?.color }}>
                      <span
                        className="tag-dot"
                        style={{ background: tag?.color }}
                        aria-hidden="true"
                      />
                      {tag ? tagPath(tag, tagsById) : t('claims.deletedTag')}
                    </span>
                  )
                })}
              </div>
            )}
          </td>
          <td className="col-figure">
            {claim.quantities.length === 0 ? (
              <span className="muted" aria-label={t('claims.noFigure')}>
                –
              </span>
            ) : (
              <ul className="claim-figures">
                {claim.quantities.map((q, i) => (
                  <li key={i} title={formatQuantity(toQuantity(q), locale, 'words')}>
                    {formatQuantity(toQuantity(q), locale, 'symbols')}
                  </li>
                ))}
              </ul>
            )}
          </td>
          <td className="col-date">
            {claim.madeOn ? (
              <time dateTime={claim.madeOn}>{formatDate(claim.madeOn)}</time>
            ) : (
              <span className="muted" aria-label={t('claims.undated')}>
                –
              </span>
            )}
          </td>
          <td className="col-status">
            <StatusPill status={assessment.status} statuses={statuses} />
          </td>
          <td className="col-credibility">
            <GradeMark credibility={assessment.credibility} />
          </td>
          <td className="col-code">
            <GradeMark
              reliability={bestReliability(claim, sourcesById)}
              credibility={assessment.credibility}
            />
          </td>
          <td className="col-mentions">{claim.mentions.length}</td>
        </tr>
        {isSelected && registry && (
          <tr className="claim-detail-row" id={detailId}>
            <td colSpan={COLUMNS.length}>
              <ClaimDetail
                key={claim.id}
                claim={claim}
                registry={registry}
                sourcesById={sourcesById}
                claimsById={claimsById}
                statuses={statuses}
                tags={tags}
                tagsById={tagsById}
                articlesById={articlesById}
                onOpenMention={onOpenMention}
                onOpenEvidence={onOpenEvidence}
                onSelectClaim={(id) => select(id, true)}
                onClose={() => select(null)}
              />
            </td>
          </tr>
        )}
      </Fragment>
    )
  }

  return (
    <section className="claims-board" aria-labelledby={`${baseId}-title`}>
      <header className="claims-header">
        <h1 id={`${baseId}-title`}>{t('claims.title')}</h1>
        <p className="muted claims-count" role="status">
          {registry === null
            ? t('claims.loading')
            : filtered
              ? t('claims.countFiltered', { shown: visible.length, count: claims.length })
              : t('claims.count', { count: claims.length })}
        </p>
        <span className="spacer" />
        <button type="button" onClick={() => setManaging(true)} disabled={!registry}>
          {t('claims.manageStatuses')}
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => setCreating(true)}
          disabled={!registry}
        >
          {t('claims.newClaim')}
        </button>
      </header>

      {registry && claims.length > 0 && (
        <ClaimFilters
          filter={filter}
          onChange={setFilter}
          statuses={statuses}
          sources={registry.sources}
          tags={tags}
          tagsById={tagsById}
          articles={articles}
        />
      )}

      {registry && claims.length === 0 && (
        <div className="claims-empty">
          <h2>{t('claims.emptyTitle')}</h2>
          <p>{t('claims.emptyHow')}</p>
          <p className="muted">{t('claims.emptyWhat')}</p>
          <button type="button" onClick={() => setCreating(true)}>
            {t('claims.newClaim')}
          </button>
        </div>
      )}
      {registry && claims.length > 0 && visible.length === 0 && (
        <div className="claims-empty">
          <h2>{t('claims.noMatch')}</h2>
          <p className="muted">{t('claims.noMatchHint')}</p>
          <button type="button" onClick={() => setFilter(EMPTY_FILTER)}>
            {t('claims.clearFilters')}
          </button>
        </div>
      )}
      {selectedHidden && (
        <p className="claims-hidden-note" role="status">
          {t('claims.selectedHidden')}{' '}
          <button type="button" onClick={() => setFilter(EMPTY_FILTER)}>
            {t('claims.clearFilters')}
          </button>
        </p>
      )}

      {visible.length > 0 && (
        <table className="claims-table">
          <caption className="visually-hidden">{t('claims.tableCaption')}</caption>
          <thead>
            <tr>
              {COLUMNS.map(({ key, className }) =>
                key === 'code' ? (
                  <th key={key} scope="col" className={className} title={t('claims.codeRule')}>
                    {t('claims.column.code')}
                  </th>
                ) : (
                  <th
                    key={key}
                    scope="col"
                    className={className}
                    aria-sort={sort.key === key ? sort.direction : 'none'}
                  >
                    {sortHeader(key)}
                  </th>
                ),
              )}
            </tr>
          </thead>
          <tbody>{visible.map(row)}</tbody>
        </table>
      )}
      {visible.length > 0 && <p className="small muted claims-code-rule">{t('claims.codeRule')}</p>}

      {managing && registry && (
        <StatusesDialog
          registry={registry}
          statuses={statuses}
          onClose={() => setManaging(false)}
        />
      )}
      {creating && (
        <NewClaimDialog
          onClose={() => setCreating(false)}
          onCreated={(claim) => {
            setCreating(false)
            setFilter(EMPTY_FILTER)
            select(claim.id, true)
          }}
        />
      )}
    </section>
  )
}

/** Writes a claim in the researcher's words without a selection in an article. */
function NewClaimDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void
  onCreated: (claim: Claim) => void
}) {
  const { t } = useTranslation()
  const mutate = useMutation()
  const id = useId()
  const [statement, setStatement] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const create = async () => {
    if (!statement.trim()) {
      setError(t('claims.statementRequired'))
      return
    }
    setBusy(true)
    const created = await mutate('claims:create', { statement: statement.trim() })
    setBusy(false)
    if (created.ok) onCreated(created.value)
    else if (created.error.code === 'invalid-input') setError(created.error.message)
  }
  return (
    <Modal title={t('claims.newClaim')} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void create()
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-statement`}>{t('claims.statement')}</label>
          <textarea
            id={`${id}-statement`}
            rows={3}
            autoFocus
            value={statement}
            aria-invalid={error !== null}
            aria-describedby={`${id}-hint`}
            placeholder={t('claims.statementPlaceholder')}
            onChange={(e) => {
              setStatement(e.target.value)
              setError(null)
            }}
            onKeyDown={saveOnCtrlEnter(create)}
          />
          <span id={`${id}-hint`} className="muted small">
            {t('claims.newClaimHint')}
          </span>
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {t('claims.createClaim')}
          </button>
        </div>
      </form>
    </Modal>
  )
}
