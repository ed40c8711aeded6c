import { type KeyboardEvent, useId, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { RELIABILITY_GRADES, type Reliability } from '../../shared/model/grading'
import { SOURCE_KINDS, type Source, type SourceKind } from '../../shared/model/source'
import { useRegistry } from '../claims/useRegistry'
import { moveFocusInList } from '../ui/keyboard'
import { GradeBadge } from './GradeBadge'
import { roleLine, type SourceUsage, usageBySource, usageOf } from './parts'
import { DeleteSourceDialog, MergeSourceDialog } from './SourceDialogs'
import { SourceForm } from './SourceForm'
import { SourcePage } from './SourcePage'
import './sources.css'

type GradeFilter = '' | Reliability | 'none'
type SortOrder = 'name' | 'grade'
type DialogState =
  { kind: 'create' } | { kind: 'edit' | 'merge' | 'delete'; sourceId: string } | null

/** Lower case without accents, so "Kyiv" finds "Kýiv" and "sojgu" finds "Sojgu". */
const fold = (text: string) =>
  text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase().trim()

/** A, B, … E, then F (cannot be judged), then sources not graded yet. */
const gradeRank = (grade: Reliability | null) =>
  grade === null ? RELIABILITY_GRADES.length : RELIABILITY_GRADES.indexOf(grade)

function SourceRow({
  source,
  usage,
  selected,
  onSelect,
  onKeyDown,
}: {
  source: Source
  usage: SourceUsage
  selected: boolean
  onSelect: () => void
  onKeyDown: (event: KeyboardEvent<HTMLButtonElement>) => void
}) {
  const { t } = useTranslation()
  const role = roleLine(source)
  return (
    <li>
      <button
        type="button"
        className="source-row"
        aria-current={selected || undefined}
        onClick={onSelect}
        onKeyDown={onKeyDown}
        data-source-id={source.id}
      >
        <span className="source-row-top">
          <span className="source-row-name">{source.name}</span>
          <GradeBadge reliability={source.reliability} />
        </span>
        {source.aliases.length > 0 && (
          <span className="source-row-aliases">{source.aliases.join(' · ')}</span>
        )}
        <span className="source-row-kind">
          <span className="source-kind">{t(`sources.kinds.${source.kind}`)}</span>
          {role && <span className="source-row-role">{role}</span>}
        </span>
        <span className="source-row-stats">
          {t('sources.statSaid', { count: usage.said.length })} ·{' '}
          {t('sources.statReported', { count: usage.reported.length })} ·{' '}
          {t('sources.statMentions', { count: source.mentions.length })}
        </span>
      </button>
    </li>
  )
}

/** The project's sources: a searchable list and, beside it, the selected source's page. */
export function SourcesView({
  onOpenMention,
  onOpenClaim,
}: {
  onOpenMention: (articleId: string, annotationId: string) => void
  onOpenClaim: (claimId: string) => void
}) {
  const { t, i18n } = useTranslation()
  const { registry, sourcesById } = useRegistry()
  const [query, setQuery] = useState('')
  const [kind, setKind] = useState<'' | SourceKind>('')
  const [grade, setGrade] = useState<GradeFilter>('')
  const [sort, setSort] = useState<SortOrder>('name')
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [dialog, setDialog] = useState<DialogState>(null)
  const ids = useId()
  const listPane = useRef<HTMLDivElement>(null)

  const sources = useMemo(() => registry?.sources ?? [], [registry])
  const usage = useMemo(() => usageBySource(registry?.claims ?? []), [registry])
  const collator = useMemo(
    () => new Intl.Collator(i18n.language, { numeric: true, sensitivity: 'base' }),
    [i18n.language],
  )
  const byName = useMemo(
    () => [...sources].sort((a, b) => collator.compare(a.name, b.name)),
    [sources, collator],
  )

  const shown = useMemo(() => {
    const needle = fold(query)
    const matches = byName.filter(
      (s) =>
        (!needle || [s.name, ...s.aliases].some((n) => fold(n).includes(needle))) &&
        (!kind || s.kind === kind) &&
        (!grade || (grade === 'none' ? s.reliability === null : s.reliability === grade)),
    )
    if (sort === 'grade') {
      // Array.prototype.sort is stable: equal grades stay in name order.
      matches.sort((a, b) => gradeRank(a.reliability) - gradeRank(b.reliability))
    }
    return matches
  }, [byName, query, kind, grade, sort])

  const filtered = query.trim() !== '' || kind !== '' || grade !== ''
  const selected = selectedId ? sourcesById.get(selectedId) : undefined
  const dialogSource = dialog && dialog.kind !== 'create' ? sourcesById.get(dialog.sourceId) : null
  const close = () => setDialog(null)
  const clearFilters = () => {
    setQuery('')
    setKind('')
    setGrade('')
  }

  /** Up and down arrows (and Home, End) move between sources in the list. */
  const moveFocus = (event: KeyboardEvent<HTMLButtonElement>) =>
    moveFocusInList(event, 'button.source-row')

  const headingId = `${ids}-title`
  const total = t('sources.summary', { count: sources.length })

  return (
    <section className="sources-view" aria-labelledby={headingId}>
      <header className="sources-header">
        <div>
          <h1 id={headingId}>{t('sources.title')}</h1>
          <p className="muted sources-count" role="status">
            {registry === null
              ? t('sources.loading')
              : filtered
                ? t('sources.filtered', { shown: shown.length, total })
                : total}
          </p>
        </div>
        <button type="button" className="primary" onClick={() => setDialog({ kind: 'create' })}>
          {t('sources.newSource')}
        </button>
      </header>

      {registry && sources.length === 0 && (
        <div className="empty-card appear">
          <h2>{t('sources.emptyTitle')}</h2>
          <p>{t('sources.emptyWhat')}</p>
          <p>{t('sources.emptyHow')}</p>
          <button type="button" className="primary" onClick={() => setDialog({ kind: 'create' })}>
            {t('sources.createFirst')}
          </button>
        </div>
      )}

      {sources.length > 0 && (
        <div className="sources-layout">
          <div className="sources-list-pane" ref={listPane}>
            <div className="sources-filters" role="search" aria-label={t('sources.filters')}>
              <label className="sources-search">
                <span className="visually-hidden">{t('sources.search')}</span>
                <input
                  type="search"
                  value={query}
                  onChange={(e) => setQuery(e.target.value)}
                  placeholder={t('sources.searchPlaceholder')}
                />
              </label>
              <div className="sources-filter-row">
                <label className="sources-filter">
                  <span>{t('sources.kindFilter')}</span>
                  <select value={kind} onChange={(e) => setKind(e.target.value as '' | SourceKind)}>
                    <option value="">{t('sources.allKinds')}</option>
                    {SOURCE_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {t(`sources.kinds.${k}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="sources-filter">
                  <span>{t('sources.gradeFilter')}</span>
                  <select value={grade} onChange={(e) => setGrade(e.target.value as GradeFilter)}>
                    <option value="">{t('sources.allGrades')}</option>
                    {RELIABILITY_GRADES.map((g) => (
                      <option key={g} value={g}>
                        {t('sources.gradeOption', {
                          code: g,
                          label: t(`grading.reliability.${g}.label`),
                        })}
                      </option>
                    ))}
                    <option value="none">{t('sources.notGraded')}</option>
                  </select>
                </label>
                <label className="sources-filter">
                  <span>{t('sources.sort')}</span>
                  <select value={sort} onChange={(e) => setSort(e.target.value as SortOrder)}>
                    <option value="name">{t('sources.sortName')}</option>
                    <option value="grade">{t('sources.sortGrade')}</option>
                  </select>
                </label>
              </div>
            </div>

            {shown.length === 0 ? (
              <div className="no-match sources-no-match">
                <p>
                  <strong>{t('sources.noMatch')}</strong>
                </p>
                <p className="muted">{t('sources.noMatchHint')}</p>
                <button type="button" onClick={clearFilters}>
                  {t('sources.clearFilters')}
                </button>
              </div>
            ) : (
              <ul className="row-list sources-list" aria-label={t('sources.listLabel')}>
                {shown.map((source) => (
                  <SourceRow
                    key={source.id}
                    source={source}
                    usage={usageOf(usage, source.id)}
                    selected={source.id === selected?.id}
                    onSelect={() => setSelectedId(source.id)}
                    onKeyDown={moveFocus}
                  />
                ))}
              </ul>
            )}
          </div>

          <div className="sources-page-pane">
            {selected && registry ? (
              <SourcePage
                key={selected.id}
                source={selected}
                usage={usageOf(usage, selected.id)}
                registry={registry}
                onEdit={() => setDialog({ kind: 'edit', sourceId: selected.id })}
                onMerge={() => setDialog({ kind: 'merge', sourceId: selected.id })}
                onDelete={() => setDialog({ kind: 'delete', sourceId: selected.id })}
                onOpenMention={onOpenMention}
                onOpenClaim={onOpenClaim}
              />
            ) : (
              <p className="muted sources-select-hint">{t('sources.selectHint')}</p>
            )}
          </div>
        </div>
      )}

      {dialog?.kind === 'create' && (
        <SourceForm
          source={null}
          others={sources}
          onClose={close}
          onSaved={(source) => {
            setSelectedId(source.id)
            close()
          }}
        />
      )}
      {dialog?.kind === 'edit' && dialogSource && (
        <SourceForm
          source={dialogSource}
          others={sources.filter((s) => s.id !== dialogSource.id)}
          onClose={close}
          onSaved={close}
        />
      )}
      {dialog?.kind === 'merge' && dialogSource && (
        <MergeSourceDialog
          source={dialogSource}
          usage={usageOf(usage, dialogSource.id)}
          targets={byName.filter((s) => s.id !== dialogSource.id)}
          onClose={close}
          onMerged={(target) => {
            setSelectedId(target.id)
            close()
          }}
        />
      )}
      {dialog?.kind === 'delete' && dialogSource && (
        <DeleteSourceDialog
          source={dialogSource}
          usage={usageOf(usage, dialogSource.id)}
          others={byName.filter((s) => s.id !== dialogSource.id)}
          onClose={close}
          onDeleted={() => {
            setSelectedId(null)
            close()
            // The page and its Delete button are gone: continue in the list.
            requestAnimationFrame(() => {
              const pane = listPane.current
              const next =
                pane?.querySelector<HTMLElement>('.source-row') ?? pane?.querySelector('input')
              next?.focus()
            })
          }}
        />
      )}
    </section>
  )
}
