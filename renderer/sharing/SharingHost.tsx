import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ProjectInfo } from '../../shared/model/project'
import { call } from '../api'
import { onOpenSharedRequest, onShareRequest, requestOpenShared } from '../app/commands'
import { useNotifications } from '../ui/Notifications'
import { MergeDialog } from './MergeDialog'
import { OpenSharedDialog } from './OpenSharedDialog'
import { isSharedFileName } from './parts'
import { ShareDialog } from './ShareDialog'
import './sharing.css'

type Flow = { kind: 'share' } | { kind: 'open'; path: string } | { kind: 'merge'; path: string }

interface SharingHostProps {
  project: ProjectInfo | null
  onOpened: (project: ProjectInfo) => void
}

/**
 * Sharing, opening and merging `.claimdesk` files, for the whole window: answers share and
 * open requests (menu, buttons, the OS opening a file) and `.claimdesk` files dropped anywhere.
 */
export function SharingHost({ project, onOpened }: SharingHostProps) {
  const { t } = useTranslation()
  const notify = useNotifications()
  const [flow, setFlow] = useState<Flow | null>(null)
  const busy = flow !== null
  const close = useCallback(() => setFlow(null), [])

  const start = useCallback(
    (next: Flow) => {
      if (busy) return notify.info(t('sharing.busy'))
      setFlow(next)
    },
    [busy, notify, t],
  )

  useEffect(
    () =>
      onShareRequest(() => {
        if (project) start({ kind: 'share' })
      }),
    [project, start],
  )
  useEffect(
    () =>
      onOpenSharedRequest((path) => {
        if (path) return start({ kind: 'open', path })
        if (busy) return notify.info(t('sharing.busy'))
        void call('dialogs:chooseFiles', { purpose: 'open-shared' }).then((chosen) => {
          if (!chosen.ok) return notify.error(chosen.error)
          const first = chosen.value[0]
          if (first) start({ kind: 'open', path: first })
        })
      }),
    [busy, notify, start, t],
  )
  useEffect(() => {
    // Capturing, so a shared file dropped on a view that takes files (articles, evidence) is
    // opened as a shared project rather than imported into that view.
    const onDrop = (event: DragEvent) => {
      const files = [...(event.dataTransfer?.files ?? [])]
      const shared = files.find((f) => isSharedFileName(f.name))
      if (!shared) return
      event.preventDefault()
      event.stopPropagation()
      releaseDropZones(event.target)
      const path = window.claimdesk.pathForFile(shared)
      if (path) requestOpenShared(path)
      else notify.error(t('sharing.noPath', { name: shared.name }))
    }
    // Where no view takes files (the start screen), the window does: it opens shared files.
    const onDragOver = (event: DragEvent) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault()
    }
    const onUnhandledDrop = (event: DragEvent) => {
      if (event.defaultPrevented) return
      const first = event.dataTransfer?.files[0]
      if (!first) return
      event.preventDefault()
      notify.info(t('sharing.notShared', { name: first.name }))
    }
    window.addEventListener('drop', onDrop, true)
    window.addEventListener('dragover', onDragOver)
    window.addEventListener('drop', onUnhandledDrop)
    return () => {
      window.removeEventListener('drop', onDrop, true)
      window.removeEventListener('dragover', onDragOver)
      window.removeEventListener('drop', onUnhandledDrop)
    }
  }, [notify, t])

  if (!flow) return null
  if (flow.kind === 'share') {
    return project ? <ShareDialog project={project} onClose={close} /> : null
  }
  if (flow.kind === 'merge') {
    return project ? <MergeDialog path={flow.path} project={project} onClose={close} /> : null
  }
  return (
    <OpenSharedDialog
      path={flow.path}
      project={project}
      onOpened={(opened) => {
        setFlow(null)
        onOpened(opened)
      }}
      onMerge={(path) => setFlow({ kind: 'merge', path })}
      onClose={close}
    />
  )
}

/**
 * The drop was taken away from the views under it: each drop zone from the target up hears the
 * drag leave, so their "drop here" overlays close.
 */
function releaseDropZones(target: EventTarget | null): void {
  for (let at = target instanceof Element ? target : null; at; at = at.parentElement) {
    at.dispatchEvent(new DragEvent('dragleave', { bubbles: true, relatedTarget: null }))
  }
}
