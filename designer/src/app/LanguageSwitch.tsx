import { useContext } from 'react'
import { useI18n } from '../lib/i18n'
import { LanguageSetter } from './LanguageSetter'

/** TR / EN toggle; the choice is kept in the browser. */
export function LanguageSwitch() {
  const { language, t } = useI18n()
  const setLanguage = useContext(LanguageSetter)
  return (
    <div className="segmented" role="group" aria-label={t('language')}>
      {(['tr', 'en'] as const).map((l) => (
        <button key={l} type="button" aria-pressed={language === l} className={language === l ? 'on' : ''}
          data-testid={`language-${l}`} onClick={() => setLanguage(l)}>
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  )
}
