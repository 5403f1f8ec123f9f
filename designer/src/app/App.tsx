import { useCallback, useEffect, useMemo, useState } from 'react'
import { ProblemError, setUnauthorizedHandler } from '../api/client'
import { api } from '../api/crm'
import type { Me, Metadata } from '../api/types'
import { I18nContext, makeI18n, storeLanguage, storedLanguage, type Language } from '../lib/i18n'
import { setModelCurrency } from '../lib/format'
import { AppContext } from './AppContext'
import { LanguageSetter } from './LanguageSetter'
import { LoginPage } from './LoginPage'
import { Shell } from './Shell'
import { Spinner } from './States'

type Session = { state: 'checking' } | { state: 'signedOut' } | { state: 'signedIn'; me: Me }

// How often the shell asks whether a new model version was published (cheap: /health).
const pollMs = 10_000

export function App() {
  const [language, setLanguageState] = useState<Language>(() => storedLanguage() ?? (navigator.language.startsWith('tr') ? 'tr' : 'en'))
  const [session, setSession] = useState<Session>({ state: 'checking' })
  const [metadata, setMetadata] = useState<Metadata | null>(null)
  const [users, setUsers] = useState(new Map<string, string>())
  const [toasts, setToasts] = useState<{ id: number; text: string; kind: 'ok' | 'error' }[]>([])

  const i18n = useMemo(() => makeI18n(language), [language])
  const setLanguage = useCallback((l: Language) => { storeLanguage(l); setLanguageState(l) }, [])

  const checkSession = useCallback(() => {
    api.me().then((me) => setSession({ state: 'signedIn', me }), () => setSession({ state: 'signedOut' }))
  }, [])

  useEffect(() => {
    setUnauthorizedHandler(() => setSession({ state: 'signedOut' }))
    checkSession()
  }, [checkSession])

  const loadMetadata = useCallback(() => api.metadata().then((m) => { setModelCurrency(m.settings?.currency); setMetadata(m) }), [])

  useEffect(() => {
    if (session.state !== 'signedIn') return
    loadMetadata().catch(() => {})
    api.users().then((result) => {
      const list = Array.isArray(result) ? result : result.value
      setUsers(new Map(list.map((u) => [u.id, u.displayName ?? u.username])))
    }, () => setUsers(new Map([[session.me.id, session.me.username]])))
  }, [session, loadMetadata])

  // A key user's publish shows up without a restart or a reload: poll the version, and check again on focus.
  useEffect(() => {
    if (session.state !== 'signedIn' || !metadata) return
    const check = () => api.health().then((h) => { if (h.metadataVersion !== metadata.version) loadMetadata().catch(() => {}) }, () => {})
    const timer = window.setInterval(check, pollMs)
    window.addEventListener('focus', check)
    return () => { window.clearInterval(timer); window.removeEventListener('focus', check) }
  }, [session, metadata, loadMetadata])

  const toast = useCallback((text: string, kind: 'ok' | 'error' = 'ok') => {
    const id = Date.now() + Math.random()
    setToasts((list) => [...list, { id, text, kind }])
    window.setTimeout(() => setToasts((list) => list.filter((x) => x.id !== id)), 4000)
  }, [])

  const signOut = useCallback(() => {
    api.signOut().catch(() => {}).finally(() => { setMetadata(null); setSession({ state: 'signedOut' }) })
  }, [])

  let content
  if (session.state === 'checking') content = <div className="center-page"><Spinner /></div>
  else if (session.state === 'signedOut') content = <LoginPage onSignedIn={checkSession} />
  else if (!metadata) content = <div className="center-page"><Spinner /></div>
  else
    content = (
      <AppContext.Provider value={{ metadata, me: session.me, users, toast }}>
        <Shell onSignOut={signOut} onRefresh={() => loadMetadata().catch(() => {})} />
      </AppContext.Provider>
    )

  return (
    <I18nContext.Provider value={i18n}>
      <LanguageSetter.Provider value={setLanguage}>
        {content}
        <div className="toasts" aria-live="polite">
          {toasts.map((x) => <div key={x.id} className={`toast ${x.kind}`} data-testid="toast">{x.text}</div>)}
        </div>
      </LanguageSetter.Provider>
    </I18nContext.Provider>
  )
}

export function problemText(error: unknown): string {
  return error instanceof ProblemError ? error.message : error instanceof Error ? error.message : String(error)
}
