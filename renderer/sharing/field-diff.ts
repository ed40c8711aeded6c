/**
 * Field-level differences between two versions of an entity, for the merge conflict dialog.
 * Pure: no React, no calls to main.
 */

/** One field whose value differs; `path` names nested fields (`provenance` › `platform`). */
export interface FieldDifference {
  path: string[]
  local: unknown
  incoming: unknown
}

/** Fields that never count as a difference: the id is shared; change times are shown apart. */
const IGNORED_TOP_LEVEL = new Set(['id', 'updatedAt'])

type PlainObject = Record<string, unknown>

const isPlainObject = (value: unknown): value is PlainObject =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

/** JSON with object keys sorted, so equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) => {
      if (!isPlainObject(v)) return v
      const sorted: PlainObject = {}
      for (const key of Object.keys(v).sort()) sorted[key] = v[key]
      return sorted
    }) ?? 'undefined'
  )
}

export const sameValue = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b)

/**
 * The fields in which `local` and `incoming` differ, in the order the local version lists them
 * (then fields only the incoming one has). Objects are compared field by field, so a change
 * deep in evidence provenance names that field; lists are compared as a whole.
 */
export function fieldDifferences(local: unknown, incoming: unknown): FieldDifference[] {
  if (!isPlainObject(local) || !isPlainObject(incoming)) {
    return sameValue(local, incoming) ? [] : [{ path: [], local, incoming }]
  }
  const differences: FieldDifference[] = []
  const walk = (mine: PlainObject, theirs: PlainObject, path: string[]) => {
    const keys = [...Object.keys(mine), ...Object.keys(theirs).filter((k) => !(k in mine))]
    for (const key of keys) {
      if (path.length === 0 && IGNORED_TOP_LEVEL.has(key)) continue
      const a = mine[key]
      const b = theirs[key]
      if (sameValue(a, b)) continue
      if (isPlainObject(a) && isPlainObject(b)) walk(a, b, [...path, key])
      else differences.push({ path: [...path, key], local: a, incoming: b })
    }
  }
  walk(local, incoming, [])
  return differences
}

/** "saidBy" → "said by": a readable name for a field without a translation. */
export function humanizeField(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()
}

export interface ValueFormat {
  /** Names of entities by id (sources, claims, tags, articles, evidence), to show instead of ids. */
  names: ReadonlyMap<string, string>
  /** Verification statuses by id, as the UI names them. */
  statuses: ReadonlyMap<string, string>
  empty: string
  yes: string
  no: string
  /** A field name as the user reads it. */
  field: (name: string) => string
  /** Timestamps as the user reads them; other strings are returned unchanged. */
  date: (iso: string) => string
}

/** One line of a formatted value; `same` marks list entries both versions hold alike. */
export interface ValueLine {
  text: string
  same: boolean
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/

/**
 * A field value as lines of text: ids become names, lists one entry per line. Entries of a list
 * that the other version holds at the same place are marked, so what differs stands out.
 */
export function formatValue(value: unknown, other: unknown, format: ValueFormat): ValueLine[] {
  if (Array.isArray(value)) {
    if (value.length === 0) return [{ text: format.empty, same: false }]
    return value.map((entry, i) => ({
      text: formatScalarOrObject(entry, format),
      same: Array.isArray(other) && i < other.length && sameValue(entry, other[i]),
    }))
  }
  return [{ text: formatScalarOrObject(value, format), same: false }]
}

function formatScalarOrObject(value: unknown, format: ValueFormat, field?: string): string {
  if (value === null || value === undefined || value === '') return format.empty
  if (typeof value === 'boolean') return value ? format.yes : format.no
  if (typeof value === 'number') return String(value)
  if (typeof value === 'string') {
    const name =
      (field === 'status' ? format.statuses.get(value) : undefined) ?? format.names.get(value)
    if (name !== undefined) return name
    return TIMESTAMP.test(value) ? format.date(value) : value
  }
  if (Array.isArray(value)) {
    return value.map((v) => formatScalarOrObject(v, format, field)).join(', ')
  }
  if (isPlainObject(value)) {
    return Object.entries(value)
      .filter(([, v]) => v !== '' && v !== null && !(Array.isArray(v) && v.length === 0))
      .map(([k, v]) => `${format.field(k)}: ${formatScalarOrObject(v, format, k)}`)
      .join(' · ')
  }
  return String(value)
}
