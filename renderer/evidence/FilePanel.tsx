import { type ReactNode, useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { EvidenceItem, FileCheck } from '../../shared/model/evidence'
import { call } from '../api'
import { useNotifications } from '../ui/Notifications'
import { baseName, formatBytes, formatTimecode, formatResolution } from './evidence-helpers'
import { FileStateBadge } from './parts'
import { newTaskId, TaskProgressBar } from './TaskProgress'

/** Where an action was started: its progress and outcome show there, beside its button. */
type Origin = 'alert' | 'panel'
type Running = { taskId: string; kind: 'verify' | 'relink'; origin: Origin } | null
type Outcome = { ok: boolean; message: string; origin: Origin } | null

/** Verifying the item's file and relinking a missing one: one task at a time, with progress. */
export function useFileActions(item: EvidenceItem, onDone: (check?: FileCheck) => void) {
  const { t } = useTranslation()
  const notify = useNotifications()
  const [running, setRunning] = useState<Running>(null)
  /** The last verification's or relink's outcome, kept on screen until the next one. */
  const [outcome, setOutcome] = useState<Outcome>(null)

  const verify = async (origin: Origin) => {
    const taskId = newTaskId()
    setRunning({ taskId, kind: 'verify', origin })
    setOutcome(null)
    const checked = await call('evidence:verify', { id: item.id, taskId })
    setRunning(null)
    onDone(checked.ok ? checked.value : undefined)
    if (!checked.ok) setOutcome({ ok: false, message: checked.error.message, origin })
    else if (checked.value.state === 'ok')
      setOutcome({ ok: true, message: t('evidence.file.verifiedOk'), origin })
  }

  const relink = async (origin: Origin) => {
    const chosen = await call('dialogs:chooseFiles', { purpose: 'relink-evidence' })
    if (!chosen.ok) return notify.error(chosen.error)
    const path = chosen.value[0]
    if (!path) return
    const taskId = newTaskId()
    setRunning({ taskId, kind: 'relink', origin })
    setOutcome(null)
    const relinked = await call('evidence:relink', { id: item.id, path, taskId })
    setRunning(null)
    onDone()
    setOutcome(
      relinked.ok
        ? { ok: true, message: t('evidence.file.relinked', { path }), origin }
        : { ok: false, message: relinked.error.message, origin },
    )
  }

  // The file is hashed again every time its item is opened, so what is shown is what was checked.
  const verifyOnOpen = useRef(verify)
  useEffect(() => {
    verifyOnOpen.current = verify
  })
  useEffect(() => {
    let live = true
    void Promise.resolve().then(() => {
      if (live) void verifyOnOpen.current('panel')
    })
    return () => {
      live = false
    }
  }, [item.id])

  return { running, outcome, verify, relink, dismiss: () => setOutcome(null) }
}
export type FileActions = ReturnType<typeof useFileActions>

/** The progress of a verification or relink, then its outcome (a refusal as an alert). */
function ActionStatus({
  item,
  actions,
  origin,
}: {
  item: EvidenceItem
  actions: FileActions
  origin: Origin
}) {
  const { t } = useTranslation()
  const { running, outcome } = actions
  return (
    <>
      {running?.origin === origin && (
        <TaskProgressBar
          taskId={running.taskId}
          title={
            running.kind === 'verify'
              ? t('evidence.file.verifying', { name: item.file.originalName })
              : t('evidence.file.relinking', { name: item.file.originalName })
          }
        />
      )}
      {outcome?.origin === origin && (
        <div
          className={outcome.ok ? 'evidence-outcome ok' : 'form-error evidence-outcome'}
          role={outcome.ok ? 'status' : 'alert'}
        >
          <span>{outcome.message}</span>
          <button
            type="button"
            className="notice-dismiss"
            aria-label={t('common.dismiss')}
            onClick={actions.dismiss}
          >
            ×
          </button>
        </div>
      )}
    </>
  )
}

/**
 * The loud warning when the item's file is missing or no longer the file that was examined:
 * what is wrong, with which file, and (for a missing file) relinking it.
 */
export function FileAlert({
  item,
  check,
  actions,
}: {
  item: EvidenceItem
  check: FileCheck | undefined
  actions: FileActions
}) {
  const { t } = useTranslation()
  if (check?.state !== 'missing' && check?.state !== 'changed') {
    // A relink from the banner succeeded and the banner is gone: say so where it was.
    return actions.outcome?.origin === 'alert' ? (
      <div className="evidence-file-after-alert">
        <ActionStatus item={item} actions={actions} origin="alert" />
      </div>
    ) : null
  }
  const name = item.file.originalName || baseName(item.file.path)
  return (
    <div className={`evidence-file-alert file-alert-${check.state}`} role="alert">
      <span className="evidence-file-alert-icon" aria-hidden="true">
        ⚠
      </span>
      <div className="evidence-file-alert-body">
        <p className="evidence-file-alert-title">
          {check.state === 'missing'
            ? t('evidence.file.missingTitle', { name })
            : t('evidence.file.changedTitle', { name })}
        </p>
        <p>
          {check.state === 'missing'
            ? t('evidence.file.missingExplain')
            : t('evidence.file.changedExplain')}
        </p>
        {check.message && <p className="evidence-file-alert-message">{check.message}</p>}
        {!check.message.includes(item.file.path) && (
          <p className="evidence-file-alert-path">
            <code>{item.file.path}</code>
          </p>
        )}
        <div className="claim-actions">
          {check.state === 'missing' && (
            <button
              type="button"
              onClick={() => void actions.relink('alert')}
              disabled={actions.running !== null}
            >
              {t('evidence.file.relink')}
            </button>
          )}
          <button
            type="button"
            onClick={() => void actions.verify('alert')}
            disabled={actions.running !== null}
          >
            {t('evidence.file.verifyAgain')}
          </button>
        </div>
        <ActionStatus item={item} actions={actions} origin="alert" />
      </div>
    </div>
  )
}

/** Copies text to the clipboard and says so for a moment. */
function CopyButton({ text, label }: { text: string; label: string }) {
  const { t } = useTranslation()
  const notify = useNotifications()
  const [copied, setCopied] = useState(false)
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text)
      setCopied(true)
      setTimeout(() => setCopied(false), 2000)
    } catch {
      notify.error(t('evidence.file.copyFailed'))
    }
  }
  return (
    <button type="button" className="icon-button" aria-label={label} onClick={() => void copy()}>
      {copied ? t('evidence.file.copied') : t('evidence.file.copy')}
    </button>
  )
}

