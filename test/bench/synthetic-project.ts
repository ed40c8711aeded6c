/**
 * Writes synthetic Claimdesk projects straight to disk (no API round trips, no fsync) so a
 * 10,000-article project takes seconds to build. The files follow the store's layout and
 * format exactly; `checkSyntheticProject` validates a sample against the zod schemas.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { summarize } from '../../main/articles/articles'
import {
  ARTICLES_DIR,
  articleFilePath,
  MEDIA_DIR,
  projectFilePath,
} from '../../main/store/project-layout'
import { Annotation, ANNOTATION_KINDS } from '../../shared/model/annotation'
import {
  ARTICLE_SCHEMA_VERSION,
  ArticleDocument,
  type ArticleOrigin,
  type ArticleSummary,
} from '../../shared/model/article'
import {
  defaultProjectSettings,
  PROJECT_SCHEMA_VERSION,
  ProjectDocument,
} from '../../shared/model/project'
import { type Tag, TAG_PALETTE } from '../../shared/model/tag'
import { normalizeArticleText } from '../../shared/text'
import { describeZodError } from '../../shared/validation'
import {
  createRng,
  type Rng,
  syntheticArticleText,
  syntheticComment,
  syntheticId,
  syntheticTitle,
  TEXT_LANGUAGES,
  type TextLanguage,
} from './synthetic-text'

export interface SyntheticProjectOptions {
  articles: number
  annotationsPerArticle?: number
  /** Same seed, same project (ids, texts and annotations). */
  seed?: number
  name?: string
}

export interface SyntheticProject {
  folder: string
  articleIds: string[]
  tagIds: string[]
  annotationCount: number
  /** Bytes written: project.json plus every article file. */
  bytes: number
}

const DAY_MS = 24 * 60 * 60 * 1000
const EPOCH = Date.UTC(2025, 0, 1)
const CONTEXT_CODE_POINTS = 32
const OUTLETS = ['Tagesspiegel', 'The Guardian', 'Українська правда', 'Meduza', 'Der Standard']
const AUTHORS = ['Anna Müller', 'Jürgen Weiß', 'Sarah O’Neill', 'Олена Коваленко', 'Дмитрий Орлов']
const TAG_NAMES = [
  'Desinformation',
  'Misleading context',
  'Satire',
  'Fabricated quote',
  'Манипуляция',
  'Фейк',
  'Primary source',
  'Official statement',
  'Eyewitness',
  'Statistik',
  'Image reuse',
  'Translation error',
] as const

/** The store's on-disk format (see the JSON document adapter): one-space indent, final newline. */
export const serializeDocument = (data: unknown): string => `${JSON.stringify(data, null, 1)}\n`

const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10)
const isBreak = (ch: string | undefined): boolean => ch === undefined || /[\s,.!?]/u.test(ch)

/**
 * An annotation on `codePoints` (the article text split into code points) at a word-aligned
 * span, with its quote and W3C context in code points, as the renderer would create it.
 */
export function syntheticAnnotation(
  rng: Rng,
  codePoints: readonly string[],
  language: TextLanguage,
  at: Date,
  tagPool: readonly string[] = [],
): Annotation {
  const length = Math.min(codePoints.length, rng.int(12, 140))
  let start = rng.int(0, codePoints.length - length)
  for (let steps = 0; start > 0 && !isBreak(codePoints[start - 1]) && steps < 24; steps++) start--
  while (start < codePoints.length - 1 && /\s/u.test(codePoints[start] ?? '')) start++
  let end = Math.min(codePoints.length, start + length)
  for (let steps = 0; end < codePoints.length && !isBreak(codePoints[end]) && steps < 24; steps++) {
    end++
  }
  while (end > start + 1 && /\s/u.test(codePoints[end - 1] ?? '')) end--
  const time = at.toISOString()
  const tagIds = tagPool.length === 0 ? [] : [...new Set([0, 1, 2].map(() => rng.pick(tagPool)))]
  return {
    id: syntheticId(rng),
    kind: rng.pick(ANNOTATION_KINDS),
    quote: {
      exact: codePoints.slice(start, end).join(''),
      prefix: codePoints.slice(Math.max(0, start - CONTEXT_CODE_POINTS), start).join(''),
      suffix: codePoints.slice(end, end + CONTEXT_CODE_POINTS).join(''),
    },
    position: { start, end },
    orphaned: false,
    tagIds: tagIds.slice(0, rng.int(0, tagIds.length)),
    comment: rng.chance(0.6) ? syntheticComment(rng, language) : '',
    createdAt: time,
    updatedAt: time,
  }
}

