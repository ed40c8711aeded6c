import { z } from 'zod'
import { Annotation } from './annotation'
import { Id, LanguageCode, OptionalDate, Sha256, Timestamp } from './common'

export const ARTICLE_SCHEMA_VERSION = 2

/** Where the text came from: pasted, or a file whose bytes we fingerprinted. */
export const ArticleOrigin = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('paste') }),
  z.object({
    kind: z.literal('file'),
    fileName: z.string().min(1),
    format: z.enum(['txt', 'md', 'html']),
    sha256: Sha256,
    byteLength: z.number().int().nonnegative(),
  }),
])
export type ArticleOrigin = z.infer<typeof ArticleOrigin>

/** Metadata kept both in the article file and in the project's article index. */
export const ArticleMeta = z.object({
  id: Id,
  title: z.string().trim().min(1, 'the title must not be empty').max(500),
  outlet: z.string().max(200),
  authors: z.array(z.string().max(200)),
  url: z.string().max(2000),
  publishedAt: OptionalDate,
  retrievedAt: OptionalDate,
  language: LanguageCode,
  origin: ArticleOrigin,
  addedAt: Timestamp,
  updatedAt: Timestamp,
})
export type ArticleMeta = z.infer<typeof ArticleMeta>

/** `articles/<id>.json`: one article's text and its annotations. */
export const ArticleDocument = ArticleMeta.extend({
  schemaVersion: z.literal(ARTICLE_SCHEMA_VERSION),
  text: z.string(),
  annotations: z.array(Annotation),
})
export type ArticleDocument = z.infer<typeof ArticleDocument>

/** One row of the project's article index, enough to list articles without opening them. */
export const ArticleSummary = ArticleMeta.extend({
  characterCount: z.number().int().nonnegative(),
})
export type ArticleSummary = z.infer<typeof ArticleSummary>
