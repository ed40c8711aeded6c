import { type DragEvent, type KeyboardEvent, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  EVIDENCE_KINDS,
  type EvidenceItem,
  type EvidenceKind,
  type FileCheck,
  STORAGE_MODES,
  type StorageMode,
} from '../../shared/model/evidence'
import type { ProjectInfo } from '../../shared/model/project'
import type { Source } from '../../shared/model/source'
import { call } from '../api'
import { GradeMark, type StatusOption, StatusPill, statusLabel } from '../claims/Badges'
import { foldText } from '../claims/claim-helpers'
import { allStatuses, useRegistry } from '../claims/useRegistry'
import { moveFocusInList } from '../ui/keyboard'
import { useNotifications } from '../ui/Notifications'
import type { FilesToAdd } from './AddEvidenceDialog'
import { EvidenceDetail } from './EvidenceDetail'
import {
  currentItemAssessment,
  type FileState,
  fileStateOf,
  formatDuration,
  formatResolution,
} from './evidence-helpers'
import { EvidenceThumb, FileStateBadge, KindIcon } from './parts'
import { useFileChecks } from './useFileChecks'
import './evidence.css'

const FILE_STATES: FileState[] = ['ok', 'changed', 'missing', 'unchecked']

interface Filter {
  text: string
  kind: '' | EvidenceKind
  status: string
  fileState: '' | FileState
}
const NO_FILTER: Filter = { text: '', kind: '', status: '', fileState: '' }

/**
 * A request from elsewhere to show an item (from a claim, an annotation), a segment of it, or
 * the list (itemId null: the Evidence entry of the navigation).
 */
export interface EvidenceFocus {
  itemId: string | null
  segmentId: string | null
  /** A new number for every request, so opening the same item twice works twice. */
  n: number
}

interface EvidenceViewProps {
  project: ProjectInfo
  onProjectChange: (project: ProjectInfo) => void
  focus: EvidenceFocus | null
  /** Asks for files to add (the project screen owns the add flow: the menu starts it too). */
  onChooseFiles: () => void
  onAddFiles: (files: FilesToAdd) => void
  onOpenClaim: (claimId: string) => void
  onOpenMention: (articleId: string, annotationId: string) => void
}

