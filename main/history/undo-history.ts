import type { HistoryState } from '../../shared/api'
import { AppFailure } from '../../shared/result'
import type { OpenProject } from '../projects/open-project'
import { applyChanges, type Change, composeChanges } from './changes'

interface Entry {
  label: string
  changes: Change[]
}

/** How many steps undo reaches back (the issue asks for at least 50). */
export const UNDO_LIMIT = 200

/**
 * Undo and redo for the open project's annotation and tag changes. Every action is committed
 * through here: its changes are written, then remembered. Undo writes the `before` states.
 */
export class UndoHistory {
  private readonly done: Entry[] = []
  private undone: Entry[] = []

  constructor(private readonly project: OpenProject) {}

  /** Applies an action's changes durably and makes it undoable. */
  async commit(label: string, parts: Change[]): Promise<void> {
    const changes = composeChanges(parts)
    if (changes.length === 0) return
    await applyChanges(this.project, changes, 'forward')
    this.done.push({ label, changes })
    if (this.done.length > UNDO_LIMIT) this.done.shift()
    this.undone = []
  }

  async undo(): Promise<HistoryState> {
    const entry = this.done.pop()
    if (!entry) throw new AppFailure('not-found', 'There is nothing to undo.')
    try {
      await applyChanges(this.project, entry.changes, 'backward')
    } catch (error) {
      this.done.push(entry)
      throw error
    }
    this.undone.push(entry)
    return this.state()
  }

  async redo(): Promise<HistoryState> {
    const entry = this.undone.pop()
    if (!entry) throw new AppFailure('not-found', 'There is nothing to redo.')
    try {
      await applyChanges(this.project, entry.changes, 'forward')
    } catch (error) {
      this.undone.push(entry)
      throw error
    }
    this.done.push(entry)
    return this.state()
  }

  state(): HistoryState {
    return {
      canUndo: this.done.length > 0,
      canRedo: this.undone.length > 0,
      undoLabel: this.done.at(-1)?.label ?? null,
      redoLabel: this.undone.at(-1)?.label ?? null,
    }
  }

  /**
   * Forgets every step, e.g. after a merge replaced the project's files: the steps' `before`
   * states were recorded against files that are gone, and replaying them would undo the merge
   * piecemeal (the merge's backups are the way back).
   */
  clear(): void {
    this.done.length = 0
    this.undone = []
  }

  /** Forgets steps that touch an article that no longer exists (it was deleted). */
  forgetArticle(articleId: string): void {
    const touches = (e: Entry) =>
      e.changes.some((c) => 'articleId' in c && c.articleId === articleId)
    const kept = this.done.filter((e) => !touches(e))
    this.done.splice(0, this.done.length, ...kept)
    this.undone = this.undone.filter((e) => !touches(e))
  }
}
