import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { type AppHarness, launchApp } from '../harness/app-harness'
import {
  boardStatements,
  claimFromSelection,
  claimRow,
  createSource,
  editClaim,
  mentionOfClaim,
  openArticle,
  openClaim,
  projectWithArticles,
  showView,
  type TestArticle,
} from './helpers/claims'

const PENTAGON_DE: TestArticle = {
  title: 'Pentagon: Nordkoreanische Soldaten in Russland',
  outlet: 'Rheinische Rundschau',
  publishedAt: '2024-10-29',
  language: 'de',
  text: [
    'Washington. Nordkorea hat nach Angaben des US-Verteidigungsministeriums Truppen nach Russland geschickt.',
    'Eine Sprecherin des Pentagon sagte am Montag, zwischen Anfang und Mitte Oktober seien mindestens 3.000 Soldaten in den Osten Russlands verlegt worden. Wohin sie danach gebracht werden, sei noch unklar.',
    'Moskau und Pjöngjang wiesen die Berichte zurück.',
  ].join('\n\n'),
}

const NIS_EN: TestArticle = {
  title: 'Seoul says North Korean special forces are training in Russia',
  outlet: 'Korea Wire',
  publishedAt: '2024-10-18',
  language: 'en',
  text: [
    'SEOUL — South Korea’s National Intelligence Service (NIS) said on Friday that North Korea had shipped 1,500 elite soldiers to Russia’s Far East, where they are being trained before deployment.',
    'The Pentagon has since said that at least 3,000 troops were moved between early and mid-October, a figure US officials repeated on Monday.',
    'North Korea has not commented on the reports.',
  ].join('\n\n'),
}

const HUR_EN: TestArticle = {
  title: 'Kyiv: North Korean contingent keeps growing',
  outlet: 'Kyiv Ledger',
  publishedAt: '2024-10-25',
  language: 'en',
  text: [
    'KYIV — Ukraine’s military intelligence (HUR) said on Friday that more than 10,000 troops from North Korea are already in Russia.',
    'According to HUR, 12,000 troops are planned by December, including officers and artillery crews.',
    'The figures could not be independently verified.',
  ].join('\n\n'),
}

const PENTAGON = 'Pentagon spokesperson'
const NIS = 'National Intelligence Service (NIS)'
const HUR = 'Ukrainian military intelligence (HUR)'

/** Claim statements: the quotes selected in the articles. */
const C3000 = 'mindestens 3.000 Soldaten'
const C1500 = '1,500 elite soldiers'
const C10000 = 'more than 10,000 troops'
const C12000 = '12,000 troops are planned by December'

async function rowText(page: Page, statement: string): Promise<string> {
  return claimRow(page, statement).innerText()
}

