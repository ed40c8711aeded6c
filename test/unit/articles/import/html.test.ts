import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { findInvalidUtf8 } from '../../../../main/articles/import/bytes'
import { extractArticle } from '../../../../main/articles/import'
import { MAX_HTML_DEPTH, stripSiteName } from '../../../../main/articles/import/html'
import { stripScriptsAndStyles } from '../../../../main/articles/import/html-clean'
import { AppFailure } from '../../../../shared/result'
import { splitParagraphs } from '../../../../shared/text'

const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../../fixtures/import/${name}`, import.meta.url)))
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

function rejection(run: () => unknown): AppFailure {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(AppFailure)
    return error as AppFailure
  }
  throw new Error('expected an import-rejected failure')
}

const EN_PARAGRAPHS = [
  'Officials in Seoul said on Monday that at least 3,000 North Korean soldiers had been moved to ' +
    'Russia by ship in October and were now being trained at several bases in the Far East.',
  'The claim could not be independently verified. Satellite images published by a private ' +
    'company show an unusual number of vehicles and tents at a base near Ussuriysk.',
  'Neither Moscow nor Pyongyang has confirmed the reports, and both have dismissed earlier ' +
    'accounts of military cooperation as fabrications spread by their adversaries.',
]

/** A small saved page: `head` and `body` go inside the respective elements. */
function page(options: { head?: string; body?: string; html?: string; before?: string }): string {
  const body =
    options.body ??
    `<article><h1>Troops arrive</h1>${EN_PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n')}</article>`
  return (
    `<!DOCTYPE html>${options.before ?? ''}\n<html ${options.html ?? 'lang="en"'}><head>` +
    `<meta charset="utf-8">${options.head ?? ''}</head><body>${body}</body></html>`
  )
}

