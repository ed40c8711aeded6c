/**
 * Assessing claims and evidence items: both carry the same list of assessments (status,
 * credibility, rationale), the last one being current, and both use the project's statuses.
 */
import { type Assessment, BUILTIN_STATUSES } from '../../shared/model/claim'
import { AppFailure } from '../../shared/result'
import type { OpenProject } from '../projects/open-project'

/** Anything assessed: earlier assessments are kept so that the history of a verdict stays. */
type Assessable = { assessments: Assessment[]; updatedAt: string }

/** Refuses a status that is neither built in nor one of the project's own. */
export function requireStatus(project: OpenProject, status: string): void {
  const known = [
    ...BUILTIN_STATUSES,
    ...project.registry.data.statuses.map((s) => s.id),
  ] as string[]
  if (!known.includes(status))
    throw new AppFailure('invalid-input', `Unknown status “${status}”.`, { field: 'status' })
}

/** `entity` with `assessment` appended as its current one. */
export function withAssessment<T extends Assessable>(entity: T, assessment: Assessment): T {
  return { ...entity, assessments: [...entity.assessments, assessment], updatedAt: assessment.at }
}

/** `entity` assessed now by the project's user; the status must exist in the project. */
export function assessedNow<T extends Assessable>(
  project: OpenProject,
  entity: T,
  verdict: Pick<Assessment, 'status' | 'credibility' | 'rationale'>,
): T {
  requireStatus(project, verdict.status)
  return withAssessment(entity, {
    status: verdict.status,
    credibility: verdict.credibility,
    rationale: verdict.rationale,
    by: project.userName,
    at: new Date().toISOString(),
  })
}
