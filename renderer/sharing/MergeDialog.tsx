import { useEffect, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { MergeChoice, MergeOutcome, MergePlanView } from '../../shared/exchange-types'
import { BUILTIN_STATUSES } from '../../shared/model/claim'
import type { ProjectInfo } from '../../shared/model/project'
import { call } from '../api'
import { Modal } from '../ui/Modal'
import { useNotifications } from '../ui/Notifications'
import { newTaskId } from '../ui/TaskProgress'
import { ConflictCard } from './ConflictCard'
import { humanizeField, type ValueFormat } from './field-diff'
import { fileName, formatDateTime, RefusedDialog, TaskDialog, usePackageRead } from './parts'

/** After main has compared the file with the project. */
type Phase = { step: 'review'; error: string | null } | { step: 'applying'; taskId: string }

interface MergeDialogProps {
  path: string
  project: ProjectInfo
  onClose: () => void
}

/**
 * Merges a `.claimdesk` file into the open project: main compares first (nothing is written),
 * the user sees what would be added, updated and kept, decides every conflict, and only
 * "Apply merge" writes. Cancel leaves the project as it was.
 */
export function MergeDialog({ path, project, onClose }: MergeDialogProps) {
  const { t } = useTranslation()
  const notify = useNotifications()
  const read = usePackageRead('sharing:planMerge', path, onClose)
  const [phase, setPhase] = useState<Phase>({ step: 'review', error: null })
  const [decisions, setDecisions] = useState<Record<string, MergeChoice>>({})

  if (read.step === 'reading') {
    return (
      <TaskDialog
        title={t('sharing.merge.preparing', { name: fileName(path) })}
        taskId={read.taskId}
      />
    )
  }
  if (read.step === 'refused') return <RefusedDialog refusal={read.refusal} onClose={onClose} />
  if (phase.step === 'applying') {
    return <TaskDialog title={t('sharing.merge.applying')} taskId={phase.taskId} />
  }

  const plan = read.value
  const { error } = phase
  const apply = async () => {
    const taskId = newTaskId()
    setPhase({ step: 'applying', taskId })
    const merged = await call('sharing:applyMerge', {
      taskId,
      packageFingerprint: plan.packageFingerprint,
      decisions,
    })
    if (!merged.ok) return setPhase({ step: 'review', error: merged.error.message })
    notify.info(describeOutcome(merged.value, fileName(plan.file), t))
    onClose()
  }

  return (
    <MergeReview
      plan={plan}
      project={project}
      decisions={decisions}
      onDecide={(key, choice) => setDecisions((all) => ({ ...all, [key]: choice }))}
      onDecideAll={(choice) =>
        setDecisions(
          Object.fromEntries(
            plan.conflicts.filter((c) => c.choices.includes(choice)).map((c) => [c.key, choice]),
          ),
        )
      }
      error={error}
      onApply={() => void apply()}
      onClose={onClose}
    />
  )
}

type Translate = ReturnType<typeof useTranslation>['t']

/** The result notice: one line per kind of change, and what the merge did to undo. */
function describeOutcome(outcome: MergeOutcome, file: string, t: Translate): string {
  if (!outcome.changed) return t('sharing.merge.unchangedResult')
  const counts: Array<[number, string]> = [
    [outcome.added, 'sharing.merge.doneAdded'],
    [outcome.updated, 'sharing.merge.doneUpdated'],
    [outcome.conflictsResolved, 'sharing.merge.doneResolved'],
    [outcome.copies, 'sharing.merge.doneCopies'],
    [outcome.mediaFiles, 'sharing.merge.doneMedia'],
  ]
  const lines = [t('sharing.merge.done', { file })]
  for (const [count, key] of counts) {
    if (count > 0) lines.push(`• ${t(key as 'sharing.merge.doneAdded', { count })}`)
  }
  if (outcome.missingMedia.length > 0) {
    lines.push(
      t('sharing.merge.missingMedia', {
        count: outcome.missingMedia.length,
        paths: outcome.missingMedia.join(', '),
      }),
    )
  }
  lines.push(t('sharing.merge.historyCleared'))
  return lines.join('\n')
}

interface MergeReviewProps {
  plan: MergePlanView
  project: ProjectInfo
  decisions: Record<string, MergeChoice>
  onDecide: (key: string, choice: MergeChoice) => void
  onDecideAll: (choice: MergeChoice) => void
  error: string | null
  onApply: () => void
  onClose: () => void
}

function MergeReview(props: MergeReviewProps) {
  const { plan, project, decisions, onDecide, onDecideAll, error, onApply, onClose } = props
  const { t, i18n } = useTranslation()
  const id = useId()
  const names = useEntityNames(plan)
  const format = useMemo<ValueFormat>(
    () => ({
      names,
      statuses: new Map(BUILTIN_STATUSES.map((status) => [status, t(`claims.status.${status}`)])),
      empty: t('sharing.merge.empty'),
      yes: t('sharing.merge.yes'),
      no: t('sharing.merge.no'),
      field: (name) =>
        i18n.exists(`sharing.fields.${name}`)
          ? t(`sharing.fields.${name}` as 'sharing.fields.name')
          : humanizeField(name),
      date: (iso) => formatDateTime(iso, i18n.language),
    }),
    [names, t, i18n],
  )
  const added = plan.changes.filter((c) => c.action === 'add').length
  const updated = plan.changes.length - added
  const conflicts = plan.conflicts
  const decided = conflicts.filter((c) => decisions[c.key] !== undefined).length
  const restored = plan.mediaFiles.filter((m) => m.status === 'restore')
  // Files this project lacks or holds differently; a local file is never overwritten.
  const mediaNotes = plan.mediaFiles.filter((m) => m.status !== 'restore')
  const nothing =
    plan.changes.length === 0 &&
    conflicts.length === 0 &&
    plan.custodyEntries === 0 &&
    restored.length === 0
  const ready = decided === conflicts.length
  const kind = (k: string) =>
    i18n.exists(`sharing.kind.${k}`) ? t(`sharing.kind.${k}` as 'sharing.kind.claim') : k

  return (
    <Modal
      title={t('sharing.merge.title', { file: fileName(plan.file), project: project.name })}
      onClose={onClose}
      wide
    >
      <div className="merge-dialog">
        {!plan.sameProject && (
          <p className="sharing-same">
            {t('sharing.merge.otherProject', { name: plan.projectName })}
          </p>
        )}
        {plan.sameProject && !plan.hasMergeBase && (
          <p className="muted small">{t('sharing.merge.noBase')}</p>
        )}
        {nothing ? (
          <p className="merge-nothing" role="status">
            {t('sharing.merge.nothing')}
          </p>
        ) : (
          <section aria-labelledby={`${id}-summary`}>
            <h3 id={`${id}-summary`} className="merge-heading">
              {t('sharing.merge.summary')}
            </h3>
            <ul className="merge-summary">
              {added > 0 && <li>{t('sharing.merge.added', { count: added })}</li>}
              {updated > 0 && <li>{t('sharing.merge.updated', { count: updated })}</li>}
              {plan.keptLocal > 0 && (
                <li>{t('sharing.merge.keptLocal', { count: plan.keptLocal })}</li>
              )}
              {conflicts.length > 0 && (
                <li className="merge-attention">
                  {t('sharing.merge.conflicts', { count: conflicts.length })}
                </li>
              )}
              {plan.custodyEntries > 0 && (
                <li>{t('sharing.merge.custody', { count: plan.custodyEntries })}</li>
              )}
              {restored.length > 0 && (
                <li>{t('sharing.merge.mediaRestored', { count: restored.length })}</li>
              )}
              {plan.unchanged > 0 && (
                <li className="muted">{t('sharing.merge.unchanged', { count: plan.unchanged })}</li>
              )}
              {plan.localOnly > 0 && (
                <li className="muted">{t('sharing.merge.localOnly', { count: plan.localOnly })}</li>
              )}
            </ul>
            {plan.changes.length > 0 && (
              <details className="merge-changes">
                <summary>{t('sharing.merge.showChanges')}</summary>
                <ul>
                  {plan.changes.map((c) => (
                    <li key={c.key}>
                      <span className="badge">{kind(c.kind)}</span> {c.label}{' '}
                      <span className="muted small">{t(`sharing.merge.action.${c.action}`)}</span>
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </section>
        )}
        {mediaNotes.length > 0 && (
          <div className="sharing-problems" role="note">
            <p>{t('sharing.merge.mediaNotes', { count: mediaNotes.length })}</p>
            <ul>
              {mediaNotes.map((m) => (
                <li key={m.path}>
                  <code>{m.path}</code>: {t(`sharing.merge.media.${m.status}`)}
                </li>
              ))}
            </ul>
          </div>
        )}
        {plan.problems.length > 0 && (
          <div className="sharing-problems" role="note">
            <p>{t('sharing.open.problems', { count: plan.problems.length })}</p>
            <ul>
              {plan.problems.map((p, i) => (
                <li key={`${p.kind}-${i}`}>{p.message}</li>
              ))}
            </ul>
          </div>
        )}
        {conflicts.length > 0 && (
          <section className="merge-conflicts" aria-labelledby={`${id}-conflicts`}>
            <div className="merge-conflicts-head">
              <h3 id={`${id}-conflicts`} className="merge-heading">
                {t('sharing.merge.conflictsHeading')}{' '}
                <span className="muted small" aria-live="polite">
                  {t('sharing.merge.decided', { done: decided, count: conflicts.length })}
                </span>
              </h3>
              {conflicts.length > 1 && (
                <div className="merge-bulk">
                  <button type="button" onClick={() => onDecideAll('local')}>
                    {t('sharing.merge.allMine')}
                  </button>
                  <button type="button" onClick={() => onDecideAll('incoming')}>
                    {t('sharing.merge.allTheirs')}
                  </button>
                </div>
              )}
            </div>
            {conflicts.map((c, i) => (
              <ConflictCard
                key={c.key}
                conflict={c}
                position={{ n: i + 1, count: conflicts.length }}
                choice={decisions[c.key]}
                onChoose={(choice) => onDecide(c.key, choice)}
                format={format}
                autoFocus={i === 0}
              />
            ))}
          </section>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="modal-actions merge-actions">
          {!nothing && !ready && (
            <span className="muted small merge-needs" id={`${id}-needs`}>
              {t('sharing.merge.needsChoices')}
            </span>
          )}
          <button type="button" onClick={onClose} autoFocus={nothing}>
            {nothing ? t('common.close') : t('common.cancel')}
          </button>
          {!nothing && (
            <button
              type="button"
              className="primary"
              disabled={!ready}
              aria-describedby={ready ? undefined : `${id}-needs`}
              onClick={onApply}
              autoFocus={conflicts.length === 0}
            >
              {t('sharing.merge.apply')}
            </button>
          )}
        </div>
      </div>
    </Modal>
  )
}

/**
 * Names of the entities both versions may refer to (sources, claims, tags, articles, evidence),
 * so a conflict shows "Said by: Max Müller" rather than an id.
 */
function useEntityNames(plan: MergePlanView): ReadonlyMap<string, string> {
  const [local, setLocal] = useState<Array<[string, string]>>([])
  useEffect(() => {
    let live = true
    void Promise.all([
      call('registry:get', {}),
      call('tags:list', {}),
      call('articles:list', {}),
    ]).then(([registry, tags, articles]) => {
      if (!live) return
      const entries: Array<[string, string]> = []
      if (registry.ok) {
        const r = registry.value
        for (const s of r.sources) entries.push([s.id, s.name])
        for (const c of r.claims) entries.push([c.id, c.statement])
        for (const e of r.evidence) entries.push([e.id, e.title])
        for (const s of r.statuses) entries.push([s.id, s.label])
      }
      if (tags.ok) for (const tag of tags.value) entries.push([tag.id, tag.name])
      if (articles.ok) for (const a of articles.value) entries.push([a.id, a.title])
      setLocal(entries)
    })
    return () => {
      live = false
    }
  }, [])
  return useMemo(() => {
    const names = new Map<string, string>()
    for (const c of [...plan.changes, ...plan.conflicts]) {
      if (c.kind !== 'annotation' && c.kind !== 'relation') names.set(c.id, c.label)
    }
    for (const [entityId, name] of local) names.set(entityId, name)
    return names
  }, [plan, local])
}