describe('HTML import: saved German news page', () => {
  const bytes = fixture('de-spiegel-like.html')
  const raw = new TextDecoder().decode(bytes)

  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('reads the metadata', () => {
    const article = extractArticle('de-spiegel-like.html', bytes)
    expect(article).toMatchObject({
      // <title> minus the " | Rundschau Aktuell" suffix
      title: 'Nordkoreanische Soldaten in Russland: Was bisher bekannt ist',
      outlet: 'Rundschau Aktuell',
      authors: ['Anna Berger', 'Jonas Krüger'],
      // canonical wins over og:url and the saved-from comment (which has ?ref=rss)
      url: 'https://www.rundschau-aktuell.example/ausland/nordkorea-soldaten-russland-a-8f3c21.html',
      // 00:30 at +01:00 is the 5th, although the 4th in UTC
      publishedAt: '2024-11-05',
      language: 'de',
      format: 'html',
    })
  })

  it('keeps the article paragraphs, with paragraph and line breaks', () => {
    const { text } = extractArticle('de-spiegel-like.html', bytes)
    const paragraphs = splitParagraphs(text)
    expect(paragraphs[0]).toBe(
      'Nach Angaben westlicher Geheimdienste sind inzwischen mindestens 3.000 Soldaten aus ' +
        'Nordkorea in Russland eingetroffen. Was über ihren Einsatz bekannt ist – und was nicht.',
    )
    expect(paragraphs[1]).toMatch(/^Seit Wochen kursieren Berichte .* hieß es\.$/)
    expect(paragraphs).toContain('Ausbildung im Fernen Osten')
    expect(paragraphs).toContain(
      'Nach Einschätzung südkoreanischer Militärs könnte die Zahl bis Dezember auf rund 10.000 ' +
        'steigen.\nEin Sprecher des Generalstabs sagte, man beobachte die Lage „sehr genau“.',
    )
    expect(paragraphs).toContain(
      '„Wir haben keine Hinweise darauf, dass diese Soldaten bereits an Kampfhandlungen ' +
        'beteiligt sind“, sagte ein Nato-Sprecher in Brüssel.',
    )
    // link text stays, the link does not
    expect(text).toContain('Die Nato forderte Pjöngjang auf, die Truppen zurückzuziehen.')
    expect(text).not.toContain('nato.example')
    expect(paragraphs).toContain('• welche Gegenleistung Nordkorea von Moskau erhält,')
    expect(paragraphs).toContain(
      'Satellitenaufnahme eines Stützpunkts bei Ussurijsk vom 28. Oktober',
    )
    expect(paragraphs.at(-1)).toMatch(/^Südkorea erwägt inzwischen, .* Wochen fallen\.$/)
    expect(text.length).toBeGreaterThan(2000)
    // no paragraph is broken or glued: every source paragraph is exactly one paragraph
    expect(paragraphs.filter((p) => p.includes('Tübingen'))).toHaveLength(1)
    expect(text).not.toMatch(/\n{3,}/)
    expect(text).not.toMatch(/[ \t]\n/)
  })

  it('leaves out title, byline and date line that are metadata already', () => {
    const { text } = extractArticle('de-spiegel-like.html', bytes)
    expect(splitParagraphs(text)[0]).not.toBe(
      'Nordkoreanische Soldaten in Russland: Was bisher bekannt ist',
    )
    expect(text).not.toContain('Von Anna Berger')
  })

  const leaks: [string, string][] = [
    ['inline script', 'alert(1)'],
    ['script output', 'SCRIPT-TEXT-LEAK'],
    ['script at the end', 'LATE-SCRIPT-LEAK'],
    ['style', 'STYLE-TEXT-LEAK'],
    ['hidden element', 'HIDDEN-TEXT-LEAK'],
    ['iframe fallback', 'IFRAME-FALLBACK-TEXT'],
    ['onload handler', 'onload handler ran'],
    ['onerror handler', 'onerror handler ran'],
    ['image alt text', 'Kaputtes Bild'],
    ['tracking pixel', 'tracker.example'],
    ['noscript', 'Bitte aktivieren Sie JavaScript'],
    ['navigation', 'Startseite'],
    ['header link', 'Rundschau+ abonnieren'],
    ['search form', 'Suchen'],
    ['cookie banner', 'Wir verwenden Cookies'],
    ['cookie button', 'Alle akzeptieren'],
    ['ad block', 'Günstige Kredite'],
    ['ad label', 'Anzeige'],
    ['inline ad', 'Tagesgeld'],
    ['share bar', 'Artikel teilen'],
    ['share links', 'WhatsApp'],
    ['related box in the article', 'Beistandspakt'],
    ['newsletter box', 'Morgen-Newsletter'],
    ['newsletter text', 'Postfach'],
    ['related list', 'Weitere Artikel'],
    ['related item', 'Selenskyj warnt'],
    ['comments heading', 'Kommentare (128)'],
    ['comment', 'Propaganda'],
    ['comment author', 'Leser_4711'],
    ['paywall teaser', 'weiterlesen'],
    ['paywall offer', 'vier Wochen gratis'],
    ['footer', 'Impressum'],
    ['footer copyright', '© 2024'],
  ]

  it.each(leaks)('does not let the %s into the text', (_, snippet) => {
    expect(raw).toContain(snippet) // the fixture really has it
    expect(extractArticle('de-spiegel-like.html', bytes).text).not.toContain(snippet)
  })

  it('executes nothing from the page', () => {
    const alert = vi.fn()
    vi.stubGlobal('alert', alert)
    extractArticle('de-spiegel-like.html', bytes)
    expect(alert).not.toHaveBeenCalled()
  })
})

