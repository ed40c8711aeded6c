import { Readability } from '@mozilla/readability'
import { normalizeArticleText } from '../../../shared/text'
import { cleanValue, splitAuthors } from './authors'
import { normalizeDate } from './dates'
import { type DomDocument, parseHtmlDocument } from './dom'
import { removeNonArticleContent, stripScriptsAndStyles } from './html-clean'
import { readHtmlMetadata } from './html-metadata'
import { htmlToParagraphs } from './html-text'
import { chooseLanguage } from './language'
import { importRejected } from './reject'
import type { ArticleContent } from './types'

/** Below this many characters of text a page has no article worth importing. */
export const MIN_ARTICLE_CHARS = 200
/**
 * Readability's running time grows steeply with nesting depth (about a minute at 2,000 levels
 * on linkedom). Real article pages stay far below this; deeper pages are rejected.
 */
export const MAX_HTML_DEPTH = 256
/** Above this share of text inside links, what Readability found is a link list, not an article. */
const MAX_LINK_SHARE = 0.5

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** "Title | Site", "Site – Title" → "Title" for each known site name; never returns ''. */
export function stripSiteName(title: string, siteNames: string[]): string {
  let result = cleanValue(title)
  const separator = '(?:\\||-|–|—|·|•|::|:|/|»|«)'
  for (const name of siteNames) {
    if (name === '') continue
    const site = escapeRegExp(name)
    const suffix = new RegExp(`\\s*${separator}\\s*${site}\\s*$`, 'iu')
    const prefix = new RegExp(`^\\s*${site}\\s*${separator}\\s*`, 'iu')
    for (const pattern of [suffix, prefix]) {
      const stripped = result.replace(pattern, '').trim()
      if (stripped !== '' && stripped !== result) result = stripped
    }
  }
  return result
}

const sameText = (a: string, b: string): boolean =>
  cleanValue(a).toLocaleLowerCase() === cleanValue(b).toLocaleLowerCase()

type ReadabilityArticle = NonNullable<ReturnType<Readability['parse']>>
/** Readability is typed against the DOM library, which the main process does not compile with. */
type ReadabilityDocument = ConstructorParameters<typeof Readability>[0]

/** Cleans the document in place and runs Readability; any failure inside counts as "no article". */
function runReadability(
  file: string,
  document: DomDocument,
  byName: boolean,
): ReadabilityArticle | null {
  const { depth } = removeNonArticleContent(document, { byName })
  if (depth > MAX_HTML_DEPTH) {
    throw importRejected(
      file,
      'too-deeply-nested',
      `"${file}" nests its HTML elements ${depth} levels deep, more than the ` +
        `${MAX_HTML_DEPTH} Claimdesk reads. Copy the article text into a .txt file and import ` +
        'that instead.',
      { depth, limit: MAX_HTML_DEPTH },
    )
  }
  try {
    return new Readability(document as unknown as ReadabilityDocument).parse()
  } catch {
    return null
  }
}

interface Extraction {
  article: ReadabilityArticle | null
  paragraphs: string[]
  linkShare: number
}

function extractText(file: string, document: DomDocument, byName: boolean): Extraction {
  const article = runReadability(file, document, byName)
  const { paragraphs, linkChars, totalChars } = htmlToParagraphs(article?.content ?? '')
  return { article, paragraphs, linkShare: totalChars === 0 ? 1 : linkChars / totalChars }
}

const isArticle = (extraction: Extraction): boolean =>
  extraction.article !== null &&
  extraction.paragraphs.join('\n\n').length >= MIN_ARTICLE_CHARS &&
  extraction.linkShare <= MAX_LINK_SHARE

/**
 * A page as a browser's "Save page as" writes it: metadata from the untouched page, article
 * text from Readability run on a copy without scripts, chrome, ads, banners and comments.
 * Nothing is executed, rendered or fetched.
 */
export function extractHtml(file: string, html: string): ArticleContent {
  const source = stripScriptsAndStyles(html)
  const document = parseHtmlDocument(source)
  // Metadata first: cleaning removes the JSON-LD, the article header's <time> and more.
  const metadata = readHtmlMetadata(document, html)
  let extraction = extractText(file, document, true)
  if (!isArticle(extraction)) {
    // A page-wide wrapper named like "paywall-active" or "has-comments" can take the article
    // with it; a second pass removes only what is never article text, whatever its name.
    const conservative = extractText(file, parseHtmlDocument(source), false)
    if (isArticle(conservative)) extraction = conservative
  }
  const { article } = extraction

  const siteNames = [
    metadata.ogSiteName,
    cleanValue(article?.siteName),
    metadata.applicationName,
    metadata.publisherName,
  ].filter((name) => name !== '')
  const outlet = siteNames[0] ?? ''
  // Readability would prefer the JSON-LD headline too, but it never sees the removed scripts.
  const rawTitle =
    [metadata.headline, cleanValue(article?.title), ...metadata.titles].find(
      (title) => title !== '',
    ) ?? ''
  const title = stripSiteName(rawTitle, siteNames)

  // Readability sometimes keeps the headline as the first paragraph; it is the title already.
  const paragraphs = [...extraction.paragraphs]
  if (paragraphs[0] !== undefined && title !== '' && sameText(paragraphs[0], title)) {
    paragraphs.shift()
  }
  const text = normalizeArticleText(paragraphs.join('\n\n'))
  if (
    article === null ||
    text.length < MIN_ARTICLE_CHARS ||
    extraction.linkShare > MAX_LINK_SHARE
  ) {
    throw importRejected(
      file,
      'no-article',
      `"${file}" contains no article text that Claimdesk could find. Open the article itself ` +
        '(not a front page or search result) in the browser, save it with "Save page as…" and ' +
        'import that file, or copy the article text into a .txt file.',
      { textLength: text.length },
    )
  }

  const byline = cleanValue(article.byline)
  const authors =
    metadata.structuredAuthors.length > 0
      ? metadata.structuredAuthors
      : byline !== ''
        ? splitAuthors(byline)
        : metadata.metaAuthors
  const publishedAt =
    [...metadata.dates, cleanValue(article.publishedTime)]
      .map(normalizeDate)
      .find((date) => date !== '') ?? ''

  return {
    title: title || file.replace(/\.[^.]+$/, ''),
    text,
    outlet,
    authors,
    url: metadata.urls[0] ?? '',
    publishedAt,
    language: chooseLanguage(metadata.languages[0] ?? cleanValue(article.lang), text),
  }
}
