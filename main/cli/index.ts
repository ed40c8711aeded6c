/**
 * `claimdesk`: the headless command line (plain Node, no Electron). `npm run cli -- <command>`
 * runs it from the sources; `npm run build:cli` bundles it to out/cli/claimdesk.mjs (the
 * package's `bin`).
 */
import { runCli } from './run'

process.exitCode = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
})
