import { execFile } from 'node:child_process'
import { appendFile, mkdir, rename, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CallInput, CallOutput, Channel, ClaimdeskBridge, Events } from '../../shared/api'
import type { EvidenceItem } from '../../shared/model/evidence'
import { frameUrl } from '../../shared/media-urls'
import { type AppHarness, launchApp } from '../harness/app-harness'
import { copyMediaFixture, type MediaFixture } from '../helpers/media-fixtures'
import { createSource, openArticle, showView, type TestArticle } from './helpers/claims'

const run = promisify(execFile)

declare global {
  interface Window {
    claimdesk: ClaimdeskBridge
    evidenceProgress?: Array<Events['task:progress']>
  }
}

const ARTICLE: TestArticle = {
  title: 'Footage shows a handover at Yavoriv',
  outlet: 'Kyiv Ledger',
  publishedAt: '2026-03-02',
  language: 'en',
  text: [
    'KYIV — A 30-second clip published by a government communications centre shows men in uniform receiving equipment at the Yavoriv training ground.',
    'The footage could not be independently verified.',
  ].join('\n\n'),
}
const QUOTE = 'A 30-second clip'
const CLAIM = 'Soldiers received equipment at the Yavoriv training ground'
const PUBLISHER = 'Centre for Strategic Communications'
const BAD: MediaFixture[] = ['truncated.mp4', 'png-named.mp4', 'empty.mp4', 'mpeg4-part2.mp4']

const PROVENANCE = {
  'Original URL': 'https://t.me/csc_channel/1234',
  Platform: 'Telegram',
  'Date published': '2026-03-01',
  'Date retrieved': '2026-03-02',
  'Retrieved by': 'M. Keller',
  'Claimed place': 'Yavoriv training ground, Lviv oblast',
  Latitude: '50.005',
  Longitude: '23.621',
  'Claimed date': '2026-02-28',
  'Verification notes': 'Geolocated from the water tower and tree line; earliest copy on Telegram.',
}
const RATIONALE = 'Matches satellite imagery of 27 February; uniforms and vehicles consistent.'

async function sha256sum(path: string): Promise<string> {
  const { stdout } = await run('sha256sum', [path])
  return stdout.split(/\s+/)[0] ?? ''
}

/** Opens an item's page from the Evidence list. */
async function openItem(page: Page, title: string): Promise<void> {
  await showView(page, 'Evidence')
  await page.locator('.evidence-row').filter({ hasText: title }).click()
  await page.getByRole('heading', { level: 1, name: title }).waitFor()
}

