import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { MainApi } from '../../../main/api'
import type { ImportReport } from '../../../shared/api'
import { ArticleDocument, type ArticleSummary } from '../../../shared/model/article'
import { ProjectDocument } from '../../../shared/model/project'
import { FIXTURES } from '../../helpers/temp-dir'
import { type TestApi, openTestApi } from '../../helpers/test-api'

const IMPORT = join(FIXTURES, 'import')
const GOOD = [
  'de-spiegel-like.html',
  'uk-windows-1251.html',
  'ru-article.txt',
  'en-front-matter.md',
]
const BAD = ['empty.txt', 'binary-renamed.txt', 'invalid-utf8.txt', 'no-article.html']

const fixture = (name: string): Promise<Buffer> => readFile(join(IMPORT, name))
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

/** What a bad fixture's message must say, besides its name. */
const BAD_MESSAGES: Record<string, RegExp> = {
  'empty.txt': /empty \(0 bytes\)/,
  'binary-renamed.txt': /PNG image/,
  // The first byte of the broken sequence (0xC3 followed by "(") is byte 95, on line 3.
  'invalid-utf8.txt': /not valid UTF-8.*offset 95 \(line 3\)/,
  'no-article.html': /no article text/,
}

// Text that is on the saved German page but not part of the article.
const GERMAN_NOISE = [
  'Startseite',
  'Kultur',
  'Einstellungen',
  'Rundschau Aktuell GmbH',
  'Suchen',
  'Rundschau+ abonnieren',
  'Wir verwenden Cookies',
  'Alle akzeptieren',
  'Günstige Kredite',
  'Tagesgeld',
  'Anzeige',
  'Artikel teilen',
  'WhatsApp',
  'Mehr zum Thema',
  'Beistandspakt',
  'Sie wollen weiterlesen',
  'Der Morgen-Newsletter',
  'Weitere Artikel',
  'Interkontinentalrakete',
  'Kommentare',
  'Propaganda',
  'Leser_4711',
  'Impressum',
  'Datenschutz',
  'Bitte aktivieren Sie JavaScript',
  'SCRIPT-TEXT-LEAK',
  'STYLE-TEXT-LEAK',
  'LATE-SCRIPT-LEAK',
  'HIDDEN-TEXT-LEAK',
  'IFRAME-FALLBACK-TEXT',
  'alert(',
  'dataLayer',
  'onerror',
  '<p>',
]

const GERMAN_SENTENCES = [
  'Nach Angaben westlicher Geheimdienste sind inzwischen mindestens 3.000 Soldaten aus Nordkorea in Russland eingetroffen.',
  'Am Montag bestätigte erstmals auch das Verteidigungsministerium in Seoul, dass mindestens 3.000 Soldaten bereits im Oktober per Schiff nach Wladiwostok gebracht worden seien.',
  'Die Angaben lassen sich nicht unabhängig überprüfen.',
  'Nach Einschätzung südkoreanischer Militärs könnte die Zahl bis Dezember auf rund 10.000 steigen.',
  '„Wir haben keine Hinweise darauf, dass diese Soldaten bereits an Kampfhandlungen beteiligt sind“, sagte ein Nato-Sprecher in Brüssel.',
  'Die Nato forderte Pjöngjang auf, die Truppen zurückzuziehen.',
  'welche Gegenleistung Nordkorea von Moskau erhält',
  'Eine Entscheidung soll nach Angaben aus Regierungskreisen in den kommenden Wochen fallen.',
]