describe('claims, sources and comparison through the UI', () => {
  let app: AppHarness
  afterEach(async () => {
    await app?.close()
  })

  it('builds the troop-numbers example: sources, claims from selections, relations, filters, comparison, reload', async () => {
    app = await launchApp()
    const { page } = app
    await projectWithArticles(app, 'North Korean troops', [PENTAGON_DE, NIS_EN, HUR_EN])

    // Sources with Admiralty grades, through the form.
    await showView(page, 'Sources')
    await createSource(page, {
      name: PENTAGON,
      aliases: 'Pentagon, DoD spokesperson',
      kind: 'Government',
      role: 'spokesperson',
      organisation: 'US Department of Defense',
      grade: 'Usually reliable',
      reason: 'Official US figures; usually borne out later, though cautious.',
    })
    await createSource(page, {
      name: NIS,
      aliases: 'NIS, South Korean intelligence',
      kind: 'Intelligence service',
      role: '',
      organisation: 'Republic of Korea',
      grade: 'Usually reliable',
      reason: 'Good access to North Korea; briefs lawmakers, rarely wrong on troop moves.',
    })
    await createSource(page, {
      name: HUR,
      aliases: 'HUR, GUR',
      kind: 'Intelligence service',
      role: '',
      organisation: 'Ministry of Defence of Ukraine',
      grade: 'Fairly reliable',
      reason: 'Party to the war; has an interest in high figures, but often right.',
    })
    const sourceList = page.getByRole('list', { name: 'Sources' })
    await expect(sourceList.locator('.source-row').allInnerTexts()).resolves.toEqual([
      expect.stringMatching(new RegExp(`^${NIS.replace(/[()]/g, '\\$&')}\\s*B`)),
      expect.stringMatching(/^Pentagon spokesperson\s*B/),
      expect.stringMatching(/^Ukrainian military intelligence \(HUR\)\s*C/),
    ])
    await expect(page.locator('.sources-count').innerText()).resolves.toBe('3 sources')

    // Claims from mouse selections: press C on each figure.
    await openArticle(page, PENTAGON_DE.title)
    await claimFromSelection(page, C3000)
    await openArticle(page, NIS_EN.title)
    await claimFromSelection(page, C1500)
    // The Pentagon figure again, in English: a second mention of the first claim.
    await mentionOfClaim(page, 'at least 3,000 troops', C3000)
    await openArticle(page, HUR_EN.title)
    await claimFromSelection(page, C10000)
    await claimFromSelection(page, C12000)

    await showView(page, 'Claims')
    await expect(page.locator('.claims-count').innerText()).resolves.toBe('4 claims')
    const figureOf = (statement: string) =>
      claimRow(page, statement).locator('.col-figure').innerText()
    await expect(figureOf(C3000)).resolves.toBe('≥ 3,000 Soldaten')
    await expect(figureOf(C1500)).resolves.toBe('1,500 soldiers')
    await expect(figureOf(C10000)).resolves.toBe('> 10,000 troops')
    await expect(figureOf(C12000)).resolves.toBe('12,000 troops')
    const mentionsOf = (statement: string) =>
      claimRow(page, statement).locator('.col-mentions').innerText()
    await expect(mentionsOf(C3000)).resolves.toBe('2')
    await expect(mentionsOf(C1500)).resolves.toBe('1')

    // The first claim lists both passages, from the German and the English article.
    let detail = await openClaim(page, C3000)
    const mentions = detail.locator('.claim-section', { hasText: 'Mentions' }).last()
    await expect(mentions.innerText()).resolves.toMatch(
      /mindestens 3\.000 Soldaten[\s\S]*at least 3,000 troops|at least 3,000 troops[\s\S]*mindestens 3\.000 Soldaten/,
    )

    // Who said it, when, and the assessment of each claim.
    await editClaim(detail, {
      saidBy: `${PENTAGON} (B)`,
      madeOn: '2024-10-28',
      status: 'Verified',
      credibility: '2',
      rationale: 'Matches the NIS briefing and satellite imagery of Vladivostok port.',
    })
    detail = await openClaim(page, C1500)
    await editClaim(detail, {
      saidBy: `${NIS} (B)`,
      madeOn: '2024-10-18',
      status: 'In progress',
      credibility: '3',
      rationale: 'Asked the NIS press office for the source of the figure.',
    })
    detail = await openClaim(page, C10000)
    await editClaim(detail, {
      saidBy: `${HUR} (C)`,
      madeOn: '2024-10-25',
      status: 'Inconclusive',
      credibility: '4',
      rationale: 'No second source; far above the US and South Korean figures.',
    })
    detail = await openClaim(page, C12000)
    await editClaim(detail, {
      saidBy: `${HUR} (C)`,
      madeOn: '2024-10-25',
      status: 'In progress',
      credibility: '6',
      rationale: 'A plan, not a count: cannot be judged yet.',
    })

    // The NIS figure contradicts the HUR figure: add the relation from the NIS claim.
    detail = await openClaim(page, C1500)
    await detail.getByText('Relate to another claim…').click()
    await expect(detail.getByLabel('This claim').inputValue()).resolves.toBe('contradicts')
    await detail.getByLabel('Find the other claim').fill('10,000')
    await detail.getByLabel('Other claim', { exact: true }).selectOption({ label: C10000 })
    await detail.getByLabel('Note', { exact: true }).fill('1,500 vs. more than 10,000')
    await detail.getByRole('button', { name: 'Add relation' }).click()
    const contradicts = detail.locator('.relation-group.relation-contradicts')
    await contradicts.getByRole('button', { name: C10000, exact: true }).waitFor()
    await expect(contradicts.innerText()).resolves.toContain('1,500 vs. more than 10,000')
    // … and it shows on the other claim too: follow the link.
    await contradicts.getByRole('button', { name: C10000, exact: true }).click()
    detail = page.getByRole('region', { name: 'Claim details' })
    await expect(detail.getByLabel('Statement', { exact: true }).inputValue()).resolves.toBe(C10000)
    await detail
      .locator('.relation-group.relation-contradicts')
      .getByRole('button', { name: C1500, exact: true })
      .waitFor()
    await detail.getByRole('button', { name: 'Close details' }).click()
    await detail.waitFor({ state: 'detached' })

    const boardState = async (p: Page) => {
      for (const [statement, status, source, mentionCount] of [
        [C3000, 'Verified', PENTAGON, '2'],
        [C1500, 'In progress', NIS, '1'],
        [C10000, 'Inconclusive', HUR, '1'],
        [C12000, 'In progress', HUR, '1'],
      ] as const) {
        const row = claimRow(p, statement)
        await expect(row.locator('.col-status').innerText()).resolves.toBe(status)
        await expect(row.locator('.claim-meta').innerText()).resolves.toContain(source)
        await expect(row.locator('.col-mentions').innerText()).resolves.toBe(mentionCount)
      }
      for (const statement of [C1500, C10000])
        await expect(
          claimRow(p, statement).locator('.relation-contradicts').innerText(),
        ).resolves.toContain('contradicted by 1')
      for (const statement of [C3000, C12000])
        await expect(claimRow(p, statement).locator('.relation-marker').count()).resolves.toBe(0)
      // Codes: the source's reliability and the claim's credibility.
      await expect(claimRow(p, C3000).locator('.col-code').innerText()).resolves.toMatch(/B\s*2/)
      await expect(claimRow(p, C10000).locator('.col-code').innerText()).resolves.toMatch(/C\s*4/)
    }
    await boardState(page)
    // Sorted by date made, newest first.
    await expect(boardStatements(page)).resolves.toEqual([C3000, C10000, C12000, C1500])
    await app.screenshot('claims-board')

    // Filters: by status, by source, both, then cleared.
    const filters = page.getByRole('group', { name: 'Filter claims' })
    const statusChip = (name: string) =>
      filters.getByRole('group', { name: 'Filter by status' }).getByRole('button', { name })
    await statusChip('In progress').click()
    await expect(boardStatements(page)).resolves.toEqual([C12000, C1500])
    await expect(page.locator('.claims-count').innerText()).resolves.toBe('2 of 4 claims')
    await statusChip('Verified').click()
    await expect(boardStatements(page)).resolves.toEqual([C3000, C12000, C1500])
    await statusChip('In progress').click()
    await statusChip('Verified').click()
    await expect(boardStatements(page)).resolves.toHaveLength(4)
    const sourceFilter = filters.getByLabel('Source', { exact: true })
    await sourceFilter.selectOption({ label: `${HUR} (C)` })
    await expect(boardStatements(page)).resolves.toEqual([C10000, C12000])
    await statusChip('Inconclusive').click()
    await expect(boardStatements(page)).resolves.toEqual([C10000])
    await expect(page.locator('.claims-count').innerText()).resolves.toBe('1 of 4 claims')
    await sourceFilter.selectOption({ label: `${NIS} (B)` })
    await expect(boardStatements(page)).resolves.toEqual([])
    await page.getByRole('heading', { name: 'No claims match' }).waitFor()
    await filters.getByRole('button', { name: 'Clear filters' }).click()
    await expect(boardStatements(page)).resolves.toHaveLength(4)

    // Compare: the four troop figures by source, in the table and on the timeline.
    await showView(page, 'Compare')
    const quantity = page.getByLabel('Quantity')
    await expect(quantity.locator('option:checked').innerText()).resolves.toMatch(/\(4 figures\)$/)
    await expect(page.locator('.comparison-controls').innerText()).resolves.toContain(
      '4 figures from 3 sources · 1 contradiction',
    )
    const tableRows = page.locator('.comparison-table tbody tr')
    await expect(tableRows.count()).resolves.toBe(4)
    const tableText = async () => {
      const out: string[] = []
      for (const row of await tableRows.all()) {
        const figure = await row.locator('.comparison-open').innerText()
        const source = await row.locator('td').nth(1).innerText()
        out.push(`${figure} | ${source.replace(/\s+/g, ' ').trim()}`)
      }
      return out
    }
    // Ordered by date made, then value; the grade is shown and spelled out for screen readers.
    const B = 'B Source reliability B: Usually reliable'
    const C = 'C Source reliability C: Fairly reliable'
    await expect(tableText()).resolves.toEqual([
      `1,500 soldiers | ${NIS} ${B}`,
      `more than 10,000 troops | ${HUR} ${C}`,
      `12,000 troops | ${HUR} ${C}`,
      `at least 3,000 Soldaten | ${PENTAGON} ${B}`,
    ])
    await expect(tableRows.nth(0).innerText()).resolves.toContain(`contradicts > 10,000 (${HUR})`)
    await expect(tableRows.nth(1).innerText()).resolves.toContain(`contradicts 1,500 (${NIS})`)
    const timeline = page.locator('svg.timeline')
    for (const name of [
      `≥ 3,000, ${PENTAGON}: open the claim`,
      `1,500, ${NIS}: open the claim`,
      `> 10,000, ${HUR}: open the claim`,
      `12,000, ${HUR}: open the claim`,
    ])
      await timeline.getByRole('button', { name, exact: true }).waitFor()
    await expect(timeline.locator('.timeline-point').count()).resolves.toBe(4)
    await expect(timeline.locator('.timeline-contradiction').count()).resolves.toBe(1)
    await expect(timeline.locator('.timeline-lane').count()).resolves.toBe(0) // all dated
    await app.screenshot('claims-compare')

    // A timeline point opens its claim on the board.
    await timeline.getByRole('button', { name: `1,500, ${NIS}: open the claim` }).click()
    await expect(
      page
        .getByRole('region', { name: 'Claim details' })
        .getByLabel('Statement', { exact: true })
        .inputValue(),
    ).resolves.toBe(C1500)

    // Reload: a fresh page shows the same board.
    const fresh = await app.newPage()
    await showView(fresh, 'Claims')
    await expect(fresh.locator('.claims-count').innerText()).resolves.toBe('4 claims')
    await boardState(fresh)
    await expect(rowText(fresh, C3000)).resolves.toContain('≥ 3,000 Soldaten')
    const again = await openClaim(fresh, C10000)
    await expect(again.getByLabel('Status', { exact: true }).inputValue()).resolves.toBe(
      'inconclusive',
    )
    await expect(again.locator('.assessment-history').innerText()).resolves.toContain(
      'No second source; far above the US and South Korean figures.',
    )
    await again
      .locator('.relation-group.relation-contradicts')
      .getByRole('button', { name: C1500, exact: true })
      .waitFor()
    await showView(fresh, 'Sources')
    await expect(
      fresh.locator('.source-row').filter({ hasText: HUR }).innerText(),
    ).resolves.toContain('2 claims made')
    await fresh.close()
    expect(app.pageErrors).toEqual([])
  })
})
