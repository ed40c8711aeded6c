import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { type AppHarness, launchApp } from '../harness/app-harness'

const GERMAN = {
  title: 'Nordkoreanische Soldaten: Größere Truppenbewegungen als gedacht',
  outlet: 'Süddeutsche Beispielzeitung',
  text: [
    'Nach Angaben des Pentagons sind „mindestens 3.000 Soldaten“ zwischen Anfang und Mitte Oktober verlegt worden.',
    'Der Sprecher äußerte sich zurückhaltend: Man müsse die Lage weiter beobachten. Straße, Maß und Fuß bleiben erhalten.',
  ].join('\n\n'),
}
const UKRAINIAN = {
  title: 'Розвідка: у Росії перебуває понад 10 000 північнокорейських військових',
  outlet: 'Українська правда (приклад)',
  text: [
    'За даними Головного управління розвідки, до грудня їх може бути 12 000.',
    'Речник заявив, що військові проходять підготовку на полігонах.',
  ].join('\n\n'),
}

describe('projects and articles through the UI', () => {
  let app: AppHarness
  afterEach(async () => {
    await app?.close()
  })

  it('creates a project, adds German and Cyrillic articles, and finds them after reopening', async () => {
    app = await launchApp()
    const { page } = app
    const folder = join(app.workDir, 'korea-project')

    await page.getByText('No recent projects yet').waitFor()
    await app.screenshot('start-empty')

    await page.getByLabel('Project name').fill('Nordkorea in Russland')
    app.dialogs.answerFolder(folder)
    await page.getByRole('button', { name: 'Choose…' }).click()
    await expect.poll(() => page.getByLabel('Project folder').inputValue()).toBe(folder)
    await page.getByRole('button', { name: 'Create project' }).click()
    await page.getByText('No articles yet.').waitFor()

    for (const article of [GERMAN, UKRAINIAN]) {
      await page.getByRole('button', { name: 'Add article' }).first().click()
      const dialog = page.getByRole('dialog', { name: 'Add article' })
      await dialog.getByLabel('Title').fill(article.title)
      await dialog.getByLabel('Outlet').fill(article.outlet)
      await dialog.getByLabel('Article text').fill(article.text)
      await dialog.getByRole('button', { name: 'Add article' }).click()
      await dialog.waitFor({ state: 'detached' })
      await page.getByRole('heading', { level: 1, name: article.title }).waitFor()
    }
    // Paragraphs survive: two <p> in the reader.
    await expect(page.locator('.reader-text p').count()).resolves.toBe(2)
    await app.screenshot('project-with-articles')

    await page.getByRole('button', { name: 'Close project' }).click()
    await page.getByRole('heading', { name: 'Recent projects' }).waitFor()

    const fresh = await app.newPage()
    await fresh.getByRole('button', { name: /^Nordkorea in Russland/ }).click()
    for (const article of [GERMAN, UKRAINIAN]) {
      await fresh.getByRole('button', { name: article.title }).click()
      await fresh.getByRole('heading', { level: 1, name: article.title }).waitFor()
      const text = await fresh.locator('.reader-text').innerText()
      expect(text.replace(/\s+/g, ' ')).toBe(article.text.replace(/\s+/g, ' '))
    }
    expect(app.pageErrors).toEqual([])
  })

  it('shows clear errors for an empty title and a project folder that is a file', async () => {
    app = await launchApp()
    const { page } = app
    const file = join(app.workDir, 'not-a-folder.txt')
    await writeFile(file, 'hello')

    await page.getByLabel('Project name').fill('Test')
    await page.getByLabel('Project folder').fill(file)
    await page.getByRole('button', { name: 'Create project' }).click()
    await expect(page.getByRole('alert').first().innerText()).resolves.toContain(
      'is a file, not a folder',
    )
    await expect(page.getByLabel('Project folder').getAttribute('aria-invalid')).resolves.toBe(
      'true',
    )

    await page.getByLabel('Project folder').fill(join(app.workDir, 'p'))
    await page.getByLabel('Project name').fill('   ')
    await page.getByRole('button', { name: 'Create project' }).click()
    await expect(page.getByRole('alert').first().innerText()).resolves.toContain(
      'name: the project name must not be empty',
    )

    await page.getByLabel('Project name').fill('Valid')
    await page.getByRole('button', { name: 'Create project' }).click()
    await page.getByRole('button', { name: 'Add article' }).first().click()
    const dialog = page.getByRole('dialog', { name: 'Add article' })
    await dialog.getByLabel('Article text').fill('Some text')
    await dialog.getByRole('button', { name: 'Add article' }).click()
    await expect(dialog.getByRole('alert').innerText()).resolves.toContain(
      'title: the title must not be empty',
    )
    await expect(dialog.getByLabel('Title').getAttribute('aria-invalid')).resolves.toBe('true')
    await app.screenshot('add-article-error')
    expect(app.pageErrors).toEqual([])
  })
})
