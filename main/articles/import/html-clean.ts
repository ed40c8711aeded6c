import { type DomDocument, type DomElement, isElement } from './dom'

/**
 * Strips a saved page of everything that is not the article before Readability scores it:
 * executable and embedded content, site chrome, and boxes whose class or id names them as
 * ads, cookie or paywall banners, newsletter sign-ups, share bars, related links or comments.
 * The article container itself (and anything containing it) is never removed.
 */

/** Never article text: code, styles, embedded objects and media. Removed in every pass. */
const CODE_AND_EMBEDS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'canvas',
  'svg',
  'math',
  'video',
  'audio',
])

/** Site chrome and controls. Removed unless they contain the article (ASP.NET wraps pages in a form). */
const CHROME = new Set(['nav', 'aside', 'form', 'dialog', 'button', 'input', 'select', 'textarea'])

/** Site header and footer; headers and footers inside the article keep title, byline, notes. */
const CHROME_OUTSIDE_ARTICLE = new Set(['header', 'footer'])
const ROLES_OUTSIDE_ARTICLE = new Set(['banner', 'contentinfo'])

const NOISE_ROLES = new Set([
  'navigation',
  'complementary',
  'search',
  'dialog',
  'alertdialog',
  'menu',
  'menubar',
  'toolbar',
])

/** Matched anywhere in the lower-cased class and id. */
const NOISE_SUBSTRINGS = [
  'cookie',
  'consent',
  'gdpr',
  'paywall',
  'pay-wall',
  'newsletter',
  'comments',
  'commentlist',
  'comment-list',
  'comment-section',
  'comment-form',
  'kommentare',
  'disqus',
  'outbrain',
  'taboola',
  'adsbygoogle',
  'advert',
  'sponsor',
  'breadcrumb',
  'sr-only',
  'visually-hidden',
  'screen-reader',
  'skip-link',
]

/** Matched as whole words of the class and id ("ad-slot", "AdBox", not "header", "shadow"). */
const NOISE_WORDS = new Set([
  'ad',
  'ads',
  'adslot',
  'adunit',
  'anzeige',
  'werbung',
  'banner',
  'share',
  'shares',
  'sharing',
  'sharebar',
  'teilen',
  'social',
  'related',
  'recommended',
  'recommendations',
  'promo',
  'popup',
  'modal',
  'overlay',
  'subscribe',
  'subscription',
  'abo',
  'sidebar',
  'menu',
  'navbar',
  'navigation',
  'toolbar',
  'реклама',
])

const ARTICLE_CONTAINER = 'article, main, [role="main"], [itemprop="articleBody"]'

function isArticleContainer(element: DomElement): boolean {
  const name = element.localName.toLowerCase()
  return (
    name === 'article' ||
    name === 'main' ||
    (element.getAttribute('role') ?? '').toLowerCase() === 'main' ||
    element.getAttribute('itemprop') === 'articleBody'
  )
}

/** Comments, and script and style elements with their content, as the HTML tokenizer ends them. */
const INERT_BLOCKS = /<!--[\s\S]*?(?:-->|$)|<(script|style)\b([^<>]*)>[\s\S]*?(?:<\/\1\s*>|$)/gi

/**
 * Drops comments, styles and scripts (but not JSON-LD metadata) from the page source before
 * it is parsed: they are never article text and often most of a saved page's size.
 */
export function stripScriptsAndStyles(html: string): string {
  return html.replace(INERT_BLOCKS, (whole: string, tag?: string, attributes?: string) =>
    tag?.toLowerCase() === 'script' && /application\/ld\+json/i.test(attributes ?? '') ? whole : '',
  )
}

function words(value: string): string[] {
  return value
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '')
}

/** True when the element's class or id names it as something other than article text. */
export function looksLikeNoise(element: DomElement): boolean {
  const label = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`
  if (label.trim() === '') return false
  const lower = label.toLowerCase()
  if (NOISE_SUBSTRINGS.some((part) => lower.includes(part))) return true
  return words(label).some((word) => NOISE_WORDS.has(word))
}

function isHidden(element: DomElement): boolean {
  if (element.hasAttribute('hidden')) return true
  if ((element.getAttribute('aria-hidden') ?? '').toLowerCase() === 'true') return true
  const style = (element.getAttribute('style') ?? '').toLowerCase()
  return /display\s*:\s*none|visibility\s*:\s*hidden/.test(style)
}

/** True when the element is not article text and goes. */
function removalReason(element: DomElement, insideArticle: boolean, byName: boolean): boolean {
  const name = element.localName.toLowerCase()
  if (name === 'html' || name === 'head' || name === 'body' || name === 'title') return false
  if (CODE_AND_EMBEDS.has(name)) return true
  if (isHidden(element)) return true
  if (!byName) return false
  if (CHROME.has(name)) return true
  const role = (element.getAttribute('role') ?? '').toLowerCase()
  if (NOISE_ROLES.has(role)) return true
  if (!insideArticle && (CHROME_OUTSIDE_ARTICLE.has(name) || ROLES_OUTSIDE_ARTICLE.has(role))) {
    return true
  }
  return looksLikeNoise(element)
}

export interface CleanResult {
  removed: number
  /** Deepest nesting of the elements that stay (html = 1). */
  depth: number
}

/**
 * Removes non-article content in place and reports how many elements went and how deep the
 * rest nests. The article
 * container (article, main, role=main, itemprop=articleBody) and its ancestors always stay.
 * With `byName: false` only code, embeds and hidden elements go: the fallback for pages
 * whose page-wide wrapper is called something like "has-paywall".
 */
export function removeNonArticleContent(
  document: DomDocument,
  { byName = true } = {},
): CleanResult {
  const root = document.documentElement
  if (!root) return { removed: 0, depth: 0 }
  const keep = new Set<DomElement>()
  for (const container of Array.from(document.querySelectorAll(ARTICLE_CONTAINER))) {
    for (let node: DomElement | null = container; node && !keep.has(node);) {
      keep.add(node)
      node = node.parentElement
    }
  }
  let removed = 0
  let depth = 0
  // An explicit stack: saved pages can nest deeper than the call stack allows.
  const stack: { element: DomElement; insideArticle: boolean; depth: number }[] = [
    { element: root, insideArticle: false, depth: 1 },
  ]
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    depth = Math.max(depth, entry.depth)
    for (const child of Array.from(entry.element.childNodes)) {
      if (!isElement(child)) continue
      if (!keep.has(child) && removalReason(child, entry.insideArticle, byName)) {
        child.remove()
        removed++
        continue
      }
      stack.push({
        element: child,
        insideArticle: entry.insideArticle || isArticleContainer(child),
        depth: entry.depth + 1,
      })
    }
  }
  return { removed, depth }
}
