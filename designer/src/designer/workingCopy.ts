// The key user's work in progress: a copy of the whole metadata document in localStorage, per user, with the live
// version it was taken from. It survives a reload; publishing or discarding removes it.
import type { Metadata } from '../api/types'
import type { DesignDocument } from './types'

export interface StoredCopy {
  baseVersion: number
  document: DesignDocument
}

const key = (userId: string) => `nocodecrm.designer.workingCopy.${userId}`

export function loadCopy(userId: string): StoredCopy | null {
  try {
    const text = localStorage.getItem(key(userId))
    if (!text) return null
    const copy = JSON.parse(text) as StoredCopy
    return typeof copy.baseVersion === 'number' && copy.document && Array.isArray(copy.document.entities) ? copy : null
  } catch {
    return null
  }
}

export function saveCopy(userId: string, copy: StoredCopy): void {
  localStorage.setItem(key(userId), JSON.stringify(copy))
}

export function clearCopy(userId: string): void {
  localStorage.removeItem(key(userId))
}

/** The live document as a starting point: a deep copy, so edits never touch the shell's metadata. */
export function fromLive(live: Metadata): DesignDocument {
  return structuredClone(live) as unknown as DesignDocument
}
