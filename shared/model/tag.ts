import { z } from 'zod'
import { Id, Timestamp } from './common'

export const HexColor = z.string().regex(/^#[0-9a-f]{6}$/i, 'must be a colour like #1f5fae')

/** A code of the project's codebook; `parentId` makes the hierarchy. */
export const Tag = z.object({
  id: Id,
  name: z.string().trim().min(1, 'the tag name must not be empty').max(120),
  color: HexColor,
  description: z.string().max(2000),
  parentId: Id.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
})
export type Tag = z.infer<typeof Tag>

/** A tag with how many annotations in the project carry it. */
export interface TagWithCount extends Tag {
  count: number
}

/** Colours offered for new tags, distinct on a white page and from the kind highlights. */
export const TAG_PALETTE = [
  '#d9480f',
  '#1971c2',
  '#2f9e44',
  '#9c36b5',
  '#e67700',
  '#0c8599',
  '#c2255c',
  '#5c940d',
] as const
