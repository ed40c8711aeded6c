import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { expect } from 'vitest'
import type { AppHarness } from '../../harness/app-harness'
import { selectWithMouse } from './reader'

export interface TestArticle {
  title: string
  outlet: string
  publishedAt: string
  language: 'de' | 'en'
  text: string
}

/** Creates a project through the start screen and adds the articles through main's handler. */
export async function projectWithArticles(app: AppHarness, name: string, articles: TestArticle[]) {
  await app.page.getByLabel('Project name').fill(name)
  await app.page.getByLabel('Project folder').fill(join(app.workDir, name.replace(/\W+/g, '-')))
  await app.page.getByRole('button', { name: 'Create project' }).click()
  await app.page.getByText('No articles yet.').waitFor()
  for (const article of articles)
    await app.api.handlers['articles:add']({ ...article, authors: [], url: '' })
  await expect.poll(() => app.page.locator('.article-item').count()).toBe(articles.length)
}

export function showView(page: Page, name: string): Promise<void> {
  return page
    .getByRole('navigation', { name: 'Project views' })
    .getByRole('button', { name, exact: true })
    .click()
}

export interface SourceInput {
  name: string
  aliases: string
  kind: string
  role: string
  organisation: string
  /** The label of the Admiralty grade, e.g. "Usually reliable" for B. */
  grade: string
  reason: string
}

/** Fills in and submits the "New source" form of the Sources view. */
export async function createSource(page: Page, source: SourceInput): Promise<void> {
  await page
    .getByRole('button', { name: /^(New source|Add the first source)$/ })
    .first()
    .click()
  const form = page.getByRole('dialog', { name: 'New source' })
  await form.getByLabel('Name', { exact: true }).fill(source.name)
  await form.getByLabel('Other names').fill(source.aliases)
  await form.getByLabel('Kind').selectOption({ label: source.kind })
  await form.getByLabel('Role').fill(source.role)
  await form.getByLabel('Organisation').fill(source.organisation)
  await form.getByRole('radio', { name: new RegExp(source.grade) }).check()
  await form.getByLabel('Reason for the grade').fill(source.reason)
  await form.getByRole('button', { name: 'Add source' }).click()
  await form.waitFor({ state: 'detached' })
}

export async function openArticle(page: Page, title: string): Promise<void> {
  await page.locator('.article-item').filter({ hasText: title }).click()
  await page.getByRole('heading', { level: 1, name: title }).waitFor()
  await page.locator('.reader-text').waitFor()
}

/** Waits until the reader's provisional highlight was replaced by the saved annotation. */
async function savedHighlight(page: Page, text: string): Promise<void> {
  await expect.poll(() => page.locator('mark[data-ids*="pending-"]').count()).toBe(0)
  await page.locator('mark[data-ids]').filter({ hasText: text }).first().waitFor()
}

/** Drags over `text` in the reader and waits for the "Annotate selection" popup. */
export async function selectForAnnotation(page: Page, text: string): Promise<Locator> {
  await selectWithMouse(page, text)
  const popup = page.getByRole('dialog', { name: 'Annotate selection' })
  await popup.waitFor()
  await expect(popup.locator('.selection-quote').innerText()).resolves.toBe(`“${text}”`)
  return popup
}

/** Selects `text` with the mouse and presses C: a claim annotation and a new claim. */
export async function claimFromSelection(page: Page, text: string): Promise<void> {
  const popup = await selectForAnnotation(page, text)
  await page.keyboard.press('c')
  await popup.waitFor({ state: 'detached' })
  await savedHighlight(page, text)
}

/** Selects `text` and attaches it as another mention of the claim `statement`. */
export async function mentionOfClaim(page: Page, text: string, statement: string): Promise<void> {
  const popup = await selectForAnnotation(page, text)
  await popup.getByLabel('Add as mention of a claim…').selectOption({ label: statement })
  await popup.waitFor({ state: 'detached' })
  await savedHighlight(page, text)
}

/** The board's row for the claim whose statement is exactly `statement`. */
export function claimRow(page: Page, statement: string): Locator {
  return page
    .locator('tr.claim-row')
    .filter({ has: page.getByRole('button', { name: statement, exact: true }) })
}

/** Opens a claim's details on the board (closing any other claim's details first). */
export async function openClaim(page: Page, statement: string): Promise<Locator> {
  const open = page.getByRole('region', { name: 'Claim details' })
  const toggle = claimRow(page, statement).getByRole('button', { name: statement, exact: true })
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click()
  await open.waitFor()
  await expect(open.getByLabel('Statement', { exact: true }).inputValue()).resolves.toBe(statement)
  return open
}

export interface ClaimEdits {
  saidBy: string
  madeOn: string
  status: string
  credibility: string
  rationale: string
}

/** Sets who made the claim and when, then records an assessment, all through the details. */
export async function editClaim(detail: Locator, edits: ClaimEdits): Promise<void> {
  await detail.getByLabel('Add a source to “Said by”').selectOption({ label: edits.saidBy })
  await detail.getByLabel('Date made').fill(edits.madeOn)
  await detail.getByRole('button', { name: 'Save claim' }).click()
  await expect.poll(() => detail.getByText('Unsaved changes').count()).toBe(0)
  await expect(detail.getByRole('button', { name: 'Save claim' }).isDisabled()).resolves.toBe(true)

  await detail.getByLabel('Status', { exact: true }).selectOption({ label: edits.status })
  await detail.getByLabel('Credibility', { exact: true }).selectOption(edits.credibility)
  await detail.getByLabel('Rationale').fill(edits.rationale)
  await detail.getByRole('button', { name: 'Record assessment' }).click()
  await detail.locator('.assessment-history li').filter({ hasText: edits.rationale }).waitFor()
}

/** The visible rows' statements, in board order. */
export function boardStatements(page: Page): Promise<string[]> {
  return page.locator('tr.claim-row .claim-statement').allInnerTexts()
}
