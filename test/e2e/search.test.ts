import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { type AppHarness, launchApp } from '../harness/app-harness'

describe('project search through the UI', () => {
  let app: AppHarness
  afterEach(async () => {
    await app?.close()
  })

  it('finds German text by folded and inflected words, marks the matches, and opens the article', async () => {
    app = await launchApp()
    const { page } = app
    await page.getByLabel('Project name').fill('Suche')
    await page.getByLabel('Project folder').fill(join(app.workDir, 'search'))
    await page.getByRole('button', { name: 'Create project' }).click()
    await page.getByText('No articles yet.').waitFor()
    for (const [title, text] of [
      [
        'Sperrung der Straße nach Kursk',
        'Mindestens 3.000 Soldaten stehen an der Straße nach Kursk.',
      ],
      ['Lage in Belgorod', 'Keine Truppenbewegungen gemeldet.'],
    ] as const) {
      await app.api.handlers['articles:add']({
        title,
        text,
        outlet: '',
        authors: [],
        url: '',
        publishedAt: '',
        language: 'de',
      })
    }
    await page.keyboard.press('Control+k')
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Search the project')
    await page.keyboard.type('strasse soldat')
    const results = page.getByRole('region', { name: 'Search results' })
    await results.getByRole('heading', { name: '1 result for “strasse soldat”' }).waitFor()
    await expect(results.locator('mark').allInnerTexts()).resolves.toEqual(
      expect.arrayContaining(['Straße', 'Soldaten']),
    )
    await app.screenshot('search-results')
    await results.getByRole('button', { name: /Sperrung der Straße nach Kursk/ }).click()
    await page.getByRole('heading', { level: 1, name: 'Sperrung der Straße nach Kursk' }).waitFor()
    expect(app.pageErrors).toEqual([])
  })
})
