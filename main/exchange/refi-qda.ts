import { ANNOTATION_KINDS, type AnnotationKind } from '../../shared/model/annotation'
import type { Tag } from '../../shared/model/tag'
import { nameBasedUuid, uuidOfId } from './exchange-ids'
import { element, type XmlElement } from './xml'

// What the REFI-QDA export and import share (REFI-QDA 1.5, QDA-XML 1.0: see
// ../shared/standards/refi-qda/). Decisions:
// - GUIDs are written in upper case (the XSD accepts either; QDA tools mostly write upper case).
//   Entity ids are UUIDs and become the GUIDs of their codes, sources and selections; users,
//   notes and codings get name-based GUIDs, stable from one export to the next.
// - Annotation kinds are codes too: a folder "Claimdesk kinds" (not codable) holds Claim,
//   Source, Evidence, Entity and Note, with fixed GUIDs. Every exported selection is coded with
//   its kind besides its tags, so the kind survives a round trip and QDA tools can query by it.

export const PROJECT_NAMESPACE = 'urn:QDA-XML:project:1.0'
export const CODEBOOK_NAMESPACE = 'urn:QDA-XML:codebook:1.0'
export const ORIGIN = 'Claimdesk'

/** A GUID as written in the files. */
export const refiGuid = (id: string) => uuidOfId(id).toUpperCase()
/** A stable GUID for something that has no id of its own (a user, a note, a coding). */
export const derivedGuid = (name: string) => nameBasedUuid(name).toUpperCase()

/** A GUID as read from a file: braces and case do not matter. */
export const normalizeGuid = (guid: string) =>
  guid
    .trim()
    .replace(/^\{|\}$/g, '')
    .toUpperCase()

export const KINDS_FOLDER = {
  guid: derivedGuid('refi-qda:kinds-folder'),
  name: 'Claimdesk kinds',
  description: 'How Claimdesk classifies each marked passage (one kind per passage).',
}

/** The code of each annotation kind; colours are the reader's highlight colours. */
export const KIND_CODES: Record<AnnotationKind, { guid: string; name: string; color: string }> = {
  claim: { guid: derivedGuid('refi-qda:kind:claim'), name: 'Claim', color: '#D99A00' },
  source: { guid: derivedGuid('refi-qda:kind:source'), name: 'Source', color: '#2F6FD6' },
  evidence: { guid: derivedGuid('refi-qda:kind:evidence'), name: 'Evidence', color: '#2B8A3E' },
  entity: { guid: derivedGuid('refi-qda:kind:entity'), name: 'Entity', color: '#7B3FD1' },
  note: { guid: derivedGuid('refi-qda:kind:note'), name: 'Note', color: '#D9480F' },
}

/** Code names (English and German, singular and plural) that mean a kind, lower case. */
const KIND_NAMES: Record<string, AnnotationKind> = {
  claim: 'claim',
  claims: 'claim',
  behauptung: 'claim',
  behauptungen: 'claim',
  source: 'source',
  sources: 'source',
  quelle: 'source',
  quellen: 'source',
  evidence: 'evidence',
  beleg: 'evidence',
  belege: 'evidence',
  entity: 'entity',
  entities: 'entity',
  entität: 'entity',
  entitäten: 'entity',
  note: 'note',
  notes: 'note',
  notiz: 'note',
  notizen: 'note',
}

/** The kind a code name stands for, if any ("Claims" → claim). */
export function kindOfCodeName(name: string): AnnotationKind | undefined {
  return KIND_NAMES[name.normalize('NFC').trim().toLocaleLowerCase()]
}

/** The kind whose fixed GUID this is, if any. */
export function kindOfGuid(guid: string): AnnotationKind | undefined {
  return ANNOTATION_KINDS.find((k) => KIND_CODES[k].guid === normalizeGuid(guid))
}

const upperColor = (color: string) => color.toUpperCase()

/** The kinds folder and its five codes. */
function kindCodes(): XmlElement {
  return element('Code', { guid: KINDS_FOLDER.guid, name: KINDS_FOLDER.name, isCodable: false }, [
    element('Description', {}, [KINDS_FOLDER.description]),
    ...ANNOTATION_KINDS.map((kind) => {
      const code = KIND_CODES[kind]
      return element('Code', {
        guid: code.guid,
        name: code.name,
        isCodable: true,
        color: code.color,
      })
    }),
  ])
}

/**
 * `<Code>` elements of the codebook: the tags as a tree (a tag whose parent is missing sits at
 * the top) followed by the kinds folder. Both schemas order a code's Description before its
 * children; Codebook.xsd has no NoteRef, so none is written.
 */
export function codeElements(tags: readonly Tag[]): XmlElement[] {
  const ids = new Set(tags.map((t) => t.id))
  const childrenOf = new Map<string | null, Tag[]>()
  for (const tag of tags) {
    const parent = tag.parentId !== null && ids.has(tag.parentId) ? tag.parentId : null
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), tag])
  }
  const placed = new Set<string>()
  const build = (tag: Tag): XmlElement => {
    placed.add(tag.id)
    const children = (childrenOf.get(tag.id) ?? []).filter((c) => !placed.has(c.id))
    return element(
      'Code',
      { guid: refiGuid(tag.id), name: tag.name, isCodable: true, color: upperColor(tag.color) },
      [
        tag.description.trim() ? element('Description', {}, [tag.description]) : null,
        ...children.map(build),
      ],
    )
  }
  const roots = (childrenOf.get(null) ?? []).map(build)
  // Tags caught in a parent cycle are reachable from no root; they go to the top level.
  const stranded = tags.filter((t) => !placed.has(t.id)).map(build)
  return [...roots, ...stranded, kindCodes()]
}