describe('evidence through the UI', () => {
  let app: AppHarness
  let footage: string
  let projectFolder: string
  const files: Partial<Record<MediaFixture, string>> = {}
  const path = (name: MediaFixture) => files[name] ?? ''

  /** Runs a call against main, failing the test on an error. */
  async function invoke<C extends Channel>(
    channel: C,
    input: CallInput<C>,
  ): Promise<CallOutput<C>> {
    const result = await app.api.invoke(channel, input)
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`)
    return result.value as CallOutput<C>
  }
  async function stored(title: string): Promise<EvidenceItem> {
    const item = (await invoke('registry:get', {})).evidence.find((e) => e.title === title)
    if (!item) throw new Error(`no evidence item ${title}`)
    return item
  }

  beforeAll(async () => {
    app = await launchApp()
    footage = join(app.workDir, 'footage')
    for (const name of ['clip.mp4', 'clip.mov', 'clip.webm', ...BAD] as const)
      files[name] = await copyMediaFixture(name, footage)
    // As projectWithArticles does, without expect.poll (not allowed outside a test).
    projectFolder = join(app.workDir, 'Yavoriv-footage')
    await app.page.getByLabel('Project name').fill('Yavoriv footage')
    await app.page.getByLabel('Project folder').fill(projectFolder)
    await app.page.getByRole('button', { name: 'Create project' }).click()
    await app.page.getByText('No articles yet.').waitFor()
    await invoke('articles:add', ARTICLE)
    await app.page.locator('.article-item').waitFor()
  })
  afterAll(async () => {
    await app?.close()
  })

  it('adds a clip, records its provenance and assessment, and shows them again after a reload', async () => {
    const { page } = app
    await showView(page, 'Sources')
    await createSource(page, {
      name: PUBLISHER,
      aliases: 'CSC',
      kind: 'Government',
      role: '',
      organisation: 'Ministry of Culture of Ukraine',
      grade: 'Fairly reliable',
      reason: 'Official channel; publishes selectively.',
    })

    await showView(page, 'Evidence')
    await page.getByRole('heading', { name: 'No evidence yet' }).waitFor()
    await app.screenshot('evidence-empty')
    await page.evaluate(() => {
      window.evidenceProgress = []
      window.claimdesk.on('task:progress', (p) => window.evidenceProgress?.push(p))
    })

    app.dialogs.answerFiles([path('clip.mp4')])
    await page.getByRole('button', { name: 'Add evidence…' }).first().click()
    const dialog = page.getByRole('dialog', { name: 'Add 1 file as evidence' })
    // Copied by default, as the project's setting says.
    await expect(dialog.getByLabel('How to store clip.mp4').inputValue()).resolves.toBe('copy')
    await dialog.getByRole('button', { name: 'Add file' }).click()
    await dialog.getByText('Added 1 item.').waitFor()
    // Progress came for the file, up to its whole size.
    const size = (await stat(path('clip.mp4'))).size
    await expect
      .poll(() => page.evaluate(() => window.evidenceProgress?.at(-1)))
      .toMatchObject({ done: size, total: size })
    await dialog.getByRole('button', { name: 'Open “clip.mp4”' }).click()
    await page.getByRole('heading', { level: 1, name: 'clip.mp4' }).waitFor()
    await app.screenshot('evidence-detail-top')

    // The hash shown is the file's own.
    await expect(page.getByTestId('evidence-sha256').innerText()).resolves.toBe(
      await sha256sum(path('clip.mp4')),
    )
    const filePanel = page.getByRole('region', { name: 'File', exact: true })
    const facts = await filePanel.innerText()
    for (const fact of ['Copy into project', '0:03.000', '320×240', '25 frames per second'])
      expect(facts).toContain(fact)

    // Provenance, with the publisher from the source registry.
    const provenance = page.getByRole('form', { name: 'Provenance' })
    for (const [label, value] of Object.entries(PROVENANCE))
      await provenance.getByLabel(label, { exact: true }).fill(value)
    await provenance.getByLabel('Published by', { exact: true }).selectOption({
      label: `${PUBLISHER} (C)`,
    })
    await provenance.getByRole('button', { name: 'Save provenance' }).click()
    await expect.poll(() => provenance.getByText('Unsaved changes').count()).toBe(0)
    await expect
      .poll(async () => (await stored('clip.mp4')).provenance.claimedCoordinates)
      .toEqual({ lat: 50.005, lon: 23.621 })

    // Verified, credibility 2, as for claims.
    const assessment = page.getByRole('region', { name: 'Assessment' })
    await assessment.getByLabel('Status', { exact: true }).selectOption({ label: 'Verified' })
    await assessment.getByLabel('Credibility', { exact: true }).selectOption('2')
    await assessment.getByLabel('Rationale').fill(RATIONALE)
    await assessment.getByRole('button', { name: 'Record assessment' }).click()
    await assessment.locator('.assessment-history li').filter({ hasText: RATIONALE }).waitFor()
    await app.screenshot('evidence-detail')

    // A fresh page finds it all again.
    const fresh = await app.newPage()
    await showView(fresh, 'Evidence')
    const row = fresh.locator('.evidence-row').filter({ hasText: 'clip.mp4' })
    const rowText = await row.innerText()
    for (const text of ['Video', '0:03', '320×240', `Published by ${PUBLISHER}`, 'Telegram'])
      expect(rowText).toContain(text)
    expect(rowText).toMatch(/Verified[\s\S]*2/)
    await app.screenshot('evidence-list', fresh)
    await row.click()
    const again = fresh.getByRole('form', { name: 'Provenance' })
    for (const [label, value] of Object.entries(PROVENANCE))
      await expect(again.getByLabel(label, { exact: true }).inputValue()).resolves.toBe(value)
    await expect(
      again.getByLabel('Published by', { exact: true }).locator('option:checked').innerText(),
    ).resolves.toBe(`${PUBLISHER} (C)`)
    const assessed = fresh.getByRole('region', { name: 'Assessment' })
    await expect(assessed.getByLabel('Status', { exact: true }).inputValue()).resolves.toBe(
      'verified',
    )
    await expect(assessed.getByLabel('Credibility', { exact: true }).inputValue()).resolves.toBe(
      '2',
    )
    await expect(fresh.getByTestId('evidence-sha256').innerText()).resolves.toBe(
      await sha256sum(path('clip.mp4')),
    )
    await fresh.close()
  })

  it('refuses broken files dropped together, each with a message naming it', async () => {
    const { page } = app
    await app.setDropFolder(footage)
    await showView(page, 'Evidence')
    // Escape closes the dialog without adding anything.
    app.dialogs.answerFiles([path('clip.webm')])
    await page.keyboard.press('Control+Shift+E')
    const asked = page.getByRole('dialog', { name: 'Add 1 file as evidence' })
    await asked.getByLabel('How to store clip.webm').waitFor()
    await page.keyboard.press('Escape')
    await asked.waitFor({ state: 'detached' })

    await page.locator('.evidence-view').evaluate((view, names) => {
      const data = new DataTransfer()
      for (const name of names) data.items.add(new File(['-'], name))
      for (const type of ['dragenter', 'dragover', 'drop'])
        view.dispatchEvent(
          new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }),
        )
    }, BAD)
    const dialog = page.getByRole('dialog', { name: 'Add 4 files as evidence' })
    await dialog.getByLabel('How to store empty.mp4').waitFor()
    await app.screenshot('evidence-add-dialog')
    await dialog.getByRole('button', { name: 'Add 4 files' }).click()
    const failed = dialog.getByRole('alert')
    await failed.waitFor()
    await expect(failed.innerText()).resolves.toContain('4 files could not be added')
    const lines = await failed.locator('li').allInnerTexts()
    expect(lines).toHaveLength(4)
    const lineFor = (name: string) => lines.find((l) => l.includes(name)) ?? ''
    expect(lineFor('truncated.mp4')).toMatch(/truncated or damaged/)
    expect(lineFor('png-named.mp4')).toMatch(/PNG/)
    expect(lineFor('empty.mp4')).toMatch(/empty/)
    expect(lineFor('mpeg4-part2.mp4')).toMatch(/codec/)
    await expect(dialog.getByRole('status').innerText()).resolves.toBe('No file was added.')
    await app.screenshot('evidence-add-failed')
    await dialog.getByRole('button', { name: 'Close' }).click()
    await dialog.waitFor({ state: 'detached' })
    await expect(page.locator('.evidence-count').innerText()).resolves.toBe('1 item')
    await expect(page.locator('.evidence-row').count()).resolves.toBe(1)
  })

  it('shows loudly that a copied file changed, and logs each check', async () => {
    const { page } = app
    const item = await stored('clip.mp4')
    await openItem(page, 'clip.mp4')
    const filePanel = page.getByRole('region', { name: 'File', exact: true })
    // Opening the item hashes its file again, without being asked.
    await filePanel.getByText('The file matches the hash recorded when it was added.').waitFor()
    await expect.poll(() => filePanel.locator('.file-state').innerText()).toContain('File OK')

    // One byte more on disk: no longer the file that was examined.
    await appendFile(join(projectFolder, item.file.path), Buffer.from([0]))
    await filePanel.getByRole('button', { name: 'Verify now' }).click()
    const alert = page.locator('.evidence-file-alert')
    await alert.waitFor()
    await expect(alert.innerText()).resolves.toContain('The file “clip.mp4” has changed')
    const custody = page.getByRole('region', { name: 'Custody log' })
    // Every opening of the item so far verified it; the log ends with the failed check.
    await expect
      .poll(() => custody.locator('tbody .custody-event').allInnerTexts())
      .toEqual(expect.arrayContaining(['Added', 'Verified', 'Verification failed']))
    const events = await custody.locator('tbody .custody-event').allInnerTexts()
    expect(events[0]).toBe('Added')
    expect(events.at(-1)).toBe('Verification failed')
    const hashes = await custody.locator('tbody td:last-child').allInnerTexts()
    expect(hashes[0]).toBe(item.file.sha256)
    expect(hashes.at(-1)).toBe(await sha256sum(join(projectFolder, item.file.path)))

    // Reloaded, the list and the page still say so.
    const fresh = await app.newPage()
    await showView(fresh, 'Evidence')
    await expect(fresh.locator('.evidence-row .file-state').innerText()).resolves.toContain(
      'File changed',
    )
    await openItem(fresh, 'clip.mp4')
    await expect(fresh.getByRole('alert').first().innerText()).resolves.toContain('has changed')
    await app.screenshot('evidence-changed', fresh)
    await fresh.close()
  })

  it('finds a linked file missing, refuses a different file and accepts the moved original', async () => {
    const { page } = app
    await showView(page, 'Evidence')
    const storage = page.getByLabel('Store new files')
    await storage.selectOption({ label: 'Link where it is' })
    // Saved once the control is enabled again, showing the new value.
    await expect
      .poll(async () => (await storage.isEnabled()) && (await storage.inputValue()))
      .toBe('link')
    await expect
      .poll(async () => (await invoke('projects:current', {}))?.settings.evidenceStorage)
      .toBe('link')

    app.dialogs.answerFiles([path('clip.mov')])
    await page.keyboard.press('Control+Shift+E')
    const dialog = page.getByRole('dialog', { name: 'Add 1 file as evidence' })
    await expect(dialog.getByLabel('How to store clip.mov').inputValue()).resolves.toBe('link')
    await dialog.getByRole('button', { name: 'Add file' }).click()
    await dialog.getByRole('button', { name: 'Open “clip.mov”' }).click()
    await page.getByRole('heading', { level: 1, name: 'clip.mov' }).waitFor()
    const filePanel = page.getByRole('region', { name: 'File', exact: true })
    await expect(filePanel.innerText()).resolves.toContain(path('clip.mov'))

    const moved = join(app.workDir, 'moved', 'clip.mov')
    await mkdir(join(app.workDir, 'moved'))
    await rename(path('clip.mov'), moved)
    await filePanel.getByRole('button', { name: 'Verify now' }).click()
    const alert = page.locator('.evidence-file-alert')
    await expect
      .poll(() => alert.innerText().catch(() => ''))
      .toContain('The file “clip.mov” is missing')

    // Another file is refused, with the reason.
    app.dialogs.answerFiles([path('clip.webm')])
    await alert.getByRole('button', { name: 'Relink…' }).click()
    const refusal = alert.locator('.evidence-outcome[role="alert"]')
    await expect(refusal.innerText()).resolves.toMatch(/clip\.webm is not the file of .*clip\.mov/)
    await app.screenshot('evidence-missing')

    // The moved original is accepted.
    app.dialogs.answerFiles([moved])
    await alert.getByRole('button', { name: 'Relink…' }).click()
    await page.getByText(`Relinked to ${moved}`).waitFor()
    await alert.waitFor({ state: 'detached' })
    await expect(filePanel.locator('.file-state').innerText()).resolves.toContain('File OK')
    await expect(filePanel.locator('.evidence-path').innerText()).resolves.toBe(moved)
    const custody = page.getByRole('region', { name: 'Custody log' })
    await expect
      .poll(() => custody.locator('tbody .custody-event').allInnerTexts())
      .toEqual(expect.arrayContaining(['Added', 'Relink refused', 'Relinked']))
    await custody.scrollIntoViewIfNeeded()
    await app.screenshot('evidence-custody')
  })

  it('links the clip to a claim and an article; the claim and the annotation lead back to it', async () => {
    const { page } = app
    const claim = await invoke('claims:create', { statement: CLAIM })
    const item = await stored('clip.mp4')
    const segment = await invoke('evidence:addSegment', {
      itemId: item.id,
      start: 1,
      end: 2.5,
      label: 'Crates unloaded',
      claimLinks: [{ claimId: claim.id, stance: 'context' }],
    })
    const still = new PNG({ width: 320, height: 240 })
    still.data.fill(0xc8)
    const png = PNG.sync.write(still)
    const frame = await invoke('evidence:captureFrame', {
      itemId: item.id,
      time: 1.5,
      segmentId: segment.id,
      pngBase64: png.toString('base64'),
    })

    await openItem(page, 'clip.mp4')
    const claims = page.getByRole('region', { name: 'Claims', exact: true })
    await claims.getByLabel('Find a claim').fill('Yavoriv')
    await claims.getByLabel('Claim', { exact: true }).selectOption({ label: CLAIM })
    await claims.getByLabel('Stance', { exact: true }).selectOption({ label: 'Supports' })
    await claims.getByRole('button', { name: 'Link claim' }).click()
    await expect(claims.getByLabel(`How the item bears on “${CLAIM}”`).inputValue()).resolves.toBe(
      'supports',
    )
    const touched = claims.locator('.evidence-touched > li')
    await expect(touched.innerText()).resolves.toMatch(
      /Supports: whole item[\s\S]*Context: segment 0:01\.000–0:02\.500 “Crates unloaded”/,
    )

    await claims.scrollIntoViewIfNeeded()
    await app.screenshot('evidence-claim-links')

    // The claim's details list the clip and its segment, with the segment's frame.
    await touched.getByRole('button', { name: CLAIM }).click()
    const detail = page.getByRole('region', { name: 'Claim details' })
    const evidence = detail.getByRole('region', { name: /^Evidence/ })
    const entries = evidence.getByRole('button')
    await expect(entries.allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/clip\.mp4\s+whole item\s+Supports/),
      expect.stringMatching(/clip\.mp4\s+segment 0:01\.000–0:02\.500 “Crates unloaded”\s+Context/),
    ])
    const thumb = entries.nth(1).locator('img')
    const base = await page.evaluate(() => window.claimdesk.mediaBaseUrl)
    await expect(thumb.getAttribute('src')).resolves.toBe(frameUrl(base, item.id, frame.id))
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320)
    await evidence.scrollIntoViewIfNeeded()
    await app.screenshot('evidence-claim-detail')
    await entries.nth(1).click()
    await page.getByRole('heading', { level: 1, name: 'clip.mp4' }).waitFor()

    // An evidence annotation in the article is linked to the clip from the reader.
    const [article] = await invoke('articles:list', {})
    // Positions count code points; the text before the quote has no characters beyond the BMP.
    const start = ARTICLE.text.indexOf(QUOTE)
    const annotation = await invoke('annotations:create', {
      articleId: article?.id ?? '',
      kind: 'evidence',
      start,
      end: start + QUOTE.length,
    })
    await openArticle(page, ARTICLE.title)
    const entry = page.locator(`[data-annotation="${annotation.id}"]`)
    await entry
      .getByLabel(`Link “${QUOTE}” to an evidence item`)
      .selectOption({ label: 'clip.mp4' })
    await entry.getByRole('button', { name: 'Evidence: clip.mp4' }).click()
    await page.getByRole('heading', { level: 1, name: 'clip.mp4' }).waitFor()
    await page
      .getByRole('region', { name: /^Mentioned in articles/ })
      .getByRole('button', { name: ARTICLE.title })
      .waitFor()
  })

  it('deletes an item and brings it back with Undo', async () => {
    const { page } = app
    await openItem(page, 'clip.mov')
    await page.getByRole('button', { name: 'Delete evidence' }).click()
    await page
      .getByRole('dialog', { name: 'Delete evidence' })
      .getByRole('button', {
        name: 'Delete evidence',
      })
      .click()
    await expect.poll(() => page.locator('.evidence-count').innerText()).toBe('1 item')
    await page.keyboard.press('Control+z')
    await expect.poll(() => page.locator('.evidence-count').innerText()).toBe('2 items')

    // In German, the page reads as well (and fits).
    await page.getByRole('combobox', { name: 'Language' }).selectOption('de')
    await page.getByRole('heading', { name: 'Belege', level: 1 }).waitFor()
    await page.locator('.evidence-row').filter({ hasText: 'clip.mp4' }).click()
    await page.getByRole('heading', { level: 1, name: 'clip.mp4' }).waitFor()
    await page.getByRole('form', { name: 'Herkunft' }).scrollIntoViewIfNeeded()
    await app.screenshot('evidence-detail-de')
    expect(app.pageErrors).toEqual([])
  })
})
