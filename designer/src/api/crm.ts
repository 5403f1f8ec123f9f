// The runtime's routes used by the app, with the shapes they return.
import { apiFetch } from './client'

export type LocalizedText = Record<string, string>

export interface ChoiceOption {
  value: string
  label: LocalizedText
  retired?: boolean
}

export interface FieldDefinition {
  name: string
  type: string
  label: LocalizedText
  required?: boolean
  retired?: boolean
  default?: unknown
  options?: ChoiceOption[]
}

export interface EntityDefinition {
  name: string
  label: LocalizedText
  pluralLabel?: LocalizedText
  primaryField?: string
  retired?: boolean
  fields: FieldDefinition[]
}

export interface Metadata {
  version: number
  settings?: { defaultLanguage?: string; languages?: string[] }
  entities: EntityDefinition[]
}

export type CrmRecord = Record<string, unknown> & { id: string }

export interface RecordPage {
  value: CrmRecord[]
  count?: number
}

export interface RecordQuery {
  filter: string
  orderBy: string
  top: number
}

export async function login(username: string, password: string): Promise<string> {
  const result = await apiFetch<{ token: string }>('/api/auth/login', {
    method: 'POST',
    body: JSON.stringify({ username, password }),
  })
  return result.token
}

export function getMetadata(): Promise<Metadata> {
  return apiFetch<Metadata>('/api/metadata')
}

export function queryRecords(entity: string, query: RecordQuery): Promise<RecordPage> {
  const params = new URLSearchParams({ $top: String(query.top), $count: 'true', $orderby: query.orderBy })
  if (query.filter.trim() !== '') params.set('$filter', query.filter)
  return apiFetch<RecordPage>(`/api/records/${encodeURIComponent(entity)}?${params}`)
}

export function createRecord(entity: string, values: Record<string, unknown>): Promise<CrmRecord> {
  return apiFetch<CrmRecord>(`/api/records/${encodeURIComponent(entity)}`, {
    method: 'POST',
    body: JSON.stringify(values),
  })
}
