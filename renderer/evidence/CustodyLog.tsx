import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CustodyEntry } from '../../shared/model/evidence'
import { call } from '../api'
import { useProjectVersion } from '../app/useProjectEvents'
import { useNotifications } from '../ui/Notifications'

const RELOAD_ON = ['registry', 'opened', 'restored'] as const

/**
 * The chain of custody of the item's file: every time it was added, verified, found missing or
 * relinked, by whom, where and with which hash. Append-only in main; shown oldest first.
 */
export function CustodyLog({ itemId, version }: { itemId: string; version: number }) {
  const { t, i18n } = useTranslation()
  const notify = useNotifications()
  const id = useId()
  const projectVersion = useProjectVersion(RELOAD_ON)
  const [loaded, setLoaded] = useState<{ itemId: string; entries: CustodyEntry[] } | null>(null)

  useEffect(() => {
    let live = true
    void call('evidence:custody', { id: itemId }).then((r) => {
      if (!live) return
      if (r.ok) setLoaded({ itemId, entries: r.value })
      else notify.error(r.error)
    })
    return () => {
      live = false
    }
  }, [itemId, version, projectVersion, notify])

  const entries = loaded?.itemId === itemId ? loaded.entries : null
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'medium' })

  return (
    <section className="claim-section evidence-custody" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('evidence.custody.title')}</h3>
      <p className="muted small">{t('evidence.custody.explain')}</p>
      {entries === null ? (
        <p className="muted small">{t('evidence.loading')}</p>
      ) : entries.length === 0 ? (
        <p className="muted small">{t('evidence.custody.empty')}</p>
      ) : (
        <div className="evidence-custody-scroll">
          <table className="evidence-custody-table">
            <caption className="visually-hidden">{t('evidence.custody.title')}</caption>
            <colgroup>
              <col className="custody-col-time" />
              <col className="custody-col-who" />
              <col />
              <col className="custody-col-path" />
              <col className="custody-col-hash" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">{t('evidence.custody.time')}</th>
                <th scope="col">{t('evidence.custody.who')}</th>
                <th scope="col">{t('evidence.custody.event')}</th>
                <th scope="col">{t('evidence.custody.path')}</th>
                <th scope="col">{t('evidence.custody.hash')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e, i) => (
                <tr key={`${e.at}-${i}`} className={`custody-${e.event}`}>
                  <td>
                    <time dateTime={e.at}>{when.format(new Date(e.at))}</time>
                  </td>
                  <td>{e.by || t('claims.someone')}</td>
                  <td>
                    <span className="custody-event">{t(`evidence.custody.events.${e.event}`)}</span>
                    {e.detail && <span className="custody-detail small">{e.detail}</span>}
                  </td>
                  <td>
                    <code className="evidence-path">{e.path}</code>
                  </td>
                  <td>
                    {e.sha256 ? (
                      <code className="custody-hash" title={e.sha256}>
                        {e.sha256}
                      </code>
                    ) : (
                      <span className="muted">–</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
