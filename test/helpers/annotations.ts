import type { Annotation } from '../../shared/model/annotation'

/** A valid annotation over `text[start, end)` (code points = UTF-16 here: ASCII test text). */
export function makeAnnotation(id: string, text: string, start: number, end: number): Annotation {
  const now = new Date().toISOString()
  return {
    id,
    kind: 'claim',
    quote: {
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - 32), start),
      suffix: text.slice(end, end + 32),
    },
    position: { start, end },
    orphaned: false,
    tagIds: [],
    comment: '',
    createdAt: now,
    updatedAt: now,
  }
}