describe('HTML import: Ukrainian page in windows-1251', () => {
  const bytes = fixture('uk-windows-1251.html')

  it('is really not UTF-8', () => {
    expect(findInvalidUtf8(bytes)).toBeGreaterThanOrEqual(0)
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow()
  })

  it('decodes with the declared charset and reads the metadata', () => {
    const article = extractArticle('uk-windows-1251.html', bytes)
    expect(article).toMatchObject({
      title: 'Північнокорейські військові на Курщині: що відомо',
      outlet: 'Новини Полісся',
      authors: ['Олена Коваль', 'Андрій Мельник'],
      url: 'https://polissia-news.example/svit/pivnichnokoreiski-viiskovi-kurshchyna',
      publishedAt: '2024-11-06',
      language: 'uk',
    })
    const paragraphs = splitParagraphs(article.text)
    expect(paragraphs).toHaveLength(5)
    expect(paragraphs[0]).toMatch(/^Головне управління розвідки Міністерства оборони України/)
    expect(article.text).toContain(
      '«Ми бачимо їхнє переміщення і знаємо, де вони перебувають», — сказав він',
    )
    expect(paragraphs[4]).toContain('Ґрунтовні висновки можна буде зробити')
    expect(article.text).not.toContain('\uFFFD')
  })

  it('drops menu, cookie notice, share bar, footer and script', () => {
    const { text } = extractArticle('uk-windows-1251.html', bytes)
    for (const snippet of ['Головна', 'cookie', 'Поділитися', 'Усі права захищено', 'СКРИПТ']) {
      expect(text).not.toContain(snippet)
    }
  })
})

describe('HTML import: character sets', () => {
  const german =
    '<article><h1>Überschrift</h1>' +
    [
      'Die Straße nach Kursk ist gesperrt, berichten Anwohner übereinstimmend. Größere ' +
        'Truppenbewegungen seien seit Tagen zu beobachten, heißt es aus der Region.',
      'Das Verteidigungsministerium äußerte sich zunächst nicht. Auch auf Nachfrage gab es ' +
        'keine Stellungnahme zu den Berichten über ausländische Soldaten.',
    ]
      .map((p) => `<p>${p}</p>`)
      .join('') +
    '</article>'

  it('decodes an iso-8859-1 page declared via http-equiv', () => {
    const html = page({ body: german }).replace(
      '<meta charset="utf-8">',
      '<meta http-equiv="content-type" content="text/html; charset=ISO-8859-1">',
    )
    const bytes = new Uint8Array(Buffer.from(html, 'latin1'))
    expect(findInvalidUtf8(bytes)).toBeGreaterThanOrEqual(0)
    const article = extractArticle('latin1.html', bytes)
    expect(article.text).toContain('Die Straße nach Kursk ist gesperrt')
    expect(article.text).toContain('äußerte sich zunächst nicht')
  })

  it('decodes a windows-1251 Russian page declared with <meta charset>', () => {
    const russian =
      'Это сообщение было опубликовано в четверг. По словам источников, что особенно важно, ' +
      'речь идёт о нескольких тысячах военных, которые уже находятся в Курской области. ' +
      'Эксперты считают, что это может изменить ситуацию на фронте.'
    const html = page({ html: 'lang="ru"', body: `<article><p>${russian}</p></article>` }).replace(
      'charset="utf-8"',
      'charset="windows-1251"',
    )
    const bytes = new Uint8Array(Buffer.from(new TextEncoder().encode(html)))
    // Encode to windows-1251 by hand: А–я are 0xC0–0xFF, ё is 0xB8.
    const encoded: number[] = []
    for (const char of html) {
      const code = char.codePointAt(0) ?? 0
      if (code >= 0x410 && code <= 0x44f) encoded.push(code - 0x410 + 0xc0)
      else if (char === 'ё') encoded.push(0xb8)
      else if (code < 0x80) encoded.push(code)
      else throw new Error(`no windows-1251 byte for ${char}`)
    }
    expect(bytes.length).toBeGreaterThan(encoded.length)
    const article = extractArticle('ru.html', new Uint8Array(encoded))
    expect(article.text).toBe(russian)
    expect(article.language).toBe('ru')
  })

  it('uses UTF-8 when a page was re-encoded on saving but still declares windows-1251', () => {
    const html = page({ body: german }).replace('charset="utf-8"', 'charset="windows-1251"')
    const article = extractArticle('resaved.html', utf8(html))
    expect(article.text).toContain('Die Straße nach Kursk ist gesperrt')
  })

  it('treats a declared UTF-16 charset as UTF-8', () => {
    const html = page({ body: german }).replace('charset="utf-8"', 'charset="utf-16"')
    expect(extractArticle('x.html', utf8(html)).text).toContain('Größere Truppenbewegungen')
  })

  it('rejects invalid UTF-8 when no other charset is declared, with the offset', () => {
    const html = page({ body: german }).replace('<meta charset="utf-8">', '')
    const bytes = new Uint8Array(Buffer.from(html, 'latin1'))
    const offset = Buffer.from(html, 'latin1').indexOf(0xdc) // the "Ü" of "Überschrift"
    const failure = rejection(() => extractArticle('alt.html', bytes))
    expect(failure.message).toContain(`"alt.html" is not valid UTF-8 text`)
    expect(failure.message).toContain(`offset ${offset}`)
    expect(failure.details).toMatchObject({ reason: 'invalid-utf8', offset })
  })

  it('rejects a charset it cannot read', () => {
    const html = page({ body: german }).replace('charset="utf-8"', 'charset="x-mystery-8"')
    const bytes = new Uint8Array(Buffer.from(html, 'latin1'))
    const failure = rejection(() => extractArticle('odd.html', bytes))
    expect(failure.message).toContain('"odd.html" declares the character set "x-mystery-8"')
    expect(failure.details).toMatchObject({ reason: 'unknown-charset', charset: 'x-mystery-8' })
  })

  it('accepts a UTF-8 BOM', () => {
    const article = extractArticle('bom.html', utf8(`\uFEFF${page({ body: german })}`))
    expect(article.text).toContain('Die Straße nach Kursk')
  })
})

