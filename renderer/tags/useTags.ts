import { useEffect, useMemo, useState } from 'react'
import type { TagWithCount } from '../../shared/model/tag'
import { call } from '../api'
import { useProjectVersion } from '../app/useProjectEvents'
import { useNotifications } from '../ui/Notifications'

const RELOAD_ON = ['tags', 'annotations', 'opened', 'restored'] as const

/** The project's codebook with counts, kept current; `byId` for quick lookups. */
export function useTags() {
  const notify = useNotifications()
  const version = useProjectVersion(RELOAD_ON)
  const [tags, setTags] = useState<TagWithCount[]>([])
  useEffect(() => {
    let live = true
    void call('tags:list', {}).then((r) => {
      if (!live) return
      if (r.ok) setTags(r.value)
      else notify.error(r.error)
    })
    return () => {
      live = false
    }
  }, [notify, version])
  const byId = useMemo(() => new Map(tags.map((t) => [t.id, t])), [tags])
  return { tags, byId }
}

/** "Parent › Child" for a tag, so same-named tags at different levels stay apart. */
export function tagPath(tag: TagWithCount, byId: Map<string, TagWithCount>): string {
  const names = [tag.name]
  for (let parent = tag.parentId ? byId.get(tag.parentId) : undefined; parent;) {
    names.unshift(parent.name)
    parent = parent.parentId ? byId.get(parent.parentId) : undefined
  }
  return names.join(' › ')
}
