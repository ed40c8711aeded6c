/**
 * Try the UI headless: builds nothing, expects `npm run build` to have run.
 *   npx tsx test/harness/try.ts [screenshot-name]
 */
import { launchApp } from './app-harness'

const app = await launchApp()
try {
  const file = await app.screenshot(process.argv[2] ?? 'try-start-screen')
  console.log(`Screenshot written to ${file}`)
} finally {
  await app.close()
}
