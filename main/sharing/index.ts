/** Sharing a whole project as one `.claimdesk` file: pack, check, unpack, merge, verify. */
export { estimateShareSize, packProject, type PackOptions, type PackResult } from './pack'
export {
  DEFAULT_SHARE_LIMITS,
  type ShareLimits,
  type ShareProgress,
  type ShareTaskOptions,
} from './package-zip'
export { readSharePackage, sharedFileInfo, type ValidatedPackage } from './read-package'
export { unpackAsNewProject, type UnpackOptions, type UnpackResult } from './unpack'
export {
  applyMerge,
  type ConflictReason,
  type MergeChange,
  type MergeChoice,
  type MergeConflict,
  type MergeDecisions,
  type MergeOptions,
  type MergePlan,
  type MergeResult,
  mergeSharePackage,
} from './merge'
export { verifyProject, type VerifyOptions, type VerifyProblem, type VerifyReport } from './verify'
export { readProjectFolder, type ProjectSnapshot } from './project-snapshot'
export {
  SHARE_EXTENSION,
  SHARE_FORMAT,
  SHARE_FORMAT_VERSION,
  type ShareManifest,
} from './share-format'
