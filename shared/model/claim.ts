import { z } from 'zod'
import { Id, OptionalDate, Timestamp } from './common'
import { Credibility } from './grading'
import { MentionRef } from './source'

export const BUILTIN_STATUSES = [
  'unstarted',
  'in-progress',
  'inconclusive',
  'verified',
  'false',
] as const
/** A built-in status, or the id of a project-defined one. */
export const ClaimStatus = z.string().min(1).max(100)

export const QUALIFIERS = [
  'exactly',
  'at-least',
  'more-than',
  'up-to',
  'less-than',
  'about',
  'range',
] as const

/** A figure in a claim: "at least 3,000 soldiers". Recognised automatically, editable. */
export const ClaimQuantity = z.object({
  value: z.number().finite(),
  upper: z.number().finite().nullable(),
  qualifier: z.enum(QUALIFIERS),
  unit: z.string().max(100),
  text: z.string().max(300),
})
export type ClaimQuantity = z.infer<typeof ClaimQuantity>

export const Assessment = z.object({
  status: ClaimStatus,
  credibility: Credibility.nullable(),
  rationale: z.string().max(10_000),
  by: z.string().max(200),
  at: Timestamp,
})
export type Assessment = z.infer<typeof Assessment>

/** A statement in the researcher's words, with who made it, where it was reported and how credible it is. */
export const Claim = z.object({
  id: Id,
  statement: z.string().trim().min(1, 'the claim statement must not be empty').max(5000),
  /** Sources that made the claim. */
  saidBy: z.array(Id),
  /** Sources that passed it on (an agency citing intelligence, an outlet citing a portal). */
  reportedBy: z.array(Id),
  madeOn: OptionalDate,
  mentions: z.array(MentionRef),
  tagIds: z.array(Id),
  notes: z.string().max(20_000),
  quantities: z.array(ClaimQuantity),
  /** The current assessment is the last entry; the list is the status history. */
  assessments: z.array(Assessment).min(1),
  createdAt: Timestamp,
  updatedAt: Timestamp,
})
export type Claim = z.infer<typeof Claim>

export const RELATION_TYPES = ['contradicts', 'corroborates', 'same-as', 'refines'] as const
export const RelationType = z.enum(RELATION_TYPES)
export type RelationType = z.infer<typeof RelationType>

/** A relation between two claims, shown on both. */
export const ClaimRelation = z
  .object({
    id: Id,
    type: RelationType,
    fromClaimId: Id,
    toClaimId: Id,
    note: z.string().max(5000),
    createdAt: Timestamp,
  })
  .refine((r) => r.fromClaimId !== r.toClaimId, {
    message: 'a claim cannot relate to itself',
    path: ['toClaimId'],
  })
export type ClaimRelation = z.infer<typeof ClaimRelation>

/** A status the project adds to the built-in ones. */
export const CustomStatus = z.object({
  id: z.string().regex(/^custom-[a-z0-9-]{1,60}$/, 'must look like custom-name'),
  label: z.string().trim().min(1).max(60),
  color: z.string().regex(/^#[0-9a-f]{6}$/i),
})
export type CustomStatus = z.infer<typeof CustomStatus>

/** Version 2 adds evidence items. */
export const REGISTRY_SCHEMA_VERSION = 2
