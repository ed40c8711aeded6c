import { createHash } from 'node:crypto'
import type { Annotation } from '../../shared/model/annotation'
import type { ArticleDocument } from '../../shared/model/article'
import type { ProjectSnapshot } from './project-snapshot'

/**
 * What a merge matches by id. An article's metadata and text are one entity; its annotations
 * are entities of their own (matched by id within the article), so two people annotating the
 * same article do not conflict. Evidence items carry their segments, frames and regions.
 */
export const MERGE_ENTITY_KINDS = [
  'tag',
  'article',
  'annotation',
  'source',
  'claim',
  'relation',
  'status',
  'evidence',
] as const
export type MergeEntityKind = (typeof MERGE_ENTITY_KINDS)[number]

/** An article entity: everything but its annotations, schemaVersion and updatedAt. */
export type ArticleEntity = Omit<ArticleDocument, 'annotations' | 'schemaVersion' | 'updatedAt'>

export interface EntityRecord {
  kind: MergeEntityKind
  id: string
  /** For annotations: the article they belong to. */
  articleId?: string
  value: unknown
  /** Null for entities that carry no updatedAt (relations, statuses). */
  updatedAt: string | null
  /** A short name for the user: a claim's statement, a source's name, an annotation's quote. */
  label: string
}

/** A key unique across kinds: `claim:<id>`, `annotation:<articleId>/<id>`. */
export function entityKey(kind: MergeEntityKind, id: string, articleId?: string): string {
  return kind === 'annotation' ? `annotation:${articleId ?? ''}/${id}` : `${kind}:${id}`
}

/** JSON with object keys sorted, so equal values always hash alike. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v
    const sorted: Record<string, unknown> = {}
    for (const key of Object.keys(v).sort()) sorted[key] = (v as Record<string, unknown>)[key]
    return sorted
  })
}

export const sha256Hex = (data: string | Uint8Array): string =>
  createHash('sha256').update(data).digest('hex')

export const entityHash = (value: unknown): string => sha256Hex(canonicalJson(value))

export function articleEntity(doc: ArticleDocument): ArticleEntity {
  const { annotations: _a, schemaVersion: _v, updatedAt: _u, ...entity } = doc
  return entity
}

const short = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text)

function annotationRecord(articleId: string, annotation: Annotation): EntityRecord {
  return {
    kind: 'annotation',
    id: annotation.id,
    articleId,
    value: annotation,
    updatedAt: annotation.updatedAt,
    label: `“${short(annotation.quote.exact)}”`,
  }
}

/** Every mergeable entity of a snapshot, keyed by `entityKey`. */
export function entitiesOf(snapshot: ProjectSnapshot): Map<string, EntityRecord> {
  const records: EntityRecord[] = []
  for (const tag of snapshot.project.tags) {
    records.push({ kind: 'tag', id: tag.id, value: tag, updatedAt: tag.updatedAt, label: tag.name })
  }
  for (const article of snapshot.articles) {
    records.push({
      kind: 'article',
      id: article.id,
      value: articleEntity(article),
      updatedAt: article.updatedAt,
      label: article.title,
    })
    for (const annotation of article.annotations) {
      records.push(annotationRecord(article.id, annotation))
    }
  }
  const { sources, claims, relations, statuses, evidence } = snapshot.registry
  for (const s of sources) {
    records.push({ kind: 'source', id: s.id, value: s, updatedAt: s.updatedAt, label: s.name })
  }
  for (const c of claims) {
    records.push({
      kind: 'claim',
      id: c.id,
      value: c,
      updatedAt: c.updatedAt,
      label: short(c.statement),
    })
  }
  for (const r of relations) {
    records.push({ kind: 'relation', id: r.id, value: r, updatedAt: null, label: r.type })
  }
  for (const s of statuses) {
    records.push({ kind: 'status', id: s.id, value: s, updatedAt: null, label: s.label })
  }
  for (const e of evidence) {
    records.push({ kind: 'evidence', id: e.id, value: e, updatedAt: e.updatedAt, label: e.title })
  }
  return new Map(records.map((r) => [entityKey(r.kind, r.id, r.articleId), r]))
}

/** The hash of every entity of a snapshot, keyed by `entityKey` (what a merge base records). */
export function entityHashes(snapshot: ProjectSnapshot): Record<string, string> {
  const hashes: Record<string, string> = {}
  for (const [key, record] of entitiesOf(snapshot)) hashes[key] = entityHash(record.value)
  return hashes
}
