import { rename } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { type AppHarness, launchApp } from '../harness/app-harness'
import { selectWithMouse } from './helpers/reader'

const TEXT = [
  'Das Pentagon spricht von mindestens 3.000 Soldaten, die im Oktober verlegt wurden.',
  'Der südkoreanische Geheimdienst nennt 1.500 Elitesoldaten.',
  'Der ukrainische Militärgeheimdienst zählt mehr als 10.000 Soldaten.',
].join('\n\n')

async function projectWithArticle(app: AppHarness) {
  const folder = join(app.workDir, 'codebook')
  await app.page.getByLabel('Project name').fill('Korea')
  await app.page.getByLabel('Project folder').fill(folder)
  await app.page.getByRole('button', { name: 'Create project' }).click()
  await app.page.getByText('No articles yet.').waitFor()
  const article = await app.api.handlers['articles:add']({
    title: 'Drei Zahlen',
    text: TEXT,
    outlet: 'Test',
    authors: [],
    url: '',
    publishedAt: '',
    language: 'de',
  })
  return { folder, articleId: article.id }
}

/** Code-point range of `needle` in the article text (ASCII-safe here: no astral characters). */
const range = (needle: string) => {
  const start = TEXT.indexOf(needle)
  return { start, end: start + needle.length }
}

