import { createProject, launchUnderTsx, measureOpen } from './reader'
import { installProbes } from './reader-page'
import { median } from './stats'
const app = await launchUnderTsx()
try {
  await createProject(app)
  const { page } = app
  await page
    .context()
    .exposeBinding('__benchInvokeJson', async (_s, channel: unknown, input: unknown) => {
      const r = await app.api.invoke(channel, JSON.parse(String(input)))
      const t = performance.now()
      const s = JSON.stringify(r)
      const ms = performance.now() - t
      if (s.length > 100000) console.log('stringify', ms.toFixed(1), 'ms', s.length, 'chars')
      return s
    })
  await page.reload()
  await page.locator('.article-item').nth(1).waitFor()
  await page.evaluate(installProbes, true)
  const run = async (label: string) => {
    const s = []
    for (let i = 0; i < 4; i++) s.push(await measureOpen(app))
    const f = (k: (x: (typeof s)[0]) => number) => median(s.map(k)).toFixed(0)
    console.log(
      label,
      'get',
      f((x) => x.calls.filter((c) => c.channel === 'articles:get').at(-1)!.end - x.start),
      'dom',
      f((x) => x.commit - x.start),
      'paint',
      f((x) => x.paint - x.start),
    )
  }
  const parse = await page.evaluate(async () => {
    const r = await (window as any).__benchInvokeJson('articles:list', '{}')
    const a = JSON.parse(r)
    const id = a.value[0].id
    const t0 = performance.now()
    const s = await (window as any).__benchInvokeJson('articles:get', JSON.stringify({ id }))
    const t1 = performance.now()
    JSON.parse(s)
    return { call: t1 - t0, parse: performance.now() - t1, len: s.length }
  })
  console.log('in page', parse)
  await run('baseline')
  const rule = (css: string) =>
    page.evaluate((c) => {
      const sheet = document.styleSheets[0]!
      return sheet.insertRule(c, sheet.cssRules.length)
    }, css)
  await rule('.reader-text p { content-visibility: auto; contain-intrinsic-size: auto 120px }')
  await run('content-visibility')
  await page.evaluate(() => {
    const sh = document.styleSheets[0]!
    sh.deleteRule(sh.cssRules.length - 1)
  })
  await rule('.reader-layout > aside, .annotation-panel { display: none !important }')
  await run('panel hidden')
  await rule('.reader-text p { content-visibility: auto; contain-intrinsic-size: auto 120px }')
  await run('both')
  console.log(
    await page.evaluate(() =>
      [...document.querySelectorAll('.reader-layout > *')].map(
        (e) => e.tagName + '.' + e.className,
      ),
    ),
  )
} finally {
  await app.close()
}
