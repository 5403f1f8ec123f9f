// The workflow routes an end user needs on a record (docs/workflows.md): its state and trail, and approval decisions.
import { apiFetch } from '../api/client'
import type { CrmRecord } from '../api/types'

export interface WorkflowState {
  workflow: string
  step: string
  previousStep?: string | null
  startedAt: string
  stepEnteredAt: string
  stepDueAt?: string | null
  assignee?: string | null
  escalationLevel: number
  firstResponseDue?: string | null
  firstRespondedAt?: string | null
  resolutionDue?: string | null
  resolvedAt?: string | null
  slaState?: 'on_track' | 'at_risk' | 'breached' | null
}

export interface WorkflowTrailEntry {
  action: string
  fromStep?: string | null
  toStep?: string | null
  actor?: string | null
  actorName?: string | null
  at: string
  spentSeconds?: number | null
  assignee?: string | null
  comment?: string | null
}

export interface WorkflowTrail {
  state: WorkflowState
  entries: WorkflowTrailEntry[]
}

export interface PendingApproval {
  entity: string
  recordId: string
  title?: string | null
  workflow: string
  step: string
  role: string
  waitingSince: string
  stepDueAt?: string | null
  slaState?: 'on_track' | 'at_risk' | 'breached' | null
  owner: string
}

const base = (entity: string, id: string) => `/api/workflows/${encodeURIComponent(entity)}/${encodeURIComponent(id)}`

export const workflowApi = {
  approvals: async () => (await apiFetch<{ value: PendingApproval[] }>('/api/workflows/approvals')).value,
  trail: (entity: string, id: string) => apiFetch<WorkflowTrail>(`${base(entity, id)}/trail`),
  decide: (entity: string, id: string, approve: boolean, comment: string) =>
    apiFetch<CrmRecord>(`${base(entity, id)}/${approve ? 'approve' : 'reject'}`, { method: 'POST', body: comment.trim() ? { comment: comment.trim() } : {} }),
}
