import { createHash } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { userInfo } from 'node:os'
import { basename, dirname, join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AppHarness, launchApp } from '../harness/app-harness'
import { buildExchangeProject, type ExchangeProject } from '../helpers/exchange-project'
import {
  buildZip,
  manifestFor,
  readZipEntries,
  zerosBomb,
} from '../integration/sharing/hostile-zip'
import { folderHashes } from '../integration/sharing/shared-project'
import { invoke } from './helpers/main-api'

/** Everything a project holds, as the API answers it: registry, codebook, articles in full. */
async function projectContents(app: AppHarness) {
  const articles = await invoke(app, 'articles:list', {})
  return {
    registry: await invoke(app, 'registry:get', {}),
    tags: await invoke(app, 'tags:list', {}),
    articles,
    documents: await Promise.all(articles.map((a) => invoke(app, 'articles:get', { id: a.id }))),
  }
}

const sha256 = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex')

/** The OS opened a `.claimdesk` file (double-click): main sends the menu command with its path. */
async function openFromOs(page: Page, path: string): Promise<void> {
  await page.evaluate(
    (p) => window.__claimdeskEmit('menu:command', { command: 'open-shared', path: p }),
    path,
  )
}

/** Drops a file (by name, from the harness's drop folder) onto the project window. */
async function dropFile(app: AppHarness, path: string): Promise<void> {
  await app.setDropFolder(dirname(path))
  await app.page.locator('.project').evaluate((target, name) => {
    const data = new DataTransfer()
    data.items.add(new File(['-'], name))
    for (const type of ['dragenter', 'dragover', 'drop'])
      target.dispatchEvent(
        new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }),
      )
  }, basename(path))
}

const notice = (page: Page, text: string | RegExp): Locator =>
  page.locator('.notice').filter({ hasText: text })

