/**
 * The one contract between renderer and main: every call's channel, input schema and output
 * type, and every event. `main/api.ts` implements `Handlers`, so a missing or mistyped handler
 * fails to compile; main parses every input with the schema named here.
 */
import { z } from 'zod'
import { type Annotation, AnnotationKind } from './model/annotation'
import type { ArticleDocument, ArticleSummary } from './model/article'
import { Id, LanguageCode, OptionalDate } from './model/common'
import { HexColor, type Tag, type TagWithCount } from './model/tag'
import {
  type Claim,
  ClaimQuantity,
  type ClaimRelation,
  ClaimStatus,
  type CustomStatus,
  RelationType,
} from './model/claim'
import { Credibility, Reliability } from './model/grading'
import type { RegistryDocument } from './model/registry'
import { MentionRef, type Source, SourceKind } from './model/source'
import type { ProjectInfo, RecentProject } from './model/project'
import {
  ClaimLink,
  Coordinates,
  type CapturedFrame,
  type CustodyEntry,
  type EvidenceItem,
  type FileCheck,
  type Region,
  type Segment,
  StorageMode,
} from './model/evidence'
import { type Settings, UiLanguagePreference } from './model/settings'
import type { Result } from './result'
import { SEARCH_DOC_TYPES, type SearchResults } from './search-types'
import { ReportOptions } from './report-options'
import {
  type MergeOutcome,
  type MergePlanView,
  type SharedFileInfo,
  STANDARD_EXPORT_FORMATS,
  STANDARD_IMPORT_FORMATS,
  type StandardImportReport,
} from './exchange-types'

interface CallSpec<Input extends z.ZodType, Output> {
  input: Input
  /** Phantom: carries the output type only. */
  output: Output
}

/** Declares a call: `call<Output>()(inputSchema)`. */
const call =
  <Output>() =>
  <Input extends z.ZodType>(input: Input): CallSpec<Input, Output> => ({
    input,
    output: undefined as Output,
  })

const Nothing = z.object({}).strict()
const AbsolutePath = z.string().trim().min(1, 'a folder is required')
const FilePath = z.string().trim().min(1, 'a file is required')
const Url = z.union([
  z.literal(''),
  z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
])

export const NewArticleInput = z.object({
  title: z.string().trim().min(1, 'the title must not be empty').max(500),
  text: z.string().refine((t) => t.trim().length > 0, 'the article text must not be empty'),
  outlet: z.string().trim().max(200).default(''),
  authors: z.array(z.string().trim().min(1).max(200)).default([]),
  url: Url.default(''),
  publishedAt: OptionalDate.default(''),
  language: LanguageCode.default(''),
})
export type NewArticleInput = z.input<typeof NewArticleInput>

export const ArticleMetaInput = z.object({
  id: Id,
  title: z.string().trim().min(1, 'the title must not be empty').max(500),
  outlet: z.string().trim().max(200),
  authors: z.array(z.string().trim().min(1).max(200)),
  url: Url,
  publishedAt: OptionalDate,
  retrievedAt: OptionalDate,
  language: LanguageCode,
})

/** Result of importing several files: each file succeeds or fails on its own. */
export interface ImportReport {
  imported: ArticleSummary[]
  failed: Array<{ fileName: string; message: string }>
}

/** An article after its text was edited, with what happened to its annotations. */
export interface TextEditReport {
  article: ArticleDocument
  anchored: number
  moved: number
  orphaned: number
}

/** An annotation with the article it belongs to, for project-wide lists. */
export interface AnnotationInProject {
  articleId: string
  articleTitle: string
  annotation: Annotation
}

export interface HistoryState {
  canUndo: boolean
  canRedo: boolean
  undoLabel: string | null
  redoLabel: string | null
}

/** What happens to a deleted tag's annotations. */
export const TagDeletionPolicy = z.union([
  z.literal('untag'),
  z.literal('delete-annotations'),
  z.object({ reassignTo: Id }),
])

const MAX_IMPORT_BASE64 = 28 * 1024 * 1024

/** An annotation made together with the claim or source it mentions. */
export interface LinkedAnnotation {
  annotation: Annotation
  claim: Claim | null
  source: Source | null
}

/** A reference between entities that points at nothing, found when checking the project. */
export interface IntegrityProblem {
  kind:
    | 'missing-source'
    | 'missing-claim'
    | 'missing-tag'
    | 'missing-article'
    | 'missing-annotation'
    | 'missing-status'
    | 'missing-evidence'
    | 'evidence-file'
  message: string
  entities: Array<{
    type: 'claim' | 'source' | 'relation' | 'tag' | 'article' | 'annotation' | 'evidence'
    id: string
  }>
}

