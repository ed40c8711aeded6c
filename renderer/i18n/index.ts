/** The one i18n layer: every UI string goes through `t()`; English and German are complete. */
import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { UI_LANGUAGES, type UiLanguagePreference } from '../../shared/model/settings'
import { de } from './de'
import { en } from './en'

export type UiLanguage = (typeof UI_LANGUAGES)[number]

/** The system language if we have it, else English. */
export function systemLanguage(): UiLanguage {
  const preferred = navigator.languages.length > 0 ? navigator.languages : [navigator.language]
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0]
    const match = UI_LANGUAGES.find((l) => l === base)
    if (match) return match
  }
  return 'en'
}

export function resolveLanguage(preference: UiLanguagePreference): UiLanguage {
  return preference === 'system' ? systemLanguage() : preference
}

export async function initI18n(preference: UiLanguagePreference): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, de: { translation: de } },
    lng: resolveLanguage(preference),
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  document.documentElement.lang = i18next.language
}

export async function applyLanguage(preference: UiLanguagePreference): Promise<void> {
  await i18next.changeLanguage(resolveLanguage(preference))
  document.documentElement.lang = i18next.language
}

export { i18next }
