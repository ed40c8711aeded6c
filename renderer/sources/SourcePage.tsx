import { useEffect, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RegistrySnapshot } from '../../shared/api'
import type { Annotation } from '../../shared/model/annotation'
import { BUILTIN_STATUSES, type Claim } from '../../shared/model/claim'
import type { MentionRef, Source } from '../../shared/model/source'
import { call } from '../api'
import { useMutation } from '../app/useMutation'
import { useProjectVersion } from '../app/useProjectEvents'
import { currentAssessment } from '../claims/useRegistry'
import { useNotifications } from '../ui/Notifications'
import { GradeBadge } from './GradeBadge'
import { roleLine, type SourceUsage } from './parts'

const RELOAD_ON = ['annotations', 'articles', 'opened', 'restored'] as const

interface MentionDetails {
  key: string
  /** Article id → title, for every article in the project. */
  titles: Map<string, string>
  /** "articleId/annotationId" → annotation, for the articles this source is mentioned in. */
  annotations: Map<string, Annotation>
}

const mentionKey = (m: MentionRef) => `${m.articleId}/${m.annotationId}`

/** Titles and quotes of a source's mentions, loaded per article and kept current. */
function useMentionDetails(mentions: readonly MentionRef[]): MentionDetails | null {
  const notify = useNotifications()
  const version = useProjectVersion(RELOAD_ON)
  const key = [...new Set(mentions.map((m) => m.articleId))].sort().join(',')
  const [loaded, setLoaded] = useState<MentionDetails | null>(null)

  useEffect(() => {
    if (!key) return
    let live = true
    void (async () => {
      const articles = await call('articles:list', {})
      if (!live) return
      if (!articles.ok) return notify.error(articles.error)
      const titles = new Map(articles.value.map((a) => [a.id, a.title]))
      const present = key.split(',').filter((id) => titles.has(id))
      const lists = await Promise.all(
        present.map((articleId) => call('annotations:list', { articleId })),
      )
      if (!live) return
      const annotations = new Map<string, Annotation>()
      for (const list of lists) {
        if (!list.ok) notify.error(list.error)
        else
          for (const item of list.value)
            annotations.set(`${item.articleId}/${item.annotation.id}`, item.annotation)
      }
      setLoaded({ key, titles, annotations })
    })()
    return () => {
      live = false
    }
  }, [key, version, notify])

  if (!key) return { key, titles: new Map(), annotations: new Map() }
  return loaded && loaded.key === key ? loaded : null
}

/** A claim's status as the user reads it: built-in statuses translated, the project's own by label. */
function StatusChip({ status, registry }: { status: string; registry: RegistrySnapshot }) {
  const { t } = useTranslation()
  const custom = registry.statuses.find((s) => s.id === status)
  const builtin = (BUILTIN_STATUSES as readonly string[]).includes(status)
  const label = custom ? custom.label : builtin ? t(`sources.statuses.${status}`) : status
  return (
    <span className={`source-status status-${builtin ? status : 'custom'}`}>
      {custom && (
        <span className="tag-dot" style={{ background: custom.color }} aria-hidden="true" />
      )}
      {label}
    </span>
  )
}

function ClaimList({
  claims,
  registry,
  empty,
  label,
  onOpenClaim,
}: {
  claims: Claim[]
  registry: RegistrySnapshot
  empty: string
  label: string
  onOpenClaim: (claimId: string) => void
}) {
  const { t } = useTranslation()
  if (claims.length === 0) return <p className="muted source-page-empty">{empty}</p>
  return (
    <ul className="source-claims" aria-label={label}>
      {claims.map((claim) => {
        const assessment = currentAssessment(claim)
        return (
          <li key={claim.id}>
            <button
              type="button"
              className="source-claim"
              onClick={() => onOpenClaim(claim.id)}
              title={t('sources.openClaim')}
            >
              <span className="source-claim-statement">{claim.statement}</span>
              <span className="source-claim-meta">
                <StatusChip status={assessment?.status ?? 'unstarted'} registry={registry} />
                <GradeBadge credibility={assessment?.credibility ?? null} />
                {claim.madeOn && <span className="muted">{claim.madeOn}</span>}
              </span>
            </button>
          </li>
        )
      })}
    </ul>
  )
}

