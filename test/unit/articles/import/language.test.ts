import { describe, expect, it } from 'vitest'
import { detectLanguage } from '../../../../main/articles/import'
import { chooseLanguage, normalizeLanguageTag } from '../../../../main/articles/import/language'

const GERMAN =
  'Nach Angaben westlicher Geheimdienste sind inzwischen mindestens 3.000 Soldaten aus Nordkorea ' +
  'in Russland eingetroffen. Die Angaben lassen sich nicht unabhängig überprüfen, und die ' +
  'Regierung in Moskau hat sich dazu bislang nicht geäußert.'
const ENGLISH =
  'Officials in Seoul said on Monday that at least 3,000 North Korean soldiers had been moved to ' +
  'Russia. The claim could not be independently verified, and the government in Moscow has not ' +
  'commented on the reports.'
const UKRAINIAN =
  'Головне управління розвідки повідомило, що перші підрозділи армії КНДР уже прибули до ' +
  'Курської області. Це, на думку аналітиків, має приховати їхню участь у війні, та поки що ' +
  'інформацію неможливо перевірити.'
const RUSSIAN =
  'По данным разведки, в Россию уже переброшены не менее трёх тысяч военнослужащих КНДР. Это ' +
  'подтвердили и в Пентагоне, однако в Москве считают, что такие сообщения не заслуживают ' +
  'внимания.'

describe('detectLanguage', () => {
  it('recognises the four import languages', () => {
    expect(detectLanguage(GERMAN)).toBe('de')
    expect(detectLanguage(ENGLISH)).toBe('en')
    expect(detectLanguage(UKRAINIAN)).toBe('uk')
    expect(detectLanguage(RUSSIAN)).toBe('ru')
  })

  it('tells Ukrainian from Russian by words alone, without і ї є ґ or ы э ё', () => {
    expect(detectLanguage('Це те, що ми бачимо щодня, та вони кажуть, що все добре.')).toBe('uk')
    expect(detectLanguage('Это то, что мы видим каждый день, и они говорят, что все хорошо.')).toBe(
      'ru',
    )
  })

  it('tells German without umlauts from English', () => {
    expect(detectLanguage('Das ist nicht die Frage, und der Bericht ist auch nicht neu.')).toBe(
      'de',
    )
  })

  it("answers '' when unsure", () => {
    expect(detectLanguage('')).toBe('')
    expect(detectLanguage('3.000 / 10.000 — 2024')).toBe('')
    expect(detectLanguage('Kursk')).toBe('')
    expect(
      detectLanguage(
        'Selon les services de renseignement, au moins trois mille soldats nord-coréens sont ' +
          'arrivés en Russie, mais ces informations restent impossibles à vérifier.',
      ),
    ).toBe('')
    expect(detectLanguage(`${ENGLISH} ${RUSSIAN}`)).toBe('')
  })

  it('is not fooled by a few foreign words', () => {
    expect(detectLanguage(`${GERMAN} The New York Times berichtete zuerst.`)).toBe('de')
    expect(detectLanguage(`${UKRAINIAN} (Reuters, NATO)`)).toBe('uk')
  })
})

describe('language tags', () => {
  it('normalises declared tags', () => {
    expect(normalizeLanguageTag('de-DE')).toBe('de')
    expect(normalizeLanguageTag('ru_RU')).toBe('ru')
    expect(normalizeLanguageTag('UA')).toBe('uk')
    expect(normalizeLanguageTag('x')).toBe('')
    expect(normalizeLanguageTag('')).toBe('')
  })

  it('trusts a declaration unless the text is in another script', () => {
    expect(chooseLanguage('uk', RUSSIAN)).toBe('uk')
    expect(chooseLanguage('en', RUSSIAN)).toBe('ru')
    expect(chooseLanguage('ru', GERMAN)).toBe('de')
    expect(chooseLanguage('fr', ENGLISH)).toBe('fr')
    expect(chooseLanguage('', UKRAINIAN)).toBe('uk')
  })
})
