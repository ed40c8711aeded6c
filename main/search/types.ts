/** The search types live in shared/ so the renderer can use them; re-exported for main. */
export * from '../../shared/search-types'
