// What the workflow panel says about deadlines and the trail, apart from React so it can be tested on its own.
import type { WorkflowState, WorkflowTrailEntry } from './workflowApi'

export type Tx = (en: string, tr: string) => string

/** The SLA deadline that matters now: first response until it is given, then resolution; none once resolved. */
export function nextDeadline(state: WorkflowState): { kind: 'firstResponse' | 'resolution'; due: string } | null {
  if (state.resolvedAt) return null
  if (!state.firstRespondedAt && state.firstResponseDue) return { kind: 'firstResponse', due: state.firstResponseDue }
  return state.resolutionDue ? { kind: 'resolution', due: state.resolutionDue } : null
}

/** "2 d 3 h", "45 min": a span in the largest two units that matter. */
export function spanText(seconds: number, tx: Tx): string {
  const s = Math.max(0, Math.round(seconds))
  const d = Math.floor(s / 86400)
  const h = Math.floor((s % 86400) / 3600)
  const m = Math.floor((s % 3600) / 60)
  if (d > 0) return h > 0 ? `${d} ${tx('d', 'g')} ${h} ${tx('h', 'sa')}` : `${d} ${tx('d', 'g')}`
  if (h > 0) return m > 0 ? `${h} ${tx('h', 'sa')} ${m} ${tx('min', 'dk')}` : `${h} ${tx('h', 'sa')}`
  return `${m} ${tx('min', 'dk')}`
}

/** "in 3 h" or "2 h overdue", from now to the due time. */
export function dueText(due: string, now: Date, tx: Tx): { text: string; overdue: boolean } {
  const seconds = (new Date(due).getTime() - now.getTime()) / 1000
  return seconds >= 0
    ? { text: tx(`in ${spanText(seconds, tx)}`, `${spanText(seconds, tx)} içinde`), overdue: false }
    : { text: tx(`${spanText(-seconds, tx)} overdue`, `${spanText(-seconds, tx)} gecikti`), overdue: true }
}

const actions: Record<string, [string, string]> = {
  start: ['Started', 'Başladı'],
  move: ['Moved', 'Taşındı'],
  approve: ['Approved', 'Onaylandı'],
  reject: ['Rejected', 'Reddedildi'],
  slaWarning: ['SLA at risk', 'SLA risk altında'],
  slaBreach: ['SLA breached', 'SLA aşıldı'],
  escalate: ['Escalated', 'Üst seviyeye aktarıldı'],
  stepOverdue: ['Step overdue', 'Adım gecikti'],
  switch: ['Switched workflow', 'Süreç değişti'],
}

export function actionText(entry: WorkflowTrailEntry, tx: Tx): string {
  const known = actions[entry.action]
  return known ? tx(known[0], known[1]) : entry.action
}

export const slaStates: Record<string, [string, string]> = {
  on_track: ['On track', 'Zamanında'],
  at_risk: ['At risk', 'Risk altında'],
  breached: ['Breached', 'Aşıldı'],
}
