/** Public types of the project-wide search (main/search). */

export type SearchDocType = 'article' | 'annotation' | 'claim' | 'source' | 'note'

export const SEARCH_DOC_TYPES: readonly SearchDocType[] = [
  'article',
  'annotation',
  'claim',
  'source',
  'note',
]

export interface SearchDoc {
  type: SearchDocType
  /** Unique within its type. */
  id: string
  /** For annotations and notes: the article they belong to. */
  articleId?: string
  /** Article title, claim statement, source name or annotation quote. */
  title: string
  /** Article text, annotation comment, claim notes, source aliases and description. */
  text: string
  /** 'de' | 'en' | 'uk' | 'ru' | '': which stemmer's matches count ('' and others: both). */
  language?: string
}

/** Match ranges, UTF-16 offsets `[start, end)`. */
export type HighlightRange = [number, number]

export interface SearchSnippet {
  /**
   * About 160 characters of the document text around matches, each run of whitespace (line
   * breaks included) shown as one space, with "…" in front when it starts after the beginning
   * of the text and "…" at the end when it stops before the end.
   */
  text: string
  /** Ranges within `text` (the ellipsis counted) of the matched words. */
  highlights: HighlightRange[]
  /** Offset in the document text of the first character after the leading "…" (if any). */
  start: number
}

export interface SearchHit {
  type: SearchDocType
  id: string
  articleId?: string
  title: string
  score: number
  /** Up to 3 snippets of the text around matches, in text order; the start of the text if only the title matched. */
  snippets: SearchSnippet[]
  /** Ranges within `title` of the matched words. */
  titleHighlights: HighlightRange[]
}

export interface SearchResults {
  query: string
  /** Matching documents over all searched types (also those beyond `limitPerType`). */
  total: number
  /** Matching documents per type. */
  totals: Record<SearchDocType, number>
  /** The best hits of each type, best first; every type is present (possibly empty). */
  groups: Record<SearchDocType, SearchHit[]>
  tookMs: number
}

export interface SearchOptions {
  /** Types to search; all when absent. */
  types?: readonly SearchDocType[]
  /** Hits returned per type (default 20, at most 1000); `total`/`totals` count all matches. */
  limitPerType?: number
}
