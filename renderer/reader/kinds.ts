import type { AnnotationKind } from '../../shared/model/annotation'

/** The single key that creates each kind of annotation from a selection. */
export const KIND_SHORTCUTS: Record<AnnotationKind, string> = {
  claim: 'c',
  source: 's',
  evidence: 'e',
  entity: 't',
  note: 'n',
}

export const KIND_ORDER: AnnotationKind[] = ['claim', 'source', 'evidence', 'entity', 'note']

export function kindForKey(key: string): AnnotationKind | null {
  const lower = key.toLowerCase()
  return KIND_ORDER.find((kind) => KIND_SHORTCUTS[kind] === lower) ?? null
}

/** True when a key press belongs to a text field, not to the app's shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}
