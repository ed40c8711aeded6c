import {
  type FormEvent,
  type KeyboardEvent,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react'
import { useTranslation } from 'react-i18next'
import { TAG_PALETTE, type TagWithCount } from '../../shared/model/tag'
import type { AppError } from '../../shared/result'
import { useMutation } from '../app/useMutation'
import { errorConcernsField } from '../ui/errors'
import { Modal } from '../ui/Modal'
import { tagPath, useTags } from './useTags'
import './codebook.css'

type TagsById = Map<string, TagWithCount>

interface TagNode {
  tag: TagWithCount
  children: TagNode[]
}

/** A tag with its full path, for selects ("Parent › Child"). */
interface TagOption {
  tag: TagWithCount
  path: string
}

type DialogState =
  | { kind: 'create'; parentId: string | null }
  | { kind: 'move' | 'merge' | 'delete'; tagId: string }
  | null

/** The codebook as a forest, siblings sorted by name; a tag whose parent is unknown is a root. */
function buildTree(tags: TagWithCount[], byId: TagsById, collator: Intl.Collator): TagNode[] {
  const byName = (a: TagWithCount, b: TagWithCount) => collator.compare(a.name, b.name)
  const childrenOf = new Map<string | null, TagWithCount[]>()
  for (const tag of tags) {
    const parent = tag.parentId !== null && byId.has(tag.parentId) ? tag.parentId : null
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), tag])
  }
  const placed = new Set<string>()
  const build = (tag: TagWithCount): TagNode => {
    placed.add(tag.id)
    const children = (childrenOf.get(tag.id) ?? []).filter((c) => !placed.has(c.id)).sort(byName)
    return { tag, children: children.map(build) }
  }
  const roots = (childrenOf.get(null) ?? []).sort(byName).map(build)
  // Main refuses cycles; should one exist anyway, its tags are shown at the top level.
  for (const tag of [...tags].sort(byName)) if (!placed.has(tag.id)) roots.push(build(tag))
  return roots
}

/** The tag and everything below it: the places it cannot be moved or merged into. */
function selfAndDescendants(id: string, tags: TagWithCount[]): Set<string> {
  const found = new Set([id])
  for (let grew = true; grew;) {
    grew = false
    for (const tag of tags) {
      if (tag.parentId !== null && found.has(tag.parentId) && !found.has(tag.id)) {
        found.add(tag.id)
        grew = true
      }
    }
  }
  return found
}

/** Shows a rejected input inline; other failures are already reported by `useMutation`. */
function FormError({ error }: { error: AppError | null }) {
  if (!error) return null
  return (
    <p className="form-error" role="alert">
      {error.message}
    </p>
  )
}

interface TagSelectProps {
  label: string
  value: string
  onChange: (value: string) => void
  options: TagOption[]
  /** Text of the '' option (e.g. "Top level"); without it the user must pick a tag. */
  noneLabel?: string
  placeholder?: string
  autoFocus?: boolean
}

function TagSelect({
  label,
  value,
  onChange,
  options,
  noneLabel,
  placeholder,
  autoFocus,
}: TagSelectProps) {
  const id = useId()
  // A label beside the select, not around it, so the chosen option is not read as its name.
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoFocus={autoFocus}
      >
        {noneLabel !== undefined && <option value="">{noneLabel}</option>}
        {noneLabel === undefined && (
          <option value="" disabled>
            {placeholder}
          </option>
        )}
        {options.map(({ tag, path }) => (
          <option key={tag.id} value={tag.id}>
            {path}
          </option>
        ))}
      </select>
    </div>
  )
}

