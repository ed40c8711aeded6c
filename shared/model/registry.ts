import { z } from 'zod'
import { Claim, ClaimRelation, CustomStatus, REGISTRY_SCHEMA_VERSION } from './claim'
import { Source } from './source'

/**
 * `registry.json`: the project's sources, claims, relations between claims and custom statuses.
 * Kept apart from project.json so neither grows with the other.
 */
export const RegistryDocument = z.object({
  schemaVersion: z.literal(REGISTRY_SCHEMA_VERSION),
  sources: z.array(Source),
  claims: z.array(Claim),
  relations: z.array(ClaimRelation),
  statuses: z.array(CustomStatus),
})
export type RegistryDocument = z.infer<typeof RegistryDocument>

export const emptyRegistry = (): RegistryDocument => ({
  schemaVersion: REGISTRY_SCHEMA_VERSION,
  sources: [],
  claims: [],
  relations: [],
  statuses: [],
})
