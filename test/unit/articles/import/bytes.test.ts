import { describe, expect, it } from 'vitest'
import {
  findBinaryContent,
  findInvalidUtf8,
  lineAtOffset,
  sniffBinarySignature,
} from '../../../../main/articles/import/bytes'
import { declaredHtmlCharset } from '../../../../main/articles/import/decode'

const bytesOf = (...parts: (string | number[])[]): Uint8Array =>
  new Uint8Array(
    parts.flatMap((part) =>
      typeof part === 'string' ? [...new TextEncoder().encode(part)] : part,
    ),
  )

describe('findInvalidUtf8', () => {
  it.each([
    ['valid ASCII', bytesOf('hello'), -1],
    ['valid 2-, 3- and 4-byte characters', bytesOf('Grüße, Привіт, 北, 😀'), -1],
    ['empty input', new Uint8Array(0), -1],
    ['0xC3 0x28 after valid text', bytesOf('Straße ', [0xc3, 0x28], ' x'), 8],
    ['a stray continuation byte', bytesOf('a', [0x80]), 1],
    ['overlong 2-byte form', bytesOf('ab', [0xc0, 0x80]), 2],
    ['overlong 3-byte form', bytesOf([0xe0, 0x80, 0x80]), 0],
    ['overlong 4-byte form', bytesOf([0xf0, 0x80, 0x80, 0x80]), 0],
    ['a UTF-16 surrogate', bytesOf('x', [0xed, 0xa0, 0x80]), 1],
    ['a code point above U+10FFFF', bytesOf([0xf4, 0x90, 0x80, 0x80]), 0],
    ['0xF5', bytesOf('ok', [0xf5, 0x80, 0x80, 0x80]), 2],
    ['0xFF', bytesOf([0xff]), 0],
    ['a sequence truncated at the end', bytesOf('ab', [0xe2, 0x82]), 2],
    ['a sequence interrupted by ASCII', bytesOf('€', [0xe2, 0x82, 0x41]), 3],
    ['a windows-1251 letter', bytesOf('Ok: ', [0xcf, 0xf0, 0xe8]), 4],
  ])('%s', (_, bytes, expected) => {
    expect(findInvalidUtf8(bytes)).toBe(expected)
    const fatal = (): string => new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    if (expected < 0) expect(fatal).not.toThrow()
    else expect(fatal).toThrow()
  })

  it('agrees with TextDecoder on where the first replacement character starts', () => {
    // Deterministic pseudo-random mix of valid characters and arbitrary bytes.
    let seed = 0x2f6b1a3c
    const random = (): number => {
      seed = (seed + 0x6d2b79f5) | 0
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
    const pieces = ['a', ' ', 'ß', 'ї', '€', '😀', '\n']
    for (let round = 0; round < 3000; round++) {
      const parts: number[] = []
      const length = 1 + Math.floor(random() * 12)
      for (let i = 0; i < length; i++) {
        if (random() < 0.7) {
          parts.push(...new TextEncoder().encode(pieces[Math.floor(random() * pieces.length)]))
        } else {
          parts.push(Math.floor(random() * 256))
        }
      }
      const bytes = new Uint8Array(parts)
      const offset = findInvalidUtf8(bytes)
      const lenient = new TextDecoder('utf-8').decode(bytes)
      if (offset < 0) {
        expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).not.toThrow()
        continue
      }
      const before = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, offset))
      expect(lenient.startsWith(`${before}\uFFFD`), `bytes ${[...bytes].join(',')}`).toBe(true)
    }
  })
})

describe('lineAtOffset', () => {
  it('counts LF, CRLF and CR line breaks', () => {
    const bytes = bytesOf('a\nb\r\nc\rd')
    expect(lineAtOffset(bytes, 0)).toBe(1)
    expect(lineAtOffset(bytes, 2)).toBe(2)
    expect(lineAtOffset(bytes, 5)).toBe(3)
    expect(lineAtOffset(bytes, 7)).toBe(4)
  })
})

describe('binary detection', () => {
  it('knows common signatures and nothing in ordinary text', () => {
    expect(sniffBinarySignature(bytesOf([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(
      'a PNG image',
    )
    expect(sniffBinarySignature(bytesOf('%PDF-1.4\n'))).toBe('a PDF document')
    expect(sniffBinarySignature(bytesOf([0, 0, 0, 0x18], 'ftypmp42'))).toContain('MP4')
    expect(sniffBinarySignature(bytesOf('PK is short for …'))).toBeNull()
    expect(sniffBinarySignature(bytesOf('<!DOCTYPE html>'))).toBeNull()
    expect(sniffBinarySignature(bytesOf('GIF'))).toBeNull()
  })

  it('finds NUL bytes, UTF-16 and control-character noise', () => {
    expect(findBinaryContent(bytesOf('text'))).toBeNull()
    expect(findBinaryContent(bytesOf('tab\tand\r\nform\ffeed'))).toBeNull()
    expect(findBinaryContent(bytesOf('ab', [0], 'cd'))).toEqual({ kind: 'nul', offset: 2 })
    expect(findBinaryContent(bytesOf([0xfe, 0xff, 0, 0x41]))).toEqual({ kind: 'utf16', bom: true })
    expect(findBinaryContent(new Uint8Array(Buffer.from('plain words', 'utf16le')))).toEqual({
      kind: 'utf16',
      bom: false,
    })
    expect(findBinaryContent(bytesOf([1, 2, 3, 4, 5], 'abc'))).toMatchObject({ kind: 'control' })
  })
})

describe('declaredHtmlCharset', () => {
  it.each([
    ['<meta charset="windows-1251">', 'windows-1251'],
    ["<meta charset='koi8-r' />", 'koi8-r'],
    ['<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=iso-8859-1">', 'iso-8859-1'],
    ['<meta content="text/html;charset=cp1251" http-equiv="content-type">', 'cp1251'],
    ['<?xml version="1.0" encoding="windows-1252"?><html>', 'windows-1252'],
    ['<!-- <meta charset="koi8-r"> --><meta charset="utf-8">', 'utf-8'],
    ['<html><head><title>x</title>', null],
  ])('%s → %s', (html, expected) => {
    expect(declaredHtmlCharset(new TextEncoder().encode(html))).toBe(expected)
  })
})
