// The runtime's API as one user, for setting up and checking what a browser scenario does.

/** Signs in and answers `(method, path, body?, headers?) => {status, body}`; `language` sets Accept-Language on every call. */
export async function apiClient(base, username, password, { language } = {}) {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }),
  })
  if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`)
  const { token } = await response.json()
  return async (method, path, body, headers = {}) => {
    const answer = await fetch(`${base}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, ...(language ? { 'Accept-Language': language } : {}), ...headers },
      body: body && JSON.stringify(body),
    })
    const text = await answer.text()
    return { status: answer.status, body: text ? JSON.parse(text) : null }
  }
}

/** The same, answering only the body and throwing on an error status. */
export async function apiAs(base, username, password, options) {
  const call = await apiClient(base, username, password, options)
  return async (method, path, body, headers) => {
    const { status, body: answer } = await call(method, path, body, headers)
    if (status >= 400) throw new Error(`${method} ${path}: ${status} ${JSON.stringify(answer)}`)
    return answer
  }
}
