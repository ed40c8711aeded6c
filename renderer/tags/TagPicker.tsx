import { type KeyboardEvent, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TagWithCount } from '../../shared/model/tag'
import { useMutation } from '../app/useMutation'
import { tagPath } from './useTags'

interface TagPickerProps {
  tags: TagWithCount[]
  byId: Map<string, TagWithCount>
  selected: string[]
  onChange: (tagIds: string[]) => void
  /** Label for the input (screen readers). */
  label: string
}

/** Chips for the chosen tags plus a combobox to add one, or to create a new tag inline. */
export function TagPicker({ tags, byId, selected, onChange, label }: TagPickerProps) {
  const { t } = useTranslation()
  const mutate = useMutation()
  const listId = useId()
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)

  const options = useMemo(() => {
    const q = query.trim().toLocaleLowerCase()
    if (!q) return []
    return tags
      .filter(
        (tag) => !selected.includes(tag.id) && tagPath(tag, byId).toLocaleLowerCase().includes(q),
      )
      .slice(0, 8)
  }, [query, tags, selected, byId])
  const exact = tags.some(
    (tag) => tag.name.toLocaleLowerCase() === query.trim().toLocaleLowerCase(),
  )
  const canCreate = query.trim().length > 0 && !exact
  const count = options.length + (canCreate ? 1 : 0)

  const add = (id: string) => {
    onChange([...selected, id])
    setQuery('')
    setActive(0)
  }
  const create = async () => {
    const created = await mutate('tags:create', { name: query.trim() })
    if (created.ok) add(created.value.id)
  }
  const choose = (index: number) => {
    const option = options[index]
    if (option) add(option.id)
    else if (canCreate) void create()
  }
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') setActive((a) => Math.min(a + 1, count - 1))
    else if (event.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0))
    else if (event.key === 'Enter' && query.trim()) choose(active)
    else if (event.key === 'Backspace' && !query && selected.length > 0)
      onChange(selected.slice(0, -1))
    else return
    event.preventDefault()
    event.stopPropagation()
  }

  return (
    <div className="tag-picker">
      {selected.map((id) => {
        const tag = byId.get(id)
        return (
          <span key={id} className="tag-chip" style={{ borderColor: tag?.color }}>
            <span className="tag-dot" style={{ background: tag?.color }} aria-hidden="true" />
            {tag ? tagPath(tag, byId) : id}
            <button
              type="button"
              aria-label={t('tags.removeFrom', { name: tag?.name ?? id })}
              onClick={() => onChange(selected.filter((s) => s !== id))}
            >
              ×
            </button>
          </span>
        )
      })}
      <input
        role="combobox"
        aria-label={label}
        aria-expanded={count > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        value={query}
        placeholder={t('tags.addPlaceholder')}
        onChange={(e) => {
          setQuery(e.target.value)
          setActive(0)
        }}
        onKeyDown={onKeyDown}
      />
      {count > 0 && (
        <ul id={listId} role="listbox" className="tag-options">
          {options.map((tag, index) => (
            <li
              key={tag.id}
              role="option"
              aria-selected={index === active}
              onMouseDown={(e) => {
                e.preventDefault()
                add(tag.id)
              }}
            >
              <span className="tag-dot" style={{ background: tag.color }} aria-hidden="true" />
              {tagPath(tag, byId)}
            </li>
          ))}
          {canCreate && (
            <li
              role="option"
              aria-selected={active === options.length}
              onMouseDown={(e) => {
                e.preventDefault()
                void create()
              }}
            >
              {t('tags.create', { name: query.trim() })}
            </li>
          )}
        </ul>
      )}
    </div>
  )
}