describe('HTML import: metadata sources', () => {
  it('prefers og:title and strips the site name before or after it', () => {
    expect(
      extractArticle(
        'a.html',
        utf8(
          page({
            head:
              '<title>Example News – Troops arrive in Russia</title>' +
              '<meta property="og:site_name" content="Example News">',
          }),
        ),
      ).title,
    ).toBe('Troops arrive in Russia')
    expect(
      extractArticle(
        'b.html',
        utf8(
          page({
            head:
              '<title>Something else</title><meta property="og:title" content="Troops arrive | Example News">' +
              '<meta name="application-name" content="Example News">',
          }),
        ),
      ),
    ).toMatchObject({ title: 'Troops arrive', outlet: 'Example News' })
  })

  it('keeps a " | part" when the site name is unknown', () => {
    const article = extractArticle(
      'c.html',
      utf8(page({ head: '<title>Troops arrive | World</title>' })),
    )
    expect(article.title).toBe('Troops arrive | World')
    expect(article.outlet).toBe('')
  })

  it('falls back to the file name when the page has no title', () => {
    const body = `<div>${EN_PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</div>`
    expect(extractArticle('troops-report.htm', utf8(page({ body }))).title).toBe('troops-report')
  })

  it('reads the date from <time datetime>, JSON-LD or date metas', () => {
    const withTime = page({
      body: `<article><time datetime="2024-10-31T23:59:00-05:00">Oct 31</time>${EN_PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</article>`,
    })
    expect(extractArticle('t.html', utf8(withTime)).publishedAt).toBe('2024-10-31')
    const withJsonLd = page({
      head: '<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":["NewsArticle"],"datePublished":"2023-02-28T10:00:00Z","author":[{"@type":"Person","name":"Jane Doe"},{"name":"John Smith"}]}]}</script>',
    })
    expect(extractArticle('j.html', utf8(withJsonLd))).toMatchObject({
      publishedAt: '2023-02-28',
      authors: ['Jane Doe', 'John Smith'],
    })
    const withMeta = page({ head: '<meta name="date" content="05.11.2024">' })
    expect(extractArticle('m.html', utf8(withMeta)).publishedAt).toBe('2024-11-05')
    const withPubdate = page({ head: '<meta name="pubdate" content="20240229">' })
    expect(extractArticle('p.html', utf8(withPubdate)).publishedAt).toBe('2024-02-29')
    const broken = page({
      head: '<script type="application/ld+json">{not json</script><meta name="date" content="someday">',
    })
    expect(extractArticle('x.html', utf8(broken)).publishedAt).toBe('')
  })

  it('reads the URL from og:url, else the "saved from url" comment', () => {
    const og = page({ head: '<meta property="og:url" content="https://news.example/a?x=1">' })
    expect(extractArticle('o.html', utf8(og)).url).toBe('https://news.example/a?x=1')
    const saved = page({ before: '\n<!-- saved from url=(0030)https://news.example/saved-a -->' })
    expect(extractArticle('s.html', utf8(saved)).url).toBe('https://news.example/saved-a')
    const relative = page({
      before: '<!-- saved from url=(0027)https://news.example/x/y/z -->',
      head: '<link rel="canonical" href="/world/story-1">',
    })
    expect(extractArticle('r.html', utf8(relative)).url).toBe('https://news.example/world/story-1')
    const script = page({ head: '<link rel="canonical" href="javascript:alert(1)">' })
    expect(extractArticle('j.html', utf8(script)).url).toBe('')
  })

  it('splits bylines on commas, "and", "und", "і" and "и"', () => {
    const byline = (text: string): string[] =>
      extractArticle(
        'b.html',
        utf8(
          page({
            body: `<article><p class="byline">${text}</p>${EN_PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</article>`,
          }),
        ),
      ).authors
    expect(byline('By Jane Doe, John Smith and Ann Lee')).toEqual([
      'Jane Doe',
      'John Smith',
      'Ann Lee',
    ])
    expect(byline('Иван Петров и Мария Иванова')).toEqual(['Иван Петров', 'Мария Иванова'])
    const meta = page({ head: '<meta name="author" content="Von Anna Berger und Jonas Krüger">' })
    expect(extractArticle('m.html', utf8(meta)).authors).toEqual(['Anna Berger', 'Jonas Krüger'])
  })

  it('takes the language from <html lang>, else detects it', () => {
    expect(extractArticle('a.html', utf8(page({ html: 'lang="en-GB"' }))).language).toBe('en')
    expect(extractArticle('b.html', utf8(page({ html: '' }))).language).toBe('en')
    const russian =
      '<article>' +
      [
        'Это сообщение было опубликовано в четверг. По словам источников, речь идёт о ' +
          'нескольких тысячах военных, которые уже находятся в Курской области.',
        'Эксперты считают, что это может изменить ситуацию на фронте, и что это только начало.',
      ]
        .map((p) => `<p>${p}</p>`)
        .join('') +
      '</article>'
    // A site template that says "en" around a Russian article: the script decides.
    expect(
      extractArticle('c.html', utf8(page({ html: 'lang="en"', body: russian }))).language,
    ).toBe('ru')
    expect(
      extractArticle('d.html', utf8(page({ html: 'lang="ua"', body: russian }))).language,
    ).toBe('uk')
  })
})

