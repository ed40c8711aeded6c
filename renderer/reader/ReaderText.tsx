import { memo, useMemo } from 'react'
import type { Annotation, AnnotationKind } from '../../shared/model/annotation'
import { buildSegments } from './highlights'
import { OFFSET_ATTRIBUTE } from './selection'

interface ReaderTextProps {
  text: string
  annotations: Annotation[]
  language: string
}

/** Up to three underline layers show annotations beneath the innermost one. */
function layerShadow(kinds: AnnotationKind[]): string | undefined {
  if (kinds.length < 2) return undefined
  return kinds
    .slice(0, -1)
    .slice(-3)
    .map((kind, i) => `inset 0 -${3 * (i + 1)}px 0 var(--hl-${kind}-strong)`)
    .join(', ')
}

/**
 * The article's paragraphs with highlights. Every text run carries its UTF-16 offset so a
 * DOM selection maps back to the text exactly. Memoised: it re-renders only when the text or
 * the annotations change.
 */
interface RenderedSegment {
  start: number
  content: string
  ids: string
  kinds: AnnotationKind[]
}

/** One paragraph; memoised on a key of its segments, so a new highlight re-renders one paragraph. */
const Paragraph = memo(
  function Paragraph({ segments }: { segments: RenderedSegment[]; signature: string }) {
    return (
      <p>
        {segments.map((segment) => {
          const offset = { [OFFSET_ATTRIBUTE]: segment.start }
          if (segment.kinds.length === 0) {
            return (
              <span key={segment.start} {...offset}>
                {segment.content}
              </span>
            )
          }
          const innermost = segment.kinds[segment.kinds.length - 1] ?? 'note'
          return (
            <mark
              key={segment.start}
              {...offset}
              data-ids={segment.ids}
              className={`hl hl-${innermost}${segment.kinds.length > 1 ? ' hl-overlap' : ''}`}
              style={{ boxShadow: layerShadow(segment.kinds) }}
            >
              {segment.content}
            </mark>
          )
        })}
      </p>
    )
  },
  (before, after) => before.signature === after.signature,
)

/**
 * The article's paragraphs with highlights. Every text run carries its UTF-16 offset so a
 * DOM selection maps back to the text exactly.
 */
export const ReaderText = memo(function ReaderText({
  text,
  annotations,
  language,
}: ReaderTextProps) {
  const paragraphs = useMemo(() => {
    const kindOf = new Map(annotations.map((a) => [a.id, a.kind]))
    return buildSegments(text, annotations).map((paragraph) => {
      const segments = paragraph.segments.map((segment) => ({
        start: segment.start,
        content: text.slice(segment.start, segment.end),
        ids: segment.ids.join(' '),
        kinds: segment.ids.map((id) => kindOf.get(id) ?? 'note'),
      }))
      const signature = segments.map((s) => `${s.start}:${s.ids}:${s.kinds.join(',')}`).join('|')
      return { start: paragraph.start, end: paragraph.end, segments, signature }
    })
  }, [text, annotations])
  return (
    <div className="reader-text" lang={language || undefined}>
      {paragraphs.map((paragraph) => (
        <Paragraph
          key={`${paragraph.start}-${paragraph.end}`}
          segments={paragraph.segments}
          signature={paragraph.signature}
        />
      ))}
    </div>
  )
})
