import { CodePointIndex } from '../../shared/anchoring'
import type { Annotation } from '../../shared/model/annotation'
import { paragraphRanges } from '../../shared/text'

/** A run of text covered by the same annotations (UTF-16 offsets into the article text). */
export interface Segment {
  start: number
  end: number
  /** Covering annotations, outermost (earliest start, longest) first. */
  ids: string[]
}

export interface ParagraphSegments {
  start: number
  end: number
  segments: Segment[]
}

interface Span {
  id: string
  start: number
  end: number
}

/** Annotation positions (code points) as UTF-16 spans; orphans have no place in the text. */
export function annotationSpans(text: string, annotations: readonly Annotation[]): Span[] {
  const index = new CodePointIndex(text)
  const length = index.length
  return annotations
    .filter((a) => !a.orphaned && a.position.end <= length)
    .map((a) => ({
      id: a.id,
      start: index.toUtf16(a.position.start),
      end: index.toUtf16(a.position.end),
    }))
}

/**
 * Splits every paragraph into runs where the set of covering annotations is constant, so
 * overlapping and nested highlights each stay visible. One sweep over sorted boundaries.
 */
export function buildSegments(
  text: string,
  annotations: readonly Annotation[],
): ParagraphSegments[] {
  const spans = annotationSpans(text, annotations).sort(
    (a, b) => a.start - b.start || b.end - a.end,
  )
  const boundaries = new Set<number>()
  for (const span of spans) {
    boundaries.add(span.start)
    boundaries.add(span.end)
  }
  const paragraphs = paragraphRanges(text)
  for (const p of paragraphs) {
    boundaries.add(p.start)
    boundaries.add(p.end)
  }
  const points = [...boundaries].sort((a, b) => a - b)

  const result: ParagraphSegments[] = paragraphs.map((p) => ({ ...p, segments: [] }))
  let active: Span[] = []
  let nextSpan = 0
  let paragraphIndex = 0
  for (let i = 0; i < points.length - 1; i++) {
    const from = points[i] ?? 0
    const to = points[i + 1] ?? 0
    active = active.filter((s) => s.end > from)
    while (nextSpan < spans.length && (spans[nextSpan]?.start ?? Infinity) <= from) {
      const span = spans[nextSpan++]
      if (span && span.end > from) active.push(span)
    }
    while (paragraphIndex < result.length && (result[paragraphIndex]?.end ?? 0) <= from)
      paragraphIndex++
    const paragraph = result[paragraphIndex]
    if (!paragraph || from < paragraph.start || to > paragraph.end) continue
    paragraph.segments.push({ start: from, end: to, ids: active.map((s) => s.id) })
  }
  return result
}
