/**
 * The one contract between renderer and main: every call's channel, input schema and output
 * type, and every event. `main/api.ts` implements `Handlers`, so a missing or mistyped handler
 * fails to compile; main parses every input with the schema named here.
 */
import { z } from 'zod'
import type { ArticleDocument, ArticleSummary } from './model/article'
import { Id, LanguageCode, OptionalDate } from './model/common'
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

  /** OS dialogs live in the shell; tests answer them through the harness. */
  'dialogs:chooseFolder': call<string | null>()(
    z.object({ purpose: z.enum(['create-project', 'open-project']) }),
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
] as const
export type MenuCommand = { command: (typeof MENU_COMMANDS)[number]; folder?: string }

/** Events main pushes to the renderer. */
export interface Events {
  'project:changed': {
    reason: 'opened' | 'closed' | 'renamed' | 'articles' | 'restored'
    project: ProjectInfo | null
  }
  'menu:command': MenuCommand
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
