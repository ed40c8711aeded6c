import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { containerDate } from '../../../main/evidence/media-metadata'
import { countPdfPages } from '../../../main/evidence/pdf-pages'
import { FIXTURE_PDF_PAGES, mediaFixture } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'

describe('media metadata details', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>
  beforeAll(async () => {
    dir = await tempDir('claimdesk-metadata-')
  })
  afterAll(() => dir.cleanup())

  it('reads container dates as ISO timestamps; zero dates mean unset', () => {
    expect(containerDate('2026-03-01 10:00:00 UTC')).toBe('2026-03-01T10:00:00.000Z')
    expect(containerDate('2026-03-01T11:00:00+01:00')).toBe('2026-03-01T10:00:00.000Z')
    expect(containerDate('1904-01-01 00:00:00 UTC')).toBeNull()
    expect(containerDate('1970-01-01 00:00:00 UTC')).toBeNull()
    // A local time without a zone cannot be placed on the timeline.
    expect(containerDate('2026-03-01 10:00:00')).toBeNull()
    expect(containerDate(undefined)).toBeNull()
  })

  it('counts PDF pages from the page tree or the linearisation header, else says unknown', async () => {
    expect(await countPdfPages(await mediaFixture('doc.pdf'))).toBe(FIXTURE_PDF_PAGES)
    const linearized = join(dir.path, 'linearized.pdf')
    await writeFile(
      linearized,
      '%PDF-1.7\n1 0 obj\n<< /Linearized 1 /L 9000 /N 12 /T 8000 >>\nendobj\n%%EOF\n',
    )
    expect(await countPdfPages(linearized)).toBe(12)
    const compressed = join(dir.path, 'object-streams.pdf')
    await writeFile(
      compressed,
      '%PDF-1.7\n1 0 obj\n<< /Type /ObjStm /N 3 >>\nstream\nxx\nendstream\nendobj\n',
    )
    expect(await countPdfPages(compressed)).toBeNull()
  })
})
