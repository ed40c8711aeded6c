/**
 * Child process for the crash test: opens a project and saves annotations (and now and then
 * a new article) in a loop, printing each id only after its save has resolved.
 * Usage: tsx kill-writer.ts <projectFolder> <articleId> <idPrefix>
 */
import { addArticle } from '../../../main/articles/articles'
import { OpenProject } from '../../../main/projects/open-project'
import { makeAnnotation } from '../../helpers/annotations'

const [folder, articleId, prefix] = process.argv.slice(2)
if (!folder || !articleId || !prefix)
  throw new Error('usage: kill-writer <folder> <articleId> <prefix>')

const project = await OpenProject.open(folder, { backupPolicy: { keep: 3, minIntervalMs: 0 } })
const article = await project.article(articleId)
process.stdout.write('ready\n')
for (let n = 0; ; n++) {
  if (n % 10 === 9) {
    const added = await addArticle(project, {
      title: `Crash article ${prefix}-${n}`,
      text: `Text of article ${prefix}-${n}.\n\nSecond paragraph.`,
      outlet: '',
      authors: [],
      url: '',
      publishedAt: '',
      language: 'en',
    })
    process.stdout.write(`article ${added.id}\n`)
    continue
  }
  const id = `${prefix}-${n}`
  const text = article.data.text
  await article.update((doc) => {
    doc.annotations.push(makeAnnotation(id, text, n % 40, (n % 40) + 5))
    doc.updatedAt = new Date().toISOString()
  })
  process.stdout.write(`annotation ${id}\n`)
}
