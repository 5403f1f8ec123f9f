import { useState } from 'react'
import { getToken, setToken } from '../api/client'
import { LoginPage } from './LoginPage'
import { Workspace } from './Workspace'

export function App() {
  const [token, setTokenState] = useState<string | null>(getToken)

  const signIn = (newToken: string) => {
    setToken(newToken)
    setTokenState(newToken)
  }
  const signOut = () => {
    setToken(null)
    setTokenState(null)
  }

  return token === null ? <LoginPage onLogin={signIn} /> : <Workspace onSignOut={signOut} />
}