/** The tag's colour dot, which is also its colour picker; saves once the picker is closed. */
function TagColorInput({ tag }: { tag: TagWithCount }) {
  const { t } = useTranslation()
  const mutate = useMutation()
  const ref = useRef<HTMLInputElement>(null)
  const [draft, setDraft] = useState<{ from: string; value: string } | null>(null)
  const shown = draft && draft.from === tag.color ? draft.value : tag.color

  useEffect(() => {
    const input = ref.current
    if (!input) return
    // React's onChange follows every move in the picker; the native change event fires once.
    const commit = () => {
      const color = input.value.toLowerCase()
      if (color === tag.color.toLowerCase()) return
      void mutate('tags:update', { id: tag.id, color }).then((saved) => {
        if (!saved.ok) setDraft(null)
      })
    }
    input.addEventListener('change', commit)
    return () => input.removeEventListener('change', commit)
  }, [mutate, tag.id, tag.color])

  return (
    <input
      ref={ref}
      type="color"
      className="codebook-swatch"
      value={shown}
      aria-label={t('codebook.colorOf', { name: tag.name })}
      title={t('codebook.colorOf', { name: tag.name })}
      onChange={(e) => setDraft({ from: tag.color, value: e.target.value })}
    />
  )
}

/** Inline editing of a tag's name and description: Enter saves, Escape cancels. */
function TagEditor({ tag, onDone }: { tag: TagWithCount; onDone: () => void }) {
  const { t } = useTranslation()
  const mutate = useMutation()
  const [name, setName] = useState(tag.name)
  const [description, setDescription] = useState(tag.description)
  const [error, setError] = useState<AppError | null>(null)
  const [busy, setBusy] = useState(false)
  const hintId = useId()

  const save = async () => {
    const changes: { name?: string; description?: string } = {}
    if (name.trim() !== tag.name) changes.name = name.trim()
    if (description !== tag.description) changes.description = description
    if (Object.keys(changes).length === 0) return onDone()
    setBusy(true)
    const saved = await mutate('tags:update', { id: tag.id, ...changes })
    setBusy(false)
    if (saved.ok) onDone()
    else if (saved.error.code === 'invalid-input') setError(saved.error)
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!busy && name.trim()) void save()
  }
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      onDone()
    } else if (
      event.key === 'Enter' &&
      (event.ctrlKey || event.metaKey) &&
      event.target instanceof HTMLTextAreaElement
    ) {
      submit(event)
    }
  }

  return (
    <form className="codebook-editor" onSubmit={submit} onKeyDown={onKeyDown} noValidate>
      <label className="field">
        <span>{t('codebook.name')}</span>
        <input
          value={name}
          onChange={(e) => {
            setName(e.target.value)
            setError(null)
          }}
          onFocus={(e) => e.target.select()}
          aria-invalid={errorConcernsField(error, 'name') || undefined}
          aria-describedby={hintId}
          maxLength={120}
          autoFocus
        />
      </label>
      <label className="field">
        <span>{t('codebook.description')}</span>
        <textarea
          value={description}
          rows={2}
          maxLength={2000}
          placeholder={t('codebook.descriptionPlaceholder')}
          onChange={(e) => setDescription(e.target.value)}
          aria-describedby={hintId}
        />
      </label>
      <FormError error={error} />
      <div className="codebook-editor-actions">
        <span id={hintId} className="muted codebook-hint">
          {t('codebook.editHint')}
        </span>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary" disabled={busy || !name.trim()}>
          {t('common.save')}
        </button>
      </div>
    </form>
  )
}

interface TreeContext {
  editingId: string | null
  setEditingId: (id: string | null) => void
  collapsed: Set<string>
  toggle: (id: string) => void
  open: (dialog: DialogState) => void
}

