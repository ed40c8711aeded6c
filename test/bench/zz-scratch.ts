import { CodePointIndex, describeRange, reanchorAll } from '../../shared/anchoring'
import { readerArticle, removeBoilerplate, fixTypos, insertParagraph } from './reader-fixture'
const a = readerArticle()
const idx = new CodePointIndex(a.text)
const targets = a.spans.map((s) => describeRange(idx, s.start, s.end))
const which = process.argv[2] ?? 'b'
const nt = which === 'b' ? removeBoilerplate(a.text, a.boilerplateStart) : which === 'c' ? fixTypos(a.text, a.typos) : insertParagraph(a.text, 2)
const times: number[] = []
for (let i = 0; i < 60; i++) {
  const t = performance.now()
  const ix = new CodePointIndex(nt)
  const t1 = performance.now()
  reanchorAll(ix, targets, which === 'd' ? undefined : { oldText: a.text })
  times.push(performance.now() - t)
  if (i === 59) console.log('index', t1 - t)
}
times.sort((x, y) => x - y)
console.log(which, 'min', times[0], 'med', times[30], 'p95', times[56], 'max', times[59])