/** The file as it was examined: where it is, its hash and what its content says about itself. */
export function FilePanel({
  item,
  check,
  actions,
}: {
  item: EvidenceItem
  check: FileCheck | undefined
  actions: FileActions
}) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const { file, metadata } = item
  const number = new Intl.NumberFormat(i18n.language)
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' })
  const coordinate = new Intl.NumberFormat(i18n.language, {
    minimumFractionDigits: 5,
    maximumFractionDigits: 6,
  })

  const facts: Array<{ key: string; label: string; value: ReactNode; wide?: boolean }> = [
    {
      key: 'storage',
      label: t('evidence.file.storage'),
      value: t(`evidence.storage.${file.storage}`),
    },
    {
      key: 'path',
      label: t('evidence.file.path'),
      value: <code className="evidence-path">{file.path}</code>,
      wide: true,
    },
    { key: 'name', label: t('evidence.file.originalName'), value: file.originalName },
    {
      key: 'size',
      label: t('evidence.file.size'),
      value: t('evidence.file.sizeValue', {
        size: formatBytes(file.size, i18n.language),
        bytes: number.format(file.size),
      }),
    },
    {
      key: 'type',
      label: t('evidence.file.type'),
      value: [file.mimeType, metadata.format, metadata.codec].filter(Boolean).join(' · '),
    },
    {
      key: 'sha',
      label: t('evidence.file.sha256'),
      value: (
        <span className="evidence-hash">
          <code data-testid="evidence-sha256">{file.sha256}</code>
          <CopyButton text={file.sha256} label={t('evidence.file.copyHash')} />
        </span>
      ),
      wide: true,
    },
  ]
  if (metadata.durationSeconds !== null)
    facts.push({
      key: 'duration',
      label: t('evidence.file.duration'),
      value: formatTimecode(metadata.durationSeconds),
    })
  if (formatResolution(metadata))
    facts.push({
      key: 'resolution',
      label: item.kind === 'video' ? t('evidence.file.resolution') : t('evidence.file.dimensions'),
      value: formatResolution(metadata),
    })
  if (metadata.frameRate !== null)
    facts.push({
      key: 'fps',
      label: t('evidence.file.frameRate'),
      value: t('evidence.file.fps', {
        rate: new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 3 }).format(
          metadata.frameRate,
        ),
      }),
    })
  if (metadata.recordedAt)
    facts.push({
      key: 'recorded',
      label: t('evidence.file.recordedAt'),
      value: (
        <time dateTime={metadata.recordedAt} title={metadata.recordedAt}>
          {when.format(new Date(metadata.recordedAt))}
        </time>
      ),
    })
  if (metadata.exifDate)
    facts.push({
      key: 'exif',
      label: t('evidence.file.exifDate'),
      value: (
        <span>
          {metadata.exifDate} <span className="muted small">{t('evidence.file.exifNoZone')}</span>
        </span>
      ),
    })
  if (metadata.gps)
    facts.push({
      key: 'gps',
      label: t('evidence.file.gps'),
      value: (
        <code>
          {coordinate.format(metadata.gps.lat)}, {coordinate.format(metadata.gps.lon)}
        </code>
      ),
    })
  if (metadata.pageCount !== null)
    facts.push({
      key: 'pages',
      label: t('evidence.file.pages'),
      value: number.format(metadata.pageCount),
    })

  return (
    <section className="claim-section evidence-file" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('evidence.file.title')}</h3>
      <div className="evidence-file-state">
        <FileStateBadge check={check} />
        <span className="muted small">
          {check?.checkedAt
            ? t('evidence.file.checkedAt', { when: when.format(new Date(check.checkedAt)) })
            : t('evidence.file.notCheckedYet')}
        </span>
        <button
          type="button"
          onClick={() => void actions.verify('panel')}
          disabled={actions.running !== null}
        >
          {t('evidence.file.verify')}
        </button>
      </div>
      <ActionStatus item={item} actions={actions} origin="panel" />
      <dl className="evidence-facts">
        {facts.map((f) => (
          <div key={f.key} className={f.wide ? 'evidence-fact wide' : 'evidence-fact'}>
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}