function TagItem({ node, ctx }: { node: TagNode; ctx: TreeContext }) {
  const { t } = useTranslation()
  const { tag, children } = node
  const editButton = useRef<HTMLButtonElement>(null)
  const editing = ctx.editingId === tag.id
  const collapsed = ctx.collapsed.has(tag.id)

  const stopEditing = () => {
    ctx.setEditingId(null)
    requestAnimationFrame(() => editButton.current?.focus())
  }

  return (
    <li className="codebook-item">
      <div className={editing ? 'codebook-row editing' : 'codebook-row'}>
        {children.length > 0 ? (
          <button
            type="button"
            className="codebook-toggle"
            aria-expanded={!collapsed}
            aria-label={t(collapsed ? 'codebook.expand' : 'codebook.collapse', { name: tag.name })}
            title={t(collapsed ? 'codebook.expand' : 'codebook.collapse', { name: tag.name })}
            onClick={() => ctx.toggle(tag.id)}
          >
            <span aria-hidden="true">{collapsed ? '▸' : '▾'}</span>
          </button>
        ) : (
          <span className="codebook-toggle" aria-hidden="true" />
        )}
        <TagColorInput tag={tag} />
        {editing ? (
          <TagEditor tag={tag} onDone={stopEditing} />
        ) : (
          <div className="codebook-text" onDoubleClick={() => ctx.setEditingId(tag.id)}>
            <span className="codebook-name" title={t('codebook.doubleClickHint')}>
              {tag.name}
            </span>
            {tag.description && <span className="codebook-description">{tag.description}</span>}
          </div>
        )}
        <span className="codebook-count">{t('codebook.count', { count: tag.count })}</span>
        {!editing && (
          <span className="codebook-actions">
            <button
              type="button"
              ref={editButton}
              aria-label={t('codebook.editLabel', { name: tag.name })}
              onClick={() => ctx.setEditingId(tag.id)}
            >
              {t('codebook.edit')}
            </button>
            <button
              type="button"
              className="codebook-icon"
              aria-label={t('codebook.addChildLabel', { name: tag.name })}
              title={t('codebook.addChildLabel', { name: tag.name })}
              onClick={() => ctx.open({ kind: 'create', parentId: tag.id })}
            >
              <span aria-hidden="true">+</span>
            </button>
            <button
              type="button"
              aria-label={t('codebook.moveLabel', { name: tag.name })}
              onClick={() => ctx.open({ kind: 'move', tagId: tag.id })}
            >
              {t('codebook.move')}
            </button>
            <button
              type="button"
              aria-label={t('codebook.mergeLabel', { name: tag.name })}
              onClick={() => ctx.open({ kind: 'merge', tagId: tag.id })}
            >
              {t('codebook.merge')}
            </button>
            <button
              type="button"
              className="danger-outline"
              aria-label={t('codebook.deleteLabel', { name: tag.name })}
              onClick={() => ctx.open({ kind: 'delete', tagId: tag.id })}
            >
              {t('codebook.delete')}
            </button>
          </span>
        )}
      </div>
      {children.length > 0 && !collapsed && (
        <ul className="codebook-children" aria-label={t('codebook.childrenOf', { name: tag.name })}>
          {children.map((child) => (
            <TagItem key={child.tag.id} node={child} ctx={ctx} />
          ))}
        </ul>
      )}
    </li>
  )
}

function NewTagDialog({
  tagCount,
  options,
  initialParentId,
  onClose,
  onCreated,
}: {
  tagCount: number
  options: TagOption[]
  initialParentId: string | null
  onClose: () => void
  onCreated: (parentId: string | null) => void
}) {
  const { t } = useTranslation()
  const mutate = useMutation()
  const [name, setName] = useState('')
  const [color, setColor] = useState<string>(
    () => TAG_PALETTE[tagCount % TAG_PALETTE.length] ?? TAG_PALETTE[0],
  )
  const [description, setDescription] = useState('')
  const [parentId, setParentId] = useState(initialParentId ?? '')
  const [error, setError] = useState<AppError | null>(null)
  const [busy, setBusy] = useState(false)
  const paletteName = useId()
  const parentTag = options.find((o) => o.tag.id === initialParentId)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (busy || !name.trim()) return
    setBusy(true)
    const created = await mutate('tags:create', {
      name: name.trim(),
      color,
      description,
      parentId: parentId || null,
    })
    setBusy(false)
    if (created.ok) onCreated(created.value.parentId)
    else if (created.error.code === 'invalid-input') setError(created.error)
  }

  return (
    <Modal
      title={
        parentTag ? t('codebook.newChildTitle', { name: parentTag.tag.name }) : t('codebook.newTag')
      }
      onClose={onClose}
    >
      <form className="codebook-form" onSubmit={(e) => void submit(e)} noValidate>
        <label className="field">
          <span>{t('codebook.name')}</span>
          <input
            value={name}
            onChange={(e) => {
              setName(e.target.value)
              setError(null)
            }}
            placeholder={t('codebook.namePlaceholder')}
            aria-invalid={errorConcernsField(error, 'name') || undefined}
            maxLength={120}
            autoFocus
          />
        </label>
        <fieldset className="field codebook-colors">
          <legend>{t('codebook.color')}</legend>
          <div className="codebook-palette">
            {TAG_PALETTE.map((swatch, index) => (
              <label key={swatch} className="codebook-palette-option">
                <input
                  type="radio"
                  name={paletteName}
                  value={swatch}
                  checked={color === swatch}
                  onChange={() => setColor(swatch)}
                  aria-label={t('codebook.paletteColor', { index: index + 1, color: swatch })}
                />
                <span className="codebook-palette-swatch" style={{ background: swatch }} />
              </label>
            ))}
            <label className="codebook-custom-color">
              <input type="color" value={color} onChange={(e) => setColor(e.target.value)} />
              <span>{t('codebook.customColor')}</span>
            </label>
          </div>
        </fieldset>
        <label className="field">
          <span>{t('codebook.description')}</span>
          <textarea
            value={description}
            rows={3}
            maxLength={2000}
            placeholder={t('codebook.descriptionPlaceholder')}
            onChange={(e) => setDescription(e.target.value)}
          />
        </label>
        <TagSelect
          label={t('codebook.parent')}
          value={parentId}
          onChange={setParentId}
          options={options}
          noneLabel={t('codebook.topLevel')}
        />
        <FormError error={error} />
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy || !name.trim()}>
            {t('codebook.create')}
          </button>
        </div>
      </form>
    </Modal>
  )
}

