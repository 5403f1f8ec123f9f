// The runtime's routes the SPA calls, typed.
import { apiFetch, apiFetchWithEtag, apiText } from './client'
import type { components } from './openapi'
import type { CrmRecord, Me, Metadata, RecordPage, UserSummary } from './types'

// Types of the sample model's entities that fixed screens use (my tasks, the timeline's quick add), generated from
// the runtime's /openapi.json by `npm run gen:api`; screens built from metadata stay generic.
type Schemas = components['schemas']
export type TaskRecord = Schemas['task'] & CrmRecord
export type NoteCreate = Schemas['note_create']
export type TaskCreate = Schemas['task_create']
export type ActivityCreate = Schemas['activity_create']

export interface RecordQuery {
  filter?: string
  orderBy?: string
  top?: number
  skip?: number
  search?: string
  expand?: string[]
  count?: boolean
}

const records = (entity: string) => `/api/records/${encodeURIComponent(entity)}`

export function queryString(query: RecordQuery): string {
  const params = new URLSearchParams()
  if (query.filter?.trim()) params.set('$filter', query.filter)
  if (query.orderBy?.trim()) params.set('$orderby', query.orderBy)
  if (query.top !== undefined) params.set('$top', String(query.top))
  if (query.skip) params.set('$skip', String(query.skip))
  if (query.search?.trim()) params.set('$search', query.search.trim())
  if (query.expand?.length) params.set('$expand', query.expand.join(','))
  if (query.count) params.set('$count', 'true')
  return params.toString()
}

export const api = {
  signIn: (username: string, password: string) =>
    apiFetch<{ expiresAt: string }>('/api/auth/session', { method: 'POST', body: { username, password } }),
  signOut: () => apiFetch<void>('/api/auth/session', { method: 'DELETE' }),
  me: () => apiFetch<Me>('/api/auth/me'),
  metadata: () => apiFetch<Metadata>('/api/metadata'),
  health: () => apiFetch<{ status: string; metadataVersion: number }>('/health'),
  users: () => apiFetch<{ value: UserSummary[] } | UserSummary[]>('/api/users'),
  query: (entity: string, query: RecordQuery) => apiFetch<RecordPage>(`${records(entity)}?${queryString(query)}`),
  get: (entity: string, id: string, expand: string[] = []) =>
    apiFetchWithEtag<CrmRecord>(`${records(entity)}/${id}${expand.length ? `?$expand=${expand.join(',')}` : ''}`),
  create: (entity: string, values: Record<string, unknown>) =>
    apiFetch<CrmRecord>(records(entity), { method: 'POST', body: values }),
  update: (entity: string, id: string, values: Record<string, unknown>, version?: number) =>
    apiFetch<CrmRecord>(`${records(entity)}/${id}`, {
      method: 'PATCH', body: values, headers: version === undefined ? {} : { 'If-Match': `"${version}"` },
    }),
  remove: (entity: string, id: string, version?: number) =>
    apiFetch<void>(`${records(entity)}/${id}`, { method: 'DELETE', headers: version === undefined ? {} : { 'If-Match': `"${version}"` } }),
  exportCsv: (entity: string, query: RecordQuery) => apiText(`${records(entity)}/export?${queryString(query)}`),
  messages: (entity: string, recordId: string) =>
    apiFetch<{ value: TimelineMessage[] }>(`/api/messages?entity=${entity}&recordId=${recordId}&top=50`),
  events: (entity: string, recordId: string) =>
    apiFetch<{ value: TimelineEvent[] }>(`/api/events?entity=${entity}&recordId=${recordId}&top=50`),
}

export interface TimelineMessage {
  id: string
  channel: string
  recipient: string
  subject?: string
  text?: string
  status: string
  createdAt: string
}

export interface TimelineEvent {
  id: string
  type: string
  occurredAt: string
  source: string
  data?: unknown
}
