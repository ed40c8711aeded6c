import { useEffect, useState } from 'react'
import type { StandardExportFormat, StandardImportFormat } from '../../shared/exchange-types'
import { onStandardExportRequest, onStandardImportRequest } from '../app/commands'
import { asExportFormat, asImportFormat } from './exchange-formats'
import { StandardExportDialog } from './StandardExportDialog'
import { StandardImportDialog } from './StandardImportDialog'

type Open =
  | { kind: 'export'; format: StandardExportFormat; n: number }
  | { kind: 'import'; format: StandardImportFormat; n: number }

/**
 * The standard-format export and import dialogs of the open project, opened by the menu (with
 * the format its item named) and by the buttons in the Reports view.
 */
export function ExchangeDialogs({ projectName }: { projectName: string }) {
  const [open, setOpen] = useState<Open | null>(null)
  useEffect(
    () =>
      onStandardExportRequest((format) =>
        setOpen((o) => ({
          kind: 'export',
          format: asExportFormat(format) ?? 'w3c',
          n: (o?.n ?? 0) + 1,
        })),
      ),
    [],
  )
  useEffect(
    () =>
      onStandardImportRequest((format) =>
        setOpen((o) => ({
          kind: 'import',
          format: asImportFormat(format) ?? 'w3c',
          n: (o?.n ?? 0) + 1,
        })),
      ),
    [],
  )
  if (!open) return null
  // A new key per request: asking again starts the dialog afresh.
  return open.kind === 'export' ? (
    <StandardExportDialog
      key={open.n}
      projectName={projectName}
      initialFormat={open.format}
      onClose={() => setOpen(null)}
    />
  ) : (
    <StandardImportDialog key={open.n} initialFormat={open.format} onClose={() => setOpen(null)} />
  )
}
