import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RegistrySnapshot } from '../../shared/api'
import type { Claim } from '../../shared/model/claim'
import type { EvidenceItem, FileCheck } from '../../shared/model/evidence'
import type { Source } from '../../shared/model/source'
import { useMutation } from '../app/useMutation'
import { AssessmentPanel } from '../claims/AssessmentPanel'
import { GradeMark, type StatusOption, StatusPill } from '../claims/Badges'
import { useArticles } from '../claims/useArticles'
import { ConfirmDialog } from '../ui/Modal'
import { useNotifications } from '../ui/Notifications'
import { ClaimLinksPanel } from './ClaimLinksPanel'
import { CustodyLog } from './CustodyLog'
import { currentItemAssessment, formatBytes } from './evidence-helpers'
import { FileAlert, FilePanel, useFileActions } from './FilePanel'
import { ImageWorkbench } from './ImageWorkbench'
import { FileStateBadge, KindIcon } from './parts'
import { ProvenanceForm } from './ProvenanceForm'
import { VideoWorkbench } from './VideoWorkbench'
import '../claims/claims.css'

interface EvidenceDetailProps {
  item: EvidenceItem
  registry: RegistrySnapshot
  sourcesById: ReadonlyMap<string, Source>
  claimsById: ReadonlyMap<string, Claim>
  statuses: readonly StatusOption[]
  check: FileCheck | undefined
  focusSegmentId: string | null
  /** The id for the page's heading (the view is labelled by it). */
  titleId: string
  onBack: () => void
  /** A verification (with its outcome) or relink happened: file states need reloading. */
  onChecked: (check?: FileCheck) => void
  onDeleted: () => void
  onOpenClaim: (claimId: string) => void
  onOpenMention: (articleId: string, annotationId: string) => void
}

/** Everything about one piece of evidence: its file, provenance, assessment, claims and custody. */
export function EvidenceDetail(props: EvidenceDetailProps) {
  const { item, registry, claimsById, statuses, check } = props
  const { t, i18n } = useTranslation()
  const mutate = useMutation()
  const notify = useNotifications()
  const id = useId()
  const [custodyVersion, setCustodyVersion] = useState(0)
  const actions = useFileActions(item, (check) => {
    props.onChecked(check)
    setCustodyVersion((n) => n + 1)
  })
  const [deleting, setDeleting] = useState(false)
  const assessment = currentItemAssessment(item)
  const claims = registry.claims

  const remove = async () => {
    setDeleting(false)
    const removed = await mutate('evidence:delete', { id: item.id })
    if (removed.ok) {
      notify.info(t('evidence.deleted', { title: item.title }))
      props.onDeleted()
    }
  }

  // The file's own state has the loud banner above; these are broken links (claims, sources).
  const problems = registry.problems.filter(
    (p) =>
      p.kind !== 'evidence-file' &&
      p.entities.some((e) => e.type === 'evidence' && e.id === item.id),
  )

  return (
    <article className="evidence-detail">
      <div className="evidence-detail-top">
        <button type="button" className="evidence-back" onClick={props.onBack}>
          <span aria-hidden="true">← </span>
          {t('evidence.back')}
        </button>
      </div>
      <header className="evidence-detail-header">
        <TitleEditor item={item} titleId={props.titleId} />
        <div className="evidence-detail-badges">
          <span className="evidence-kind">
            <KindIcon kind={item.kind} /> {t(`evidence.kinds.${item.kind}`)}
          </span>
          <StatusPill status={assessment.status} statuses={statuses} />
          <GradeMark credibility={assessment.credibility} />
          <FileStateBadge check={check} />
        </div>
      </header>
      <FileAlert item={item} check={check} actions={actions} />
      {problems.length > 0 && (
        <ul className="claim-problems" aria-label={t('claims.problems')}>
          {problems.map((p, i) => (
            <li key={i}>⚠ {p.message}</li>
          ))}
        </ul>
      )}

      <div className="evidence-media" aria-label={t('evidence.media')} role="region">
        {item.kind === 'video' && (
          <VideoWorkbench
            item={item}
            claims={claims}
            focusSegmentId={props.focusSegmentId}
            onOpenClaim={props.onOpenClaim}
          />
        )}
        {item.kind === 'image' && (
          <ImageWorkbench item={item} claims={claims} onOpenClaim={props.onOpenClaim} />
        )}
        {item.kind === 'document' && (
          <div className="evidence-document">
            <KindIcon kind="document" />
            <div>
              <p>
                <strong>{item.metadata.format || item.file.mimeType}</strong>
                {' · '}
                {item.metadata.pageCount !== null &&
                  `${t('evidence.pages', { count: item.metadata.pageCount })} · `}
                {formatBytes(item.file.size, i18n.language)}
              </p>
              <p className="muted small">{t('evidence.documentHint')}</p>
            </div>
          </div>
        )}
      </div>

      <div className="evidence-detail-grid">
        <div className="evidence-detail-col">
          <FilePanel item={item} check={check} actions={actions} />
          <ProvenanceForm item={item} sources={registry.sources} />
        </div>
        <div className="evidence-detail-col">
          <AssessmentPanel
            assessments={item.assessments}
            statuses={statuses}
            onAssess={async (draft) =>
              (await mutate('evidence:assess', { id: item.id, ...draft })).ok
            }
          />
          <ClaimLinksPanel
            item={item}
            claims={claims}
            claimsById={claimsById}
            onOpenClaim={props.onOpenClaim}
          />
          <ItemMentions item={item} onOpenMention={props.onOpenMention} />
          <section className="claim-section claim-danger" aria-labelledby={`${id}-delete`}>
            <h3 id={`${id}-delete`} className="visually-hidden">
              {t('evidence.delete')}
            </h3>
            <button type="button" className="danger-outline" onClick={() => setDeleting(true)}>
              {t('evidence.delete')}
            </button>
          </section>
        </div>
      </div>
      <CustodyLog itemId={item.id} version={custodyVersion} />

      {deleting && (
        <ConfirmDialog
          title={t('evidence.delete')}
          message={t(
            item.file.storage === 'copy'
              ? 'evidence.confirmDeleteCopy'
              : 'evidence.confirmDeleteLink',
            { title: item.title },
          )}
          confirmLabel={t('evidence.delete')}
          cancelLabel={t('common.cancel')}
          onConfirm={() => void remove()}
          onCancel={() => setDeleting(false)}
        />
      )}
    </article>
  )
}

