/**
 * The report's claims or annotations as CSV for spreadsheets: RFC 4180 (comma-separated,
 * fields with commas, quotes or line breaks in double quotes, quotes doubled, CRLF between
 * records), UTF-8 with a byte-order mark so that Excel reads umlauts and Cyrillic correctly.
 *
 * Column names are fixed English identifiers whatever the report's language (so scripts can
 * rely on them); `*_label` columns hold the names in the report's language. Lists inside a
 * field are separated by "; ". A field that a spreadsheet would run as a formula (starting with
 * =, +, -, @, tab or carriage return) gets a leading apostrophe (OWASP's advice against CSV
 * injection); nothing else is changed.
 *
 * Claims, one row per selected claim, in report order:
 *   ref, id, statement, status, status_label, credibility, credibility_label, reliability,
 *   code, made_on, said_by, reported_by, tags, figures, rationale, assessed_by, assessed_at,
 *   notes, quotes (Q refs), articles (titles of the articles quoting it), relations
 *   ("Contradicts C2"), evidence ("Supports E1 (0:01.000–0:02.000)")
 * Annotations, one row per quote in the report, in report order:
 *   ref, annotation_id, article_id, article_title, outlet, published_at, url, kind, kind_label,
 *   text (exactly as annotated), start, end (code points), orphaned, comment, tags, claims,
 *   sources, evidence
 */
import type { ReportModel } from './report-model'
import { claimLabel } from './report-format'

export const CSV_TABLES = ['claims', 'annotations'] as const
export type CsvTable = (typeof CSV_TABLES)[number]

/** The column names of each table, in order. */
export const CSV_COLUMNS: Record<CsvTable, readonly string[]> = {
  claims: [
    'ref',
    'id',
    'statement',
    'status',
    'status_label',
    'credibility',
    'credibility_label',
    'reliability',
    'code',
    'made_on',
    'said_by',
    'reported_by',
    'tags',
    'figures',
    'rationale',
    'assessed_by',
    'assessed_at',
    'notes',
    'quotes',
    'articles',
    'relations',
    'evidence',
  ],
  annotations: [
    'ref',
    'annotation_id',
    'article_id',
    'article_title',
    'outlet',
    'published_at',
    'url',
    'kind',
    'kind_label',
    'text',
    'start',
    'end',
    'orphaned',
    'comment',
    'tags',
    'claims',
    'sources',
    'evidence',
  ],
}

const BOM = '\uFEFF'

/** One field, quoted when it must be and defused when a spreadsheet would evaluate it. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

const list = (values: readonly string[]) => values.filter(Boolean).join('; ')

function rows(model: ReportModel, table: CsvTable): string[][] {
  if (table === 'claims') {
    return model.claims.map((c) => [
      c.ref ?? '',
      c.id,
      c.statement,
      c.status.id,
      c.status.label,
      c.credibility ?? '',
      c.credibility ? c.credibilityLabel : '',
      c.reliability ?? '',
      c.code,
      c.madeOn,
      list(c.saidBy.map((s) => s.name)),
      list(c.reportedBy.map((s) => s.name)),
      list(c.tags.map((t) => t.name)),
      list(c.figures.map((f) => f.formatted)),
      c.rationale,
      c.assessedBy,
      c.assessedAt,
      c.notes,
      list(c.citations.map((q) => q.quoteRef)),
      list([...new Set(c.citations.map((q) => q.citation.title))]),
      list(c.relations.map((r) => `${r.roleLabel} ${claimLabel(r.other)}`)),
      list(
        c.evidence.map(
          (x) => `${x.stanceLabel} ${x.itemRef ?? x.title}${x.part ? ` (${x.part})` : ''}`,
        ),
      ),
    ])
  }
  return model.quotes.flatMap((group) =>
    group.quotes.map((q) => [
      q.ref,
      q.annotationId,
      q.articleId,
      group.citation.title,
      group.citation.outlet,
      group.citation.publishedAt,
      group.citation.url,
      q.kind,
      q.kindLabel,
      q.text,
      String(q.start),
      String(q.end),
      q.orphaned ? 'yes' : 'no',
      q.comment,
      list(q.tags.map((t) => t.name)),
      list(q.claims.map((c) => claimLabel(c))),
      list(q.sources.map((s) => s.name)),
      list(q.evidence.map((x) => x.ref ?? x.title)),
    ]),
  )
}

/** Renders one table of the report as CSV text (with BOM; write it as UTF-8). */
export function renderCsv(model: ReportModel, table: CsvTable): string {
  const records = [CSV_COLUMNS[table], ...rows(model, table)]
  return `${BOM}${records.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`
}
