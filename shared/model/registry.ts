import { z } from 'zod'
import { Claim, ClaimRelation, CustomStatus, REGISTRY_SCHEMA_VERSION } from './claim'
import { EvidenceItem } from './evidence'
import { Source } from './source'

/**
 * `registry.json`: the project's sources, claims, relations between claims, custom statuses and
 * evidence items (files with their segments, frames and regions).
 * Kept apart from project.json so neither grows with the other.
 */
export const RegistryDocument = z.object({
  schemaVersion: z.literal(REGISTRY_SCHEMA_VERSION),
  sources: z.array(Source),
  claims: z.array(Claim),
  relations: z.array(ClaimRelation),
  statuses: z.array(CustomStatus),
  evidence: z.array(EvidenceItem),
})
export type RegistryDocument = z.infer<typeof RegistryDocument>

export const emptyRegistry = (): RegistryDocument => ({
  schemaVersion: REGISTRY_SCHEMA_VERSION,
  sources: [],
  claims: [],
  relations: [],
  statuses: [],
  evidence: [],
})
