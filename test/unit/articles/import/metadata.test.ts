import { describe, expect, it } from 'vitest'
import { splitAuthors } from '../../../../main/articles/import/authors'
import { normalizeDate } from '../../../../main/articles/import/dates'
import { savedFromUrl } from '../../../../main/articles/import/html-metadata'
import { looksLikeNoise } from '../../../../main/articles/import/html-clean'
import { parseHtmlDocument } from '../../../../main/articles/import/dom'

describe('normalizeDate', () => {
  it.each([
    ['2024-11-05', '2024-11-05'],
    ['2024-11-05T00:30:00+01:00', '2024-11-05'],
    ['2024-11-05T23:30:00-08:00', '2024-11-05'],
    ['2024-11-05 14:32:00', '2024-11-05'],
    ['2024/1/5', '2024-01-05'],
    ['20241105', '2024-11-05'],
    ['05.11.2024', '2024-11-05'],
    ['5.11.2024, 14:32 Uhr', '2024-11-05'],
    ['Tue, 05 Nov 2024 14:32:00 GMT', '2024-11-05'],
    ['5. November 2024', '2024-11-05'],
    ['November 5, 2024', '2024-11-05'],
    ['Nov. 5th 2024', '2024-11-05'],
    ['5 März 2024', '2024-03-05'],
    ['5 ноября 2024 г.', '2024-11-05'],
    ['6 листопада 2024', '2024-11-06'],
    ['1 мая 2024', '2024-05-01'],
    ['12 марта 2023', '2023-03-12'],
    ['2024-02-30', ''],
    ['2023-02-29', ''],
    ['2024-13-01', ''],
    ['31.04.2024', ''],
    ['yesterday', ''],
    ['', ''],
    ['5 Foo 2024', ''],
  ])('%s → %s', (input, expected) => {
    expect(normalizeDate(input)).toBe(expected)
  })
})

describe('splitAuthors', () => {
  it.each([
    ['Von Anna Berger und Jonas Krüger', ['Anna Berger', 'Jonas Krüger']],
    ['By Jane Doe and John Smith', ['Jane Doe', 'John Smith']],
    ['Jane Doe, John Smith, Ann Lee', ['Jane Doe', 'John Smith', 'Ann Lee']],
    ['Олена Коваль і Андрій Мельник', ['Олена Коваль', 'Андрій Мельник']],
    ['Автор: Иван Петров и Мария Иванова', ['Иван Петров', 'Мария Иванова']],
    ['Anna Berger; Anna Berger', ['Anna Berger']],
    ['Jane Doe, https://twitter.com/janedoe, jane@news.example', ['Jane Doe']],
    ['  ', []],
    ['Sandro Andreotti', ['Sandro Andreotti']],
    ['Ivanka Marić', ['Ivanka Marić']],
  ])('%s', (byline, expected) => {
    expect(splitAuthors(byline)).toEqual(expected)
  })
})

describe('savedFromUrl', () => {
  it('reads the comment browsers write, honouring the declared length', () => {
    expect(savedFromUrl('<!-- saved from url=(0022)https://news.example/ -->\n<html>')).toBe(
      'https://news.example/',
    )
    expect(savedFromUrl('<!-- saved from url=(0014)about:internet -->')).toBe('')
    expect(
      savedFromUrl(
        '<html><!--\n Page saved with SingleFile \n url: https://news.example/x \n saved date: Tue -->',
      ),
    ).toBe('https://news.example/x')
    expect(savedFromUrl('<html><body>no comment</body></html>')).toBe('')
  })
})

describe('looksLikeNoise', () => {
  const element = (attributes: string) =>
    parseHtmlDocument(`<div ${attributes}>x</div>`).querySelector('div')

  it.each([
    ['class="cookie-banner"', true],
    ['id="CybotCookiebotDialog"', true],
    ['class="ad-slot"', true],
    ['class="AdContainer"', true],
    ['class="paywall-teaser"', true],
    ['class="newsletter-box"', true],
    ['class="article-share"', true],
    ['class="related-articles"', true],
    ['id="comments"', true],
    ['class="sr-only"', true],
    ['class="article-header"', false],
    ['class="shadow"', false],
    ['class="article--commentary"', false],
    ['class="heading load-more"', false],
    ['class="article-body"', false],
    ['', false],
  ])('%s → %s', (attributes, expected) => {
    const div = element(attributes)
    expect(div).not.toBeNull()
    if (div) expect(looksLikeNoise(div)).toBe(expected)
  })
})
