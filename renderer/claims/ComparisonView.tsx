import { useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ClaimRelation } from '../../shared/model/claim'
import { formatQuantity } from '../../shared/quantities'
import { GradeMark, SourceRef, StatusPill } from './Badges'
import { latestAssessment, toQuantity } from './claim-helpers'
import { type ComparisonRow, groupByUnit, type UnitGroup } from './comparison'
import { Timeline, type TimelineLink, type TimelinePoint } from './Timeline'
import { useArticles } from './useArticles'
import { allStatuses, useRegistry } from './useRegistry'
import './claims.css'

/** One colour per source; dark enough for lines and dots on white, told apart by most eyes. */
const SOURCE_COLORS = [
  '#0072b2',
  '#d55e00',
  '#009e73',
  '#cc79a7',
  '#8a6d00',
  '#56b4e9',
  '#6a3d9a',
  '#555555',
  '#b22222',
  '#2f4f4f',
]

const rowKey = (row: ComparisonRow) => `${row.claim.id}#${row.index}`
/** The source a figure is attributed to in the chart: who said it, else who reported it. */
const sourceIdOf = (row: ComparisonRow) => row.claim.saidBy[0] ?? row.claim.reportedBy[0] ?? ''

/** Pairs of figures in the group whose claims contradict each other. */
function contradictions(group: UnitGroup, relations: readonly ClaimRelation[]) {
  const rowsOf = new Map<string, ComparisonRow[]>()
  for (const row of group.rows) rowsOf.set(row.claim.id, [...(rowsOf.get(row.claim.id) ?? []), row])
  const pairs: Array<{ relation: ClaimRelation; from: ComparisonRow; to: ComparisonRow }> = []
  for (const relation of relations) {
    if (relation.type !== 'contradicts') continue
    for (const from of rowsOf.get(relation.fromClaimId) ?? [])
      for (const to of rowsOf.get(relation.toClaimId) ?? []) pairs.push({ relation, from, to })
  }
  return pairs
}

