// A small fetch wrapper: adds the bearer token and turns RFC 7807 problem details into ProblemError.

const tokenKey = 'nocodecrm.token'

export interface ProblemEntry {
  path?: string
  code?: string
  message: string
}

export interface Problem {
  title?: string
  status: number
  detail?: string
  code?: string
  errors: ProblemEntry[]
}

export class ProblemError extends Error {
  readonly problem: Problem

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`)
    this.problem = problem
  }
}

export function getToken(): string | null {
  return sessionStorage.getItem(tokenKey)
}

export function setToken(token: string | null): void {
  if (token === null) sessionStorage.removeItem(tokenKey)
  else sessionStorage.setItem(tokenKey, token)
}

export async function apiFetch<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers)
  headers.set('Accept', 'application/json')
  if (init.body !== undefined) headers.set('Content-Type', 'application/json')
  const token = getToken()
  if (token !== null) headers.set('Authorization', `Bearer ${token}`)

  const response = await fetch(path, { ...init, headers })
  if (!response.ok) throw new ProblemError(await readProblem(response))
  if (response.status === 204) return undefined as T
  return (await response.json()) as T
}

async function readProblem(response: Response): Promise<Problem> {
  const fallback: Problem = { status: response.status, title: response.statusText, errors: [] }
  try {
    const body = (await response.json()) as Partial<Problem>
    return { ...fallback, ...body, errors: Array.isArray(body.errors) ? body.errors : [] }
  } catch {
    return fallback
  }
}
