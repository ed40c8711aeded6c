import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RegistrySnapshot } from '../../shared/api'
import type { ArticleSummary } from '../../shared/model/article'
import type { Claim } from '../../shared/model/claim'
import type { Source } from '../../shared/model/source'
import type { TagWithCount } from '../../shared/model/tag'
import { call } from '../api'
import { useMutation } from '../app/useMutation'
import { ClaimEvidence } from '../evidence/ClaimEvidence'
import { TagPicker } from '../tags/TagPicker'
import { DraftActions } from '../ui/DraftActions'
import { saveOnCtrlEnter } from '../ui/keyboard'
import { ConfirmDialog } from '../ui/Modal'
import { useNotifications } from '../ui/Notifications'
import { AssessmentPanel } from './AssessmentPanel'
import type { StatusOption } from './Badges'
import { MentionsPanel } from './MentionsPanel'
import { QuantityEditor } from './QuantityEditor'
import { RelationsPanel } from './RelationsPanel'
import { SourcePicker } from './SourcePicker'

interface Fields {
  statement: string
  saidBy: string[]
  reportedBy: string[]
  madeOn: string
  tagIds: string[]
  notes: string
}
const FIELD_NAMES = ['statement', 'saidBy', 'reportedBy', 'madeOn', 'tagIds', 'notes'] as const

const same = (a: Fields[keyof Fields], b: Fields[keyof Fields]) =>
  Array.isArray(a) && Array.isArray(b)
    ? a.length === b.length && a.every((x, i) => x === b[i])
    : a === b

const SIMILAR_DELAY_MS = 400
const SIMILAR_MIN_LENGTH = 12

interface ClaimDetailProps {
  claim: Claim
  registry: RegistrySnapshot
  sourcesById: ReadonlyMap<string, Source>
  claimsById: ReadonlyMap<string, Claim>
  statuses: readonly StatusOption[]
  tags: TagWithCount[]
  tagsById: Map<string, TagWithCount>
  articlesById: ReadonlyMap<string, ArticleSummary>
  onOpenMention: (articleId: string, annotationId: string) => void
  onOpenEvidence: (itemId: string, segmentId: string | null) => void
  onSelectClaim: (claimId: string) => void
  onClose: () => void
}