function MentionList({
  source,
  onOpenMention,
}: {
  source: Source
  onOpenMention: (articleId: string, annotationId: string) => void
}) {
  const { t, i18n } = useTranslation()
  const mutate = useMutation()
  const details = useMentionDetails(source.mentions)
  const [busy, setBusy] = useState<string | null>(null)

  const rows = useMemo(() => {
    const collator = new Intl.Collator(i18n.language, { numeric: true, sensitivity: 'base' })
    return source.mentions
      .map((mention) => ({
        mention,
        title: details?.titles.get(mention.articleId),
        annotation: details?.annotations.get(mentionKey(mention)),
      }))
      .sort(
        (a, b) =>
          collator.compare(a.title ?? '', b.title ?? '') ||
          (a.annotation?.position.start ?? 0) - (b.annotation?.position.start ?? 0),
      )
  }, [source.mentions, details, i18n.language])

  if (source.mentions.length === 0) {
    return <p className="muted source-page-empty">{t('sources.noMentions')}</p>
  }
  if (!details) return <p className="muted source-page-empty">{t('sources.loadingMentions')}</p>

  const unlink = async (mention: MentionRef) => {
    setBusy(mentionKey(mention))
    await mutate('sources:unlinkMention', { id: source.id, mention })
    setBusy(null)
  }

  return (
    <ul className="source-mentions" aria-label={t('sources.mentionsTitle')}>
      {rows.map(({ mention, title, annotation }) => {
        const missing = title === undefined || annotation === undefined
        return (
          <li key={mentionKey(mention)} className="source-mention">
            <button
              type="button"
              className={
                annotation?.orphaned ? 'source-mention-open orphan' : 'source-mention-open'
              }
              disabled={missing}
              onClick={() => onOpenMention(mention.articleId, mention.annotationId)}
            >
              <span className="source-mention-article">{title ?? t('sources.missingArticle')}</span>
              {annotation ? (
                <q className="source-mention-quote">{annotation.quote.exact}</q>
              ) : (
                title !== undefined && (
                  <span className="muted">{t('sources.missingAnnotation')}</span>
                )
              )}
              {annotation?.orphaned && (
                <span className="source-mention-orphan">{t('sources.orphan')}</span>
              )}
            </button>
            <button
              type="button"
              className="source-mention-unlink"
              disabled={busy === mentionKey(mention)}
              aria-label={t('sources.unlinkLabel', {
                quote: annotation?.quote.exact ?? title ?? '',
                name: source.name,
              })}
              title={t('sources.unlinkLabel', {
                quote: annotation?.quote.exact ?? title ?? '',
                name: source.name,
              })}
              onClick={() => void unlink(mention)}
            >
              {t('sources.unlink')}
            </button>
          </li>
        )
      })}
    </ul>
  )
}

/** Everything about one source: its fields, the claims it made or passed on, its mentions. */
export function SourcePage({
  source,
  usage,
  registry,
  onEdit,
  onMerge,
  onDelete,
  onOpenMention,
  onOpenClaim,
}: {
  source: Source
  usage: SourceUsage
  registry: RegistrySnapshot
  onEdit: () => void
  onMerge: () => void
  onDelete: () => void
  onOpenMention: (articleId: string, annotationId: string) => void
  onOpenClaim: (claimId: string) => void
}) {
  const { t } = useTranslation()
  const ids = useId()
  const role = roleLine(source)

  return (
    <article className="source-page" aria-labelledby={`${ids}-name`}>
      <header className="source-page-header">
        <h2 id={`${ids}-name`}>{source.name}</h2>
        <div className="source-page-actions">
          <button
            type="button"
            onClick={onEdit}
            aria-label={t('sources.editLabel', { name: source.name })}
          >
            {t('sources.edit')}
          </button>
          <button
            type="button"
            onClick={onMerge}
            aria-label={t('sources.mergeLabel', { name: source.name })}
          >
            {t('sources.merge')}
          </button>
          <button
            type="button"
            className="danger-outline"
            onClick={onDelete}
            aria-label={t('sources.deleteLabel', { name: source.name })}
          >
            {t('sources.delete')}
          </button>
        </div>
      </header>
      <p className="source-page-kind">
        <span className="source-kind">{t(`sources.kinds.${source.kind}`)}</span>
        {role && <span>{role}</span>}
      </p>

      <dl className="source-page-fields">
        {source.aliases.length > 0 && (
          <>
            <dt>{t('sources.aliases')}</dt>
            <dd>
              <ul className="source-aliases">
                {source.aliases.map((alias) => (
                  <li key={alias} className="source-alias">
                    {alias}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        <dt>{t('sources.reliability')}</dt>
        <dd className="source-page-grade">
          <GradeBadge reliability={source.reliability} />
          {source.reliability ? (
            <span>
              <strong>{t(`grading.reliability.${source.reliability}.label`)}</strong>
              <span className="muted">
                {' '}
                – {t(`grading.reliability.${source.reliability}.meaning`)}
              </span>
            </span>
          ) : (
            <span className="muted">{t('sources.notGradedYet')}</span>
          )}
        </dd>
        {(source.reliabilityReason.trim() || source.reliability) && (
          <>
            <dt>{t('sources.reliabilityReason')}</dt>
            <dd className={source.reliabilityReason.trim() ? 'source-page-text' : 'muted'}>
              {source.reliabilityReason.trim() || t('sources.noReason')}
            </dd>
          </>
        )}
        {source.description.trim() && (
          <>
            <dt>{t('sources.description')}</dt>
            <dd className="source-page-text">{source.description}</dd>
          </>
        )}
      </dl>

      <section className="source-page-section" aria-labelledby={`${ids}-said`}>
        <h3 id={`${ids}-said`}>
          {t('sources.saidTitle')} <span className="badge">{usage.said.length}</span>
        </h3>
        <ClaimList
          claims={usage.said}
          registry={registry}
          label={t('sources.saidTitle')}
          empty={t('sources.noSaid')}
          onOpenClaim={onOpenClaim}
        />
      </section>
      <section className="source-page-section" aria-labelledby={`${ids}-reported`}>
        <h3 id={`${ids}-reported`}>
          {t('sources.reportedTitle')} <span className="badge">{usage.reported.length}</span>
        </h3>
        <ClaimList
          claims={usage.reported}
          registry={registry}
          label={t('sources.reportedTitle')}
          empty={t('sources.noReported')}
          onOpenClaim={onOpenClaim}
        />
      </section>
      <section className="source-page-section" aria-labelledby={`${ids}-mentions`}>
        <h3 id={`${ids}-mentions`}>
          {t('sources.mentionsTitle')} <span className="badge">{source.mentions.length}</span>
        </h3>
        <MentionList source={source} onOpenMention={onOpenMention} />
      </section>
    </article>
  )
}
