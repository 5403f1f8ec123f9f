// The fetch wrapper: the cookie session set by POST /api/auth/session, the X-Requested-With header unsafe requests
// need, and RFC 7807 problem details turned into ProblemError.

import type { components } from './openapi'
import { storedLanguage } from '../lib/i18n'

type ProblemDocument = components['schemas']['Problem']

export type ProblemEntry = NonNullable<ProblemDocument['errors']>[number] & { message: string }

/** The runtime's RFC 7807 problem, as its OpenAPI document describes it, with status and errors always present. */
export type Problem = Omit<ProblemDocument, 'status' | 'errors'> & { status: number; errors: ProblemEntry[] }

export class ProblemError extends Error {
  readonly problem: Problem

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`)
    this.problem = problem
  }

  get status(): number {
    return this.problem.status
  }
}

/** Called on any 401 so the app can show the sign-in page. */
let onUnauthorized: () => void = () => {}
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler
}

export interface FetchOptions {
  method?: string
  body?: unknown
  headers?: Record<string, string>
}

export async function apiFetch<T>(path: string, options: FetchOptions = {}): Promise<T> {
  const response = await send(path, options)
  if (response.status === 204) return undefined as T
  return (await response.json()) as T
}

export async function apiFetchWithEtag<T>(path: string, options: FetchOptions = {}): Promise<{ body: T; etag: string | null }> {
  const response = await send(path, options)
  return { body: (await response.json()) as T, etag: response.headers.get('ETag') }
}

export async function apiText(path: string): Promise<string> {
  return (await send(path, {})).text()
}

async function send(path: string, options: FetchOptions): Promise<Response> {
  const headers = new Headers(options.headers)
  headers.set('Accept', 'application/json')
  headers.set('X-Requested-With', 'XMLHttpRequest')
  // The server writes labels and messages (stage names, "'Amount' is required…") in the request's language: the UI's.
  headers.set('Accept-Language', storedLanguage() ?? navigator.language)
  if (options.body !== undefined) headers.set('Content-Type', 'application/json')
  const response = await fetch(path, {
    method: options.method ?? 'GET',
    headers,
    credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  })
  if (!response.ok) {
    const problem = await readProblem(response)
    if (response.status === 401 && !path.startsWith('/api/auth/')) onUnauthorized()
    throw new ProblemError(problem)
  }
  return response
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

/** The field an error path names: "$.email", "/email" and "email" all name email. */
export function errorField(path: string | undefined): string {
  if (!path) return ''
  return path.replace(/^\$\.?/, '').replace(/^\//, '').split(/[./[]/)[0]
}
