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
import type { ProjectInfo, RecentProject } from './model/project'
import { type Settings, UiLanguagePreference } from './model/settings'
import type { Result } from './result'

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

  'history:state': call<HistoryState>()(Nothing),
  'history:undo': call<HistoryState>()(Nothing),
  'history:redo': call<HistoryState>()(Nothing),

  /** OS dialogs live in the shell; tests answer them through the harness. */
  'dialogs:chooseFolder': call<string | null>()(
    z.object({ purpose: z.enum(['create-project', 'open-project']) }),
  ),
  'dialogs:chooseFiles': call<string[]>()(z.object({ purpose: z.enum(['import-articles']) })),
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
  'undo',
  'redo',
] as const
export type MenuCommand = { command: (typeof MENU_COMMANDS)[number]; folder?: string }

/** Events main pushes to the renderer. */
export interface Events {
  'project:changed': {
    reason: 'opened' | 'closed' | 'renamed' | 'articles' | 'restored' | 'annotations' | 'tags'
    project: ProjectInfo | null
  }
  'menu:command': MenuCommand
  'history:changed': HistoryState
}
export type EventName = keyof Events

/** What the preload exposes as `window.claimdesk`, and what the test harness provides. */
export interface ClaimdeskBridge {
  invoke<C extends Channel>(channel: C, input: CallInput<C>): Promise<Result<CallOutput<C>>>
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void
}

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(calls, value)
}