function MoveTagDialog({
  tag,
  options,
  onClose,
  onMoved,
}: {
  tag: TagWithCount
  options: TagOption[]
  onClose: () => void
  onMoved: (parentId: string | null) => void
}) {
  const { t } = useTranslation()
  const mutate = useMutation()
  const [parentId, setParentId] = useState(tag.parentId ?? '')
  const [error, setError] = useState<AppError | null>(null)
  const [busy, setBusy] = useState(false)
  const unchanged = (parentId || null) === tag.parentId

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (busy || unchanged) return
    setBusy(true)
    const moved = await mutate('tags:update', { id: tag.id, parentId: parentId || null })
    setBusy(false)
    if (moved.ok) onMoved(moved.value.parentId)
    else if (moved.error.code === 'invalid-input') setError(moved.error)
  }

  return (
    <Modal title={t('codebook.moveTitle', { name: tag.name })} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <TagSelect
          label={t('codebook.moveTo')}
          value={parentId}
          onChange={setParentId}
          options={options}
          noneLabel={t('codebook.topLevel')}
          autoFocus
        />
        <p className="muted">{t('codebook.moveHint')}</p>
        <FormError error={error} />
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy || unchanged}>
            {t('codebook.moveConfirm')}
          </button>
        </div>
      </form>
    </Modal>
  )
}

function MergeTagDialog({
  tag,
  childCount,
  options,
  onClose,
  onMerged,
}: {
  tag: TagWithCount
  childCount: number
  options: TagOption[]
  onClose: () => void
  onMerged: (targetId: string) => void
}) {
  const { t } = useTranslation()
  const mutate = useMutation()
  const [targetId, setTargetId] = useState('')
  const [error, setError] = useState<AppError | null>(null)
  const [busy, setBusy] = useState(false)
  const target = options.find((o) => o.tag.id === targetId)?.tag

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (busy || !target) return
    setBusy(true)
    const merged = await mutate('tags:merge', { sourceId: tag.id, targetId: target.id })
    setBusy(false)
    if (merged.ok) onMerged(merged.value.id)
    else if (merged.error.code === 'invalid-input') setError(merged.error)
  }

  return (
    <Modal title={t('codebook.mergeTitle', { name: tag.name })} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        {options.length === 0 ? (
          <p>{t('codebook.mergeNoTargets')}</p>
        ) : (
          <>
            <TagSelect
              label={t('codebook.mergeInto')}
              value={targetId}
              onChange={setTargetId}
              options={options}
              placeholder={t('codebook.chooseTag')}
              autoFocus
            />
            <p>
              {tag.count === 0
                ? t('codebook.mergeExplainNone', { source: tag.name })
                : target
                  ? t('codebook.mergeExplain', {
                      count: tag.count,
                      source: tag.name,
                      target: target.name,
                    })
                  : t('codebook.mergeExplainPending', { count: tag.count, source: tag.name })}
            </p>
            {childCount > 0 && (
              <p className="muted">{t('codebook.mergeChildren', { count: childCount })}</p>
            )}
          </>
        )}
        <FormError error={error} />
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy || !target}>
            {t('codebook.mergeConfirm')}
          </button>
        </div>
      </form>
    </Modal>
  )
}

