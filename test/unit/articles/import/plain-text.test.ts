import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { extractArticle } from '../../../../main/articles/import'
import { splitParagraphs } from '../../../../shared/text'

const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../../fixtures/import/${name}`, import.meta.url)))
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

describe('plain-text import', () => {
  it('reads a Russian article: first line as title, the rest as paragraphs', () => {
    const article = extractArticle('ru-article.txt', fixture('ru-article.txt'))
    expect(article).toMatchObject({
      title: 'Северокорейские военные прибыли в Курскую область',
      outlet: '',
      authors: [],
      url: '',
      publishedAt: '',
      language: 'ru',
      format: 'txt',
    })
    const paragraphs = splitParagraphs(article.text)
    expect(paragraphs).toHaveLength(4)
    expect(paragraphs[0]).toMatch(/^По данным южнокорейской разведки, .* не комментируют\.$/)
    expect(article.text).not.toContain('Северокорейские военные прибыли')
  })

  it('uses the file name when the first line is not followed by a blank line', () => {
    const article = extractArticle('notiz 2024.txt', utf8('Zeile eins\nZeile zwei\n\nAbsatz.'))
    expect(article.title).toBe('notiz 2024')
    expect(article.text).toBe('Zeile eins\nZeile zwei\n\nAbsatz.')
  })

  it('uses the file name when the first line is longer than 200 characters', () => {
    const long = 'a'.repeat(201)
    const article = extractArticle('lang.txt', utf8(`${long}\n\nRest.`))
    expect(article.title).toBe('lang')
    expect(article.text).toBe(`${long}\n\nRest.`)
    const exact = extractArticle('genau.txt', utf8(`${'ü'.repeat(200)}\n\nRest.`))
    expect(exact.title).toBe('ü'.repeat(200))
  })

  it('uses the file name when nothing follows the title line', () => {
    const article = extractArticle('nur-titel.txt', utf8('Nur ein Titel\n\n\n'))
    expect(article.title).toBe('nur-titel')
    expect(article.text).toBe('Nur ein Titel')
  })

  it('skips leading blank lines and normalises line endings and NFC', () => {
    const article = extractArticle(
      'crlf.txt',
      utf8('\r\n\r\n  Titel\r\n\r\nA\u0308rger im\r\nText.   \r\n\r\n\r\n\r\nEnde.'),
    )
    expect(article.title).toBe('Titel')
    expect(article.text).toBe('Ärger im\nText.\n\nEnde.')
  })
})
