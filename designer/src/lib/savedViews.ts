// Saved views are kept on the server (per user and entity; private, shared with the owner's team, or with everyone); the
// model's views are the key users' shared lists. Views an earlier version kept in this browser are moved to the server once.
import { ProblemError, apiFetch } from '../api/client'
import type { Condition } from './filters'

export type Sharing = 'private' | 'team' | 'everyone'

export interface SavedView {
  id: string
  entity: string
  name: string
  ownerName?: string | null
  sharing: Sharing
  filter?: string | null
  orderBy?: string | null
  search?: string | null
  conditions?: Condition[] | null
  /** The reader may change or delete it (its owner, or an administrator). */
  mine: boolean
}

export interface SavedViewInput {
  name: string
  sharing: Sharing
  filter: string
  orderBy: string
  search: string
  conditions: Condition[]
}

const base = (entity: string) => `/api/saved-views/${encodeURIComponent(entity)}`

export const savedViewsApi = {
  list: async (entity: string) => (await apiFetch<{ value: SavedView[] }>(base(entity))).value,
  create: (entity: string, view: SavedViewInput) => apiFetch<SavedView>(base(entity), { method: 'POST', body: view }),
  update: (entity: string, id: string, view: SavedViewInput) => apiFetch<SavedView>(`${base(entity)}/${id}`, { method: 'PUT', body: view }),
  remove: (entity: string, id: string) => apiFetch<void>(`${base(entity)}/${id}`, { method: 'DELETE' }),
}

const localKey = (user: string, entity: string) => `nocodecrm.views.${user}.${entity}`

interface LocalView { name: string; conditions: Condition[]; orderBy: string; search: string }

/**
 * Moves views kept in this browser by an earlier version to the server as private views, then forgets them here; one the
 * server refuses (its field is gone, or the name is taken) is dropped rather than kept forever.
 */
export async function migrateLocalViews(user: string, entity: string, toFilter: (conditions: Condition[]) => string): Promise<boolean> {
  let local: LocalView[] = []
  try {
    const parsed = JSON.parse(localStorage.getItem(localKey(user, entity)) ?? '[]') as unknown
    if (Array.isArray(parsed)) local = parsed as LocalView[]
  } catch {
    local = []
  }
  if (local.length === 0) return false
  for (const view of local) {
    try {
      await savedViewsApi.create(entity, { name: view.name, sharing: 'private', filter: toFilter(view.conditions ?? []), orderBy: view.orderBy ?? '', search: view.search ?? '', conditions: view.conditions ?? [] })
    } catch (e) {
      if (!(e instanceof ProblemError)) throw e
    }
  }
  localStorage.removeItem(localKey(user, entity))
  return true
}
