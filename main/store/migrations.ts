import { AppFailure } from '../../shared/result'

export type DocumentKind = 'project' | 'article' | 'settings' | 'registry'
type RawDocument = Record<string, unknown>

interface Migration {
  /** The schemaVersion this step reads; it writes `from + 1`. */
  from: number
  up(doc: RawDocument): RawDocument
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '')

/**
 * Version 1 was the pre-release layout: metadata fields `date` and `lang`, no authors,
 * no retrieval date, no origin and no annotations. Version 2 is the current one.
 */
function articleMetaFromV1(doc: RawDocument, fallbackTime: string): RawDocument {
  const { date, lang, ...rest } = doc
  return {
    ...rest,
    publishedAt: str(date),
    language: str(lang),
    outlet: str(doc.outlet),
    url: str(doc.url),
    authors: [],
    retrievedAt: '',
    origin: { kind: 'paste' },
    addedAt: str(doc.addedAt) || fallbackTime,
    updatedAt: str(doc.addedAt) || fallbackTime,
  }
}

const MIGRATIONS: Record<DocumentKind, readonly Migration[]> = {
  project: [
    {
      from: 1,
      up: (doc) => {
        const created = str(doc.created) || new Date(0).toISOString()
        const articles = Array.isArray(doc.articles) ? (doc.articles as RawDocument[]) : []
        const { created: _created, ...rest } = doc
        return {
          ...rest,
          schemaVersion: 2,
          createdAt: created,
          updatedAt: created,
          articles: articles.map((a) => ({
            ...articleMetaFromV1(a, created),
            characterCount: typeof a.length === 'number' ? a.length : 0,
          })),
        }
      },
    },
    // Version 3 adds the codebook.
    { from: 2, up: (doc) => ({ ...doc, schemaVersion: 3, tags: [] }) },
    // Version 4 adds the project's settings.
    {
      from: 3,
      up: (doc) => ({ ...doc, schemaVersion: 4, settings: { evidenceStorage: 'copy' } }),
    },
  ],
  article: [
    {
      from: 1,
      up: (doc) => ({
        ...articleMetaFromV1(doc, new Date(0).toISOString()),
        schemaVersion: 2,
        text: str(doc.text),
        annotations: [],
      }),
    },
  ],
  settings: [],
  // Version 2 adds evidence items.
  registry: [{ from: 1, up: (doc) => ({ ...doc, schemaVersion: 2, evidence: [] }) }],
}

/** The schemaVersion this build writes for each kind of document. */
export const CURRENT_VERSION: Record<DocumentKind, number> = {
  project: 4,
  article: 2,
  settings: 1,
  registry: 2,
}

/**
 * Brings a parsed document up to the current schemaVersion, one step at a time.
 * Returns the version it started from so the caller can keep a pre-migration backup.
 */
export function migrateDocument(
  kind: DocumentKind,
  doc: unknown,
  fileLabel: string,
): { doc: unknown; fromVersion: number } {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return { doc, fromVersion: 0 }
  const version = (doc as RawDocument).schemaVersion
  if (typeof version !== 'number' || !Number.isInteger(version)) return { doc, fromVersion: 0 }
  const target = CURRENT_VERSION[kind]
  if (version > target) {
    throw new AppFailure(
      'unsupported-version',
      `${fileLabel} was written by a newer Claimdesk (schemaVersion ${version}; this version reads up to ${target}). Update Claimdesk to open it.`,
      { file: fileLabel, schemaVersion: version },
    )
  }
  let current = doc as RawDocument
  for (let v = version; v < target; v++) {
    const step = MIGRATIONS[kind].find((m) => m.from === v)
    if (!step) {
      throw new AppFailure(
        'unsupported-version',
        `${fileLabel} has schemaVersion ${v}, which this version of Claimdesk cannot upgrade.`,
        { file: fileLabel, schemaVersion: v },
      )
    }
    current = step.up(current)
  }
  return { doc: current, fromVersion: version }
}
