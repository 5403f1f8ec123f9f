import { createContext } from 'react'
import type { Language } from '../lib/i18n'

export const LanguageSetter = createContext<(language: Language) => void>(() => {})
