import { useState, type FormEvent } from 'react'
import { ProblemError } from '../api/client'
import { login } from '../api/crm'

interface Props {
  onLogin: (token: string) => void
}

export function LoginPage({ onLogin }: Props) {
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      onLogin(await login(username, password))
    } catch (e) {
      setError(e instanceof ProblemError ? e.message : String(e))
      setBusy(false)
    }
  }

  return (
    <form className="login" onSubmit={submit} data-testid="login-form">
      <h1>NoCodeCrm</h1>
      <label>
        User name
        <input data-testid="login-username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />
      </label>
      <label>
        Password
        <input data-testid="login-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      {error !== null && <p className="error" data-testid="login-error">{error}</p>}
      <button type="submit" data-testid="login-submit" disabled={busy}>Sign in</button>
    </form>
  )
}
