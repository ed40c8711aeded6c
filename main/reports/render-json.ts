/**
 * The report model as JSON, for scripts and archives: the same data the other formats show,
 * with ids next to the labels. Captured frames' PNG bytes are left out (each frame keeps its
 * path and SHA-256); `version` names the model's shape.
 */
import type { ReportModel } from './report-model'

/** Renders the report model as pretty-printed JSON text. */
export function renderJson(model: ReportModel): string {
  const json = JSON.stringify(
    model,
    (key, value: unknown) => (key === 'png' && value instanceof Uint8Array ? undefined : value),
    2,
  )
  return `${json}\n`
}
