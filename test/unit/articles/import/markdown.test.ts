import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { extractArticle } from '../../../../main/articles/import'
import { extractMarkdown, markdownInlineToText } from '../../../../main/articles/import/markdown'
import { splitParagraphs } from '../../../../shared/text'

const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../../fixtures/import/${name}`, import.meta.url)))

describe('Markdown import: English article with front matter', () => {
  const article = extractArticle('en-front-matter.md', fixture('en-front-matter.md'))
  const paragraphs = splitParagraphs(article.text)

  it('reads title, authors, date, url and outlet from the front matter', () => {
    expect(article).toMatchObject({
      title: 'North Korean troops in Russia: what we know',
      authors: ['Jane Doe', 'John Smith'],
      publishedAt: '2024-11-07',
      url: 'https://www.example-news.example/world/north-korea-troops-russia',
      outlet: 'Example News',
      language: 'en',
      format: 'md',
    })
  })

  it('does not repeat the title heading or show the front matter', () => {
    expect(article.text).not.toContain('North Korean troops in Russia: what we know')
    expect(article.text).not.toContain('title:')
    expect(article.text).not.toContain('north-korea, russia')
    expect(article.text).not.toMatch(/^---$/m)
  })

  it('turns inline syntax into plain text and joins soft-wrapped lines', () => {
    expect(paragraphs[0]).toBe(
      "South Korea's intelligence service says at least 3,000 North Korean soldiers have " +
        'arrived in Russia, and that the number could rise to about 10,000 by December. The ' +
        'claim has not been independently verified.',
    )
  })

  it('drops images, heading markers, code fences, HTML tags and reference definitions', () => {
    expect(article.text).not.toContain('Satellite image of a base')
    expect(article.text).not.toContain('img.example-news.example')
    expect(paragraphs).toContain('What the evidence shows')
    expect(article.text).not.toMatch(/[#`]|\*\*|\]\(|<\/?div/)
    expect(paragraphs).toContain("The agency's report uses the code name Operation Frost:")
    expect(paragraphs).toContain('NIS briefing, 2024-11-04: 3,000 personnel, rotation 1')
    expect(paragraphs).toContain(
      "Editor's note: this story was updated with a statement from NATO.",
    )
    expect(article.text).not.toContain('[verification]')
  })

  it('keeps list items as lines of one paragraph, and quotes as paragraphs', () => {
    expect(paragraphs).toContain(
      '• Satellite images show unusual activity at a base near Ussuriysk\n' +
        '• Officials in Seoul cite intercepted communications\n' +
        '• Moscow has neither confirmed nor denied the reports',
    )
    expect(paragraphs).toContain(
      '"We have no evidence that these soldiers are already taking part in combat," a NATO ' +
        'spokesperson said.',
    )
  })

  it('keeps tables as rows and leaves intraword underscores and lone asterisks alone', () => {
    expect(paragraphs).toContain(
      'Source | Claim\nNIS | 3,000 troops\nPentagon | "several thousand"',
    )
    expect(paragraphs.at(-1)).toBe(
      'Analysts caution that the numbers in file_name_2024 reports vary, and that 3 * 1,000 is ' +
        'only a lower bound.',
    )
  })
})

