import type { DomDocument, DomElement } from './dom'

/**
 * Strips a saved page of everything that is not the article before Readability scores it:
 * executable and embedded content, site chrome, and boxes whose class or id names them as
 * ads, cookie or paywall banners, newsletter sign-ups, share bars, related links or comments.
 * The article container itself (and anything containing it) is never removed.
 */

/** Always removed: code, embeds, form controls and site chrome. */
const ALWAYS_REMOVED = [
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
  'source',
  'track',
  'map',
  'nav',
  'aside',
  'form',
  'dialog',
  'button',
  'input',
  'select',
  'textarea',
  'link',
  'meta',
  'base',
].join(', ')

/** Site header and footer; headers and footers inside the article keep title, byline, notes. */
const CHROME_OUTSIDE_ARTICLE = 'header, footer, [role="banner"], [role="contentinfo"]'

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

/** The article container, the page's body and anything that contains the article. */
function isProtected(element: DomElement): boolean {
  const name = element.localName.toLowerCase()
  if (name === 'html' || name === 'body' || name === 'head' || name === 'title') return true
  if (name === 'article' || name === 'main') return true
  const role = (element.getAttribute('role') ?? '').toLowerCase()
  if (role === 'main' || element.getAttribute('itemprop') === 'articleBody') return true
  return element.querySelector(ARTICLE_CONTAINER) !== null
}

/** Removes non-article content in place; returns how many elements were removed. */
export function removeNonArticleContent(document: DomDocument): number {
  let removed = 0
  for (const element of Array.from(document.querySelectorAll(ALWAYS_REMOVED))) {
    if (element.localName === 'meta' || element.localName === 'link') {
      // Head metadata is harmless and Readability reads og:site_name and friends from it.
      if (element.closest('head')) continue
    }
    element.remove()
    removed++
  }
  for (const element of Array.from(document.querySelectorAll(CHROME_OUTSIDE_ARTICLE))) {
    if (element.parentElement?.closest(ARTICLE_CONTAINER) || isProtected(element)) continue
    element.remove()
    removed++
  }
  for (const element of Array.from(document.querySelectorAll('body *'))) {
    const role = (element.getAttribute('role') ?? '').toLowerCase()
    const noise = NOISE_ROLES.has(role) || isHidden(element) || looksLikeNoise(element)
    if (!noise || isProtected(element)) continue
    element.remove()
    removed++
  }
  return removed
}