/** Everything the claim views need, in one answer. */
export interface RegistrySnapshot extends Omit<RegistryDocument, 'schemaVersion'> {
  problems: IntegrityProblem[]
}

const SourceFields = {
  aliases: z.array(z.string().trim().min(1).max(300)),
  kind: SourceKind,
  role: z.string().trim().max(300),
  organisation: z.string().trim().max(300),
  description: z.string().max(5000),
  reliability: Reliability.nullable(),
  reliabilityReason: z.string().max(5000),
}
/** What adding several evidence files did: each file succeeds or fails on its own. */
export interface EvidenceAddReport {
  added: EvidenceItem[]
  failed: Array<{ fileName: string; message: string }>
  /** True when the user cancelled; files not yet added are neither added nor failed. */
  cancelled: boolean
}

/** A long-running call's id, chosen by the renderer, for progress events and cancelling. */
const TaskId = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be a task id')

const ProvenanceInput = z.object({
  originalUrl: Url.optional(),
  platform: z.string().trim().max(200).optional(),
  publisherId: Id.nullable().optional(),
  publishedAt: OptionalDate.optional(),
  retrievedAt: OptionalDate.optional(),
  retrievedBy: z.string().trim().max(200).optional(),
  claimedPlace: z.string().trim().max(500).optional(),
  claimedCoordinates: Coordinates.nullable().optional(),
  claimedDate: OptionalDate.optional(),
  verificationNotes: z.string().max(20_000).optional(),
})

/** What segments and regions both carry: a label, a note and the claims they bear on. */
const EvidencePartFields = {
  label: z.string().trim().max(300),
  note: z.string().max(20_000),
  claimLinks: z.array(ClaimLink),
}

/** Seconds into a video. */
const Seconds = z.number().finite().nonnegative()
/** A fraction of an image's width or height. */
const Fraction = z.number().min(0).max(1)
/** A captured frame as PNG bytes; 1920×1080 PNGs are a few MB. */
const MAX_FRAME_BASE64 = 40 * 1024 * 1024

const SourceName = z.string().trim().min(1, 'the source name must not be empty').max(300)