/** Claims about the same quantity side by side: who says how many, when, and how credible. */
export function ComparisonView({ onOpenClaim }: { onOpenClaim: (claimId: string) => void }) {
  const { t, i18n } = useTranslation()
  const locale = i18n.language === 'de' ? 'de' : 'en'
  const baseId = useId()
  const { registry, sourcesById } = useRegistry()
  const { articlesById } = useArticles()
  const [groupKey, setGroupKey] = useState<string | null>(null)
  const groups = useMemo(() => groupByUnit(registry?.claims ?? []), [registry])
  const statuses = useMemo(() => allStatuses(registry), [registry])
  const group = groups.find((g) => g.key === groupKey) ?? groups[0]

  const groupLabel = (g: UnitGroup) => g.units.join(' / ') || t('comparison.noUnit')
  const dateFormat = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'medium',
    timeZone: 'UTC',
  })
  const formatDate = (iso: string) => (iso ? dateFormat.format(new Date(`${iso}T00:00:00Z`)) : '')
  /** For tight labels: the shortest of a long name's other names ("HUR"), else the name. */
  const shortSourceName = (sourceId: string) => {
    const source = sourcesById.get(sourceId)
    if (!source || source.name.length <= 24) return sourceName(sourceId)
    const shortest = [...source.aliases].sort((a, b) => a.length - b.length)[0]
    return shortest && shortest.length < source.name.length ? shortest : source.name
  }
  const sourceName = (sourceId: string) =>
    sourceId
      ? (sourcesById.get(sourceId)?.name ?? t('claims.missingSource'))
      : t('comparison.unknownSource')

  const colors = useMemo(() => {
    const map = new Map<string, string>()
    for (const row of group?.rows ?? []) {
      const key = sourceIdOf(row)
      if (!map.has(key)) map.set(key, SOURCE_COLORS[map.size % SOURCE_COLORS.length] ?? '#555555')
    }
    return map
  }, [group])

  const pairs = useMemo(
    () => (group && registry ? contradictions(group, registry.relations) : []),
    [group, registry],
  )

  if (!registry) {
    return (
      <section className="comparison">
        <p className="muted">{t('claims.loading')}</p>
      </section>
    )
  }

  const header = (
    <header className="claims-header">
      <h1 id={`${baseId}-title`}>{t('comparison.title')}</h1>
      <p className="muted claims-count">{t('comparison.intro')}</p>
    </header>
  )
  if (!group) {
    return (
      <section className="comparison" aria-labelledby={`${baseId}-title`}>
        {header}
        <div className="claims-empty">
          <h2>{t('comparison.emptyTitle')}</h2>
          <p>{t('comparison.emptyHow')}</p>
        </div>
      </section>
    )
  }

  const short = (row: ComparisonRow) =>
    formatQuantity(toQuantity({ ...row.quantity, unit: '' }), locale, 'symbols')
  const long = (row: ComparisonRow) => formatQuantity(toQuantity(row.quantity), locale, 'words')
  const describe = (row: ComparisonRow) =>
    t('comparison.figureBy', { figure: short(row), source: sourceName(sourceIdOf(row)) })

  const points: TimelinePoint[] = group.rows.map((row) => ({
    key: rowKey(row),
    claimId: row.claim.id,
    quantity: row.quantity,
    madeOn: row.claim.madeOn,
    color: colors.get(sourceIdOf(row)) ?? '#555555',
    figure: short(row),
    source: sourceName(sourceIdOf(row)),
    sourceShort: shortSourceName(sourceIdOf(row)),
    tooltip: [
      row.claim.statement,
      `${long(row)} — ${sourceName(sourceIdOf(row))}`,
      row.claim.madeOn ? formatDate(row.claim.madeOn) : t('comparison.undated'),
    ].join('\n'),
  }))
  const links: TimelineLink[] = pairs.map(({ from, to }) => ({
    from: rowKey(from),
    to: rowKey(to),
    tooltip: t('comparison.contradictsTip', { a: describe(from), b: describe(to) }),
  }))
  const contradicting = (row: ComparisonRow) =>
    pairs.filter((p) => p.from === row || p.to === row).map((p) => (p.from === row ? p.to : p.from))

  const undatedCount = group.rows.filter((r) => !r.claim.madeOn).length

  return (
    <section className="comparison" aria-labelledby={`${baseId}-title`}>
      {header}
      <div className="comparison-controls">
        <label htmlFor={`${baseId}-group`}>{t('comparison.quantity')}</label>
        <select
          id={`${baseId}-group`}
          value={group.key}
          onChange={(e) => setGroupKey(e.target.value)}
        >
          {groups.map((g) => (
            <option key={g.key} value={g.key}>
              {t('comparison.groupOption', { label: groupLabel(g), count: g.rows.length })}
            </option>
          ))}
        </select>
        <span className="muted small">
          {t('comparison.summary', {
            figures: t('comparison.figures', { count: group.rows.length }),
            sources: t('comparison.sources', { count: colors.size }),
          })}
          {pairs.length > 0 && ` · ${t('comparison.contradictionCount', { count: pairs.length })}`}
        </span>
      </div>

      <figure className="comparison-figure">
        <Timeline
          points={points}
          links={links}
          unitLabel={groupLabel(group)}
          locale={locale}
          onOpenClaim={onOpenClaim}
        />
        <figcaption>
          <ul className="timeline-legend" aria-label={t('comparison.legendSources')}>
            {[...colors.entries()].map(([sourceId, color]) => (
              <li key={sourceId || 'none'}>
                <span className="legend-swatch" style={{ background: color }} aria-hidden="true" />
                {sourceId ? (
                  <SourceRef source={sourcesById.get(sourceId)} />
                ) : (
                  t('comparison.unknownSource')
                )}
              </li>
            ))}
          </ul>
          <p className="timeline-key small muted">
            <span>{t('comparison.keyDot')}</span>
            <span>{t('comparison.keyHollow')}</span>
            <span>{t('comparison.keyUp')}</span>
            <span>{t('comparison.keyDown')}</span>
            <span>{t('comparison.keyRange')}</span>
            {pairs.length > 0 && (
              <span className="key-contradiction">{t('comparison.keyContradiction')}</span>
            )}
            {undatedCount > 0 && <span>{t('comparison.keyUndated')}</span>}
          </p>
        </figcaption>
      </figure>

      <table className="comparison-table">
        <caption className="visually-hidden">
          {t('comparison.tableCaption', { unit: groupLabel(group) })}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="col-figure">
              {t('comparison.column.figure')}
            </th>
            <th scope="col" className="col-source">
              {t('comparison.column.source')}
            </th>
            <th scope="col" className="col-date">
              {t('comparison.column.date')}
            </th>
            <th scope="col" className="col-status">
              {t('comparison.column.status')}
            </th>
            <th scope="col" className="col-credibility">
              {t('comparison.column.credibility')}
            </th>
            <th scope="col" className="col-citations">
              {t('comparison.column.citations')}
            </th>
          </tr>
        </thead>
        <tbody>
          {group.rows.map((row) => {
            const assessment = latestAssessment(row.claim)
            const against = contradicting(row)
            const cited = [...new Set(row.claim.mentions.map((m) => m.articleId))]
            return (
              <tr key={rowKey(row)}>
                <td>
                  <div className="comparison-figure-cell">
                    <span
                      className="legend-swatch"
                      style={{ background: colors.get(sourceIdOf(row)) }}
                      aria-hidden="true"
                    />
                    <button
                      type="button"
                      className="link-button comparison-open"
                      title={t('comparison.openClaim')}
                      onClick={() => onOpenClaim(row.claim.id)}
                    >
                      {long(row)}
                    </button>
                    <span className="comparison-statement muted small">{row.claim.statement}</span>
                    {against.length > 0 && (
                      <span className="relation-marker relation-contradicts">
                        <span aria-hidden="true">⚡ </span>
                        {t('comparison.contradicts', { list: against.map(describe).join('; ') })}
                      </span>
                    )}
                  </div>
                </td>
                <td>
                  {row.claim.saidBy.map((sid) => (
                    <SourceRef key={sid} source={sourcesById.get(sid)} />
                  ))}
                  {row.claim.saidBy.length === 0 && (
                    <span className="muted">{t('claims.noSaidBy')}</span>
                  )}
                  {row.claim.reportedBy.length > 0 && (
                    <span className="comparison-via small">
                      {t('claims.reportedByShort')}{' '}
                      {row.claim.reportedBy.map((sid) => (
                        <SourceRef key={sid} source={sourcesById.get(sid)} />
                      ))}
                    </span>
                  )}
                </td>
                <td className="col-date">
                  {row.claim.madeOn ? (
                    <time dateTime={row.claim.madeOn}>{formatDate(row.claim.madeOn)}</time>
                  ) : (
                    <span className="muted">{t('comparison.undated')}</span>
                  )}
                </td>
                <td>
                  <StatusPill status={assessment.status} statuses={statuses} />
                </td>
                <td>
                  <GradeMark credibility={assessment.credibility} />
                </td>
                <td className="comparison-citations small">
                  {cited.length === 0 ? (
                    <span className="muted">{t('comparison.notCited')}</span>
                  ) : (
                    <ul>
                      {cited.map((articleId) => {
                        const article = articlesById.get(articleId)
                        return (
                          <li key={articleId} title={article?.title}>
                            {article ? (
                              <>
                                {[article.outlet, formatDate(article.publishedAt)]
                                  .filter(Boolean)
                                  .join(', ') || t('comparison.noOutlet')}
                                <span className="comparison-citation-title">{article.title}</span>
                              </>
                            ) : (
                              t('claims.missingArticle')
                            )}
                          </li>
                        )
                      })}
                    </ul>
                  )}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </section>
  )
}