function syntheticOrigin(rng: Rng, text: string, slug: string): ArticleOrigin {
  if (rng.chance(0.7)) return { kind: 'paste' }
  const format = rng.pick(['html', 'txt', 'md'] as const)
  const overhead = format === 'html' ? rng.int(2_000, 40_000) : rng.int(0, 200)
  return {
    kind: 'file',
    fileName: `${slug}.${format}`,
    format,
    sha256: createHash('sha256').update(text).digest('hex'),
    byteLength: Buffer.byteLength(text) + overhead,
  }
}

/** One article document with `annotationCount` annotations; text is 3–6 KB of UTF-8. */
export function syntheticArticle(
  rng: Rng,
  annotationCount: number,
  tagPool: readonly string[],
): ArticleDocument {
  const language = rng.pick(TEXT_LANGUAGES)
  const id = syntheticId(rng)
  const text = syntheticArticleText(rng, language, rng.int(3_000, 6_000))
  const codePoints = Array.from(text)
  const added = EPOCH + Math.floor(rng.next() * 365 * DAY_MS)
  const published = added - rng.int(0, 30) * DAY_MS
  const annotations: Annotation[] = []
  let updated = added
  for (let i = 0; i < annotationCount; i++) {
    updated += rng.int(1_000, 3 * DAY_MS)
    annotations.push(syntheticAnnotation(rng, codePoints, language, new Date(updated), tagPool))
  }
  annotations.sort((a, b) => a.position.start - b.position.start)
  const slug = id.slice(0, 8)
  return {
    schemaVersion: ARTICLE_SCHEMA_VERSION,
    id,
    title: syntheticTitle(rng, language),
    outlet: rng.pick(OUTLETS),
    authors: rng.chance(0.2) ? [] : [rng.pick(AUTHORS)],
    url: `https://news.example.org/${language}/${isoDate(published)}/${slug}`,
    publishedAt: rng.chance(0.1) ? '' : isoDate(published),
    retrievedAt: isoDate(added),
    language,
    origin: syntheticOrigin(rng, text, slug),
    addedAt: new Date(added).toISOString(),
    updatedAt: new Date(updated).toISOString(),
    text,
    annotations,
  }
}

/** A codebook of `count` tags, a third of them nested under another tag. */
export function syntheticCodebook(rng: Rng, count: number): Tag[] {
  const created = new Date(EPOCH - DAY_MS).toISOString()
  const tags: Tag[] = []
  for (let i = 0; i < count; i++) {
    const base = TAG_NAMES[i % TAG_NAMES.length] ?? 'Tag'
    const parent = i >= TAG_NAMES.length / 2 && rng.chance(0.33) ? rng.pick(tags) : null
    tags.push({
      id: syntheticId(rng),
      name: i < TAG_NAMES.length ? base : `${base} ${Math.floor(i / TAG_NAMES.length) + 1}`,
      color: TAG_PALETTE[i % TAG_PALETTE.length] ?? '#1971c2',
      description: rng.chance(0.5) ? syntheticComment(rng, 'en') : '',
      parentId: parent?.id ?? null,
      createdAt: created,
      updatedAt: created,
    })
  }
  return tags
}

