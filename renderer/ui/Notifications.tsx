import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppError } from '../../shared/result'

interface Notice {
  id: number
  kind: 'error' | 'info'
  text: string
  action?: { label: string; run: () => void }
}

interface NotificationsApi {
  error(error: AppError | string, action?: Notice['action']): void
  info(text: string): void
}

const NotificationsContext = createContext<NotificationsApi | null>(null)

/** Shows every failed call's message to the user; nothing fails silently. */
export function NotificationsProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  const [notices, setNotices] = useState<Notice[]>([])
  const dismiss = useCallback(
    (id: number) => setNotices((all) => all.filter((n) => n.id !== id)),
    [],
  )
  const api = useMemo<NotificationsApi>(() => {
    let next = 1
    const push = (notice: Omit<Notice, 'id'>) => {
      const id = next++
      setNotices((all) => [...all.slice(-3), { ...notice, id }])
      if (notice.kind === 'info') setTimeout(() => dismiss(id), 6000)
    }
    return {
      error: (error, action) =>
        push({ kind: 'error', text: typeof error === 'string' ? error : error.message, action }),
      info: (text) => push({ kind: 'info', text }),
    }
  }, [dismiss])

  return (
    <NotificationsContext.Provider value={api}>
      {children}
      <div className="notices" aria-live="polite">
        {notices.map((n) => (
          <div
            key={n.id}
            className={`notice notice-${n.kind}`}
            role={n.kind === 'error' ? 'alert' : 'status'}
          >
            <span className="notice-text">{n.text}</span>
            {n.action && (
              <button
                type="button"
                onClick={() => {
                  dismiss(n.id)
                  n.action?.run()
                }}
              >
                {n.action.label}
              </button>
            )}
            <button
              type="button"
              className="notice-dismiss"
              aria-label={t('common.dismiss')}
              onClick={() => dismiss(n.id)}
            >
              ×
            </button>
          </div>
        ))}
      </div>
    </NotificationsContext.Provider>
  )
}

export function useNotifications(): NotificationsApi {
  const api = useContext(NotificationsContext)
  if (!api) throw new Error('useNotifications outside NotificationsProvider')
  return api
}
