/**
 * The main process's handler table: implements every call of `shared/api.ts`, independent of
 * the transport (Electron IPC in the app, a Playwright binding in tests).
 */
import { calls, type Channel, type Handlers, isChannel } from '../shared/api'
import { AppFailure, type Result } from '../shared/result'
import { describeZodError } from '../shared/validation'
import {
  createAnnotation,
  deleteAnnotation,
  listAnnotations,
  updateAnnotation,
} from './annotations/annotations'
import { updateArticleMeta, updateArticleText } from './articles/article-edits'
import { decodeDroppedFiles, importArticleFiles, readChosenFiles } from './articles/article-import'
import { addArticle, deleteArticle, getArticle, listArticles } from './articles/articles'
import { createTag, deleteTag, listTags, mergeTags, updateTag } from './tags/tags'
import {
  assessClaim,
  createClaim,
  createRelation,
  createStatus,
  deleteClaim,
  deleteRelation,
  deleteStatus,
  quantitiesOf,
  setClaimMention,
  similarClaims,
  updateClaim,
} from './claims/claims'
import { checkReferences } from './registry/integrity'
import { createLinkedAnnotation } from './annotations/linked-annotation'
import {
  createSource,
  deleteSource,
  mergeSources,
  setSourceMention,
  updateSource,
} from './sources/sources'
import type { ProjectInfo } from '../shared/model/project'
import type { Dialogs } from './dialogs'
import type { ProjectOptions } from './projects/open-project'
import { type Emit, Workspace } from './projects/workspace'
import { SettingsStore } from './settings/settings-store'
import { KeyedQueue } from './store/durable-write'
import type { SearchDocType } from '../shared/search-types'
import type { OpenProject } from './projects/open-project'
import { TaskRegistry } from './tasks/tasks'
import { readCustody } from './evidence/custody-log'
import { commitEvidence, discardPrepared, prepareEvidence } from './evidence/evidence-add'
import {
  assessEvidence,
  deleteEvidence,
  findEvidence,
  setEvidenceMention,
  updateEvidence,
} from './evidence/evidence-items'
import {
  commitRelink,
  discardRelink,
  fileChecks,
  prepareRelink,
  verifyEvidence,
} from './evidence/file-checks'
import { captureFrame, deleteFrame, updateFrame } from './evidence/frames'
import { addRegion, deleteRegion, updateRegion } from './evidence/regions'
import { addSegment, deleteSegment, updateSegment } from './evidence/segments'
import { reportPreviewPath } from '../shared/media-urls'
import { exportStandard, importStandard } from './exchange/standard-formats'
import { openProjectOf } from './media/media-files'
import { type ExportStage, exportReport } from './reports/export-report'
import type { PrintToPdf } from './reports/pdf'
import { renderHtml } from './reports/render-html'
import { buildReportModel } from './reports/report-model'
import { ReportPreviews } from './reports/report-previews'
import {
  applyMerge,
  estimateShareSize,
  type MergePlan,
  mergeSharePackage,
  packProject,
  readSharePackage,
  type ShareTaskOptions,
  sharedFileInfo,
  unpackAsNewProject,
} from './sharing'
import { snapshotOfProject } from './sharing/project-snapshot'
import type { RunningTask } from './tasks/tasks'

export interface MainApiDeps extends ProjectOptions {
  /** The app's own data folder (settings, recent projects). */
  dataDir: string
  dialogs: Dialogs
  emit: Emit
  /**
   * Prints a report's HTML to PDF: the shell uses a hidden window, the test harness Chromium.
   * Without it, exporting a PDF fails with a message saying so.
   */
  printToPdf?: PrintToPdf
}

/** What the renderer shows while a report is written, by stage. */
const REPORT_STAGE_LABELS: Record<ExportStage, string> = {
  collect: 'Collecting the report',
  render: 'Rendering the report',
  write: 'Writing the report',
}

/** A running task as the sharing functions take it: its signal, progress in bytes. */
const shareTask = (task: RunningTask): ShareTaskOptions => ({
  signal: task.signal,
  onProgress: ({ done, total }) => task.progress(done, total),
})

export interface MainApi {
  handlers: Handlers
  workspace: Workspace
  /** Validates `input` against the channel's schema and runs its handler; never throws. */
  invoke(channel: unknown, input: unknown): Promise<Result<unknown>>
  /** Closes the open project (releasing its lock) and waits for pending writes. */
  dispose(): Promise<void>
  /**
   * The HTML of the report preview `token` names (`reports:preview`), for the media protocol;
   * null once another preview replaced it or its project was closed.
   */
  reportPreview(token: string): string | null
}