/** Writes a complete project (project.json, articles/, media/) into the empty `folder`. */
export function writeSyntheticProject(
  folder: string,
  options: SyntheticProjectOptions,
): SyntheticProject {
  const rng = createRng(options.seed ?? 20_250_101)
  const perArticle = options.annotationsPerArticle ?? 10
  const tags = syntheticCodebook(rng, 24)
  const tagPool = tags.map((t) => t.id)
  mkdirSync(join(folder, ARTICLES_DIR), { recursive: true })
  mkdirSync(join(folder, MEDIA_DIR), { recursive: true })
  const summaries: ArticleSummary[] = []
  let bytes = 0
  for (let i = 0; i < options.articles; i++) {
    const article = syntheticArticle(rng, perArticle, tagPool)
    const text = serializeDocument(article)
    writeFileSync(articleFilePath(folder, article.id), text)
    bytes += Buffer.byteLength(text)
    summaries.push(summarize(article))
  }
  const created = new Date(EPOCH - DAY_MS).toISOString()
  const project: ProjectDocument = {
    schemaVersion: PROJECT_SCHEMA_VERSION,
    id: syntheticId(rng),
    name: options.name ?? `Benchmark ${options.articles}`,
    createdAt: created,
    updatedAt: summaries.reduce((latest, a) => (a.addedAt > latest ? a.addedAt : latest), created),
    articles: summaries,
    tags,
    settings: defaultProjectSettings(),
  }
  const index = serializeDocument(project)
  writeFileSync(projectFilePath(folder), index)
  bytes += Buffer.byteLength(index)
  return {
    folder,
    articleIds: summaries.map((a) => a.id),
    tagIds: tagPool,
    annotationCount: options.articles * perArticle,
    bytes,
  }
}

/**
 * Flushes the files just written to disk (sync(1)), so their write-back does not land inside
 * the first fsyncs of the measurement. A no-op where there is no `sync` command (Windows).
 */
export function flushToDisk(): void {
  if (process.platform === 'win32') return
  try {
    execFileSync('sync', { stdio: 'ignore' })
  } catch {
    // Without sync the figures are only noisier.
  }
}

function checkAnnotation(annotation: Annotation, codePoints: readonly string[], where: string) {
  const { start, end } = annotation.position
  const expected = {
    exact: codePoints.slice(start, end).join(''),
    prefix: codePoints.slice(Math.max(0, start - CONTEXT_CODE_POINTS), start).join(''),
    suffix: codePoints.slice(end, end + CONTEXT_CODE_POINTS).join(''),
  }
  if (!isDeepStrictEqual(annotation.quote, expected)) {
    throw new Error(`${where}: annotation ${annotation.id} quote does not match its position`)
  }
}

/**
 * Validates project.json and a sample of article files with the real schemas, and checks that
 * the index matches the files, the text is in stored form and every quote matches its position.
 */
export function checkSyntheticProject(folder: string, sampleSize = 25, seed = 7): void {
  const index = ProjectDocument.safeParse(JSON.parse(readFileSync(projectFilePath(folder), 'utf8')))
  if (!index.success) throw new Error(`project.json is invalid: ${describeZodError(index.error)}`)
  const rows = index.data.articles
  const knownTags = new Set(index.data.tags.map((t) => t.id))
  const files = readdirSync(join(folder, ARTICLES_DIR)).filter((n) => n.endsWith('.json'))
  if (files.length !== rows.length) {
    throw new Error(`project.json lists ${rows.length} articles, articles/ holds ${files.length}`)
  }
  const rng = createRng(seed)
  const sample = new Set([rows[0], rows[rows.length - 1]])
  for (let i = 0; i < Math.min(sampleSize, rows.length); i++) sample.add(rng.pick(rows))
  for (const row of sample) {
    if (!row) continue
    const where = `articles/${row.id}.json`
    const raw: unknown = JSON.parse(readFileSync(articleFilePath(folder, row.id), 'utf8'))
    const parsed = ArticleDocument.safeParse(raw)
    if (!parsed.success) throw new Error(`${where} is invalid: ${describeZodError(parsed.error)}`)
    const article = parsed.data
    if (!isDeepStrictEqual(summarize(article), row)) {
      throw new Error(`${where} does not match its row in project.json`)
    }
    if (normalizeArticleText(article.text) !== article.text) {
      throw new Error(`${where}: text is not in normalized (stored) form`)
    }
    const codePoints = Array.from(article.text)
    for (const annotation of article.annotations) {
      checkAnnotation(annotation, codePoints, where)
      const unknown = annotation.tagIds.filter((id) => !knownTags.has(id))
      if (unknown.length > 0) throw new Error(`${where}: unknown tag ids ${unknown.join(', ')}`)
    }
  }
}

/** Throws unless `annotation` passes the schema and matches the text (for appended ones). */
export function checkNewAnnotation(annotation: Annotation, codePoints: readonly string[]): void {
  const parsed = Annotation.safeParse(annotation)
  if (!parsed.success) throw new Error(`invalid annotation: ${describeZodError(parsed.error)}`)
  checkAnnotation(annotation, codePoints, 'new annotation')
}