describe('HTML import: pages without an article', () => {
  it('rejects a page of only navigation', () => {
    const failure = rejection(() => extractArticle('no-article.html', fixture('no-article.html')))
    expect(failure.code).toBe('import-rejected')
    expect(failure.message).toContain(
      '"no-article.html" contains no article text that Claimdesk could find',
    )
    expect(failure.details).toMatchObject({ file: 'no-article.html', reason: 'no-article' })
  })

  it('rejects a page whose only text is too short', () => {
    const html = page({
      body: '<article><h1>Short</h1><p>Only a teaser sentence here.</p></article>',
    })
    const failure = rejection(() => extractArticle('kurz.html', utf8(html)))
    expect(failure.details).toMatchObject({ reason: 'no-article' })
  })

  it('rejects markup without text and text that is only scripts', () => {
    for (const body of [
      '',
      '<div><img src="a.png"></div>',
      '<script>var text = "' + 'x'.repeat(500) + '"</script>',
    ]) {
      const failure = rejection(() => extractArticle('leer.html', utf8(page({ body }))))
      expect(failure.details).toMatchObject({ reason: 'no-article' })
    }
  })

  it('finds the article when a page-wide wrapper is named like a paywall', () => {
    const body =
      '<div id="page" class="layout has-paywall"><div class="story">' +
      EN_PARAGRAPHS.map((p) => `<p>${p}</p>`).join('') +
      '</div></div>'
    const article = extractArticle('wrapped.html', utf8(page({ body })))
    expect(splitParagraphs(article.text)).toEqual(EN_PARAGRAPHS)
  })

  it('accepts pages that leave out the optional html, head and body tags', () => {
    const html =
      '<!DOCTYPE html><title>Troops arrive | Example News</title>' +
      '<meta property="og:site_name" content="Example News">' +
      EN_PARAGRAPHS.map((p) => `<p>${p}`).join('\n')
    const article = extractArticle('minimal.html', utf8(html))
    expect(article).toMatchObject({ title: 'Troops arrive', outlet: 'Example News' })
    expect(splitParagraphs(article.text)).toEqual(EN_PARAGRAPHS)
  })

  it('accepts an article of plain text in a .html file', () => {
    const article = extractArticle('plain.html', utf8(EN_PARAGRAPHS.join('\n\n')))
    expect(article.text).toContain('at least 3,000 North Korean soldiers')
  })
})