/** The project's evidence: footage, images and documents, their files' state, and adding more. */
export function EvidenceView(props: EvidenceViewProps) {
  const { project, focus, onChooseFiles } = props
  const { t } = useTranslation()
  const ids = useId()
  const { registry, sourcesById, claimsById } = useRegistry()
  const { checks, refresh: refreshChecks } = useFileChecks()
  const [filter, setFilter] = useState<Filter>(NO_FILTER)
  const [selected, setSelected] = useState<{ id: string; segmentId: string | null } | null>(
    focus?.itemId ? { id: focus.itemId, segmentId: focus.segmentId } : null,
  )
  const [seenFocus, setSeenFocus] = useState(focus)
  const [dragging, setDragging] = useState(false)

  // A new request from outside opens that item (adjusting state while rendering, not in an effect).
  if (focus !== seenFocus) {
    setSeenFocus(focus)
    if (focus) setSelected(focus.itemId ? { id: focus.itemId, segmentId: focus.segmentId } : null)
  }

  const items = useMemo(() => registry?.evidence ?? [], [registry])
  const statuses = useMemo(() => allStatuses(registry), [registry])
  const visible = useMemo(() => {
    const words = foldText(filter.text).split(/\s+/).filter(Boolean)
    return items.filter((item) => {
      if (filter.kind && item.kind !== filter.kind) return false
      if (filter.status && currentItemAssessment(item).status !== filter.status) return false
      if (filter.fileState && fileStateOf(checks, item.id) !== filter.fileState) return false
      if (words.length === 0) return true
      const haystack = foldText(
        `${item.title}\n${item.file.originalName}\n${item.provenance.platform}\n${item.provenance.claimedPlace}`,
      )
      return words.every((w) => haystack.includes(w))
    })
  }, [items, filter, checks])
  const filtered =
    filter.text.trim() !== '' ||
    filter.kind !== '' ||
    filter.status !== '' ||
    filter.fileState !== ''
  const item = selected ? items.find((i) => i.id === selected.id) : undefined

  const onDragOver = (event: DragEvent) => {
    if (!event.dataTransfer.types.includes('Files')) return
    // Files dropped here are evidence, not articles to import: keep the event from the project.
    event.preventDefault()
    event.stopPropagation()
    setDragging(true)
  }
  const onDrop = (event: DragEvent) => {
    if (!event.dataTransfer.types.includes('Files')) return
    event.preventDefault()
    event.stopPropagation()
    setDragging(false)
    const files = [...event.dataTransfer.files]
    if (files.length === 0) return
    const paths: string[] = []
    const withoutPath: string[] = []
    for (const file of files) {
      const path = window.claimdesk.pathForFile(file)
      if (path) paths.push(path)
      else withoutPath.push(file.name)
    }
    props.onAddFiles({ paths, withoutPath })
  }

  const backToList = (fromId: string) => {
    setSelected(null)
    // Continue where the user was: on the row of the item they came back from.
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>(`[data-evidence-id="${CSS.escape(fromId)}"]`)?.focus(),
    )
  }

  const headingId = `${ids}-title`
  const dropZone = {
    onDragOver,
    onDragLeave: (e: DragEvent) => {
      if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false)
    },
    onDrop,
  }

  if (item && registry) {
    return (
      <section className="evidence-view" aria-labelledby={headingId} {...dropZone}>
        <EvidenceDetail
          key={item.id}
          item={item}
          registry={registry}
          sourcesById={sourcesById}
          claimsById={claimsById}
          statuses={statuses}
          check={checks.get(item.id)}
          focusSegmentId={selected?.segmentId ?? null}
          titleId={headingId}
          onBack={() => backToList(item.id)}
          onChecked={refreshChecks}
          onDeleted={() => setSelected(null)}
          onOpenClaim={props.onOpenClaim}
          onOpenMention={props.onOpenMention}
        />
        {dragging && <DropOverlay />}
      </section>
    )
  }

  return (
    <section
      className={dragging ? 'evidence-view dragging' : 'evidence-view'}
      aria-labelledby={headingId}
      {...dropZone}
    >
      <header className="evidence-header">
        <div>
          <h1 id={headingId}>{t('evidence.title')}</h1>
          <p className="muted evidence-count" role="status">
            {registry === null
              ? t('evidence.loading')
              : filtered
                ? t('evidence.countFiltered', { shown: visible.length, count: items.length })
                : t('evidence.count', { count: items.length })}
          </p>
        </div>
        <span className="spacer" />
        <StorageSetting project={project} onProjectChange={props.onProjectChange} />
        <button
          type="button"
          className="primary"
          aria-keyshortcuts="Control+Shift+E"
          title={t('evidence.addShortcut')}
          onClick={onChooseFiles}
        >
          {t('evidence.addButton')}
        </button>
      </header>

      {registry && items.length === 0 && (
        <div className="empty-card evidence-empty">
          <h2>{t('evidence.emptyTitle')}</h2>
          <p>{t('evidence.emptyWhat')}</p>
          <p>{t('evidence.emptyHow')}</p>
          <div className="evidence-empty-drop" aria-hidden="true">
            <KindIcon kind="video" />
            <KindIcon kind="image" />
            <KindIcon kind="document" />
            <span>{t('evidence.dropHint')}</span>
          </div>
          <button type="button" className="primary" onClick={onChooseFiles}>
            {t('evidence.addButton')}
          </button>
        </div>
      )}

      {items.length > 0 && (
        <>
          <Filters filter={filter} onChange={setFilter} statuses={statuses} />
          {visible.length === 0 ? (
            <div className="no-match evidence-no-match">
              <p>
                <strong>{t('evidence.noMatch')}</strong>
              </p>
              <button type="button" onClick={() => setFilter(NO_FILTER)}>
                {t('evidence.clearFilters')}
              </button>
            </div>
          ) : (
            <ul className="row-list evidence-list" aria-label={t('evidence.listLabel')}>
              {visible.map((i) => (
                <EvidenceRow
                  key={i.id}
                  item={i}
                  check={checks.get(i.id)}
                  publisher={
                    i.provenance.publisherId ? sourcesById.get(i.provenance.publisherId) : undefined
                  }
                  statuses={statuses}
                  onOpen={() => setSelected({ id: i.id, segmentId: null })}
                />
              ))}
            </ul>
          )}
          <p className="muted small evidence-drop-note">{t('evidence.dropHint')}</p>
        </>
      )}
      {dragging && <DropOverlay />}
    </section>
  )
}

function DropOverlay() {
  const { t } = useTranslation()
  return (
    <div className="evidence-drop-overlay" aria-hidden="true">
      {t('evidence.dropHere')}
    </div>
  )
}