describe('codebook and project-wide annotations through the UI', () => {
  let app: AppHarness
  afterEach(async () => {
    await app?.close()
  })

  it('creates a tag hierarchy, counts uses, renames, merges, deletes, and undoes', async () => {
    app = await launchApp()
    const { page } = app
    const { articleId } = await projectWithArticle(app)
    await page
      .getByRole('navigation', { name: 'Project views' })
      .getByRole('button', { name: 'Codebook' })
      .click()
    await app.screenshot('codebook-empty')

    const newTag = async (name: string, parentName?: string) => {
      if (parentName)
        await page.getByRole('button', { name: `Add a sub-tag to ${parentName}` }).click()
      else
        await page
          .getByRole('button', { name: /New tag|Create the first tag/ })
          .first()
          .click()
      const dialog = page.getByRole('dialog')
      await dialog.getByLabel('Name').fill(name)
      await dialog.getByRole('button', { name: 'Create tag' }).click()
      await dialog.waitFor({ state: 'detached' })
    }
    await newTag('Truppenstärke')
    await newTag('Nordkorea', 'Truppenstärke')
    await newTag('Zahlen')

    const tags = await app.api.handlers['tags:list']({})
    const id = (name: string) => tags.find((t) => t.name === name)?.id ?? ''
    expect(tags.find((t) => t.name === 'Nordkorea')?.parentId).toBe(id('Truppenstärke'))
    for (const [needle, tag] of [
      ['mindestens 3.000 Soldaten', 'Truppenstärke'],
      ['1.500 Elitesoldaten', 'Zahlen'],
      ['mehr als 10.000 Soldaten', 'Zahlen'],
    ] as const) {
      const created = await app.api.invoke('annotations:create', {
        articleId,
        kind: 'claim',
        ...range(needle),
        tagIds: [id(tag)],
      })
      expect(created.ok).toBe(true)
    }
    const row = (name: string) =>
      page.locator('li', { has: page.getByRole('button', { name: `Edit ${name}` }) }).first()
    await expect.poll(() => row('Zahlen').innerText()).toContain('2 annotations')
    await expect.poll(() => row('Truppenstärke').innerText()).toContain('1 annotation')

    // Rename inline.
    await page.getByRole('button', { name: 'Edit Zahlen' }).click()
    await page.getByRole('textbox', { name: 'Name' }).fill('Zahlenangaben')
    await page.getByRole('textbox', { name: 'Name' }).press('Enter')
    await page.getByRole('button', { name: 'Edit Zahlenangaben' }).waitFor()

    // Merge "Zahlenangaben" into "Truppenstärke": its two uses move over.
    await page.getByRole('button', { name: 'Merge Zahlenangaben into another tag' }).click()
    const merge = page.getByRole('dialog', { name: 'Merge “Zahlenangaben” into another tag' })
    await merge.getByLabel('Merge into').selectOption({ label: 'Truppenstärke' })
    await expect(merge.innerText()).resolves.toContain(
      'The 2 annotations tagged “Zahlenangaben” will be tagged “Truppenstärke” instead',
    )
    await merge.getByRole('button', { name: 'Merge' }).click()
    await expect.poll(() => row('Truppenstärke').innerText()).toContain('3 annotations')
    await expect(page.getByRole('button', { name: 'Edit Zahlenangaben' }).count()).resolves.toBe(0)
    await app.screenshot('codebook-tree')

    // Delete "Truppenstärke", removing it from its annotations; its sub-tag moves to the top.
    await page.getByRole('button', { name: 'Delete Truppenstärke' }).click()
    const remove = page.getByRole('dialog', { name: 'Delete tag “Truppenstärke”' })
    await remove.getByLabel('Remove the tag from them; the annotations stay').check()
    await remove.getByRole('button', { name: 'Delete tag' }).click()
    await expect
      .poll(async () => (await app.api.handlers['tags:list']({})).map((t) => t.name))
      .toEqual(['Nordkorea'])
    expect((await app.api.handlers['tags:list']({}))[0]?.parentId).toBeNull()
    const article = await app.api.handlers['articles:get']({ id: articleId })
    expect(article.annotations.every((a) => a.tagIds.length === 0)).toBe(true)

    // Undo the delete: the tag, its place and its three uses come back.
    await page.locator('body').click({ position: { x: 640, y: 780 } })
    await page.keyboard.press('Control+z')
    await expect.poll(() => row('Truppenstärke').innerText()).toContain('3 annotations')
    expect(app.pageErrors).toEqual([])
  })

  it('lists annotations across the project with filters and opens one in the reader', async () => {
    app = await launchApp()
    const { page } = app
    const { articleId } = await projectWithArticle(app)
    await app.api.invoke('annotations:create', {
      articleId,
      kind: 'claim',
      ...range('mindestens 3.000 Soldaten'),
    })
    await app.api.invoke('annotations:create', {
      articleId,
      kind: 'source',
      ...range('Der südkoreanische Geheimdienst'),
    })
    await page
      .getByRole('navigation', { name: 'Project views' })
      .getByRole('button', { name: 'Annotations' })
      .click()
    await page.getByText('mindestens 3.000 Soldaten').first().waitFor()
    await page.getByRole('button', { name: 'Source', exact: true, pressed: false }).first().click()
    await expect.poll(() => page.getByText('mindestens 3.000 Soldaten').count()).toBe(0)
    await app.screenshot('annotations-view')
    await page.getByText('Der südkoreanische Geheimdienst').first().click()
    await page.locator('mark.hl-source.flash').first().waitFor()
    expect(app.pageErrors).toEqual([])
  })

  it('keeps a change that could not be saved and saves it on retry', async () => {
    app = await launchApp()
    const { page } = app
    const { folder } = await projectWithArticle(app)
    await page.locator('.article-item').first().click()
    await page.locator('.reader-text').waitFor()
    // The articles folder vanishes (a disconnected drive): saving must fail loudly.
    await rename(join(folder, 'articles'), join(folder, 'articles-away'))
    await selectWithMouse(page, '1.500 Elitesoldaten')
    await page.getByRole('dialog', { name: 'Annotate selection' }).waitFor()
    await page.keyboard.press('e')
    const alert = page.locator('.notice-error').filter({ hasText: 'articles' })
    await alert.waitFor()
    await app.screenshot('save-failed')
    await expect(page.locator('mark.hl').count()).resolves.toBe(0)
    await rename(join(folder, 'articles-away'), join(folder, 'articles'))
    await alert.getByRole('button', { name: 'Try again' }).click()
    await page.locator('mark.hl-evidence', { hasText: '1.500 Elitesoldaten' }).waitFor()
  })
})
