import { useEffect, useMemo, useState } from 'react'
import type { RegistrySnapshot } from '../../shared/api'
import { BUILTIN_STATUSES, type Claim } from '../../shared/model/claim'
import type { Source } from '../../shared/model/source'
import { call } from '../api'
import { useProjectVersion } from '../app/useProjectEvents'
import { useNotifications } from '../ui/Notifications'

const RELOAD_ON = ['registry', 'annotations', 'articles', 'tags', 'opened', 'restored'] as const

/** The project's sources, claims, relations and statuses, kept current; null until loaded. */
export function useRegistry() {
  const notify = useNotifications()
  const version = useProjectVersion(RELOAD_ON)
  const [registry, setRegistry] = useState<RegistrySnapshot | null>(null)
  useEffect(() => {
    let live = true
    void call('registry:get', {}).then((r) => {
      if (!live) return
      if (r.ok) setRegistry(r.value)
      else notify.error(r.error)
    })
    return () => {
      live = false
    }
  }, [notify, version])
  const sourcesById = useMemo(
    () => new Map((registry?.sources ?? []).map((s) => [s.id, s])),
    [registry],
  )
  const claimsById = useMemo(
    () => new Map((registry?.claims ?? []).map((c) => [c.id, c])),
    [registry],
  )
  return { registry, sourcesById, claimsById }
}

/** The claim's current assessment (the last one recorded). */
export function currentAssessment(claim: Claim) {
  return claim.assessments[claim.assessments.length - 1]
}

/** Every status a claim can have in this project: built-in first, then the project's own. */
export function allStatuses(registry: RegistrySnapshot | null) {
  return [
    ...BUILTIN_STATUSES.map((id) => ({
      id,
      label: null as string | null,
      color: null as string | null,
    })),
    ...(registry?.statuses ?? []).map((s) => ({ id: s.id, label: s.label, color: s.color })),
  ]
}

export type { Claim, Source }
