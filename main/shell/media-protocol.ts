import { protocol } from 'electron'
import { MEDIA_SCHEME } from '../../shared/media-urls'
import type { MainApi } from '../api'
import { mediaResolverFor, openProjectOf } from '../media/media-files'
import { createMediaHandler } from '../media/media-protocol'

/**
 * Must run before the app is ready. `standard` gives the scheme real URLs (host, path), `secure`
 * and `corsEnabled` let a file:// page load from it with CORS, `stream` lets media elements
 * read it in ranges.
 */
export function registerMediaScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: MEDIA_SCHEME,
      privileges: {
        standard: true,
        secure: true,
        supportFetchAPI: true,
        stream: true,
        corsEnabled: true,
      },
    },
  ])
}

/**
 * Serves `claimdesk-media://project/…` from the project open in the API, and its report
 * preview (after app ready).
 */
export function handleMediaProtocol(api: () => MainApi | null): void {
  const resolve = mediaResolverFor(() => {
    const current = api()
    return current ? openProjectOf(current.workspace) : null
  })
  protocol.handle(
    MEDIA_SCHEME,
    createMediaHandler(resolve, {
      prefix: '/',
      reportPreview: (token) => api()?.reportPreview(token) ?? null,
    }),
  )
}
