import type { ArticleDocument } from '../../shared/model/article'
import type { ProjectDocument } from '../../shared/model/project'
import type { RegistryDocument } from '../../shared/model/registry'

/**
 * What exporting a project reads: its documents and its folder (for media). An OpenProject is
 * one; the command line builds one from the files, without opening (and locking) the project.
 */
export interface ProjectView {
  readonly folder: string
  /** Who exports (REFI-QDA names the user). */
  readonly userName: string
  readonly doc: { readonly data: ProjectDocument }
  readonly registry: { readonly data: RegistryDocument }
  readArticle(articleId: string): Promise<ArticleDocument>
}
