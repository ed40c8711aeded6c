import { z } from 'zod'
import { Id, Timestamp } from './common'

export const ANNOTATION_KINDS = ['claim', 'source', 'evidence', 'entity', 'note'] as const
export const AnnotationKind = z.enum(ANNOTATION_KINDS)
export type AnnotationKind = z.infer<typeof AnnotationKind>

/** W3C TextQuoteSelector: the exact text plus context on either side. */
export const TextQuoteSelector = z.object({
  exact: z.string().min(1, 'the quoted text must not be empty'),
  prefix: z.string(),
  suffix: z.string(),
})
export type TextQuoteSelector = z.infer<typeof TextQuoteSelector>

/** W3C TextPositionSelector in Unicode code points: start inclusive, end exclusive. */
export const TextPositionSelector = z
  .object({
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
  })
  .refine((p) => p.end > p.start, { message: 'end must be after start', path: ['end'] })
export type TextPositionSelector = z.infer<typeof TextPositionSelector>

export const Annotation = z.object({
  id: Id,
  kind: AnnotationKind,
  quote: TextQuoteSelector,
  position: TextPositionSelector,
  /** An orphan lost its text in an edit; it keeps its old quote for the user to see. */
  orphaned: z.boolean(),
  tagIds: z.array(Id),
  comment: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
})
export type Annotation = z.infer<typeof Annotation>
