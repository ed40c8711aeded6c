import { z } from 'zod'

/** Admiralty source reliability: A (completely reliable) to E (unreliable); F cannot be judged. */
export const RELIABILITY_GRADES = ['A', 'B', 'C', 'D', 'E', 'F'] as const
export const Reliability = z.enum(RELIABILITY_GRADES)
export type Reliability = z.infer<typeof Reliability>

/** Admiralty information credibility: 1 (confirmed) to 5 (improbable); 6 cannot be judged. */
export const CREDIBILITY_GRADES = ['1', '2', '3', '4', '5', '6'] as const
export const Credibility = z.enum(CREDIBILITY_GRADES)
export type Credibility = z.infer<typeof Credibility>

/** The two-character Admiralty code of a source's reliability and a claim's credibility, e.g. "B2". */
export function admiraltyCode(
  reliability: Reliability | null,
  credibility: Credibility | null,
): string {
  return `${reliability ?? '–'}${credibility ?? '–'}`
}
