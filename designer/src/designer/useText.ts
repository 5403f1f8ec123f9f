// The designer's own UI strings sit next to their use, each in both languages: tx('Entities', 'Varlıklar').
import { useI18n } from '../lib/i18n'

export type Tx = (en: string, tr: string) => string

export function useText(): Tx {
  const { language } = useI18n()
  return (en, tr) => (language === 'tr' ? tr : en)
}