type DeleteChoice = 'untag' | 'delete-annotations' | 'reassign'

function DeleteTagDialog({
  tag,
  parent,
  childCount,
  options,
  onClose,
}: {
  tag: TagWithCount
  parent: TagWithCount | undefined
  childCount: number
  options: TagOption[]
  onClose: () => void
}) {
  const { t } = useTranslation()
  const mutate = useMutation()
  const [choice, setChoice] = useState<DeleteChoice>('untag')
  const [reassignTo, setReassignTo] = useState('')
  const [error, setError] = useState<AppError | null>(null)
  const [busy, setBusy] = useState(false)
  const groupName = useId()
  const needsTarget = tag.count > 0 && choice === 'reassign' && !reassignTo

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (busy || needsTarget) return
    setBusy(true)
    const annotations =
      tag.count === 0 || choice === 'untag'
        ? ('untag' as const)
        : choice === 'delete-annotations'
          ? ('delete-annotations' as const)
          : { reassignTo }
    const deleted = await mutate('tags:delete', { id: tag.id, annotations })
    setBusy(false)
    if (deleted.ok) onClose()
    else if (deleted.error.code === 'invalid-input') setError(deleted.error)
  }

  const radio = (value: DeleteChoice, label: string, disabled = false) => (
    <label className="codebook-radio">
      <input
        type="radio"
        name={groupName}
        value={value}
        checked={choice === value}
        disabled={disabled}
        onChange={() => setChoice(value)}
      />
      <span>{label}</span>
    </label>
  )

  return (
    <Modal title={t('codebook.deleteTitle', { name: tag.name })} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        {tag.count > 0 ? (
          <fieldset className="codebook-delete-choices">
            <legend>{t('codebook.deleteQuestion', { count: tag.count })}</legend>
            {radio('untag', t('codebook.deleteUntag', { count: tag.count }))}
            {radio('delete-annotations', t('codebook.deleteAnnotations', { count: tag.count }))}
            {radio(
              'reassign',
              t('codebook.deleteReassign', { count: tag.count }),
              options.length === 0,
            )}
            {options.length > 0 && (
              <div className="codebook-reassign">
                <TagSelect
                  label={t('codebook.deleteReassignTarget')}
                  value={reassignTo}
                  onChange={(value) => {
                    setReassignTo(value)
                    setChoice('reassign')
                  }}
                  options={options}
                  placeholder={t('codebook.chooseTag')}
                />
              </div>
            )}
          </fieldset>
        ) : (
          <p>{t('codebook.deleteNoAnnotations')}</p>
        )}
        {childCount > 0 && (
          <p className="muted">
            {parent
              ? t('codebook.deleteChildrenUp', { count: childCount, parent: parent.name })
              : t('codebook.deleteChildrenTop', { count: childCount })}
          </p>
        )}
        <FormError error={error} />
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="danger" disabled={busy || needsTarget}>
            {choice === 'delete-annotations' && tag.count > 0
              ? t('codebook.deleteWithAnnotations', { count: tag.count })
              : t('codebook.deleteConfirm')}
          </button>
        </div>
      </form>
    </Modal>
  )
}

