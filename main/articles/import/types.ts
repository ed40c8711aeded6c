/** Largest article file Claimdesk imports; larger files are rejected before any parsing. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024

export type ImportFormat = 'txt' | 'md' | 'html'

export interface ExtractedArticle {
  title: string
  /** Normalised with `normalizeArticleText`: paragraphs separated by one blank line. */
  text: string
  outlet: string
  authors: string[]
  url: string
  /** YYYY-MM-DD, or '' when the file does not say. */
  publishedAt: string
  /** 'de' | 'uk' | 'ru' | 'en' | another primary language subtag, or '' when unsure. */
  language: string
  format: ImportFormat
  /** Hex SHA-256 of the file's original bytes. */
  sha256: string
  byteLength: number
  fileName: string
}

/** What a format-specific extractor finds; `extractArticle` adds the file facts. */
export interface ArticleContent {
  title: string
  text: string
  outlet: string
  authors: string[]
  url: string
  publishedAt: string
  language: string
}
