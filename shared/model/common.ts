import { z } from 'zod'

/** Entity ids are UUIDs (crypto.randomUUID), stable across export and merge. */
export const Id = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be an id of letters, digits, - and _')

/** An ISO-8601 timestamp as written by `new Date().toISOString()`. */
export const Timestamp = z.iso.datetime({ offset: true })

/** A calendar date `YYYY-MM-DD`, or '' when unknown. */
export const OptionalDate = z.union([z.literal(''), z.iso.date()])

/** Orders two optional dates, earliest first and unknown ('') last; 0 when they are equal. */
export function compareOptionalDates(a: string, b: string): number {
  if (a === b) return 0
  if (!a) return 1
  if (!b) return -1
  return a < b ? -1 : 1
}

/** BCP-47-ish language code ('de', 'uk', 'ru', 'en'), or '' when unknown. */
export const LanguageCode = z.union([
  z.literal(''),
  z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language code such as "de"'),
])

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256')
