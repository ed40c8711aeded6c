/**
 * A claim's grades: its current assessment and its Admiralty code (the best reliability of the
 * sources that made it, with the claim's credibility). Shared by the claim views and reports.
 */
import type { Assessment, Claim } from './model/claim'
import { admiraltyCode, RELIABILITY_GRADES, type Reliability } from './model/grading'
import type { Source } from './model/source'

/** The claim's current assessment: the last one recorded (the list is never empty). */
export function latestAssessment(claim: Claim): Assessment {
  return claim.assessments[claim.assessments.length - 1] as Assessment
}

/**
 * The reliability that goes into a claim's Admiralty code: the best grade among the sources
 * that made the claim ("said by"). A is best, E worst. F ("cannot be judged") is not a bad
 * grade but no grade at all, so it is used only when every graded source is F. Sources that
 * merely reported the claim do not count: the code rates who said it, not who passed it on.
 * Null when no "said by" source has been graded.
 */
export function bestReliability(
  claim: Pick<Claim, 'saidBy'>,
  sourcesById: ReadonlyMap<string, Pick<Source, 'reliability'>>,
): Reliability | null {
  let best: Reliability | null = null
  for (const id of claim.saidBy) {
    const grade = sourcesById.get(id)?.reliability ?? null
    if (grade === null) continue
    if (best === null || RELIABILITY_GRADES.indexOf(grade) < RELIABILITY_GRADES.indexOf(best))
      best = grade
  }
  return best
}

/** The two-character Admiralty code, e.g. "B2": best "said by" reliability + current credibility. */
export function claimCode(
  claim: Claim,
  sourcesById: ReadonlyMap<string, Pick<Source, 'reliability'>>,
): string {
  return admiraltyCode(bestReliability(claim, sourcesById), latestAssessment(claim).credibility)
}
