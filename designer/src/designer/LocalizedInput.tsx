import type { LocalizedText } from '../api/types'

interface Props {
  label: string
  value: LocalizedText | undefined
  onChange: (value: LocalizedText | undefined) => void
  testId: string
}

/** A label in both UI languages, side by side. */
export function LocalizedInput({ label, value, onChange, testId }: Props) {
  const set = (language: 'tr' | 'en', text: string) => {
    const next = { ...value, [language]: text }
    if (!text) delete next[language]
    onChange(Object.keys(next).length ? next : undefined)
  }
  return (
    <fieldset className="localized">
      <legend>{label}</legend>
      {(['tr', 'en'] as const).map((language) => (
        <label key={language} className="localized-row">
          <span className="lang-tag">{language.toUpperCase()}</span>
          <input value={value?.[language] ?? ''} data-testid={`${testId}-${language}`} aria-label={`${label} (${language.toUpperCase()})`}
            onChange={(e) => set(language, e.target.value)} />
        </label>
      ))}
    </fieldset>
  )
}
