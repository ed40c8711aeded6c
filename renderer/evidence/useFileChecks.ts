import { useCallback, useEffect, useMemo, useState } from 'react'
import type { FileCheck } from '../../shared/model/evidence'
import { call } from '../api'
import { useProjectVersion } from '../app/useProjectEvents'
import { useNotifications } from '../ui/Notifications'

const RELOAD_ON = ['registry', 'opened', 'restored'] as const

/**
 * The state of every item's file as main last checked it in this session, by item id; reloaded
 * when the registry changes and after `refresh()` (a verification or relink).
 */
export function useFileChecks() {
  const notify = useNotifications()
  const version = useProjectVersion(RELOAD_ON)
  const [asked, setAsked] = useState(0)
  const [checks, setChecks] = useState<FileCheck[]>([])
  useEffect(() => {
    let live = true
    void call('evidence:checks', {}).then((r) => {
      if (!live) return
      if (r.ok) setChecks(r.value)
      else notify.error(r.error)
    })
    return () => {
      live = false
    }
  }, [notify, version, asked])
  const byItem = useMemo(() => new Map(checks.map((c) => [c.itemId, c])), [checks])
  /** Asks main again; a check just made (a verification) shows at once. */
  const refresh = useCallback((check?: FileCheck) => {
    if (check) setChecks((all) => [...all.filter((c) => c.itemId !== check.itemId), check])
    setAsked((n) => n + 1)
  }, [])
  return { checks: byItem, refresh }
}
