import { useState, type FormEvent } from 'react'
import { ProblemError } from '../api/client'
import { api } from '../api/crm'
import { useI18n } from '../lib/i18n'
import { LanguageSwitch } from './LanguageSwitch'

interface Props {
  onSignedIn: () => void
}

export function LoginPage({ onSignedIn }: Props) {
  const { t } = useI18n()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await api.signIn(username, password)
      onSignedIn()
    } catch (err) {
      setError(err instanceof ProblemError ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="login">
      <div className="login-brand">
        <div className="logo-mark large">N</div>
        <h1>NoCodeCrm</h1>
        <p>{t('signInLead')}</p>
      </div>
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title">
        <div className="login-head">
          <h2 id="login-title">{t('signInTitle')}</h2>
          <LanguageSwitch />
        </div>
        <label htmlFor="login-username">{t('username')}</label>
        <input id="login-username" data-testid="login-username" autoComplete="username" autoFocus value={username}
          onChange={(e) => setUsername(e.target.value)} />
        <label htmlFor="login-password">{t('password')}</label>
        <input id="login-password" data-testid="login-password" type="password" autoComplete="current-password" value={password}
          onChange={(e) => setPassword(e.target.value)} />
        {error && <p className="alert error" role="alert" data-testid="login-error">{error}</p>}
        <button className="primary wide" type="submit" data-testid="login-submit" disabled={busy}>{busy ? t('loading') : t('signIn')}</button>
      </form>
    </div>
  )
}