describe('importing article files through the main API (fixtures, real project folder)', () => {
  let t: TestApi
  let api: MainApi
  let folder: string

  const call: TestApi['call'] = (channel, input) => t.call(channel, input)

  async function articleFile(id: string): Promise<ArticleDocument> {
    const text = await readFile(join(folder, 'articles', `${id}.json`), 'utf8')
    return ArticleDocument.parse(JSON.parse(text))
  }

  async function projectFile(): Promise<ProjectDocument> {
    return ProjectDocument.parse(JSON.parse(await readFile(join(folder, 'project.json'), 'utf8')))
  }

  async function articleFileNames(): Promise<string[]> {
    return (await readdir(join(folder, 'articles'))).filter((n) => n.endsWith('.json')).sort()
  }

  function byFile(report: ImportReport): Map<string, ArticleSummary> {
    const result = new Map<string, ArticleSummary>()
    for (const summary of report.imported) {
      if (summary.origin.kind !== 'file') throw new Error('imported article without a file origin')
      result.set(summary.origin.fileName, summary)
    }
    return result
  }

  function expectFailures(report: ImportReport, names: readonly string[]): void {
    expect(report.failed.map((f) => f.fileName).sort()).toEqual([...names].sort())
    for (const { fileName, message } of report.failed) {
      expect(message, fileName).toContain(`"${fileName}"`)
      const expected = BAD_MESSAGES[fileName]
      if (expected) expect(message, fileName).toMatch(expected)
    }
  }

  beforeEach(async () => {
    t = await openTestApi({ prefix: 'claimdesk-import-', projectName: 'Import' })
    api = t.api
    folder = t.folder
  })
  afterEach(() => t.close())

  it('leaves the project untouched when every file is bad, reporting each by name', async () => {
    const before = await readFile(join(folder, 'project.json'), 'utf8')
    const report = await call('articles:importPaths', { paths: BAD.map((n) => join(IMPORT, n)) })
    expect(report.imported).toEqual([])
    expectFailures(report, BAD)
    expect(await readFile(join(folder, 'project.json'), 'utf8')).toBe(before)
    expect(await articleFileNames()).toEqual([])
    expect(await call('articles:list', {})).toEqual([])
  })

  it('imports the good files of a mixed batch and reports the bad ones, each with its reason', async () => {
    const mixed = [GOOD[0], BAD[0], GOOD[1], BAD[1], BAD[2], GOOD[2], BAD[3], GOOD[3]].flatMap(
      (n) => (n === undefined ? [] : [join(IMPORT, n)]),
    )
    const report = await call('articles:importPaths', { paths: mixed })

    expect(report.imported.map((s) => (s.origin.kind === 'file' ? s.origin.fileName : ''))).toEqual(
      GOOD,
    )
    expectFailures(report, BAD)

    // The project holds exactly the good files: index, info and files on disk agree.
    const listed = await call('articles:list', {})
    expect(listed).toEqual(report.imported)
    expect(listed.length).toBe(GOOD.length)
    expect((await call('projects:current', {}))?.articleCount).toBe(GOOD.length)
    const project = await projectFile()
    expect(project.articles).toEqual(report.imported)
    expect(await articleFileNames()).toEqual(listed.map((s) => `${s.id}.json`).sort())

    // Every article records the file it came from, with the hash of its bytes.
    for (const summary of report.imported) {
      if (summary.origin.kind !== 'file') throw new Error('expected a file origin')
      const bytes = await fixture(summary.origin.fileName)
      expect(summary.origin.sha256).toBe(sha256(bytes))
      expect(summary.origin.byteLength).toBe(bytes.length)
      const doc = await articleFile(summary.id)
      expect(doc.origin).toEqual(summary.origin)
      expect(doc.annotations).toEqual([])
      expect(summary.characterCount).toBe(Array.from(doc.text).length)
    }
    const formats = report.imported.map((s) => (s.origin.kind === 'file' ? s.origin.format : ''))
    expect(formats).toEqual(['html', 'html', 'txt', 'md'])
  })

  it("extracts the German page's article text without navigation, ads, banners or scripts", async () => {
    const report = await call('articles:importPaths', {
      paths: [join(IMPORT, 'de-spiegel-like.html')],
    })
    expect(report.failed).toEqual([])
    const [summary] = report.imported
    if (!summary) throw new Error('nothing imported')
    expect(summary).toMatchObject({
      title: 'Nordkoreanische Soldaten in Russland: Was bisher bekannt ist',
      outlet: 'Rundschau Aktuell',
      publishedAt: '2024-11-05',
      language: 'de',
      url: 'https://www.rundschau-aktuell.example/ausland/nordkorea-soldaten-russland-a-8f3c21.html',
    })
    expect(summary.authors).toEqual(['Anna Berger', 'Jonas Krüger'])

    const { text } = await articleFile(summary.id)
    for (const sentence of GERMAN_SENTENCES) expect(text).toContain(sentence)
    for (const noise of GERMAN_NOISE) expect(text, noise).not.toContain(noise)
    expect(text).toBe(text.normalize('NFC'))
    expect(text).not.toMatch(/\r|\n{3,}|[ \t]\n/)
    // Paragraphs stay paragraphs and the <br> inside one stays a line break.
    expect(text).toContain('steigen.\nEin Sprecher des Generalstabs')
    expect(text.split('\n\n').length).toBeGreaterThanOrEqual(8)

    const bytes = await fixture('de-spiegel-like.html')
    expect(summary.origin).toEqual({
      kind: 'file',
      fileName: 'de-spiegel-like.html',
      format: 'html',
      sha256: sha256(bytes),
      byteLength: bytes.length,
    })

    // The imported text is annotated like any other: code points, quote from the stored text.
    const quote = 'mindestens 3.000 Soldaten bereits im Oktober'
    const start = Array.from(text.slice(0, text.indexOf(quote))).length
    const annotation = await call('annotations:create', {
      articleId: summary.id,
      kind: 'claim',
      start,
      end: start + Array.from(quote).length,
    })
    expect(annotation.quote.exact).toBe(quote)
  })

  it('decodes the Windows-1251 Ukrainian page and the Russian text file', async () => {
    const report = await call('articles:importPaths', {
      paths: [join(IMPORT, 'uk-windows-1251.html'), join(IMPORT, 'ru-article.txt')],
    })
    expect(report.failed).toEqual([])
    const files = byFile(report)

    const uk = files.get('uk-windows-1251.html')
    if (!uk) throw new Error('Ukrainian page not imported')
    expect(uk).toMatchObject({
      title: 'Північнокорейські військові на Курщині: що відомо',
      outlet: 'Новини Полісся',
      language: 'uk',
      publishedAt: '2024-11-06',
    })
    const ukText = (await articleFile(uk.id)).text
    expect(ukText).toContain('Головне управління розвідки Міністерства оборони України повідомило')
    expect(ukText).toContain('«Ми бачимо їхнє переміщення і знаємо, де вони перебувають»')
    expect(ukText).toContain('Ґрунтовні висновки')
    for (const noise of [
      'СКРИПТ',
      'cookie',
      'Поділитися',
      'Усі права захищено',
      'Головна',
      '\uFFFD',
    ]) {
      expect(ukText, noise).not.toContain(noise)
    }
    // The hash is of the file's Windows-1251 bytes, not of the decoded text.
    expect(uk.origin).toMatchObject({ sha256: sha256(await fixture('uk-windows-1251.html')) })

    const ru = files.get('ru-article.txt')
    if (!ru) throw new Error('Russian text not imported')
    expect(ru).toMatchObject({
      title: 'Северокорейские военные прибыли в Курскую область',
      language: 'ru',
    })
    const ruText = (await articleFile(ru.id)).text
    expect(ruText.startsWith('По данным южнокорейской разведки')).toBe(true)
    expect(ruText).toContain('«Ёнхап»')
    expect(ru.origin).toMatchObject({
      format: 'txt',
      sha256: sha256(await fixture('ru-article.txt')),
    })
  })

  it('takes title, authors, date and outlet from Markdown front matter', async () => {
    const report = await call('articles:importPaths', {
      paths: [join(IMPORT, 'en-front-matter.md')],
    })
    const [md] = report.imported
    if (!md) throw new Error('Markdown not imported')
    expect(md).toMatchObject({
      title: 'North Korean troops in Russia: what we know',
      authors: ['Jane Doe', 'John Smith'],
      publishedAt: '2024-11-07',
      language: 'en',
    })
    const text = (await articleFile(md.id)).text
    expect(text).toContain('at least 3,000 North Korean soldiers')
    expect(text).not.toContain('---')
    expect(text).not.toContain('**')
  })

  it('reports unreadable paths by file name, next to good files', async () => {
    const report = await call('articles:importPaths', {
      paths: [join(IMPORT, 'missing-article.txt'), IMPORT, join(IMPORT, 'ru-article.txt')],
    })
    expect(report.imported.length).toBe(1)
    expect(report.failed.map((f) => f.fileName)).toEqual(['missing-article.txt', 'import'])
    expect(report.failed[0]?.message).toContain('"missing-article.txt"')
    expect(report.failed[1]?.message).toContain('is not a file')
    expect((await call('articles:list', {})).length).toBe(1)
  })

  it('articles:importFiles (base64 from a drop) gives the same articles and failures', async () => {
    const names = [...GOOD, ...BAD]
    const viaPaths = await call('articles:importPaths', {
      paths: names.map((n) => join(IMPORT, n)),
    })
    const files = await Promise.all(
      names.map(async (fileName) => ({
        fileName,
        dataBase64: (await fixture(fileName)).toString('base64'),
      })),
    )
    const viaDrop = await call('articles:importFiles', { files })

    expect(viaDrop.failed).toEqual(viaPaths.failed)
    expectFailures(viaDrop, BAD)
    // Same metadata, origin and text; only the id and the timestamps differ.
    const comparable = async (s: ArticleSummary) => {
      const { id: _id, addedAt: _a, updatedAt: _u, retrievedAt: _r, ...rest } = s
      return { ...rest, text: (await articleFile(s.id)).text }
    }
    expect(await Promise.all(viaDrop.imported.map(comparable))).toEqual(
      await Promise.all(viaPaths.imported.map(comparable)),
    )
    expect((await call('articles:list', {})).length).toBe(2 * GOOD.length)
    expect((await articleFileNames()).length).toBe(2 * GOOD.length)
  })

  it('articles:importFiles uses only the base name of a dropped file', async () => {
    const bytes = await fixture('ru-article.txt')
    const report = await call('articles:importFiles', {
      files: [
        { fileName: '/home/user/Downloads/ru-article.txt', dataBase64: bytes.toString('base64') },
      ],
    })
    expect(report.imported[0]?.origin).toMatchObject({ kind: 'file', fileName: 'ru-article.txt' })
  })

  it('refuses an import call without files', async () => {
    expect(await api.invoke('articles:importFiles', { files: [] })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    })
    expect(await api.invoke('articles:importPaths', { paths: [] })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    })
  })
})
