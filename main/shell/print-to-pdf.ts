import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PrintToPdf } from '../reports/pdf'
import { createSecureWindow } from './security'

/**
 * Prints report HTML to PDF in a hidden window: sandboxed, JavaScript off, in a session of its
 * own (the app's CSP header would block the report's inline styles; the report brings its own
 * policy). The HTML goes through a temporary file, as data: URLs stop at 2 MB.
 */
export const printToPdfInWindow: PrintToPdf = async (html) => {
  const dir = await mkdtemp(join(tmpdir(), 'claimdesk-print-'))
  const window = createSecureWindow(
    { show: false, width: 794, height: 1123 },
    { javascript: false, partition: 'claimdesk-print' },
  )
  try {
    const file = join(dir, 'report.html')
    await writeFile(file, html, 'utf8')
    await window.loadFile(file)
    return await window.webContents.printToPDF({
      pageSize: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
    })
  } finally {
    window.destroy()
    await rm(dir, { recursive: true, force: true })
  }
}
