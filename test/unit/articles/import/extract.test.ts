import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { AppFailure } from '../../../../shared/result'
import {
  MAX_IMPORT_BYTES,
  detectLanguage,
  extractArticle,
  formatForFileName,
} from '../../../../main/articles/import'

const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../../fixtures/import/${name}`, import.meta.url)))
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

/** The AppFailure that `run` throws; fails the test when it throws nothing or something else. */
function rejection(run: () => unknown): AppFailure {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(AppFailure)
    return error as AppFailure
  }
  throw new Error('expected an import-rejected failure')
}

describe('extractArticle: formats by extension', () => {
  it('maps .txt, .md, .markdown, .html and .htm case-insensitively', () => {
    expect(formatForFileName('a.txt')).toBe('txt')
    expect(formatForFileName('a.MD')).toBe('md')
    expect(formatForFileName('a.markdown')).toBe('md')
    expect(formatForFileName('Seite.HTML')).toBe('html')
    expect(formatForFileName('seite.htm')).toBe('html')
    expect(formatForFileName('C:\\Users\\x\\Downloads\\seite.htm')).toBe('html')
    expect(formatForFileName('bericht.pdf')).toBeNull()
    expect(formatForFileName('README')).toBeNull()
    expect(formatForFileName('.txt')).toBeNull()
  })

  it('rejects other extensions, naming the file and the supported ones', () => {
    for (const name of ['bericht.pdf', 'artikel.docx', 'README', 'notes.txt.bak']) {
      const failure = rejection(() => extractArticle(name, utf8('Some text')))
      expect(failure.code).toBe('import-rejected')
      expect(failure.message).toContain(`"${name}" is not a supported article file`)
      expect(failure.message).toContain('import .txt, .md or .html')
      expect(failure.details).toMatchObject({ file: name, reason: 'unsupported-format' })
    }
  })

  it('reports only the base name of a path', () => {
    const article = extractArticle('/home/anna/Downloads/notiz.txt', utf8('Hallo'))
    expect(article.fileName).toBe('notiz.txt')
    expect(article.title).toBe('notiz')
  })
})

describe('extractArticle: file facts', () => {
  it('hashes the original bytes with SHA-256', () => {
    const bytes = fixture('de-spiegel-like.html')
    const article = extractArticle('de-spiegel-like.html', bytes)
    expect(article.sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
    expect(article.byteLength).toBe(bytes.length)
    expect(article.fileName).toBe('de-spiegel-like.html')
    expect(article.format).toBe('html')
  })

  it('matches the published SHA-256 test vector for "abc"', () => {
    const article = extractArticle('abc.txt', utf8('abc'))
    expect(article.sha256).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(article.byteLength).toBe(3)
  })

  it('hashes the undecoded bytes of a windows-1251 page, not its decoded text', () => {
    const bytes = fixture('uk-windows-1251.html')
    const article = extractArticle('uk-windows-1251.html', bytes)
    expect(article.sha256).toBe(createHash('sha256').update(Buffer.from(bytes)).digest('hex'))
    expect(article.sha256).not.toBe(createHash('sha256').update(article.text, 'utf8').digest('hex'))
  })

  it('re-exports detectLanguage and the size limit', () => {
    expect(MAX_IMPORT_BYTES).toBe(20 * 1024 * 1024)
    expect(detectLanguage('Das ist nicht die Frage, und der Bericht ist falsch.')).toBe('de')
  })
})

describe('extractArticle: rejected files', () => {
  it('rejects an empty file', () => {
    const failure = rejection(() => extractArticle('empty.txt', fixture('empty.txt')))
    expect(failure.code).toBe('import-rejected')
    expect(failure.message).toContain('"empty.txt" is empty (0 bytes)')
    expect(failure.details).toMatchObject({ file: 'empty.txt', reason: 'empty' })
  })

  it('rejects a file of only whitespace, BOM and zero-width spaces', () => {
    const bytes = utf8('\uFEFF  \n\t\r\n \u00A0\u200B\n')
    for (const name of ['blank.txt', 'blank.md', 'blank.html']) {
      const failure = rejection(() => extractArticle(name, bytes))
      expect(failure.message).toContain(`"${name}" contains only blank space`)
      expect(failure.details).toMatchObject({ file: name, reason: 'empty' })
    }
  })

  it('rejects files over MAX_IMPORT_BYTES, stating size and limit', () => {
    const bytes = new Uint8Array(MAX_IMPORT_BYTES + 5 * 1024 * 1024).fill(0x61)
    const failure = rejection(() => extractArticle('riesig.txt', bytes))
    expect(failure.message).toContain('"riesig.txt" is 25 MB')
    expect(failure.message).toContain('more than the 20 MB')
    expect(failure.details).toMatchObject({
      reason: 'too-large',
      byteLength: bytes.length,
      limit: MAX_IMPORT_BYTES,
    })
  })

  it('gives the exact byte count when the file is just over the limit', () => {
    const bytes = new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x61)
    const failure = rejection(() => extractArticle('knapp.txt', bytes))
    expect(failure.message).toContain('"knapp.txt" is 20 MB (20,971,521 bytes)')
  })

  it('accepts a file of exactly MAX_IMPORT_BYTES', () => {
    const bytes = new Uint8Array(MAX_IMPORT_BYTES).fill(0x61)
    expect(extractArticle('genau.txt', bytes).byteLength).toBe(MAX_IMPORT_BYTES)
  })

  it('rejects a PNG renamed to .txt as a PNG image', () => {
    const failure = rejection(() =>
      extractArticle('binary-renamed.txt', fixture('binary-renamed.txt')),
    )
    expect(failure.message).toContain('"binary-renamed.txt" looks like a PNG image, not text')
    expect(failure.details).toMatchObject({ reason: 'binary', detected: 'a PNG image' })
  })

  it.each([
    ['PDF', [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a], 'a PDF document'],
    ['ZIP', [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00], 'a ZIP archive'],
    ['JPEG', [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46], 'a JPEG image'],
    ['GIF', [0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00], 'a GIF image'],
  ])('rejects %s bytes by their signature', (_, header, kind) => {
    const bytes = new Uint8Array([...header, ...utf8(' then some text that looks harmless')])
    const failure = rejection(() => extractArticle('umbenannt.html', bytes))
    expect(failure.message).toContain(`"umbenannt.html" looks like ${kind}`)
    expect(failure.message).toContain('not text')
  })

  it('rejects NUL bytes, naming the offset', () => {
    const bytes = new Uint8Array([...utf8('Anfang des Textes'), 0x00, ...utf8('Rest')])
    const failure = rejection(() => extractArticle('nul.txt', bytes))
    expect(failure.message).toContain('"nul.txt" contains binary data (a NUL byte at offset 17)')
    expect(failure.details).toMatchObject({ reason: 'binary', offset: 17 })
  })

  it('rejects a high share of control characters', () => {
    const bytes = new Uint8Array(400)
    for (let i = 0; i < bytes.length; i++) bytes[i] = i % 3 === 0 ? 0x01 + (i % 7) : 0x41
    const failure = rejection(() => extractArticle('steuer.md', bytes))
    expect(failure.message).toMatch(/"steuer\.md" contains binary data \(\d+% control characters\)/)
  })

  it('keeps text with the odd form feed or escape character', () => {
    const article = extractArticle('ok.txt', utf8('Seite eins\fSeite zwei \u001b ist ok'))
    expect(article.text).toContain('Seite zwei')
  })

  it('rejects UTF-16 text with and without byte-order mark', () => {
    const text = 'Hello, this is UTF-16 text.'
    const le = new Uint8Array(Buffer.from(text, 'utf16le'))
    const withBom = new Uint8Array([0xff, 0xfe, ...le])
    for (const bytes of [le, withBom]) {
      const failure = rejection(() => extractArticle('utf16.txt', bytes))
      expect(failure.message).toContain('"utf16.txt" is saved as UTF-16')
      expect(failure.details).toMatchObject({ reason: 'utf16' })
    }
  })

  it('reports the byte offset and line of the first invalid UTF-8 sequence', () => {
    const bytes = fixture('invalid-utf8.txt')
    // The fixture is valid text (with multi-byte ß, Ü) up to 0xC3 0x28 at byte 95.
    expect([bytes[95], bytes[96]]).toEqual([0xc3, 0x28])
    expect(() =>
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 95)),
    ).not.toThrow()
    expect(new TextDecoder().decode(bytes.subarray(0, 95)).length).toBeLessThan(95)
    const failure = rejection(() => extractArticle('invalid-utf8.txt', bytes))
    expect(failure.message).toContain('"invalid-utf8.txt" is not valid UTF-8 text')
    expect(failure.message).toContain('offset 95 (line 3)')
    expect(failure.message).toContain('UTF-8')
    expect(failure.details).toEqual({
      file: 'invalid-utf8.txt',
      reason: 'invalid-utf8',
      offset: 95,
      line: 3,
    })
  })

  it('rejects windows-1251 plain text (no charset can be declared there)', () => {
    const bytes = new Uint8Array([0xcf, 0xf0, 0xe8, 0xe2, 0xb3, 0xf2, 0x21]) // "Привіт!"
    const failure = rejection(() => extractArticle('cp1251.txt', bytes))
    expect(failure.message).toContain('offset 0 (line 1)')
    expect(failure.message).toContain('Windows-1251')
  })

  it('accepts a UTF-8 byte-order mark and drops it', () => {
    const article = extractArticle('bom.txt', utf8('\uFEFFÜberschrift\n\nText mit Umlauten: äöü.'))
    expect(article.title).toBe('Überschrift')
    expect(article.text).toBe('Text mit Umlauten: äöü.')
  })
})
