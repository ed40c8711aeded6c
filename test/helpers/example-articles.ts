/** A plain-text article as `articles:add` takes it. */
export interface ArticleInput {
  title: string
  language: string
  text: string
}

// The canonical example: three reports on North Korean soldiers sent to Russia, with three
// different figures from three intelligence sources.
export const PENTAGON = {
  title: 'Pentagon: Nordkoreanische Soldaten in Russland',
  language: 'de',
  text: [
    'Das Pentagon geht davon aus, dass Nordkorea im Oktober mindestens 3.000 Soldaten nach Russland verlegt hat.',
    '',
    'Pentagon-Sprecherin Sabrina Singh sagte am Mittwoch, die Soldaten würden im Osten Russlands ausgebildet. Der südkoreanische Geheimdienst NIS hatte zuvor von 1.500 Elitesoldaten gesprochen.',
  ].join('\n'),
} satisfies ArticleInput
export const NIS = {
  title: 'Seoul: North Korea sends elite troops to Russia',
  language: 'en',
  text: [
    'South Korea’s National Intelligence Service (NIS) says North Korea has sent 1,500 elite soldiers to Russia, Yonhap news agency reported on Friday.',
    '',
    'According to the NIS, the troops were flown from Wonsan to Vladivostok in October. The Pentagon puts the figure at 3,000 soldiers moved in October.',
  ].join('\n'),
} satisfies ArticleInput
export const HUR = {
  title: 'Kyiv: more than 10,000 North Korean troops in Russia',
  language: 'en',
  text: [
    'Ukraine’s military intelligence (HUR) says more than 10,000 troops from North Korea are already in Russia.',
    '',
    'HUR chief Kyrylo Budanov said 12,000 were planned by December. Washington had spoken of at least 3,000 soldiers.',
  ].join('\n'),
} satisfies ArticleInput

/** Code point range of the nth occurrence of `needle` (Array.from counts code points). */
export function rangeOf(text: string, needle: string, nth = 0): { start: number; end: number } {
  let unit = -1
  for (let i = 0; i <= nth; i++) {
    unit = text.indexOf(needle, unit + 1)
    if (unit < 0) throw new Error(`test setup: "${needle}" (#${nth}) is not in the text`)
  }
  const start = Array.from(text.slice(0, unit)).length
  return { start, end: start + Array.from(needle).length }
}
