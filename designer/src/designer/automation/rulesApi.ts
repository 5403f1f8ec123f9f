// Automation routes the rule designer calls: the run log and test mode (nothing is written, sent or called).
import { apiFetch } from '../../api/client'
import type { AutomationRule, AutomationRun, SimulationResult } from './automationTypes'

export const rulesApi = {
  runs: (rule?: string, top = 20) =>
    apiFetch<{ value: AutomationRun[]; count: number }>(`/api/automation/runs?$top=${top}${rule ? `&rule=${encodeURIComponent(rule)}` : ''}`),
  test: (body: { entity?: string; recordId?: string; rule?: string; definition?: AutomationRule; trigger?: string; changes?: Record<string, unknown>; eventType?: string }) =>
    apiFetch<SimulationResult>('/api/automation/test', { method: 'POST', body }),
}
