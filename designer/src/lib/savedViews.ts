// Saved views are personal and kept in the browser (per user and entity): the shared ones are the model's views.
import type { Condition } from './filters'

export interface SavedView {
  name: string
  conditions: Condition[]
  orderBy: string
  search: string
}

const key = (user: string, entity: string) => `nocodecrm.views.${user}.${entity}`

export function loadSavedViews(user: string, entity: string): SavedView[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(key(user, entity)) ?? '[]') as unknown
    return Array.isArray(parsed) ? (parsed as SavedView[]) : []
  } catch {
    return []
  }
}

export function storeSavedViews(user: string, entity: string, views: SavedView[]): void {
  localStorage.setItem(key(user, entity), JSON.stringify(views))
}