export async function createMainApi(deps: MainApiDeps): Promise<MainApi> {
  const settings = await SettingsStore.open(deps.dataDir)
  const workspace = new Workspace(settings, deps.emit, {
    backupPolicy: deps.backupPolicy,
    userName: deps.userName,
  })

  const project = () => workspace.project()
  // Mutations run one at a time: each reads the state it changes and commits it without another
  // change slipping in between (a text edit and a new annotation must not interleave).
  const mutations = new KeyedQueue()
  const exclusive =
    <I, O>(handler: (input: I) => Promise<O>) =>
    (input: I) =>
      mutations.run('workspace', () => handler(input))
  /** Runs `work` in the mutation queue, without the handler wrapper. */
  const inQueue = <T>(work: () => Promise<T>) => mutations.run('workspace', work)
  const tasks = new TaskRegistry(deps.emit)
  /** Long work runs outside the queue; before committing it, the project must still be open. */
  const stillOpen = (opened: OpenProject) => {
    if (workspace.info() === null || workspace.project() !== opened) {
      throw new AppFailure(
        'no-project-open',
        'The project was closed while its files were being read; nothing was changed.',
      )
    }
  }
  const previews = new ReportPreviews()
  /** Merge plans by package fingerprint, with the project they were planned against. */
  const mergePlans = new Map<string, { plan: MergePlan; project: OpenProject }>()
  /** After a merge or an import of many things: every view reloads. */
  const refreshAll = () => {
    workspace.changed('articles')
    workspace.changed('tags')
    workspace.changed('registry')
  }
  /** After an undoable change: tell the renderer what changed and what undo now offers. */
  const changed = <T>(reason: 'annotations' | 'tags' | 'articles' | 'registry', value: T): T => {
    workspace.changed(reason)
    deps.emit('history:changed', project().history.state())
    return value
  }

  /**
   * Opens another project in place of the current one. Work still running for the project that
   * is left (hashing, exports, merges) is told to stop once the switch has happened: its result
   * could no longer be saved, and a 2 GB hash should not go on for nothing.
   */
  const switchProject = async (open: () => Promise<ProjectInfo>): Promise<ProjectInfo> => {
    const leftBehind = tasks.ids()
    const info = await open()
    tasks.cancelAll(leftBehind)
    return info
  }

  const handlers: Handlers = {
    'settings:get': async () => settings.get(),
    'settings:update': async ({ language }) => settings.setLanguage(language),

    'projects:create': exclusive(async ({ name, folder }) =>
      switchProject(() => workspace.create(folder, name)),
    ),
    'projects:open': exclusive(async ({ folder }) => switchProject(() => workspace.open(folder))),
    'projects:current': async () => workspace.info(),
    'projects:listRecent': async () => settings.listRecent(),
    'projects:forgetRecent': async ({ folder }) => {
      await settings.forgetRecent(folder)
      return settings.listRecent()
    },
    'projects:rename': exclusive(async ({ name }) => workspace.rename(name)),
    'projects:close': exclusive(async () => {
      tasks.cancelAll()
      await workspace.close()
      return null
    }),
    'projects:restoreBackup': exclusive(async ({ folder, file }) =>
      workspace.restoreBackup(folder, file),
    ),

    'articles:add': exclusive(async (input) => {
      const summary = await addArticle(workspace.project(), input)
      workspace.changed('articles')
      return summary
    }),
    'articles:list': async () => listArticles(workspace.project()),
    'articles:get': async ({ id }) => getArticle(workspace.project(), id),
    'articles:delete': exclusive(async ({ id }) => {
      await deleteArticle(workspace.project(), id)
      workspace.changed('articles')
      return null
    }),

    'articles:updateMeta': exclusive(async (input) =>
      changed('articles', await updateArticleMeta(project(), input)),
    ),
    'articles:updateText': exclusive(async (input) =>
      changed('annotations', await updateArticleText(project(), input)),
    ),
    'articles:importFiles': exclusive(async ({ files }) =>
      changed('articles', await importArticleFiles(project(), decodeDroppedFiles(files))),
    ),
    'articles:importPaths': exclusive(async ({ paths }) =>
      changed('articles', await importArticleFiles(project(), await readChosenFiles(paths))),
    ),

    'annotations:create': exclusive(async (input) =>
      changed('annotations', await createAnnotation(project(), input)),
    ),
    'annotations:createLinked': exclusive(async (input) => {
      const linked = await createLinkedAnnotation(project(), input)
      workspace.changed('registry')
      return changed('annotations', linked)
    }),
    'annotations:update': exclusive(async (input) =>
      changed('annotations', await updateAnnotation(project(), input)),
    ),
    'annotations:delete': exclusive(async (input) => {
      await deleteAnnotation(project(), input)
      return changed('annotations', null)
    }),
    'annotations:list': async (filter) => listAnnotations(project(), filter),

    'tags:list': async () => listTags(project()),
    'tags:create': exclusive(async (input) => changed('tags', await createTag(project(), input))),
    'tags:update': exclusive(async (input) => changed('tags', await updateTag(project(), input))),
    'tags:merge': exclusive(async (input) => changed('tags', await mergeTags(project(), input))),
    'tags:delete': exclusive(async (input) => {
      await deleteTag(project(), input)
      return changed('tags', null)
    }),

    'registry:get': async () => {
      const { schemaVersion: _version, ...registry } = project().registry.data
      return { ...registry, problems: await checkReferences(project()) }
    },
    'sources:create': exclusive(async (input) =>
      changed('registry', await createSource(project(), input)),
    ),
    'sources:update': exclusive(async (input) =>
      changed('registry', await updateSource(project(), input)),
    ),
    'sources:linkMention': exclusive(async (input) =>
      changed('registry', await setSourceMention(project(), input, true)),
    ),
    'sources:unlinkMention': exclusive(async (input) =>
      changed('registry', await setSourceMention(project(), input, false)),
    ),
    'sources:merge': exclusive(async (input) =>
      changed('registry', await mergeSources(project(), input)),
    ),
    'sources:delete': exclusive(async (input) => {
      await deleteSource(project(), input)
      return changed('registry', null)
    }),
    'claims:create': exclusive(async (input) =>
      changed('registry', await createClaim(project(), input)),
    ),
    'claims:update': exclusive(async (input) =>
      changed('registry', await updateClaim(project(), input)),
    ),
    'claims:assess': exclusive(async (input) =>
      changed('registry', await assessClaim(project(), input)),
    ),
    'claims:addMention': exclusive(async (input) =>
      changed('registry', await setClaimMention(project(), input, true)),
    ),
    'claims:removeMention': exclusive(async (input) =>
      changed('registry', await setClaimMention(project(), input, false)),
    ),
    'claims:delete': exclusive(async ({ id }) => {
      await deleteClaim(project(), id)
      return changed('registry', null)
    }),
    'claims:similar': async ({ statement, excludeId }) =>
      similarClaims(project(), statement, excludeId),
    'claims:parseQuantities': async ({ text, language }) => quantitiesOf(text, language),
    'relations:create': exclusive(async (input) =>
      changed('registry', await createRelation(project(), input)),
    ),
    'relations:delete': exclusive(async ({ id }) => {
      await deleteRelation(project(), id)
      return changed('registry', null)
    }),
    'statuses:create': exclusive(async (input) =>
      changed('registry', await createStatus(project(), input)),
    ),
    'statuses:delete': exclusive(async (input) => {
      await deleteStatus(project(), input)
      return changed('registry', null)
    }),

    'search:query': async ({ query, types, limitPerType }) =>
      project().search.search(query, { types: types as SearchDocType[] | undefined, limitPerType }),

    'evidence:add': async (input) => {
      const opened = project()
      return tasks.run(input.taskId, 'Adding evidence', async (task) => {
        // Hashing a large file takes minutes: it must not hold up every other edit.
        const prepared = await prepareEvidence(opened, input, task)
        return inQueue(async () => {
          try {
            stillOpen(opened)
          } catch (error) {
            await discardPrepared(prepared)
            throw error
          }
          return changed('registry', await commitEvidence(opened, prepared))
        })
      })
    },
    'evidence:update': exclusive(async (input) =>
      changed('registry', await updateEvidence(project(), input)),
    ),
    'evidence:assess': exclusive(async (input) =>
      changed('registry', await assessEvidence(project(), input)),
    ),
    'evidence:delete': exclusive(async ({ id }) => {
      await deleteEvidence(project(), id)
      return changed('registry', null)
    }),
    'evidence:linkMention': exclusive(async (input) =>
      changed('registry', await setEvidenceMention(project(), input, true)),
    ),
    'evidence:unlinkMention': exclusive(async (input) =>
      changed('registry', await setEvidenceMention(project(), input, false)),
    ),
    'evidence:verify': async ({ id, taskId }) => {
      const opened = project()
      const item = findEvidence(opened, id)
      const check = await tasks.run(taskId, `Verifying ${item.title}`, (task) =>
        verifyEvidence(opened, id, task),
      )
      // The file's state shows among the project's problems.
      workspace.changed('registry')
      return check
    },
    'evidence:checks': async () => fileChecks(project()),
    'evidence:relink': async ({ id, path, taskId }) => {
      const opened = project()
      return tasks.run(taskId, 'Relinking evidence', async (task) => {
        const prepared = await prepareRelink(opened, id, path, task)
        return inQueue(async () => {
          try {
            stillOpen(opened)
            return changed('registry', await commitRelink(opened, prepared))
          } catch (error) {
            await discardRelink(prepared)
            throw error
          }
        })
      })
    },
    'evidence:custody': async ({ id }) => {
      findEvidence(project(), id)
      return readCustody(project().folder, id)
    },
    'evidence:addSegment': exclusive(async (input) =>
      changed('registry', await addSegment(project(), input)),
    ),
    'evidence:updateSegment': exclusive(async (input) =>
      changed('registry', await updateSegment(project(), input)),
    ),
    'evidence:deleteSegment': exclusive(async (input) => {
      await deleteSegment(project(), input)
      return changed('registry', null)
    }),
    'evidence:captureFrame': exclusive(async (input) =>
      changed('registry', await captureFrame(project(), input)),
    ),
    'evidence:updateFrame': exclusive(async (input) =>
      changed('registry', await updateFrame(project(), input)),
    ),
    'evidence:deleteFrame': exclusive(async (input) => {
      await deleteFrame(project(), input)
      return changed('registry', null)
    }),
    'evidence:addRegion': exclusive(async (input) =>
      changed('registry', await addRegion(project(), input)),
    ),
    'evidence:updateRegion': exclusive(async (input) =>
      changed('registry', await updateRegion(project(), input)),
    ),
    'evidence:deleteRegion': exclusive(async (input) => {
      await deleteRegion(project(), input)
      return changed('registry', null)
    }),

    'projects:updateSettings': exclusive(async (settings) => workspace.updateSettings(settings)),

    'reports:preview': async ({ options }) => {
      const opened = project()
      const model = await buildReportModel(opened, options)
      const token = previews.put(opened, renderHtml(model))
      return { url: reportPreviewPath(token), warnings: model.warnings }
    },
    'reports:export': async ({ taskId, options, path }) => {
      const opened = project()
      if (options.format === 'pdf' && !deps.printToPdf) {
        throw new AppFailure(
          'invalid-input',
          'PDF export is not available here: nothing can print to PDF. Export HTML and print it from a browser instead.',
          { field: 'options.format' },
        )
      }
      return tasks.run(taskId, REPORT_STAGE_LABELS.collect, async (task) => {
        const result = await exportReport(opened, options, path, {
          signal: task.signal,
          onProgress: ({ stage, done, total }) =>
            task.progress(done, total, REPORT_STAGE_LABELS[stage]),
          ...(deps.printToPdf ? { printToPdf: deps.printToPdf } : {}),
        })
        return { file: result.file, bytes: result.bytes, warnings: result.warnings }
      })
    },
    'exchange:export': async ({ taskId, format, path, includeMedia, reviewer }) => {
      const opened = project()
      return tasks.run(taskId, `Exporting ${format}`, async (task) => {
        task.progress(0, 1)
        // The exporters cannot stop half-way: cancelling counts until they start writing.
        if (task.signal.aborted) throw new AppFailure('cancelled', 'The export was cancelled.')
        const count = await exportStandard(opened, format, path, {
          includeMedia,
          ...(reviewer ? { reviewer } : {}),
        })
        task.progress(1, 1)
        return { file: path, count }
      })
    },
    'exchange:import': exclusive(async ({ format, path }) => {
      const report = await importStandard(project(), format, path)
      refreshAll()
      return changed('annotations', report)
    }),

    'sharing:estimate': async () => {
      const opened = project()
      const [withoutMedia, withMedia] = await Promise.all([
        estimateShareSize(opened, false),
        estimateShareSize(opened, true),
      ])
      return { withoutMedia, withMedia }
    },
    'sharing:pack': async ({ taskId, path, includeMedia }) => {
      const opened = project()
      return tasks.run(taskId, 'Sharing the project', async (task) => {
        // One state of the project, even if edits go on while media streams into the file.
        const documents = await inQueue(async () => {
          stillOpen(opened)
          return snapshotOfProject(opened)
        })
        const packed = await packProject(opened, path, {
          includeMedia,
          documents,
          ...shareTask(task),
        })
        return { file: packed.file, size: packed.size }
      })
    },
    'sharing:inspect': async ({ taskId, path }) =>
      tasks.run(taskId, 'Checking the shared project', async (task) =>
        sharedFileInfo(
          await readSharePackage(path, {}, shareTask(task)),
          workspace.info()?.id ?? null,
        ),
      ),
    'sharing:openAsNew': async ({ taskId, path, folder }) => {
      const unpacked = await tasks.run(taskId, 'Opening the shared project', (task) =>
        unpackAsNewProject(path, folder, shareTask(task)),
      )
      return inQueue(() => switchProject(() => workspace.open(unpacked.folder)))
    },
    'sharing:planMerge': async ({ taskId, path }) => {
      const opened = project()
      const plan = await tasks.run(taskId, 'Comparing the shared project', (task) =>
        mergeSharePackage(opened, path, shareTask(task)),
      )
      for (const [key, kept] of mergePlans) if (kept.project !== opened) mergePlans.delete(key)
      mergePlans.set(plan.packageFingerprint, { plan, project: opened })
      return plan
    },
    'sharing:applyMerge': async ({ taskId, packageFingerprint, decisions }) => {
      const opened = project()
      const kept = mergePlans.get(packageFingerprint)
      if (!kept || kept.project !== opened) {
        throw new AppFailure(
          'not-found',
          'This merge is not prepared for the open project (it was closed or reopened since). Prepare the merge again.',
        )
      }
      const outcome = await tasks.run(taskId, 'Merging the shared project', (task) =>
        applyMerge(opened, kept.plan, decisions, {
          ...shareTask(task),
          // Reading and hashing the package runs outside the edit queue; checking the project
          // against the plan and writing run in it.
          exclusive: (write) =>
            inQueue(async () => {
              stillOpen(opened)
              const result = await write()
              // Undo steps were recorded against files the merge replaced: replaying them
              // would undo parts of the merge. The backups are the way back.
              if (result.changed) opened.history.clear()
              return result
            }),
        }),
      )
      mergePlans.delete(packageFingerprint)
      refreshAll()
      return changed('annotations', outcome)
    },
    'tasks:cancel': async ({ taskId }) => {
      tasks.cancel(taskId)
      return null
    },

    'history:state': async () => project().history.state(),
    'history:undo': exclusive(async () => {
      await project().history.undo()
      // A step may have changed tags, annotations or an article's text: refresh all views.
      workspace.changed('articles')
      workspace.changed('tags')
      workspace.changed('registry')
      return changed('annotations', project().history.state())
    }),
    'history:redo': exclusive(async () => {
      await project().history.redo()
      // A step may have changed tags, annotations or an article's text: refresh all views.
      workspace.changed('articles')
      workspace.changed('tags')
      workspace.changed('registry')
      return changed('annotations', project().history.state())
    }),

    'dialogs:chooseFolder': async ({ purpose }) => deps.dialogs.chooseFolder(purpose),
    'dialogs:chooseFiles': async ({ purpose }) => deps.dialogs.chooseFiles(purpose),
    'dialogs:chooseSaveFile': async ({ purpose, defaultName }) =>
      deps.dialogs.chooseSaveFile(purpose, defaultName),
  }

  async function invoke(channel: unknown, input: unknown): Promise<Result<unknown>> {
    if (!isChannel(channel)) {
      return {
        ok: false,
        error: { code: 'invalid-input', message: `Unknown call ${String(channel)}.` },
      }
    }
    const parsed = calls[channel].input.safeParse(input ?? {})
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: 'invalid-input',
          message: `Invalid input: ${describeZodError(parsed.error)}.`,
          details: { fields: parsed.error.issues.map((i) => i.path.map(String).join('.')) },
        },
      }
    }
    try {
      const handler = handlers[channel] as (input: unknown) => Promise<unknown>
      return { ok: true, value: await handler(parsed.data) }
    } catch (error) {
      return { ok: false, error: toAppError(error, channel) }
    }
  }

  return {
    handlers,
    workspace,
    invoke,
    dispose: () => {
      tasks.cancelAll()
      return mutations.run('workspace', () => workspace.close())
    },
    reportPreview: (token) => previews.get(token, openProjectOf(workspace)),
  }
}

function toAppError(error: unknown, channel: Channel) {
  if (error instanceof AppFailure) return error.toError()
  const errno = error as NodeJS.ErrnoException
  if (errno && typeof errno.code === 'string' && typeof errno.path === 'string') {
    return {
      code: 'io-error' as const,
      message: `Could not access ${errno.path}: ${errno.message}`,
    }
  }
  return {
    code: 'internal' as const,
    message: `Unexpected error in ${channel}: ${error instanceof Error ? error.message : String(error)}`,
  }
}