describe('Markdown import: titles and front matter variants', () => {
  it('takes the first # heading as title when there is no front matter', () => {
    const result = extractMarkdown('Dateline\n\n# Der *echte* Titel\n\nText des Artikels.', 'datei')
    expect(result.title).toBe('Der echte Titel')
    expect(result.text).toBe('Dateline\n\nText des Artikels.')
  })

  it('accepts a setext title', () => {
    const result = extractMarkdown('Titel hier\n==========\n\nErster Absatz.', 'datei')
    expect(result.title).toBe('Titel hier')
    expect(result.text).toBe('Erster Absatz.')
  })

  it('uses the file name without a title heading, and keeps ## headings in the text', () => {
    const result = extractMarkdown('## Zwischentitel\n\nText.', 'mein-bericht')
    expect(result.title).toBe('mein-bericht')
    expect(result.text).toBe('Zwischentitel\n\nText.')
  })

  it('keeps a # heading that differs from the front-matter title', () => {
    const result = extractMarkdown('---\ntitle: Front\n---\n# Heading\n\nBody.', 'f')
    expect(result.title).toBe('Front')
    expect(result.text).toBe('Heading\n\nBody.')
  })

  it('reads quoted values, inline author lists, "source" as outlet, language and CRLF', () => {
    const source =
      "---\r\ntitle: 'It''s here' # comment\r\nauthor: [Anna Berger, \"Jonas Krüger\"]\r\n" +
      'source: DER SPIEGEL\r\nurl: https://news.example/a\r\ndate: "5. November 2024"\r\n' +
      'lang: de\r\n---\r\nDer Text ist kurz.\r\n'
    expect(extractMarkdown(source, 'f')).toEqual({
      title: "It's here",
      text: 'Der Text ist kurz.',
      outlet: 'DER SPIEGEL',
      authors: ['Anna Berger', 'Jonas Krüger'],
      url: 'https://news.example/a',
      publishedAt: '2024-11-05',
      language: 'de',
    })
  })

  it('splits a single author string and reads "- name:" items', () => {
    expect(
      extractMarkdown('---\nauthor: Олена Коваль і Андрій Мельник\n---\nТекст', 'f').authors,
    ).toEqual(['Олена Коваль', 'Андрій Мельник'])
    expect(
      extractMarkdown(
        '---\nauthors:\n  - name: Jane Doe\n    twitter: jd\n  - name: John Smith\n---\nx',
        'f',
      ).authors,
    ).toEqual(['Jane Doe', 'John Smith'])
  })

  it('treats a leading --- block that is not YAML as text', () => {
    const result = extractMarkdown('---\nJust a rule, then text.\n---\n\nMore text.', 'f')
    expect(result.text).toContain('Just a rule, then text.')
    expect(result.text).toContain('More text.')
  })

  it('keeps hard line breaks and ordered list numbers', () => {
    const result = extractMarkdown(
      'Zeile eins  \nZeile zwei\\\nZeile drei\n\n1. erstens\n2) zweitens',
      'f',
    )
    expect(result.text).toBe('Zeile eins\nZeile zwei\nZeile drei\n\n1. erstens\n2. zweitens')
  })
})

describe('Markdown import: hostile input', () => {
  it('stays fast on unclosed brackets, markers, fences and comments', () => {
    const evil =
      '['.repeat(20000) +
      '`'.repeat(20000) +
      '*'.repeat(20000) +
      '[^'.repeat(10000) +
      '**a '.repeat(10000) +
      '\n# ' +
      ' '.repeat(20000) +
      'x\n' +
      '<!--'.repeat(5000)
    const started = performance.now()
    extractMarkdown(evil, 'evil')
    expect(performance.now() - started).toBeLessThan(5000)
  })
})

describe('markdownInlineToText', () => {
  it.each([
    ['**fett** und __auch__', 'fett und auch'],
    ['*kursiv* und _auch_', 'kursiv und auch'],
    ['***beides***', 'beides'],
    ['~~gestrichen~~', 'gestrichen'],
    ['[Linktext](https://x.example/a_(b) "Titel")', 'Linktext'],
    ['[Ref-Link][1] und [kurz][]', 'Ref-Link und kurz'],
    ['Bild: ![Alt](bild.png) weg', 'Bild:  weg'],
    ['`**kein fett**` im Code', '**kein fett** im Code'],
    ['\\*kein kursiv\\*', '*kein kursiv*'],
    ['<https://news.example/a>', 'https://news.example/a'],
    ['Text<br>neue Zeile <span class="x">mit</span> Tag', 'Text\nneue Zeile mit Tag'],
    ['Fußnote[^1] hier', 'Fußnote hier'],
    ['&quot;Zitat&quot; &amp; &#8222;mehr&#x201C;', '"Zitat" & „mehr“'],
    ['snake_case_name und 2 * 3 * 4', 'snake_case_name und 2 * 3 * 4'],
  ])('%s → %s', (input, expected) => {
    expect(markdownInlineToText(input)).toBe(expected)
  })
})
