import { type ReactNode, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type {
  HighlightRange,
  SearchDocType,
  SearchHit,
  SearchResults,
} from '../../shared/search-types'
import { call } from '../api'
import { useProjectVersion } from '../app/useProjectEvents'
import { useNotifications } from '../ui/Notifications'

const ORDER: SearchDocType[] = ['claim', 'source', 'article', 'annotation', 'note']
const RELOAD_ON = ['articles', 'annotations', 'registry', 'tags'] as const

/** Text with its matched ranges wrapped in <mark>. */
function Highlighted({ text, ranges }: { text: string; ranges: HighlightRange[] }) {
  const parts: ReactNode[] = []
  let at = 0
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (start < at) continue
    if (start > at) parts.push(text.slice(at, start))
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>)
    at = end
  }
  parts.push(text.slice(at))
  return <>{parts}</>
}

interface SearchResultsViewProps {
  query: string
  onOpen: (hit: SearchHit) => void
}

/** Search results across the project, grouped by what they are, with the matches marked. */
export function SearchResultsView({ query, onOpen }: SearchResultsViewProps) {
  const { t } = useTranslation()
  const notify = useNotifications()
  const version = useProjectVersion(RELOAD_ON)
  const [results, setResults] = useState<SearchResults | null>(null)

  useEffect(() => {
    let live = true
    // Wait for a pause in typing before asking.
    const timer = setTimeout(() => {
      void call('search:query', { query, limitPerType: 20 }).then((r) => {
        if (!live) return
        if (r.ok) setResults(r.value)
        else notify.error(r.error)
      })
    }, 150)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [query, notify, version])

  if (!results || results.query !== query) {
    return (
      <p className="muted" aria-busy="true">
        {t('search.searching')}
      </p>
    )
  }
  return (
    <section className="search-results" aria-label={t('search.results')}>
      <h1>{t('search.heading', { query, count: results.total })}</h1>
      {results.total === 0 && <p className="empty">{t('search.none')}</p>}
      {ORDER.filter((type) => results.groups[type].length > 0).map((type) => (
        <section key={type} className="search-group" aria-labelledby={`search-${type}`}>
          <h2 id={`search-${type}`}>
            {t(`search.types.${type}`)} <span className="muted">({results.totals[type]})</span>
          </h2>
          <ul>
            {results.groups[type].map((hit) => (
              <li key={`${hit.type}-${hit.id}`}>
                <button type="button" className="search-hit" onClick={() => onOpen(hit)}>
                  <strong>
                    <Highlighted text={hit.title} ranges={hit.titleHighlights} />
                  </strong>
                  {hit.snippets.map((snippet) => (
                    <span key={snippet.start} className="search-snippet">
                      <Highlighted text={snippet.text} ranges={snippet.highlights} />
                    </span>
                  ))}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  )
}
