import { normalizeArticleText } from '../../../shared/text'
import { detectLanguage } from './language'
import type { ArticleContent } from './types'

/** A first line longer than this is the start of the text, not a title. */
export const MAX_TITLE_CHARS = 200

/**
 * A plain-text article. The first line is the title when it is short and a blank line
 * follows it; otherwise the title is the file name and the whole file is the text.
 */
export function extractPlainText(source: string, fallbackTitle: string): ArticleContent {
  const normalized = normalizeArticleText(source)
  const lines = normalized.split('\n')
  const first = (lines[0] ?? '').trim()
  let title = fallbackTitle
  let text = normalized
  if (lines.length > 2 && lines[1] === '' && [...first].length <= MAX_TITLE_CHARS) {
    const rest = normalizeArticleText(lines.slice(2).join('\n'))
    if (rest !== '') {
      title = first
      text = rest
    }
  }
  return {
    title,
    text,
    outlet: '',
    authors: [],
    url: '',
    publishedAt: '',
    language: detectLanguage(text),
  }
}