/** The project's default for new files: copy them into the project or link them where they are. */
function StorageSetting({
  project,
  onProjectChange,
}: {
  project: ProjectInfo
  onProjectChange: (project: ProjectInfo) => void
}) {
  const { t } = useTranslation()
  const notify = useNotifications()
  const id = useId()
  // The choice shows at once; the control stays disabled until main has saved it.
  const [saving, setSaving] = useState<StorageMode | null>(null)
  const change = async (mode: StorageMode) => {
    setSaving(mode)
    const saved = await call('projects:updateSettings', { evidenceStorage: mode })
    setSaving(null)
    if (saved.ok) onProjectChange(saved.value)
    else notify.error(saved.error)
  }
  return (
    <div className="evidence-storage-setting">
      <label htmlFor={`${id}-storage`}>{t('evidence.storageDefault')}</label>
      <select
        id={`${id}-storage`}
        value={saving ?? project.settings.evidenceStorage}
        disabled={saving !== null}
        title={t('evidence.add.storageHint')}
        onChange={(e) => void change(e.target.value as StorageMode)}
      >
        {STORAGE_MODES.map((mode) => (
          <option key={mode} value={mode}>
            {t(`evidence.storage.${mode}`)}
          </option>
        ))}
      </select>
    </div>
  )
}

function Filters({
  filter,
  onChange,
  statuses,
}: {
  filter: Filter
  onChange: (filter: Filter) => void
  statuses: readonly StatusOption[]
}) {
  const { t } = useTranslation()
  const set = <K extends keyof Filter>(key: K, value: Filter[K]) =>
    onChange({ ...filter, [key]: value })
  return (
    <div className="evidence-filters" role="search" aria-label={t('evidence.filters')}>
      <label className="evidence-filter evidence-filter-text">
        <span>{t('evidence.search')}</span>
        <input
          type="search"
          value={filter.text}
          placeholder={t('evidence.searchPlaceholder')}
          onChange={(e) => set('text', e.target.value)}
        />
      </label>
      <label className="evidence-filter">
        <span>{t('evidence.kindFilter')}</span>
        <select value={filter.kind} onChange={(e) => set('kind', e.target.value as Filter['kind'])}>
          <option value="">{t('evidence.allKinds')}</option>
          {EVIDENCE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`evidence.kinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="evidence-filter">
        <span>{t('evidence.statusFilter')}</span>
        <select value={filter.status} onChange={(e) => set('status', e.target.value)}>
          <option value="">{t('evidence.allStatuses')}</option>
          {statuses.map((s) => (
            <option key={s.id} value={s.id}>
              {statusLabel(t, s.id, statuses)}
            </option>
          ))}
        </select>
      </label>
      <label className="evidence-filter">
        <span>{t('evidence.fileStateFilter')}</span>
        <select
          value={filter.fileState}
          onChange={(e) => set('fileState', e.target.value as Filter['fileState'])}
        >
          <option value="">{t('evidence.allFileStates')}</option>
          {FILE_STATES.map((s) => (
            <option key={s} value={s}>
              {t(`evidence.fileState.${s}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  )
}

/** Up and down arrows (and Home, End) move between the rows of the list. */
const moveFocus = (event: KeyboardEvent<HTMLButtonElement>) =>
  moveFocusInList(event, '.evidence-row')

function EvidenceRow({
  item,
  check,
  publisher,
  statuses,
  onOpen,
}: {
  item: EvidenceItem
  check: FileCheck | undefined
  publisher: Source | undefined
  statuses: readonly StatusOption[]
  onOpen: () => void
}) {
  const { t } = useTranslation()
  const assessment = currentItemAssessment(item)
  const { metadata } = item
  const facts = [
    t(`evidence.kinds.${item.kind}`),
    metadata.durationSeconds !== null ? formatDuration(metadata.durationSeconds) : '',
    formatResolution(metadata),
    metadata.pageCount !== null ? t('evidence.pages', { count: metadata.pageCount }) : '',
  ].filter(Boolean)
  const origin = [
    publisher ? t('evidence.publishedBy', { name: publisher.name }) : '',
    item.provenance.platform,
  ]
    .filter(Boolean)
    .join(' · ')
  return (
    <li>
      <button
        type="button"
        className="evidence-row"
        data-evidence-id={item.id}
        onClick={onOpen}
        onKeyDown={moveFocus}
      >
        <EvidenceThumb item={item} />
        <span className="evidence-row-main">
          <span className="evidence-row-title">{item.title}</span>
          <span className="evidence-row-facts muted small">{facts.join(' · ')}</span>
          <span className="evidence-row-publisher small">
            {origin || <span className="muted">{t('evidence.noPublisher')}</span>}
          </span>
        </span>
        <span className="evidence-row-state">
          <StatusPill status={assessment.status} statuses={statuses} />
          <GradeMark credibility={assessment.credibility} />
          <FileStateBadge check={check} />
        </span>
      </button>
    </li>
  )
}
