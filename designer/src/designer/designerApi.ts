// The metadata routes the designer calls: preview, publish with If-Match, versions, diff and restore.
import { apiFetch } from '../api/client'
import type { DesignDocument, DocumentChange, PublishResult, VersionRow } from './types'

const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` })

export const designerApi = {
  preview: (document: DesignDocument) => apiFetch<PublishResult>('/api/metadata/preview', { method: 'POST', body: document }),
  publish: (document: DesignDocument, baseVersion: number, comment: string) =>
    apiFetch<PublishResult>(`/api/metadata${comment.trim() ? `?comment=${encodeURIComponent(comment.trim())}` : ''}`,
      { method: 'PUT', body: document, headers: ifMatch(baseVersion) }),
  versions: () => apiFetch<VersionRow[]>('/api/metadata/versions'),
  version: (version: number) => apiFetch<DesignDocument>(`/api/metadata/versions/${version}`),
  diff: (from: number, to: number) => apiFetch<{ from: number; to: number; changes: DocumentChange[] }>(`/api/metadata/versions/${from}/diff/${to}`),
  restore: (version: number, liveVersion: number) =>
    apiFetch<PublishResult>(`/api/metadata/versions/${version}/restore`, { method: 'POST', headers: ifMatch(liveVersion) }),
}