/** The project's codebook: its tags as a tree, with creating, editing, moving, merging, deleting. */
export function CodebookView() {
  const { t, i18n } = useTranslation()
  const { tags, byId } = useTags()
  const [dialog, setDialog] = useState<DialogState>(null)
  const [editingId, setEditingId] = useState<string | null>(null)
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set())
  const headingId = useId()

  const collator = useMemo(
    () => new Intl.Collator(i18n.language, { numeric: true, sensitivity: 'base' }),
    [i18n.language],
  )
  const tree = useMemo(() => buildTree(tags, byId, collator), [tags, byId, collator])
  const options = useMemo(
    () =>
      tags
        .map((tag) => ({ tag, path: tagPath(tag, byId) }))
        .sort((a, b) => collator.compare(a.path, b.path)),
    [tags, byId, collator],
  )
  const childCount = (id: string) => tags.filter((tag) => tag.parentId === id).length
  const tagged = tags.reduce((sum, tag) => sum + tag.count, 0)

  const reveal = (id: string | null) => {
    if (id === null) return
    const ancestors = selfAndAncestors(id, byId)
    setCollapsed((all) => new Set([...all].filter((c) => !ancestors.has(c))))
  }
  const close = () => setDialog(null)
  /** After a change: show where the tag now is, and close the dialog. */
  const revealAndClose = (tagId: string | null) => {
    reveal(tagId)
    close()
  }

  const ctx: TreeContext = {
    editingId,
    setEditingId,
    collapsed,
    toggle: (id) =>
      setCollapsed((all) => {
        const next = new Set(all)
        if (next.has(id)) next.delete(id)
        else next.add(id)
        return next
      }),
    open: setDialog,
  }

  const dialogTag = dialog && dialog.kind !== 'create' ? byId.get(dialog.tagId) : undefined
  const elsewhere = dialogTag
    ? options.filter((o) => !selfAndDescendants(dialogTag.id, tags).has(o.tag.id))
    : []

  return (
    <section className="codebook" aria-labelledby={headingId}>
      <header className="codebook-header">
        <div>
          <h1 id={headingId}>{t('codebook.title')}</h1>
          {tags.length > 0 && (
            <p className="muted codebook-summary">
              {t('codebook.summary', { count: tags.length })} ·{' '}
              {t('codebook.summaryUses', { count: tagged })}
            </p>
          )}
        </div>
        <button
          type="button"
          className="primary"
          onClick={() => setDialog({ kind: 'create', parentId: null })}
        >
          {t('codebook.newTag')}
        </button>
      </header>

      {tags.length === 0 ? (
        <div className="empty-card appear">
          <h2>{t('codebook.emptyTitle')}</h2>
          <p>{t('codebook.emptyWhat')}</p>
          <p>{t('codebook.emptyHow')}</p>
          <button
            type="button"
            className="primary"
            onClick={() => setDialog({ kind: 'create', parentId: null })}
          >
            {t('codebook.createFirst')}
          </button>
        </div>
      ) : (
        <>
          <p className="muted codebook-hint">{t('codebook.hint')}</p>
          <ul className="codebook-tree" aria-label={t('codebook.treeLabel')}>
            {tree.map((node) => (
              <TagItem key={node.tag.id} node={node} ctx={ctx} />
            ))}
          </ul>
        </>
      )}

      {dialog?.kind === 'create' && (
        <NewTagDialog
          tagCount={tags.length}
          options={options}
          initialParentId={dialog.parentId}
          onClose={close}
          onCreated={revealAndClose}
        />
      )}
      {dialog?.kind === 'move' && dialogTag && (
        <MoveTagDialog
          tag={dialogTag}
          options={elsewhere}
          onClose={close}
          onMoved={revealAndClose}
        />
      )}
      {dialog?.kind === 'merge' && dialogTag && (
        <MergeTagDialog
          tag={dialogTag}
          childCount={childCount(dialogTag.id)}
          options={elsewhere}
          onClose={close}
          onMerged={revealAndClose}
        />
      )}
      {dialog?.kind === 'delete' && dialogTag && (
        <DeleteTagDialog
          tag={dialogTag}
          parent={dialogTag.parentId ? byId.get(dialogTag.parentId) : undefined}
          childCount={childCount(dialogTag.id)}
          options={options.filter((o) => o.tag.id !== dialogTag.id)}
          onClose={close}
        />
      )}
    </section>
  )
}

/** The tag and the tags above it, to expand the way to a tag that was just created or moved. */
function selfAndAncestors(id: string, byId: TagsById): Set<string> {
  const found = new Set<string>()
  for (let current: string | null = id; current !== null && !found.has(current);) {
    found.add(current)
    current = byId.get(current)?.parentId ?? null
  }
  return found
}
