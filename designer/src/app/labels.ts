import type { LocalizedText } from '../api/crm'

/** The UI language: Turkish when the browser prefers it, English otherwise. */
export const language: string = navigator.language.toLowerCase().startsWith('tr') ? 'tr' : 'en'

/** A metadata label in the UI language, then the model's default language, then any language, then the name. */
export function labelOf(text: LocalizedText | undefined, fallback: string, defaultLanguage?: string): string {
  if (text === undefined) return fallback
  return text[language] ?? (defaultLanguage ? text[defaultLanguage] : undefined) ?? Object.values(text)[0] ?? fallback
}
