import { ArticleDocument } from '../../shared/model/article'
import { ProjectDocument } from '../../shared/model/project'
import { RegistryDocument } from '../../shared/model/registry'
import type { DocumentSpec } from '../store/json-document'

/** Specs for the documents a project folder holds, with the labels used in messages. */
export const projectSpec = (folder: string): DocumentSpec<ProjectDocument> => ({
  kind: 'project',
  schema: ProjectDocument,
  label: `project.json in ${folder}`,
})

export const articleSpec = (folder: string, articleId: string): DocumentSpec<ArticleDocument> => ({
  kind: 'article',
  schema: ArticleDocument,
  label: `articles/${articleId}.json in ${folder}`,
})

export const registrySpec = (folder: string): DocumentSpec<RegistryDocument> => ({
  kind: 'registry',
  schema: RegistryDocument,
  label: `registry.json in ${folder}`,
})

/** Which spec applies to a file named relative to the project folder, or null if none. */
export function specForRelativePath(
  folder: string,
  relativePath: string,
):
  | DocumentSpec<ProjectDocument>
  | DocumentSpec<ArticleDocument>
  | DocumentSpec<RegistryDocument>
  | null {
  if (relativePath === 'project.json') return projectSpec(folder)
  if (relativePath === 'registry.json') return registrySpec(folder)
  const match = /^articles\/([A-Za-z0-9_-]{1,100})\.json$/.exec(relativePath)
  return match?.[1] ? articleSpec(folder, match[1]) : null
}
