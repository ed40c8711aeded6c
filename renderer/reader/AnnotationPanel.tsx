import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Annotation, AnnotationKind } from '../../shared/model/annotation'
import type { Claim } from '../../shared/model/claim'
import type { EvidenceItem } from '../../shared/model/evidence'
import type { Source } from '../../shared/model/source'
import type { TagWithCount } from '../../shared/model/tag'
import { useMutation } from '../app/useMutation'
import { AnnotationEvidence } from '../evidence/AnnotationEvidence'
import { TagPicker } from '../tags/TagPicker'
import { tagPath } from '../tags/useTags'
import { FormActions } from '../ui/FormActions'
import { KIND_ORDER } from './kinds'

interface AnnotationPanelProps {
  articleId: string
  annotations: Annotation[]
  tags: TagWithCount[]
  tagsById: Map<string, TagWithCount>
  activeId: string | null
  editingId: string | null
  onFocusAnnotation: (id: string) => void
  onEdit: (id: string | null) => void
  /** The registry, to show which claim or source each annotation mentions. */
  claims: Claim[]
  sources: Source[]
  evidence: EvidenceItem[]
  onOpenClaim: (claimId: string) => void
  onOpenEvidence: (itemId: string) => void
}

function AnnotationEditor({
  articleId,
  annotation,
  tags,
  tagsById,
  onDone,
}: {
  articleId: string
  annotation: Annotation
  tags: TagWithCount[]
  tagsById: Map<string, TagWithCount>
  onDone: () => void
}) {
  const { t } = useTranslation()
  const mutate = useMutation()
  const [kind, setKind] = useState<AnnotationKind>(annotation.kind)
  const [tagIds, setTagIds] = useState(annotation.tagIds)
  const [comment, setComment] = useState(annotation.comment)
  const save = async () => {
    const saved = await mutate('annotations:update', {
      articleId,
      id: annotation.id,
      kind,
      tagIds,
      comment,
    })
    if (saved.ok) onDone()
  }
  return (
    <form
      className="annotation-editor"
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <label className="field">
        <span>{t('reader.kind')}</span>
        <select value={kind} onChange={(e) => setKind(e.target.value as AnnotationKind)} autoFocus>
          {KIND_ORDER.map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <TagPicker
        tags={tags}
        byId={tagsById}
        selected={tagIds}
        onChange={setTagIds}
        label={t('reader.tags')}
      />
      <label className="field">
        <span>{t('reader.comment')}</span>
        <textarea value={comment} rows={3} onChange={(e) => setComment(e.target.value)} />
      </label>
      <FormActions submitLabel={t('common.save')} onCancel={onDone} />
    </form>
  )
}

interface ItemLinks {
  claims: Claim[]
  sources: Source[]
  evidence: EvidenceItem[]
}
const NO_LINKS: ItemLinks = { claims: [], sources: [], evidence: [] }
/** Entries rendered with the article; the rest right after its first paint. */
const FIRST_ENTRIES = 40

interface AnnotationItemProps {
  articleId: string
  annotation: Annotation
  active: boolean
  editing: boolean
  tags: TagWithCount[]
  tagsById: Map<string, TagWithCount>
  links: ItemLinks
  /** Every evidence item, to link an evidence annotation to. */
  evidenceItems: EvidenceItem[]
  onFocusAnnotation: (id: string) => void
  onEdit: (id: string | null) => void
  onRemove: (annotation: Annotation) => void
  onOpenClaim: (claimId: string) => void
  onOpenEvidence: (itemId: string) => void
}

/** One entry of the panel; memoised, so a new annotation does not re-render the other thousand. */
const AnnotationItem = memo(function AnnotationItem(props: AnnotationItemProps) {
  const { articleId, annotation, tags, tagsById, onFocusAnnotation, onEdit } = props
  const { t } = useTranslation()
  const links = props.links
  return (
    <li
      data-annotation={annotation.id}
      className={`annotation-item${props.active ? ' active' : ''}${annotation.orphaned ? ' orphan' : ''}`}
    >
      {props.editing ? (
        <AnnotationEditor
          articleId={articleId}
          annotation={annotation}
          tags={tags}
          tagsById={tagsById}
          onDone={() => onEdit(null)}
        />
      ) : (
        <>
          <button
            type="button"
            className="annotation-body"
            disabled={annotation.orphaned}
            onClick={() => onFocusAnnotation(annotation.id)}
          >
            <span className={`kind-badge kind-${annotation.kind}`}>
              {t(`kinds.${annotation.kind}`)}
            </span>
            <q className="annotation-quote">{annotation.quote.exact}</q>
            {annotation.comment && <span className="annotation-comment">{annotation.comment}</span>}
          </button>
          {annotation.tagIds.length > 0 && (
            <span className="annotation-tags">
              {annotation.tagIds.map((id) => {
                const tag = tagsById.get(id)
                return (
                  <span key={id} className="tag-chip small" style={{ borderColor: tag?.color }}>
                    <span
                      className="tag-dot"
                      style={{ background: tag?.color }}
                      aria-hidden="true"
                    />
                    {tag ? tagPath(tag, tagsById) : id}
                  </span>
                )
              })}
            </span>
          )}
          {(links.claims.length > 0 || links.sources.length > 0) && (
            <span className="annotation-links">
              {links.claims.map((c) => (
                <button
                  key={c.id}
                  type="button"
                  className="link-chip"
                  onClick={() => props.onOpenClaim(c.id)}
                >
                  {t('reader.openClaim', {
                    statement:
                      c.statement.length > 50 ? `${c.statement.slice(0, 50)}…` : c.statement,
                  })}
                </button>
              ))}
              {links.sources.map((s) => (
                <span key={s.id} className="link-chip">
                  {t('reader.sourceLink', { name: s.name })}
                </span>
              ))}
            </span>
          )}
          {(annotation.kind === 'evidence' || links.evidence.length > 0) && (
            <AnnotationEvidence
              articleId={articleId}
              annotationId={annotation.id}
              quote={annotation.quote.exact}
              linked={links.evidence}
              items={props.evidenceItems}
              onOpenEvidence={props.onOpenEvidence}
            />
          )}
          <span className="annotation-actions">
            <button type="button" onClick={() => onEdit(annotation.id)}>
              {t('reader.edit')}
            </button>
            <button
              type="button"
              className="danger-outline"
              onClick={() => props.onRemove(annotation)}
            >
              {t('reader.delete')}
            </button>
          </span>
        </>
      )}
    </li>
  )
})

/** The article's annotations in text order, with filters; orphans are listed apart. */
export function AnnotationPanel(props: AnnotationPanelProps) {
  const { articleId, annotations, tags, tagsById, activeId, editingId, onFocusAnnotation, onEdit } =
    props
  const { t } = useTranslation()
  const mutate = useMutation()
  // Which claims and sources each annotation of this article mentions, computed once per change.
  const linksByAnnotation = useMemo(() => {
    const links = new Map<string, ItemLinks>()
    const entry = (id: string) => {
      let found = links.get(id)
      if (!found) links.set(id, (found = { claims: [], sources: [], evidence: [] }))
      return found
    }
    for (const claim of props.claims) {
      for (const m of claim.mentions)
        if (m.articleId === articleId) entry(m.annotationId).claims.push(claim)
    }
    for (const source of props.sources) {
      for (const m of source.mentions)
        if (m.articleId === articleId) entry(m.annotationId).sources.push(source)
    }
    for (const item of props.evidence) {
      for (const m of item.mentions)
        if (m.articleId === articleId) entry(m.annotationId).evidence.push(item)
    }
    return links
  }, [props.claims, props.sources, props.evidence, articleId])
  const mentionOf = (annotationId: string) => linksByAnnotation.get(annotationId) ?? NO_LINKS
  const [kinds, setKinds] = useState<AnnotationKind[]>([])
  const [tagFilter, setTagFilter] = useState('')
  const listRef = useRef<HTMLOListElement>(null)

  useEffect(() => {
    if (!activeId) return
    listRef.current
      ?.querySelector(`[data-annotation="${activeId}"]`)
      ?.scrollIntoView({ block: 'nearest' })
  }, [activeId])

  const visible = annotations.filter(
    (a) =>
      (kinds.length === 0 || kinds.includes(a.kind)) &&
      (!tagFilter || a.tagIds.includes(tagFilter)),
  )
  const anchored = visible.filter((a) => !a.orphaned)
  const orphans = visible.filter((a) => a.orphaned)
  // The article text paints first; a long list of entries follows a moment later.
  const [complete, setComplete] = useState(false)
  useEffect(() => {
    const timer = setTimeout(() => setComplete(true), 0)
    return () => clearTimeout(timer)
  }, [])
  const shown = complete ? anchored : anchored.slice(0, FIRST_ENTRIES)

  const remove = useCallback(
    (annotation: Annotation) => void mutate('annotations:delete', { articleId, id: annotation.id }),
    [articleId, mutate],
  )

  const item = (annotation: Annotation) => (
    <AnnotationItem
      key={annotation.id}
      articleId={articleId}
      annotation={annotation}
      active={annotation.id === activeId}
      editing={editingId === annotation.id}
      tags={tags}
      tagsById={tagsById}
      links={mentionOf(annotation.id)}
      evidenceItems={props.evidence}
      onFocusAnnotation={onFocusAnnotation}
      onEdit={onEdit}
      onRemove={remove}
      onOpenClaim={props.onOpenClaim}
      onOpenEvidence={props.onOpenEvidence}
    />
  )

  return (
    <aside className="annotation-panel" aria-label={t('reader.annotations')}>
      <h2>
        {t('reader.annotations')} <span className="muted">({annotations.length})</span>
      </h2>
      <div className="filters" role="group" aria-label={t('reader.filterKinds')}>
        {KIND_ORDER.map((kind) => (
          <button
            key={kind}
            type="button"
            className={`filter-chip kind-${kind}`}
            aria-pressed={kinds.includes(kind)}
            onClick={() =>
              setKinds((k) => (k.includes(kind) ? k.filter((x) => x !== kind) : [...k, kind]))
            }
          >
            {t(`kinds.${kind}`)}
          </button>
        ))}
      </div>
      <label className="field">
        <span className="visually-hidden">{t('reader.filterTag')}</span>
        <select
          value={tagFilter}
          onChange={(e) => setTagFilter(e.target.value)}
          aria-label={t('reader.filterTag')}
        >
          <option value="">{t('reader.allTags')}</option>
          {tags.map((tag) => (
            <option key={tag.id} value={tag.id}>
              {tagPath(tag, tagsById)} ({tag.count})
            </option>
          ))}
        </select>
      </label>
      {annotations.length === 0 && <p className="empty">{t('reader.noAnnotations')}</p>}
      <ol className="annotation-list" ref={listRef}>
        {shown.map(item)}
      </ol>
      {orphans.length > 0 && (
        <section className="orphans" aria-labelledby="orphans-heading">
          <h3 id="orphans-heading">{t('reader.orphans')}</h3>
          <p className="muted">{t('reader.orphansHint')}</p>
          <ol className="annotation-list">{orphans.map(item)}</ol>
        </section>
      )}
    </aside>
  )
}
