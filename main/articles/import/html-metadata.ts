import { cleanValue, splitAuthors } from './authors'
import type { DomDocument, DomElement } from './dom'

/** What a saved page says about itself, read before anything is removed from it. */
export interface HtmlMetadata {
  /** JSON-LD headline ('' when absent). */
  headline: string
  /** og:title, twitter:title, <title>, by preference. */
  titles: string[]
  /** og:site_name, application-name, JSON-LD publisher, in that order ('' when absent). */
  ogSiteName: string
  applicationName: string
  publisherName: string
  /** JSON-LD author names, then the author meta tag split into names. */
  structuredAuthors: string[]
  metaAuthors: string[]
  /** Raw date values, best source first. */
  dates: string[]
  /** Absolute http(s) URLs, best source first. */
  urls: string[]
  /** `<html lang>`, og:locale, Content-Language, JSON-LD inLanguage. */
  languages: string[]
}

/* ---------------------------------------------------------------- JSON-LD */

type JsonObject = Record<string, unknown>

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function asText(value: unknown): string {
  if (typeof value === 'string') return cleanValue(value)
  if (typeof value === 'number') return String(value)
  if (Array.isArray(value)) return asText(value[0])
  return ''
}

function names(value: unknown): string[] {
  if (typeof value === 'string') return splitAuthors(value)
  if (Array.isArray(value)) return value.flatMap(names)
  if (isObject(value)) return names(value['name'])
  return []
}

const ARTICLE_TYPE = /Article|BlogPosting|Report|Posting/

function types(object: JsonObject): string[] {
  const type = object['@type']
  if (typeof type === 'string') return [type]
  if (Array.isArray(type)) return type.filter((item): item is string => typeof item === 'string')
  return []
}

/** All objects in a JSON-LD value (arrays and @graph included), depth-limited. */
function collectObjects(value: unknown, into: JsonObject[], depth = 0): void {
  if (depth > 6) return
  if (Array.isArray(value)) {
    for (const item of value) collectObjects(item, into, depth + 1)
  } else if (isObject(value)) {
    into.push(value)
    collectObjects(value['@graph'], into, depth + 1)
  }
}

/** The article object of the page's JSON-LD blocks, or null. Broken JSON is ignored. */
function findJsonLdArticle(document: DomDocument): JsonObject | null {
  const objects: JsonObject[] = []
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      collectObjects(JSON.parse(script.textContent ?? '') as unknown, objects)
    } catch {
      // Pages ship broken JSON-LD often enough; it is only a hint.
    }
  }
  return (
    objects.find((object) => types(object).some((type) => ARTICLE_TYPE.test(type))) ??
    objects.find((object) => 'headline' in object || 'datePublished' in object) ??
    null
  )
}

/* ---------------------------------------------------------------- helpers */

/** First content of a meta tag whose property, name or itemprop is one of `keys`. */
function metaContent(document: DomDocument, keys: string[]): string {
  const wanted = new Set(keys.map((key) => key.toLowerCase()))
  for (const meta of document.querySelectorAll('meta')) {
    const key = (
      meta.getAttribute('property') ??
      meta.getAttribute('name') ??
      meta.getAttribute('itemprop') ??
      meta.getAttribute('http-equiv') ??
      ''
    ).toLowerCase()
    if (!wanted.has(key)) continue
    const content = cleanValue(meta.getAttribute('content'))
    if (content !== '') return content
  }
  return ''
}

/** An absolute http(s) URL for `value` (resolved against `base` if relative), or ''. */
function httpUrl(value: string, base?: string): string {
  if (value === '') return ''
  try {
    const url = base ? new URL(value, base) : new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : ''
  } catch {
    return ''
  }
}

/**
 * The page address a browser recorded when saving: Chrome and IE write
 * `<!-- saved from url=(0043)https://… -->`, SingleFile writes `url: https://…` in its comment.
 */
export function savedFromUrl(html: string): string {
  const head = html.slice(0, 16 * 1024)
  const chrome = /<!--\s*saved from url=\((\d{1,5})\)(\S+?)\s*-->/i.exec(head)
  if (chrome) {
    const declaredLength = Number(chrome[1])
    const url = chrome[2] ?? ''
    return httpUrl(declaredLength > 0 ? url.slice(0, declaredLength) : url)
  }
  const singleFile = /Page saved with SingleFile[\s\S]{0,400}?\burl:\s*(\S+)/.exec(head)
  return httpUrl(singleFile?.[1] ?? '')
}

function timeValue(element: DomElement | null): string {
  if (!element) return ''
  return cleanValue(element.getAttribute('datetime') ?? element.textContent)
}

const unique = (values: string[]): string[] =>
  values.filter((value, index) => value !== '' && values.indexOf(value) === index)

/* ---------------------------------------------------------------- metadata */

/** Reads title, outlet, authors, dates, URLs and language hints from the untouched page. */
export function readHtmlMetadata(document: DomDocument, html: string): HtmlMetadata {
  const jsonLd = findJsonLdArticle(document)
  const publisher = jsonLd?.['publisher']
  const mainEntity = jsonLd?.['mainEntityOfPage']

  const savedFrom = savedFromUrl(html)
  const ogUrl = httpUrl(metaContent(document, ['og:url']))
  const base = ogUrl || savedFrom || undefined
  const canonical = httpUrl(
    cleanValue(document.querySelector('link[rel~="canonical"]')?.getAttribute('href')),
    base,
  )
  const jsonLdUrl = httpUrl(
    asText(jsonLd?.['url']) ||
      (isObject(mainEntity) ? asText(mainEntity['@id']) : asText(mainEntity)),
    base,
  )

  const articleTime =
    document.querySelector('article time[datetime]') ??
    document.querySelector('time[itemprop="datePublished"]') ??
    document.querySelector('time[pubdate]') ??
    document.querySelector('time[datetime]')

  return {
    headline: asText(jsonLd?.['headline']),
    titles: unique([
      metaContent(document, ['og:title']),
      metaContent(document, ['twitter:title']),
      cleanValue(document.querySelector('title')?.textContent),
    ]),
    ogSiteName: metaContent(document, ['og:site_name']),
    applicationName: metaContent(document, ['application-name']),
    publisherName: isObject(publisher) ? asText(publisher['name']) : asText(publisher),
    structuredAuthors: unique(names(jsonLd?.['author'])),
    metaAuthors: unique(
      [
        metaContent(document, ['author', 'dc.creator', 'dcterms.creator', 'sailthru.author']),
        metaContent(document, ['article:author']),
      ]
        .filter((value) => httpUrl(value) === '')
        .flatMap(splitAuthors),
    ),
    dates: unique([
      metaContent(document, ['article:published_time']),
      timeValue(articleTime),
      asText(jsonLd?.['datePublished']),
      metaContent(document, [
        'datePublished',
        'date',
        'pubdate',
        'publishdate',
        'publish-date',
        'publish_date',
        'dc.date',
        'dc.date.issued',
        'dcterms.created',
        'dcterms.date',
        'sailthru.date',
        'parsely-pub-date',
        'og:published_time',
      ]),
    ]),
    urls: unique([canonical, ogUrl, savedFrom, jsonLdUrl]),
    languages: unique([
      cleanValue(document.documentElement?.getAttribute('lang')),
      cleanValue(document.documentElement?.getAttribute('xml:lang')),
      metaContent(document, ['og:locale']),
      metaContent(document, ['content-language', 'language', 'dc.language']),
      asText(jsonLd?.['inLanguage']),
    ]),
  }
}
