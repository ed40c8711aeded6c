/**
 * PDF through a browser engine: the report's HTML printed to A4 by whoever can print. The
 * shell passes Electron's `webContents.printToPDF` (in a hidden window); tests pass Chromium
 * through playwright-core. No Electron import here, so this stays testable in plain Node.
 */
import { AppFailure } from '../../shared/result'
import type { ReportModel } from './report-model'
import { renderHtml } from './render-html'

/**
 * Prints a complete HTML document to PDF bytes. The document is self-contained (no scripts, no
 * external resources); the printer should honour its CSS page size (A4) and print backgrounds.
 */
export type PrintToPdf = (html: string) => Promise<Buffer>

/** Renders the report as PDF with `printToPdf`; a result that is not a PDF is an `internal` failure. */
export async function renderPdf(model: ReportModel, printToPdf: PrintToPdf): Promise<Buffer> {
  const pdf = await printToPdf(renderHtml(model))
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') {
    throw new AppFailure('internal', 'Printing the report did not produce a PDF file.')
  }
  return pdf
}
