import { describe, expect, it } from 'vitest'
import type { Events } from '../../../shared/api'
import { TaskRegistry } from '../../../main/tasks/tasks'

describe('running tasks: progress throttling and cancelling', () => {
  function registry() {
    const events: Array<Events['task:progress']> = []
    // An interval no test outlasts: only the reports that always go out are seen.
    const tasks = new TaskRegistry((event, payload) => {
      if (event === 'task:progress') events.push(payload as Events['task:progress'])
    }, 1e12)
    return { tasks, events }
  }

  it('reports the first progress, label changes and the last one; drops the rest', async () => {
    const { tasks, events } = registry()
    await tasks.run('t1', 'Adding evidence', async (task) => {
      for (let done = 0; done <= 100; done += 10) task.progress(done, 200, 'Reading a.mp4')
      for (let done = 100; done <= 200; done += 10) task.progress(done, 200, 'Reading b.mp4')
    })
    expect(events).toEqual([
      { taskId: 't1', label: 'Reading a.mp4', done: 0, total: 200 },
      { taskId: 't1', label: 'Reading b.mp4', done: 100, total: 200 },
      { taskId: 't1', label: 'Reading b.mp4', done: 200, total: 200 },
    ])
  })

  it('cancel aborts the running task only; finished tasks are forgotten', async () => {
    const { tasks } = registry()
    const seen: boolean[] = []
    await tasks.run('t1', 'one', async (task) => {
      tasks.cancel('other')
      seen.push(task.signal.aborted)
      tasks.cancel('t1')
      seen.push(task.signal.aborted)
    })
    expect(seen).toEqual([false, true])
    // The same id can run again, with a fresh signal.
    await tasks.run('t1', 'again', async (task) => seen.push(task.signal.aborted))
    expect(seen).toEqual([false, true, false])
    tasks.cancel('t1')
  })

  it('refuses a second task with the id of one still running', async () => {
    const { tasks } = registry()
    await tasks.run('t1', 'one', async () => {
      await expect(tasks.run('t1', 'two', async () => null)).rejects.toThrow(
        'A task with id t1 is already running.',
      )
    })
  })
})
