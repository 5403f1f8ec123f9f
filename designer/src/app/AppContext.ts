import { createContext, useContext } from 'react'
import type { Me, Metadata } from '../api/types'

export interface AppState {
  metadata: Metadata
  me: Me
  users: Map<string, string>
  toast: (text: string, kind?: 'ok' | 'error') => void
}

export const AppContext = createContext<AppState | null>(null)

export function useApp(): AppState {
  const state = useContext(AppContext)
  if (!state) throw new Error('useApp outside the signed-in shell')
  return state
}
