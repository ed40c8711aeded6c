import { extractArticle } from './index'
const para = '<p>' + 'Some words here and there in a sentence. '.repeat(10) + '</p>'
for (const [name, h] of [['nested250', '<html><body>' + '<div>'.repeat(250) + para + '</div>'.repeat(250)], ['nested2000', '<html><body>' + '<div>'.repeat(2000) + para + '</div>'.repeat(2000)], ['font', '<html><body>' + ('<font>' + para).repeat(2000)], ['evil2', '<html>'.repeat(100000) + '<body '.repeat(100000) + '<script '.repeat(100000)]] as const) {
  const t = Date.now()
  let r = ''
  try { r = String(extractArticle('x.html', new TextEncoder().encode(h)).text.length) } catch (e) { r = (e as Error).name + ' ' + (e as Error).message.slice(0, 60) }
  console.log(name, Date.now() - t, 'ms', r)
}