/** The item's title as the page heading, editable in place. */
function TitleEditor({ item, titleId }: { item: EvidenceItem; titleId: string }) {
  const { t } = useTranslation()
  const mutate = useMutation()
  const [editing, setEditing] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const save = async () => {
    if (editing === null) return
    const title = editing.trim()
    if (!title) {
      setError(t('evidence.titleRequired'))
      return
    }
    if (title === item.title) {
      setEditing(null)
      return
    }
    setBusy(true)
    const saved = await mutate('evidence:update', { id: item.id, title })
    setBusy(false)
    if (saved.ok) setEditing(null)
    else if (saved.error.code === 'invalid-input') setError(saved.error.message)
  }

  if (editing === null)
    return (
      <div className="evidence-title-row">
        <h1 id={titleId}>{item.title}</h1>
        <button
          type="button"
          className="icon-button"
          aria-label={t('evidence.editTitleLabel', { title: item.title })}
          onClick={() => {
            setEditing(item.title)
            setError(null)
          }}
        >
          {t('evidence.editTitle')}
        </button>
      </div>
    )
  return (
    <form
      className="evidence-title-form"
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      {/* The heading stays for the page's label while the title is being edited. */}
      <h1 id={titleId} className="visually-hidden">
        {item.title}
      </h1>
      <label className="visually-hidden" htmlFor={`${titleId}-input`}>
        {t('evidence.titleLabel')}
      </label>
      <input
        id={`${titleId}-input`}
        value={editing}
        autoFocus
        aria-invalid={error !== null || undefined}
        onChange={(e) => {
          setEditing(e.target.value)
          setError(null)
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault()
            setEditing(null)
          }
        }}
      />
      <button type="submit" className="primary" disabled={busy}>
        {t('common.save')}
      </button>
      <button type="button" onClick={() => setEditing(null)}>
        {t('common.cancel')}
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}

/** Passages in articles (evidence annotations) that refer to this item. */
function ItemMentions({
  item,
  onOpenMention,
}: {
  item: EvidenceItem
  onOpenMention: (articleId: string, annotationId: string) => void
}) {
  const { t } = useTranslation()
  const id = useId()
  const { articlesById } = useArticles()
  return (
    <section className="claim-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {t('evidence.mentions.title')} <span className="badge">{item.mentions.length}</span>
      </h3>
      {item.mentions.length === 0 ? (
        <p className="muted small">{t('evidence.mentions.none')}</p>
      ) : (
        <ul className="evidence-mentions">
          {item.mentions.map((m) => {
            const article = articlesById.get(m.articleId)
            return (
              <li key={`${m.articleId}/${m.annotationId}`}>
                <button
                  type="button"
                  className="link-button"
                  disabled={!article}
                  onClick={() => onOpenMention(m.articleId, m.annotationId)}
                >
                  {article?.title ?? t('evidence.mentions.missingArticle')}
                </button>
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
