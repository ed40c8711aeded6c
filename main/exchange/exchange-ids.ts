import { createHash } from 'node:crypto'

// Identifiers in exported files. Our entity ids are UUIDs (crypto.randomUUID) and are used as
// they are; anything else an export needs a GUID for (users, notes, codings, an id that is not
// a UUID) gets a name-based UUID, so exporting the same project twice gives the same GUIDs.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Namespace of Claimdesk's name-based UUIDs (RFC 4122 version 5). */
const CLAIMDESK_NAMESPACE = 'b2f7c0de-5a1e-4c1a-9d3e-0c1a1d5e5c0d'

export function isUuid(value: string): boolean {
  return UUID.test(value)
}

/** RFC 4122 version-5 UUID of `name` in Claimdesk's namespace (lowercase). */
export function nameBasedUuid(name: string): string {
  const namespace = Buffer.from(CLAIMDESK_NAMESPACE.replace(/-/g, ''), 'hex')
  const hash = createHash('sha1').update(namespace).update(name, 'utf8').digest()
  const bytes = hash.subarray(0, 16)
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** The UUID standing for an entity id: the id itself when it is one, else derived from it. */
export function uuidOfId(id: string): string {
  return isUuid(id) ? id.toLowerCase() : nameBasedUuid(`id:${id}`)
}

/** `urn:uuid:…` of an entity (article, annotation, claim, source, segment). */
export function entityUrn(id: string): string {
  return `urn:uuid:${uuidOfId(id)}`
}