export const calls = {
  'settings:get': call<Settings>()(Nothing),
  'settings:update': call<Settings>()(z.object({ language: UiLanguagePreference })),

  'projects:create': call<ProjectInfo>()(
    z.object({
      name: z.string().trim().min(1, 'the project name must not be empty').max(200),
      folder: AbsolutePath,
    }),
  ),
  'projects:open': call<ProjectInfo>()(z.object({ folder: AbsolutePath })),
  'projects:current': call<ProjectInfo | null>()(Nothing),
  'projects:listRecent': call<RecentProject[]>()(Nothing),
  'projects:forgetRecent': call<RecentProject[]>()(z.object({ folder: AbsolutePath })),
  'projects:rename': call<ProjectInfo>()(
    z.object({ name: z.string().trim().min(1, 'the project name must not be empty').max(200) }),
  ),
  'projects:close': call<null>()(Nothing),
  /** Moves a corrupt file aside and puts its newest valid backup in its place. */
  'projects:restoreBackup': call<{ restoredFrom: string; movedAside: string }>()(
    z.object({ folder: AbsolutePath, file: z.string().min(1) }),
  ),

  'articles:add': call<ArticleSummary>()(NewArticleInput),
  'articles:list': call<ArticleSummary[]>()(Nothing),
  'articles:get': call<ArticleDocument>()(z.object({ id: Id })),
  'articles:delete': call<null>()(z.object({ id: Id })),
  'articles:updateMeta': call<ArticleSummary>()(ArticleMetaInput),
  /** Replaces the text and re-anchors every annotation (orphans are kept and reported). */
  'articles:updateText': call<TextEditReport>()(
    z.object({
      id: Id,
      text: z.string().refine((t) => t.trim().length > 0, 'the article text must not be empty'),
    }),
  ),
  /** Files dropped on the window: their bytes travel base64-encoded. */
  'articles:importFiles': call<ImportReport>()(
    z.object({
      files: z
        .array(
          z.object({
            fileName: z.string().min(1).max(255),
            dataBase64: z.string().max(MAX_IMPORT_BASE64, 'the file is too large to import'),
          }),
        )
        .min(1, 'choose at least one file'),
    }),
  ),
  /** Files chosen in the open dialog: main reads them. */
  'articles:importPaths': call<ImportReport>()(
    z.object({ paths: z.array(z.string().min(1)).min(1, 'choose at least one file') }),
  ),

  'annotations:create': call<Annotation>()(
    z.object({
      articleId: Id,
      kind: AnnotationKind,
      /** Code points, end exclusive. */
      start: z.number().int().nonnegative(),
      end: z.number().int().positive(),
      tagIds: z.array(Id).default([]),
      comment: z.string().max(20_000).default(''),
    }),
  ),
  /** Annotates and, in one undoable step, links the annotation as a mention of a claim or source. */
  'annotations:createLinked': call<LinkedAnnotation>()(
    z.object({
      articleId: Id,
      kind: AnnotationKind,
      start: z.number().int().nonnegative(),
      end: z.number().int().positive(),
      tagIds: z.array(Id).default([]),
      comment: z.string().max(20_000).default(''),
      link: z.union([
        z.object({ claimId: Id }),
        z.object({ newClaim: z.literal(true) }),
        z.object({ sourceId: Id }),
        z.object({ newSource: z.literal(true) }),
      ]),
    }),
  ),
  'annotations:update': call<Annotation>()(
    z.object({
      articleId: Id,
      id: Id,
      kind: AnnotationKind.optional(),
      tagIds: z.array(Id).optional(),
      comment: z.string().max(20_000).optional(),
    }),
  ),
  'annotations:delete': call<null>()(z.object({ articleId: Id, id: Id })),
  /** Annotations across the project, in article then text order, filtered. */
  'annotations:list': call<AnnotationInProject[]>()(
    z.object({
      kinds: z.array(AnnotationKind).default([]),
      tagIds: z.array(Id).default([]),
      articleId: Id.optional(),
      orphanedOnly: z.boolean().default(false),
    }),
  ),

  'tags:list': call<TagWithCount[]>()(Nothing),
  'tags:create': call<Tag>()(
    z.object({
      name: z.string().trim().min(1, 'the tag name must not be empty').max(120),
      color: HexColor.optional(),
      description: z.string().max(2000).default(''),
      parentId: Id.nullable().default(null),
    }),
  ),
  'tags:update': call<Tag>()(
    z.object({
      id: Id,
      name: z.string().trim().min(1, 'the tag name must not be empty').max(120).optional(),
      color: HexColor.optional(),
      description: z.string().max(2000).optional(),
      parentId: Id.nullable().optional(),
    }),
  ),
  /** Moves every use of `sourceId` to `targetId` and removes the source tag. */
  'tags:merge': call<Tag>()(z.object({ sourceId: Id, targetId: Id })),
  'tags:delete': call<null>()(z.object({ id: Id, annotations: TagDeletionPolicy })),

  'registry:get': call<RegistrySnapshot>()(Nothing),

  'sources:create': call<Source>()(
    z.object({
      /** Defaults to the mention's quote. */
      name: SourceName.optional(),
      mention: MentionRef.optional(),
      aliases: SourceFields.aliases.default([]),
      kind: SourceKind.default('other'),
      role: SourceFields.role.default(''),
      organisation: SourceFields.organisation.default(''),
      description: SourceFields.description.default(''),
      reliability: SourceFields.reliability.default(null),
      reliabilityReason: SourceFields.reliabilityReason.default(''),
    }),
  ),
  'sources:update': call<Source>()(
    z.object({
      id: Id,
      name: SourceName.optional(),
      aliases: SourceFields.aliases.optional(),
      kind: SourceKind.optional(),
      role: SourceFields.role.optional(),
      organisation: SourceFields.organisation.optional(),
      description: SourceFields.description.optional(),
      reliability: SourceFields.reliability.optional(),
      reliabilityReason: SourceFields.reliabilityReason.optional(),
    }),
  ),
  'sources:linkMention': call<Source>()(z.object({ id: Id, mention: MentionRef })),
  'sources:unlinkMention': call<Source>()(z.object({ id: Id, mention: MentionRef })),
  /** Merges a duplicate into `targetId`: its names become aliases, its links move. */
  'sources:merge': call<Source>()(z.object({ sourceId: Id, targetId: Id })),
  /** `claims`: what happens to claims citing the source ('refuse' fails if any do). */
  'sources:delete': call<null>()(
    z.object({
      id: Id,
      claims: z.union([z.literal('refuse'), z.literal('unlink'), z.object({ reassignTo: Id })]),
    }),
  ),

  'claims:create': call<Claim>()(
    z.object({
      /** Defaults to the mention's quote. */
      statement: z.string().trim().min(1).max(5000).optional(),
      mention: MentionRef.optional(),
      saidBy: z.array(Id).default([]),
      reportedBy: z.array(Id).default([]),
      madeOn: OptionalDate.default(''),
      tagIds: z.array(Id).default([]),
      notes: z.string().max(20_000).default(''),
    }),
  ),
  'claims:update': call<Claim>()(
    z.object({
      id: Id,
      statement: z
        .string()
        .trim()
        .min(1, 'the claim statement must not be empty')
        .max(5000)
        .optional(),
      saidBy: z.array(Id).optional(),
      reportedBy: z.array(Id).optional(),
      madeOn: OptionalDate.optional(),
      tagIds: z.array(Id).optional(),
      notes: z.string().max(20_000).optional(),
      quantities: z.array(ClaimQuantity).optional(),
    }),
  ),
  'claims:assess': call<Claim>()(
    z.object({
      id: Id,
      status: ClaimStatus,
      credibility: Credibility.nullable(),
      rationale: z.string().max(10_000).default(''),
    }),
  ),
  'claims:addMention': call<Claim>()(z.object({ id: Id, mention: MentionRef })),
  'claims:removeMention': call<Claim>()(z.object({ id: Id, mention: MentionRef })),
  'claims:delete': call<null>()(z.object({ id: Id })),
  /** Claims whose statement reads like `statement`, to link instead of duplicating. */
  'claims:similar': call<Array<{ claim: Claim; score: number }>>()(
    z.object({ statement: z.string().max(5000), excludeId: Id.optional() }),
  ),
  /** Figures recognised in a text, for the claim editor. */
  'claims:parseQuantities': call<Array<z.infer<typeof ClaimQuantity>>>()(
    z.object({ text: z.string().max(5000), language: LanguageCode.default('') }),
  ),
  'relations:create': call<ClaimRelation>()(
    z.object({
      type: RelationType,
      fromClaimId: Id,
      toClaimId: Id,
      note: z.string().max(5000).default(''),
    }),
  ),
  'relations:delete': call<null>()(z.object({ id: Id })),
  'statuses:create': call<CustomStatus>()(
    z.object({
      label: z.string().trim().min(1, 'the status needs a name').max(60),
      color: HexColor,
    }),
  ),
  'statuses:delete': call<null>()(z.object({ id: z.string().min(1), replaceWith: ClaimStatus })),

  /** Full-text search over articles, annotations, notes, claims and sources. */
  'search:query': call<SearchResults>()(
    z.object({
      query: z.string().max(500),
      types: z.array(z.enum(SEARCH_DOC_TYPES as [string, ...string[]])).optional(),
      limitPerType: z.number().int().min(0).max(200).default(20),
    }),
  ),

  /** Adds files as evidence: hashes (and copies) each one, reporting progress under `taskId`. */
  'evidence:add': call<EvidenceAddReport>()(
    z.object({
      taskId: TaskId,
      files: z
        .array(z.object({ path: z.string().min(1), storage: StorageMode.optional() }))
        .min(1, 'choose at least one file'),
    }),
  ),
  'evidence:update': call<EvidenceItem>()(
    z.object({
      id: Id,
      title: z.string().trim().min(1, 'the title must not be empty').max(500).optional(),
      provenance: ProvenanceInput.optional(),
      claimLinks: z.array(ClaimLink).optional(),
    }),
  ),
  'evidence:assess': call<EvidenceItem>()(
    z.object({
      id: Id,
      status: ClaimStatus,
      credibility: Credibility.nullable(),
      rationale: z.string().max(10_000).default(''),
    }),
  ),
  /** Removes the item from the project; a copied file stays in media/ so undo can bring it back. */
  'evidence:delete': call<null>()(z.object({ id: Id })),
  'evidence:linkMention': call<EvidenceItem>()(z.object({ id: Id, mention: MentionRef })),
  'evidence:unlinkMention': call<EvidenceItem>()(z.object({ id: Id, mention: MentionRef })),
  /** Hashes the file again and compares; the outcome goes into the custody log. */
  'evidence:verify': call<FileCheck>()(z.object({ id: Id, taskId: TaskId })),
  /** The state of every item's file as checked in this session (quick checks for the rest). */
  'evidence:checks': call<FileCheck[]>()(Nothing),
  /** Points a linked item at a moved file; accepted only if the file's hash matches. */
  'evidence:relink': call<EvidenceItem>()(
    z.object({ id: Id, path: z.string().min(1), taskId: TaskId }),
  ),
  'evidence:custody': call<CustodyEntry[]>()(z.object({ id: Id })),
  'evidence:addSegment': call<Segment>()(
    z.object({
      itemId: Id,
      start: Seconds,
      end: Seconds,
      label: EvidencePartFields.label.default(''),
      note: EvidencePartFields.note.default(''),
      claimLinks: EvidencePartFields.claimLinks.default([]),
    }),
  ),
  'evidence:updateSegment': call<Segment>()(
    z.object({
      itemId: Id,
      id: Id,
      start: Seconds.optional(),
      end: Seconds.optional(),
      label: EvidencePartFields.label.optional(),
      note: EvidencePartFields.note.optional(),
      claimLinks: EvidencePartFields.claimLinks.optional(),
    }),
  ),
  'evidence:deleteSegment': call<null>()(z.object({ itemId: Id, id: Id })),
  /** Stores a frame the renderer drew from the video as a PNG, with its own hash. */
  'evidence:captureFrame': call<CapturedFrame>()(
    z.object({
      itemId: Id,
      time: Seconds,
      segmentId: Id.nullable().default(null),
      pngBase64: z.string().min(1).max(MAX_FRAME_BASE64, 'the frame is too large'),
    }),
  ),
  'evidence:updateFrame': call<CapturedFrame>()(
    z.object({
      itemId: Id,
      id: Id,
      segmentId: Id.nullable().optional(),
      note: z.string().max(5000).optional(),
    }),
  ),
  'evidence:deleteFrame': call<null>()(z.object({ itemId: Id, id: Id })),
  'evidence:addRegion': call<Region>()(
    z.object({
      itemId: Id,
      x: Fraction,
      y: Fraction,
      width: Fraction,
      height: Fraction,
      label: EvidencePartFields.label.default(''),
      note: EvidencePartFields.note.default(''),
      claimLinks: EvidencePartFields.claimLinks.default([]),
    }),
  ),
  'evidence:updateRegion': call<Region>()(
    z.object({
      itemId: Id,
      id: Id,
      x: Fraction.optional(),
      y: Fraction.optional(),
      width: Fraction.optional(),
      height: Fraction.optional(),
      label: EvidencePartFields.label.optional(),
      note: EvidencePartFields.note.optional(),
      claimLinks: EvidencePartFields.claimLinks.optional(),
    }),
  ),
  'evidence:deleteRegion': call<null>()(z.object({ itemId: Id, id: Id })),

  'projects:updateSettings': call<ProjectInfo>()(z.object({ evidenceStorage: StorageMode })),

  /**
   * Renders the report and serves it on the media protocol (its own strict CSP, shown in a
   * sandboxed frame): the preview is the exported HTML itself. `url` is relative to the media
   * base, `report-preview/<token>`: show `window.claimdesk.mediaBaseUrl + url`. Only the latest
   * preview is served, and only while its project stays open.
   */
  'reports:preview': call<{ url: string; warnings: string[] }>()(
    z.object({ options: ReportOptions }),
  ),
  /** Writes the report in `options.format` to `path`, with progress under `taskId`. */
  'reports:export': call<{ file: string; bytes: number; warnings: string[] }>()(
    z.object({ taskId: TaskId, options: ReportOptions, path: FilePath }),
  ),
  /**
   * Writes the project in a standard format. `count`: annotations (w3c), coded selections
   * (qdpx), codes (qdc) or reviews (claimreview, which needs `reviewer`).
   */
  'exchange:export': call<{ file: string; count: number }>()(
    z.object({
      taskId: TaskId,
      format: z.enum(STANDARD_EXPORT_FORMATS),
      path: FilePath,
      /** REFI-QDA: put copied videos into the .qdpx. */
      includeMedia: z.boolean().default(false),
      /** ClaimReview: the fact-checking organisation publishing the reviews. */
      reviewer: z
        .object({ name: z.string().trim().min(1).max(300), url: Url.default('') })
        .optional(),
    }),
  ),
  'exchange:import': call<StandardImportReport>()(
    z.object({ format: z.enum(STANDARD_IMPORT_FORMATS), path: FilePath }),
  ),
  /** Upper bounds of the shared file's size without and with media, for the share dialog. */
  'sharing:estimate': call<{ withoutMedia: number; withMedia: number }>()(Nothing),
  'sharing:pack': call<{ file: string; size: number }>()(
    z.object({ taskId: TaskId, path: FilePath, includeMedia: z.boolean() }),
  ),
  /** Checks a `.claimdesk` file completely (nothing is written) and says what it holds. */
  'sharing:inspect': call<SharedFileInfo>()(z.object({ taskId: TaskId, path: FilePath })),
  /** Unpacks a `.claimdesk` file into a new folder and opens it. */
  'sharing:openAsNew': call<ProjectInfo>()(
    z.object({ taskId: TaskId, path: FilePath, folder: AbsolutePath }),
  ),
  /** What merging the file into the open project would do; main keeps the plan for apply. */
  'sharing:planMerge': call<MergePlanView>()(z.object({ taskId: TaskId, path: FilePath })),
  /**
   * Applies the planned merge with a choice for every conflict (by key). A merge that changed
   * anything clears the undo history (its steps were recorded against the replaced files).
   */
  'sharing:applyMerge': call<MergeOutcome>()(
    z.object({
      taskId: TaskId,
      packageFingerprint: z.string().min(1),
      decisions: z.record(z.string(), z.enum(['local', 'incoming', 'both'])),
    }),
  ),

  /** Asks a long-running call to stop; it answers with what it finished. */
  'tasks:cancel': call<null>()(z.object({ taskId: TaskId })),

  'history:state': call<HistoryState>()(Nothing),
  'history:undo': call<HistoryState>()(Nothing),
  'history:redo': call<HistoryState>()(Nothing),

  /** OS dialogs live in the shell; tests answer them through the harness. */
  'dialogs:chooseFolder': call<string | null>()(
    z.object({ purpose: z.enum(['create-project', 'open-project']) }),
  ),
  'dialogs:chooseFiles': call<string[]>()(
    z.object({
      purpose: z.enum([
        'import-articles',
        'add-evidence',
        'relink-evidence',
        'open-shared',
        'import-w3c',
        'import-qdpx',
      ]),
    }),
  ),
  /** A save dialog; `defaultName` is a file name with its extension. */
  'dialogs:chooseSaveFile': call<string | null>()(
    z.object({
      purpose: z.enum(['export-report', 'export-standard', 'share-project']),
      defaultName: z.string().min(1).max(255),
    }),
  ),
} as const

