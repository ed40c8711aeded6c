export { extractArticle, formatForFileName } from './extract'
export { detectLanguage } from './language'
export { MAX_IMPORT_BYTES } from './types'
export type { ExtractedArticle, ImportFormat } from './types'
