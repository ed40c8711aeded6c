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
export const ReaderText = memo(function ReaderText({
  text,
  annotations,
  language,
}: ReaderTextProps) {
  const paragraphs = useMemo(() => buildSegments(text, annotations), [text, annotations])
  const kindOf = useMemo(() => new Map(annotations.map((a) => [a.id, a.kind])), [annotations])
  const offsetProps = (offset: number) => ({ [OFFSET_ATTRIBUTE]: offset })
  return (
    <div className="reader-text" lang={language || undefined}>
      {paragraphs.map((paragraph) => (
        <p key={paragraph.start}>
          {paragraph.segments.map((segment) => {
            const content = text.slice(segment.start, segment.end)
            if (segment.ids.length === 0) {
              return (
                <span key={segment.start} {...offsetProps(segment.start)}>
                  {content}
                </span>
              )
            }
            const kinds = segment.ids.map((id) => kindOf.get(id) ?? 'note')
            const innermost = kinds[kinds.length - 1] ?? 'note'
            return (
              <mark
                key={segment.start}
                {...offsetProps(segment.start)}
                data-ids={segment.ids.join(' ')}
                className={`hl hl-${innermost}${segment.ids.length > 1 ? ' hl-overlap' : ''}`}
                style={{ boxShadow: layerShadow(kinds) }}
              >
                {content}
              </mark>
            )
          })}
        </p>
      ))}
    </div>
  )
})