export type Channel = keyof typeof calls
/** What the renderer passes (defaults may be omitted). */
export type CallInput<C extends Channel> = z.input<(typeof calls)[C]['input']>
/** What a handler receives, after parsing. */
export type ParsedInput<C extends Channel> = z.output<(typeof calls)[C]['input']>
export type CallOutput<C extends Channel> = (typeof calls)[C]['output']

export type Handlers = {
  [C in Channel]: (input: ParsedInput<C>) => Promise<CallOutput<C>>
}

export const MENU_COMMANDS = [
  'new-project',
  'open-project',
  'close-project',
  'open-recent',
  'add-article',
  'import-articles',
  'add-evidence',
  'share-project',
  'open-shared',
  'export-report',
  'export-standard',
  'import-standard',
  'undo',
  'redo',
  'search',
] as const
export type MenuCommand = {
  command: (typeof MENU_COMMANDS)[number]
  folder?: string
  /** 'open-shared': a `.claimdesk` file opened from the OS (double-click, argv, drop). */
  path?: string
  /** 'export-standard' / 'import-standard': which format the menu item named. */
  format?: string
}

/** Events main pushes to the renderer. */
export interface Events {
  'project:changed': {
    reason:
      | 'opened'
      | 'closed'
      | 'renamed'
      | 'articles'
      | 'restored'
      | 'annotations'
      | 'tags'
      | 'registry'
    project: ProjectInfo | null
  }
  'menu:command': MenuCommand
  'history:changed': HistoryState
  /** Progress of a long-running call; `total` is null when unknown. */
  'task:progress': { taskId: string; label: string; done: number; total: number | null }
}
export type EventName = keyof Events

/** What the preload exposes as `window.claimdesk`, and what the test harness provides. */
export interface ClaimdeskBridge {
  invoke<C extends Channel>(channel: C, input: CallInput<C>): Promise<Result<CallOutput<C>>>
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void
  /** Where the media protocol answers, e.g. `claimdesk-media://project/` (ends with '/'). */
  mediaBaseUrl: string
  /** The path on disk of a file dropped on the window ('' when it has none). */
  pathForFile(file: { name: string }): string
}

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(calls, value)
}
