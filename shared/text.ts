/**
 * Article text as stored: NFC (so "ü" is one code point whichever way it was typed), one
 * kind of line ending, no byte-order mark, no trailing spaces on lines, at most one blank
 * line between paragraphs.
 */
export function normalizeArticleText(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .normalize('NFC')
    .replace(/\r\n?|\u2028|\u2029/g, '\n')
    .replace(/[ \t\u00A0]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/** Splits stored text into paragraphs (separated by a blank line), keeping single newlines inside. */
export function splitParagraphs(text: string): string[] {
  return text.split(/\n\n/).filter((p) => p.length > 0)
}

/** A paragraph's place in the text, in UTF-16 offsets (end exclusive). */
export interface ParagraphRange {
  start: number
  end: number
}

/** Where each paragraph of stored text starts and ends (paragraphs are separated by "\n\n"). */
export function paragraphRanges(text: string): ParagraphRange[] {
  const ranges: ParagraphRange[] = []
  let start = 0
  while (start <= text.length) {
    const next = text.indexOf('\n\n', start)
    const end = next === -1 ? text.length : next
    if (end > start) ranges.push({ start, end })
    if (next === -1) break
    start = next + 2
  }
  return ranges
}