describe('sharing a project as a .claimdesk file through the UI', () => {
  let ex: ExchangeProject
  let app: AppHarness
  /** Files this test writes (shared files, copies): outside every harness's own temp folder. */
  let files: string
  let shared: string

  beforeAll(async () => {
    ex = await buildExchangeProject()
    await ex.t.api.dispose()
    files = ex.t.dir.path
    app = await launchApp()
    await invoke(app, 'projects:open', { folder: ex.t.folder })
    await app.page.getByRole('button', { name: 'Share project…' }).waitFor()
  })
  afterAll(async () => {
    await app?.close()
    await ex?.t.dir.cleanup()
  })

  it('shares with media, and a fresh app opens the file as a new project holding the same entities', async () => {
    const { page } = app
    const original = await projectContents(app)
    shared = join(files, 'Saale-Brücke.claimdesk')

    await page.getByRole('button', { name: 'Share project…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Share project' })
    await expect
      .poll(() => dialog.locator('.sharing-size').innerText())
      .toMatch(/^About [\d.]+ [kM]B; with media [\d.]+ [kM]B\.$/)
    await dialog.getByLabel('Include media files').check()
    await app.screenshot('sharing-share-dialog')
    app.dialogs.answerSaveFile(shared)
    await dialog.getByRole('button', { name: 'Save…' }).click()
    await notice(page, 'Saved Saale-Brücke.claimdesk').waitFor()
    await dialog.waitFor({ state: 'detached' })
    expect(app.dialogs.asked.at(-1)).toBe('share-project')

    const fresh = await launchApp()
    try {
      const folder = join(files, 'opened-as-new')
      await fresh.page.getByRole('heading', { name: 'Recent projects' }).waitFor()
      fresh.dialogs.answerFiles([shared])
      await fresh.page.getByRole('button', { name: 'Open shared project…' }).click()
      const open = fresh.page.getByRole('dialog', { name: 'Open shared project' })
      await open.getByText('Saale-Brücke', { exact: true }).waitFor()
      const facts = await open.locator('.sharing-facts').innerText()
      // The sharer is whoever ran the sharing app (the harness runs as this system user).
      expect(facts).toMatch(new RegExp(`Shared by\\s+${userInfo().username || 'researcher'}\\n`))
      expect(facts).toMatch(/Media files\s+Included/)
      // Nothing is open: merging is not offered.
      await expect(open.getByRole('button', { name: /^Merge into/ }).count()).resolves.toBe(0)
      await fresh.screenshot('sharing-open-dialog')
      fresh.dialogs.answerFolder(folder)
      await open.getByRole('button', { name: 'Open as a new project…' }).click()
      await fresh.page.getByRole('button', { name: 'Share project…' }).waitFor()
      await notice(fresh.page, /Opened «Saale-Brücke» as a new project/).waitFor()

      expect(await projectContents(fresh)).toEqual(original)
      const clip = original.registry.evidence[0]?.file.path ?? ''
      expect(await sha256(join(folder, clip))).toBe(await sha256(join(ex.t.folder, clip)))
      expect(fresh.pageErrors).toEqual([])
    } finally {
      await fresh.close()
    }
  })

  it('merges conflicting edits with the choice the user makes; merging again changes nothing', async () => {
    const { page } = app
    const { closure, traffic } = ex.claims
    const copyA = join(files, 'copy-a')
    const copyB = join(files, 'copy-b')
    const fromB = join(files, 'from-b.claimdesk')
    for (const folder of [copyA, copyB]) {
      await invoke(app, 'sharing:openAsNew', {
        taskId: `unpack-${basename(folder)}`,
        path: shared,
        folder,
      })
    }
    // Copy B (open now): the closure claim and the traffic claim change; B is shared.
    await invoke(app, 'claims:update', {
      id: closure.id,
      statement: 'Die Brücke bleibt bis Juni gesperrt.',
    })
    await invoke(app, 'claims:update', {
      id: traffic.id,
      statement: 'Täglich werden 1.200 Fahrzeuge umgeleitet.',
    })
    await invoke(app, 'sharing:pack', { taskId: 'pack-b', path: fromB, includeMedia: false })
    // Copy A: the same closure claim changes differently.
    await invoke(app, 'projects:open', { folder: copyA })
    await invoke(app, 'claims:update', {
      id: closure.id,
      statement: 'Die Brücke ist wieder offen.',
    })

    await dropFile(app, fromB)
    const open = page.getByRole('dialog', { name: 'Open shared project' })
    await open.getByText(/^This file is a copy of the open project\./).waitFor()
    await app.screenshot('sharing-open-merge-dialog')
    await open.getByRole('button', { name: 'Merge into «Saale-Brücke»…' }).click()

    const merge = page.getByRole('dialog', { name: 'Merge «from-b.claimdesk» into «Saale-Brücke»' })
    const summary = merge.locator('.merge-summary')
    await summary.waitFor()
    expect(await summary.innerText()).toContain('1 updated automatically')
    expect(await summary.innerText()).toContain('1 conflict needs your choice')
    // The keyboard starts inside the dialog.
    await expect(merge.evaluate((d) => d.contains(document.activeElement))).resolves.toBe(true)
    const conflict = merge.locator('.conflict-card')
    await expect(conflict.count()).resolves.toBe(1)
    const statementRow = conflict.getByRole('row', { name: /^Statement/ })
    await expect(statementRow.locator('td.conflict-mine').innerText()).resolves.toBe(
      'Die Brücke ist wieder offen.',
    )
    await expect(statementRow.locator('td.conflict-theirs').innerText()).resolves.toBe(
      'Die Brücke bleibt bis Juni gesperrt.',
    )
    const apply = merge.getByRole('button', { name: 'Apply merge' })
    await expect(apply.isDisabled()).resolves.toBe(true)
    await app.screenshot('sharing-conflict-dialog')
    await conflict.getByRole('radio', { name: /^Take theirs/ }).check()
    await expect(apply.isEnabled()).resolves.toBe(true)
    await apply.click()
    const result = notice(page, 'Merged from-b.claimdesk')
    await result.waitFor()
    const text = await result.innerText()
    expect(text).toContain('1 updated')
    expect(text).toContain('1 conflict resolved')
    expect(text).toContain('The undo history was cleared by the merge')

    const { claims } = await invoke(app, 'registry:get', {})
    const statementOf = (id: string) => claims.find((c) => c.id === id)?.statement
    expect(statementOf(closure.id)).toBe('Die Brücke bleibt bis Juni gesperrt.')
    expect(statementOf(traffic.id)).toBe('Täglich werden 1.200 Fahrzeuge umgeleitet.')
    await expect(page.getByRole('button', { name: /Undo/ }).isDisabled()).resolves.toBe(true)

    const before = await folderHashes(copyA)
    await openFromOs(page, fromB)
    await open.getByRole('button', { name: 'Merge into «Saale-Brücke»…' }).click()
    await merge
      .getByText('Nothing to change: your project already holds everything in this file.')
      .waitFor()
    await expect(merge.getByRole('button', { name: 'Apply merge' }).count()).resolves.toBe(0)
    await merge.getByRole('button', { name: 'Close' }).click()
    await merge.waitFor({ state: 'detached' })
    expect(await folderHashes(copyA)).toEqual(before)
    expect(app.pageErrors).toEqual([])
  })

  it('refuses hostile files with a message saying what is wrong, and changes nothing', async () => {
    const { page } = app
    const documentsOnly = join(files, 'documents.claimdesk')
    await invoke(app, 'sharing:pack', {
      taskId: 'pack-docs',
      path: documentsOnly,
      includeMedia: false,
    })
    const entries = await readZipEntries(documentsOnly)
    const manifestBytes = entries.get('manifest.json') as Buffer
    const manifest = JSON.parse(manifestBytes.toString('utf8')) as Record<string, unknown>
    const documents = [...entries]
      .filter(([name]) => name !== 'manifest.json')
      .map(([name, data]) => ({ name, data }))
    const listed = (list: typeof documents, overrides: Record<string, unknown> = {}) => [
      ...list,
      { name: 'manifest.json', data: manifestFor(manifest, list, overrides) },
    ]
    const registry = entries.get('registry.json') as Buffer
    const tampered = Buffer.from(
      registry.toString('utf8').replace('Stadtpolizei Halle', 'Stadtpolizei HallE'),
    )
    const hostile: Array<[string, Buffer, RegExp]> = [
      [
        'traversal',
        buildZip(listed([...documents, { name: '../evil', data: Buffer.from('evil') }])),
        /the entry "\.\.\/evil" is unsafe: it contains "\.\."/,
      ],
      [
        'bomb',
        buildZip([
          ...documents,
          { name: 'manifest.json', data: manifestBytes },
          { name: 'media/bomb.mp4', deflated: zerosBomb(300) },
        ]),
        /the entry "media\/bomb\.mp4" expands \d+ times \(to 300\.0 MB\), which looks like a zip bomb/,
      ],
      [
        'duplicate',
        buildZip([
          ...listed(documents),
          { name: 'project.json', data: entries.get('project.json') as Buffer },
        ]),
        /the entry "project\.json" appears twice/,
      ],
      [
        'bad-hash',
        buildZip([
          ...documents.map((d) =>
            d.name === 'registry.json' ? { name: d.name, data: tampered } : d,
          ),
          { name: 'manifest.json', data: manifestBytes },
        ]),
        /the entry "registry\.json" does not match its size and SHA-256 in the manifest/,
      ],
      [
        'newer-version',
        buildZip(listed(documents, { formatVersion: 2 })),
        /made by a newer Claimdesk \(package format version 2; this version reads up to 1\)/,
      ],
    ]

    const project = (await invoke(app, 'projects:current', {}))?.folder ?? ''
    const before = await folderHashes(project)
    for (const [name, bytes, message] of hostile) {
      const file = join(files, `${name}.claimdesk`)
      await writeFile(file, bytes)
      app.dialogs.answerFiles([file])
      await page.evaluate(() => window.__claimdeskEmit('menu:command', { command: 'open-shared' }))
      const refused = page.getByRole('dialog', { name: 'This file cannot be opened' })
      await expect(refused.getByRole('alert').innerText()).resolves.toMatch(message)
      if (name === 'traversal') await app.screenshot('sharing-refused-dialog')
      await page.keyboard.press('Escape')
      await refused.waitFor({ state: 'detached' })
      expect(await folderHashes(project)).toEqual(before)
    }
    expect(app.pageErrors).toEqual([])
  })
})
