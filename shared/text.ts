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
