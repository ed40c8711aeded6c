import { useEffect, useState } from 'react'
import type { Events } from '../../shared/api'
import { subscribe } from '../api'

type Reason = Events['project:changed']['reason']

/**
 * A number that grows whenever the open project changes for one of `reasons`; use it as an
 * effect dependency to reload data.
 */
export function useProjectVersion(reasons: readonly Reason[]): number {
  const [version, setVersion] = useState(0)
  const key = reasons.join(',')
  useEffect(() => {
    const wanted = new Set(key.split(','))
    return subscribe('project:changed', (e) => {
      if (wanted.has(e.reason)) setVersion((v) => v + 1)
    })
  }, [key])
  return version
}
