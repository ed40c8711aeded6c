import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { type AppHarness, launchApp } from '../harness/app-harness'

describe('language and recovery through the UI', () => {
  let app: AppHarness
  afterEach(async () => {
    await app?.close()
  })

  it('follows the system language and can be switched, and the choice persists', async () => {
    app = await launchApp({ locale: 'de-DE' })
    await app.page.getByRole('heading', { name: 'Neues Projekt' }).waitFor()
    await app.page.getByLabel('Sprache').selectOption('en')
    await app.page.getByRole('heading', { name: 'New project' }).waitFor()
    const again = await app.newPage()
    await again.getByRole('heading', { name: 'New project' }).waitFor()
    expect(await again.evaluate(() => document.documentElement.lang)).toBe('en')
    expect(app.pageErrors).toEqual([])
  })

  it('offers the last good backup when project.json is damaged, and restores it', async () => {
    app = await launchApp({ backupPolicy: { keep: 3, minIntervalMs: 0 } })
    const { page } = app
    const folder = join(app.workDir, 'damaged')
    await page.getByLabel('Project name').fill('Damaged project')
    await page.getByLabel('Project folder').fill(folder)
    await page.getByRole('button', { name: 'Create project' }).click()
    await page.getByRole('button', { name: 'Damaged project' }).click()
    await page.getByLabel('New project name').fill('Renamed project')
    await page.getByLabel('New project name').press('Enter')
    await page.getByRole('button', { name: 'Renamed project' }).waitFor()
    await page.keyboard.press('Control+w')
    await page.getByRole('heading', { name: 'Recent projects' }).waitFor()

    const file = join(folder, 'project.json')
    const good = await readFile(file, 'utf8')
    await writeFile(file, good.slice(0, good.length / 2))

    await page.getByRole('button', { name: /^Renamed project/ }).click()
    const alert = page.getByRole('alert').filter({ hasText: 'project.json' })
    await expect(alert.innerText()).resolves.toContain('is damaged: it is not valid JSON')
    await app.screenshot('corrupt-project-offer')
    await alert.getByRole('button', { name: 'Restore last good backup' }).click()
    await page.getByRole('status').filter({ hasText: 'Restored project.json' }).waitFor()
    // The newest backup predates the rename.
    await page.getByRole('button', { name: 'Damaged project' }).waitFor()
    expect(app.pageErrors).toEqual([])
  })
})
