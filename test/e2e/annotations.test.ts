import { writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { type AppHarness, launchApp } from '../harness/app-harness'
import { highlightedText, selectWithMouse } from './helpers/reader'

const FIXTURES = resolve(import.meta.dirname, '../fixtures/import')
const GERMAN_TITLE = /Nordkorea|nordkoreanische|Soldaten/i

async function createProject(app: AppHarness, name: string) {
  await app.page.getByLabel('Project name').fill(name)
  await app.page.getByLabel('Project folder').fill(join(app.workDir, name.replace(/\W+/g, '-')))
  await app.page.getByRole('button', { name: 'Create project' }).click()
  await app.page.getByText('No articles yet.').waitFor()
}

async function importThroughDialog(app: AppHarness, files: string[]) {
  app.dialogs.answerFiles(files.map((f) => join(FIXTURES, f)))
  await app.page.getByRole('button', { name: 'Import files…' }).click()
}

/** The id of the only annotation whose highlight shows `text`. */
async function annotationIdFor(app: AppHarness, text: string): Promise<string> {
  // The reader shows a provisional highlight until the save answers; wait for the saved one.
  await expect.poll(() => app.page.locator('mark[data-ids*="pending-"]').count()).toBe(0)
  const ids = await app.page.evaluate(
    (needle) =>
      [...document.querySelectorAll('mark[data-ids]')]
        .filter((m) => (m.textContent ?? '').length > 0 && needle.includes(m.textContent ?? ''))
        .flatMap((m) => (m.getAttribute('data-ids') ?? '').split(' ')),
    text,
  )
  const unique = [...new Set(ids)]
  if (unique.length !== 1)
    throw new Error(`expected one annotation on "${text}", found ${unique.length}`)
  return unique[0] ?? ''
}

describe('reading and annotating through the UI', () => {
  let app: AppHarness
  afterEach(async () => {
    await app?.close()
  })

  it('imports txt, md and html, annotates a selection with a new tag, survives reload, text edits and undo', async () => {
    app = await launchApp()
    const { page } = app
    await createProject(app, 'Annotate')
    await importThroughDialog(app, ['ru-article.txt', 'en-front-matter.md', 'de-spiegel-like.html'])
    await page.getByRole('status').filter({ hasText: 'Imported 3 articles.' }).waitFor()
    // The list refreshes on the change event, which may land just after the status message.
    await expect.poll(() => page.locator('.article-item').count()).toBe(3)

    await page.locator('.article-item').filter({ hasText: GERMAN_TITLE }).first().click()
    const reader = page.locator('.reader-text')
    await reader.waitFor()
    const text = await reader.innerText()
    expect(text).toContain('mindestens 3.000 Soldaten bereits im Oktober')
    for (const junk of ['Cookies', 'Propaganda', 'Testen Sie Rundschau+', 'alert('])
      expect(text).not.toContain(junk)

    // Select with the mouse, tag with a new tag, press C for claim.
    // The second occurrence: the one in the sentence deleted further down.
    await selectWithMouse(page, 'mindestens 3.000 Soldaten', 1)
    const popup = page.getByRole('dialog', { name: 'Annotate selection' })
    await popup.waitFor()
    await popup.getByRole('combobox', { name: 'Tags' }).fill('Truppenstärke')
    await popup.getByRole('combobox', { name: 'Tags' }).press('Enter')
    await popup.locator('.tag-chip', { hasText: 'Truppenstärke' }).waitFor()
    await popup.getByLabel('Comment').fill('Zahl aus Seoul')
    await page.locator('.reader-header h1').click() // focus leaves the text fields
    await page.keyboard.press('c')
    await popup.waitFor({ state: 'detached' })
    const id = await annotationIdFor(app, 'mindestens 3.000 Soldaten')
    expect(await highlightedText(page, id)).toBe('mindestens 3.000 Soldaten')
    const panelItem = page.locator(`[data-annotation="${id}"]`)
    await expect(panelItem.innerText()).resolves.toMatch(
      /claim[\s\S]*mindestens 3\.000 Soldaten[\s\S]*Zahl aus Seoul[\s\S]*Truppenstärke/i,
    )
    await app.screenshot('reader-first-claim')

    // Reload: a fresh page finds the project open and the highlight in place.
    const fresh = await app.newPage()
    await fresh.locator('.article-item').filter({ hasText: GERMAN_TITLE }).first().click()
    await fresh.locator(`mark[data-ids~="${id}"]`).first().waitFor()
    expect(await highlightedText(fresh, id)).toBe('mindestens 3.000 Soldaten')
    await fresh.close()

    // Edit the text before the span: the highlight follows.
    await page.getByRole('button', { name: 'Edit text' }).click()
    const editor = page.getByLabel('Article text')
    const original = await editor.inputValue()
    await editor.fill(`EILMELDUNG: Neue Zahlen aus Seoul.\n\n${original}`)
    await page.getByRole('button', { name: 'Save text' }).click()
    await page
      .getByRole('status')
      .filter({ hasText: '1 annotations kept their place (1 moved)' })
      .waitFor()
    expect(await highlightedText(page, id)).toBe('mindestens 3.000 Soldaten')

    // Delete the sentence holding the span: the annotation becomes a visible orphan.
    await page.getByRole('button', { name: 'Edit text' }).click()
    const withSentence = await editor.inputValue()
    const sentence =
      /Am Montag bestätigte[\s\S]*?gebracht worden seien\./.exec(withSentence)?.[0] ?? ''
    expect(sentence).toContain('mindestens 3.000 Soldaten')
    await editor.fill(withSentence.replace(sentence, ''))
    await page.getByRole('button', { name: 'Save text' }).click()
    await page.getByRole('status').filter({ hasText: '1 lost their text' }).waitFor()
    await expect(page.locator(`mark[data-ids~="${id}"]`).count()).resolves.toBe(0)
    const orphans = page.getByRole('region', { name: 'Lost their text' })
    await expect(orphans.innerText()).resolves.toContain('mindestens 3.000 Soldaten')
    await app.screenshot('reader-orphan')

    // Undo brings the sentence and the highlight back.
    await page.locator('.reader-header h1').click()
    await page.keyboard.press('Control+z')
    await page.locator(`mark[data-ids~="${id}"]`).first().waitFor()
    expect(await highlightedText(page, id)).toBe('mindestens 3.000 Soldaten')
    await expect(orphans.count()).resolves.toBe(0)
    expect(app.pageErrors).toEqual([])
  })

  it('shows a clear message for each bad file and imports dropped files', async () => {
    app = await launchApp()
    const { page } = app
    await createProject(app, 'Bad files')
    const huge = join(app.workDir, 'huge.txt')
    await writeFile(huge, Buffer.alloc(21 * 1024 * 1024, 'a'))
    app.dialogs.answerFiles([
      ...['empty.txt', 'binary-renamed.txt', 'invalid-utf8.txt', 'no-article.html'].map((f) =>
        join(FIXTURES, f),
      ),
      huge,
    ])
    await page.getByRole('button', { name: 'Import files…' }).click()
    const alert = page.getByRole('alert').filter({ hasText: '5 files were not imported' })
    const messages = await alert.innerText()
    await app.screenshot('import-errors')
    expect(messages).toMatch(/empty\.txt.*is empty/i)
    expect(messages).toMatch(/no-article\.html.*no article text/i)
    expect(messages).toMatch(/binary-renamed\.txt.*PNG/i)
    expect(messages).toMatch(/invalid-utf8\.txt.*offset 95 \(line 3\)/i)
    expect(messages).toMatch(/huge\.txt.*larger than 20\.0 MB/i)
    await expect.poll(() => page.locator('.article-item').count()).toBe(0)

    // Drag and drop a file onto the window.
    const dataTransfer = await page.evaluateHandle(() => {
      const transfer = new DataTransfer()
      const text = 'Kurzmeldung\n\nDie Zahl liegt laut Kyjiw bei mehr als 10.000 Soldaten.'
      transfer.items.add(new File([text], 'kurzmeldung.txt', { type: 'text/plain' }))
      return transfer
    })
    await page.locator('.project').dispatchEvent('dragover', { dataTransfer })
    await page.locator('.project').dispatchEvent('drop', { dataTransfer })
    await page.getByRole('heading', { level: 1, name: 'Kurzmeldung' }).waitFor()
    await expect(page.locator('.reader-text').innerText()).resolves.toContain(
      'mehr als 10.000 Soldaten',
    )
  })

  it('keeps overlapping and nested highlights visible and clickable; edits and deletes from both places', async () => {
    app = await launchApp()
    const { page } = app
    await createProject(app, 'Overlaps')
    await importThroughDialog(app, ['de-spiegel-like.html'])
    await page.locator('.reader-text').waitFor()
    const articleId = (await app.api.handlers['articles:list']({}))[0]?.id ?? ''
    const article = await app.api.handlers['articles:get']({ id: articleId })
    const cp = (s: string) => [...s].length
    const at = (needle: string, after = 0) => {
      const i = article.text.indexOf(needle, after)
      return { start: cp(article.text.slice(0, i)), end: cp(article.text.slice(0, i)) + cp(needle) }
    }
    const outer = at('Verteidigungsministerium in Seoul, dass mindestens 3.000 Soldaten')
    const inner = at(
      'mindestens 3.000 Soldaten',
      article.text.indexOf('Verteidigungsministerium in Seoul'),
    )
    await page.locator('.reader-header h1').click()
    const created: string[] = []
    for (const [kind, range] of [
      ['source', outer],
      ['claim', inner],
    ] as const) {
      const result = await app.api.invoke('annotations:create', { articleId, kind, ...range })
      if (!result.ok) throw new Error(result.error.message)
      created.push((result.value as { id: string }).id)
    }
    // Many more highlights for the screenshot: every sentence start, kinds in turn.
    const kinds = ['claim', 'source', 'evidence', 'entity', 'note'] as const
    let n = 0
    for (const match of article.text.matchAll(/[A-ZÄÖÜ][^.!?„“]{20,60}/g)) {
      const start = cp(article.text.slice(0, match.index))
      await app.api.invoke('annotations:create', {
        articleId,
        kind: kinds[n++ % kinds.length] ?? 'note',
        start,
        end: start + cp(match[0]),
      })
      if (n > 40) break
    }
    await page.locator('mark.hl-overlap').first().waitFor()
    await app.screenshot('reader-many-highlights')

    // Clicking where two annotations overlap offers both.
    const overlap = `mark.hl-overlap[data-ids~="${created[0]}"][data-ids~="${created[1]}"]`
    await page.locator(overlap).last().click()
    const menu = page.getByRole('menu', { name: 'Annotations here' })
    await expect(menu.locator('.highlight-menu-item').count()).resolves.toBeGreaterThanOrEqual(2)
    await menu
      .locator('.highlight-menu-item', { hasText: /^claimmindestens 3\.000 Soldaten/i })
      .waitFor()
    await menu
      .locator('.highlight-menu-item', { hasText: 'Seoul, dass mindestens 3.000 Soldaten' })
      .getByRole('menuitem', { name: 'Delete' })
      .click()
    await expect.poll(() => page.locator(`mark[data-ids~="${created[0]}"]`).count()).toBe(0)

    // Edit from the panel: change the claim's kind to evidence.
    const claimId = created[1] ?? ''
    await page.locator('.reader-header h1').click() // close the menu
    expect(await highlightedText(page, claimId)).toBe('mindestens 3.000 Soldaten')
    const item = page.locator(`[data-annotation="${claimId}"]`)
    await item.getByRole('button', { name: 'Edit' }).click()
    await item.getByLabel('Kind').selectOption('evidence')
    await item.getByRole('button', { name: 'Save' }).click()
    await page.locator(`mark.hl-evidence[data-ids~="${claimId}"]`).first().waitFor()

    // Clicking the panel entry scrolls to and flashes the highlight.
    await item.locator('.annotation-body').click()
    await page.locator(`mark.flash[data-ids~="${claimId}"]`).first().waitFor()
    expect(app.pageErrors).toEqual([])
  })

  it('selects text with the keyboard alone and annotates it', async () => {
    app = await launchApp()
    const { page } = app
    await createProject(app, 'Keyboard')
    await app.api.handlers['articles:add']({
      title: 'Tastatur',
      text: 'Seoul meldet 1.500 Elitesoldaten in Russland.',
      outlet: '',
      authors: [],
      url: '',
      publishedAt: '',
      language: 'de',
    })
    await page.locator('.article-item').first().click()
    const text = page.getByRole('document', { name: /Article text/ })
    await text.focus()
    // Word steps stop at word ends ("Seoul|", "meldet|"); extend over " 1.500 Elitesoldaten"
    // (the leading space is trimmed from the selection).
    await page.keyboard.press('Control+ArrowRight')
    await page.keyboard.press('Control+ArrowRight')
    await page.keyboard.down('Shift')
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight')
    await page.keyboard.up('Shift')
    const popup = page.getByRole('dialog', { name: 'Annotate selection' })
    await expect(popup.locator('.selection-quote').innerText()).resolves.toBe(
      '“1.500 Elitesoldaten”',
    )
    await page.keyboard.press('n')
    await page.locator('mark.hl-note', { hasText: '1.500 Elitesoldaten' }).waitFor()
    expect(app.pageErrors).toEqual([])
  })
})