describe('HTML import: hostile input', () => {
  it('rejects pages nested deeper than MAX_HTML_DEPTH instead of stalling', () => {
    const paragraph = `<p>${EN_PARAGRAPHS.join(' ')}</p>`
    const nested = (levels: number): string =>
      `<html><body>${'<div>'.repeat(levels)}${paragraph}${'</div>'.repeat(levels)}</body></html>`
    expect(extractArticle('ok.html', utf8(nested(MAX_HTML_DEPTH - 10))).text).toContain(
      'at least 3,000 North Korean soldiers',
    )
    const failure = rejection(() => extractArticle('tief.html', utf8(nested(3000))))
    expect(failure.message).toContain('"tief.html" nests its HTML elements 3003 levels deep')
    expect(failure.details).toMatchObject({ reason: 'too-deeply-nested', limit: MAX_HTML_DEPTH })
  })

  it('ignores script-looking text in unclosed comments and keeps JSON-LD', () => {
    expect(
      stripScriptsAndStyles(
        '<p>a</p><script>x("<p>")</script><style>p{}</style><!-- <p>c</p> --><p>b</p>' +
          '<script type="application/ld+json">{"a":1}</script><!-- unclosed <p>d</p>',
      ),
    ).toBe('<p>a</p><p>b</p><script type="application/ld+json">{"a":1}</script>')
  })
})

describe('stripSiteName', () => {
  it('strips suffixes and prefixes with common separators, never to nothing', () => {
    expect(stripSiteName('Title | Site', ['Site'])).toBe('Title')
    expect(stripSiteName('Title - Site', ['site'])).toBe('Title')
    expect(stripSiteName('Title — Новини Полісся', ['Новини Полісся'])).toBe('Title')
    expect(stripSiteName('Site: Title', ['Site'])).toBe('Title')
    expect(stripSiteName('Site', ['Site'])).toBe('Site')
    expect(stripSiteName('Sites of war | Site (c)', ['Site (c)'])).toBe('Sites of war')
    expect(stripSiteName('Title | Other', ['Site'])).toBe('Title | Other')
  })
})
