import { z } from 'zod'
import { Id, Timestamp } from './common'
import { Reliability } from './grading'

export const SOURCE_KINDS = [
  'person',
  'government',
  'intelligence',
  'military',
  'media',
  'ngo',
  'platform-account',
  'other',
] as const
export const SourceKind = z.enum(SOURCE_KINDS)
export type SourceKind = z.infer<typeof SourceKind>

/** An annotation somewhere in the project: where a source is mentioned or a claim reported. */
export const MentionRef = z.object({ articleId: Id, annotationId: Id })
export type MentionRef = z.infer<typeof MentionRef>

/** A person, agency, outlet or account that says or reports things, rated for reliability. */
export const Source = z.object({
  id: Id,
  name: z.string().trim().min(1, 'the source name must not be empty').max(300),
  aliases: z.array(z.string().trim().min(1).max(300)),
  kind: SourceKind,
  /** A person's role, e.g. "spokesperson". */
  role: z.string().max(300),
  /** The organisation behind the source, e.g. "National Security Council". */
  organisation: z.string().max(300),
  description: z.string().max(5000),
  reliability: Reliability.nullable(),
  reliabilityReason: z.string().max(5000),
  mentions: z.array(MentionRef),
  createdAt: Timestamp,
  updatedAt: Timestamp,
})
export type Source = z.infer<typeof Source>