/** Everything about one claim: wording, sources, figures, assessment, relations and mentions. */
export function ClaimDetail(props: ClaimDetailProps) {
  const { claim, registry, sourcesById, claimsById, statuses, tags, tagsById, articlesById } = props
  const { t, i18n } = useTranslation()
  const mutate = useMutation()
  const notify = useNotifications()
  const id = useId()
  const [draft, setDraft] = useState<Partial<Fields>>({})
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [deleting, setDeleting] = useState(false)
  const [similar, setSimilar] = useState<{
    query: string
    items: Array<{ claim: Claim; score: number }>
  } | null>(null)

  const saved: Fields = {
    statement: claim.statement,
    saidBy: claim.saidBy,
    reportedBy: claim.reportedBy,
    madeOn: claim.madeOn,
    tagIds: claim.tagIds,
    notes: claim.notes,
  }
  const shown: Fields = { ...saved, ...draft }
  const changes = Object.fromEntries(
    FIELD_NAMES.filter((k) => !same(shown[k], saved[k])).map((k) => [k, shown[k]]),
  ) as Partial<Fields>
  const dirty = Object.keys(changes).length > 0
  const set = <K extends keyof Fields>(key: K, value: Fields[K]) => {
    setDraft((d) => ({ ...d, [key]: value }))
    setError(null)
  }

  // "Similar claims" while the statement is being reworded, asked once typing pauses.
  const query =
    shown.statement.trim() !== claim.statement &&
    shown.statement.trim().length >= SIMILAR_MIN_LENGTH
      ? shown.statement.trim()
      : ''
  useEffect(() => {
    if (!query) return
    let live = true
    const timer = setTimeout(() => {
      void call('claims:similar', { statement: query, excludeId: claim.id }).then((r) => {
        if (!live) return
        if (r.ok) setSimilar({ query, items: r.value })
        else notify.error(r.error)
      })
    }, SIMILAR_DELAY_MS)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [query, claim.id, notify])
  const similarItems = query && similar ? similar.items : []
  const sameAs = new Set(
    registry.relations
      .filter(
        (r) => r.type === 'same-as' && (r.fromClaimId === claim.id || r.toClaimId === claim.id),
      )
      .flatMap((r) => [r.fromClaimId, r.toClaimId]),
  )

  const save = async () => {
    if (!dirty) return
    if (changes.statement !== undefined && !changes.statement.trim()) {
      setError(t('claims.statementRequired'))
      return
    }
    setBusy(true)
    const result = await mutate('claims:update', {
      id: claim.id,
      ...changes,
      ...(changes.statement !== undefined ? { statement: changes.statement.trim() } : {}),
    })
    setBusy(false)
    if (result.ok) setDraft({})
    else if (result.error.code === 'invalid-input') setError(result.error.message)
  }

  const remove = async () => {
    setDeleting(false)
    const removed = await mutate('claims:delete', { id: claim.id })
    if (removed.ok) {
      notify.info(t('claims.deleted'))
      props.onClose()
    }
  }

  const firstArticle = claim.mentions[0] ? articlesById.get(claim.mentions[0].articleId) : undefined
  const problems = registry.problems.filter((p) =>
    p.entities.some((e) => e.type === 'claim' && e.id === claim.id),
  )
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })

  return (
    <div className="claim-detail" aria-labelledby={`${id}-title`} role="region">
      <div className="claim-detail-head">
        <h2 id={`${id}-title`}>{t('claims.detailTitle')}</h2>
        <span className="muted small">
          {t('claims.createdUpdated', {
            created: when.format(new Date(claim.createdAt)),
            updated: when.format(new Date(claim.updatedAt)),
          })}
        </span>
        <button type="button" className="claim-detail-close" onClick={props.onClose}>
          {t('claims.closeDetail')}
        </button>
      </div>
      {problems.length > 0 && (
        <ul className="claim-problems" aria-label={t('claims.problems')}>
          {problems.map((p, i) => (
            <li key={i}>⚠ {p.message}</li>
          ))}
        </ul>
      )}
      <div className="claim-detail-grid">
        <div className="claim-detail-col">
          <form
            className="claim-section"
            aria-labelledby={`${id}-claim`}
            onSubmit={(e) => {
              e.preventDefault()
              void save()
            }}
            onKeyDown={saveOnCtrlEnter(save)}
          >
            <h3 id={`${id}-claim`}>{t('claims.claimSection')}</h3>
            <div className="field">
              <label htmlFor={`${id}-statement`}>{t('claims.statement')}</label>
              <textarea
                id={`${id}-statement`}
                rows={3}
                value={shown.statement}
                aria-invalid={error !== null && changes.statement !== undefined}
                aria-describedby={similarItems.length > 0 ? `${id}-similar` : undefined}
                onChange={(e) => set('statement', e.target.value)}
              />
            </div>
            {similarItems.length > 0 && (
              <div id={`${id}-similar`} className="similar-claims" role="status">
                <p className="small">{t('claims.similarHint', { count: similarItems.length })}</p>
                <ul>
                  {similarItems.map(({ claim: other, score }) => (
                    <li key={other.id}>
                      <span className="similar-statement">{other.statement}</span>{' '}
                      <span className="badge">
                        {t('claims.similarScore', { percent: Math.round(score * 100) })}
                      </span>
                      <span className="similar-actions">
                        <button type="button" onClick={() => props.onSelectClaim(other.id)}>
                          {t('claims.openSimilar')}
                        </button>
                        {!sameAs.has(other.id) && (
                          <button
                            type="button"
                            onClick={() =>
                              void mutate('relations:create', {
                                type: 'same-as',
                                fromClaimId: claim.id,
                                toClaimId: other.id,
                              })
                            }
                          >
                            {t('claims.markSame')}
                          </button>
                        )}
                      </span>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <SourcePicker
              label={t('claims.saidBy')}
              sources={registry.sources}
              sourcesById={sourcesById}
              selected={shown.saidBy}
              onChange={(ids) => set('saidBy', ids)}
            />
            <SourcePicker
              label={t('claims.reportedBy')}
              sources={registry.sources}
              sourcesById={sourcesById}
              selected={shown.reportedBy}
              onChange={(ids) => set('reportedBy', ids)}
            />
            <div className="field-grid">
              <div className="field">
                <label htmlFor={`${id}-made`}>{t('claims.madeOn')}</label>
                <input
                  id={`${id}-made`}
                  type="date"
                  value={shown.madeOn}
                  onChange={(e) => set('madeOn', e.target.value)}
                />
              </div>
            </div>
            <div className="field">
              <span>{t('claims.tags')}</span>
              <TagPicker
                tags={tags}
                byId={tagsById}
                selected={shown.tagIds}
                onChange={(ids) => set('tagIds', ids)}
                label={t('claims.tags')}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-notes`}>{t('claims.notes')}</label>
              <textarea
                id={`${id}-notes`}
                rows={3}
                value={shown.notes}
                placeholder={t('claims.notesPlaceholder')}
                onChange={(e) => set('notes', e.target.value)}
              />
            </div>
            {error && (
              <p className="form-error" role="alert">
                {error}
              </p>
            )}
            <DraftActions
              saveLabel={t('claims.saveClaim')}
              busy={busy}
              dirty={dirty}
              onRevert={() => {
                setDraft({})
                setError(null)
              }}
            />
          </form>
          <QuantityEditor
            claim={claim}
            statement={shown.statement}
            language={firstArticle?.language ?? ''}
          />
          <MentionsPanel
            claim={claim}
            articlesById={articlesById}
            onOpenMention={props.onOpenMention}
          />
        </div>
        <div className="claim-detail-col">
          <AssessmentPanel
            assessments={claim.assessments}
            statuses={statuses}
            onAssess={async (draft) =>
              (await mutate('claims:assess', { id: claim.id, ...draft })).ok
            }
          />
          <ClaimEvidence
            claimId={claim.id}
            evidence={registry.evidence}
            onOpenEvidence={props.onOpenEvidence}
          />
          <RelationsPanel
            claim={claim}
            claims={registry.claims}
            claimsById={claimsById}
            relations={registry.relations}
            onSelectClaim={props.onSelectClaim}
          />
          <section className="claim-section claim-danger" aria-labelledby={`${id}-delete`}>
            <h3 id={`${id}-delete`} className="visually-hidden">
              {t('claims.deleteClaim')}
            </h3>
            <button type="button" className="danger-outline" onClick={() => setDeleting(true)}>
              {t('claims.deleteClaim')}
            </button>
          </section>
        </div>
      </div>
      {deleting && (
        <ConfirmDialog
          title={t('claims.deleteClaim')}
          message={t('claims.confirmDelete', { statement: claim.statement })}
          confirmLabel={t('claims.deleteClaim')}
          cancelLabel={t('common.cancel')}
          onConfirm={() => void remove()}
          onCancel={() => setDeleting(false)}
        />
      )}
    </div>
  )
}
