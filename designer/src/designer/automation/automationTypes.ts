// The automation section of the metadata document as the designer edits it (docs/automation.md). Unknown keys stay.
import type { LocalizedText } from '../../api/types'
import type { ConditionNode } from './conditionModel'

export type TriggerType = 'recordCreated' | 'recordUpdated' | 'recordDeleted' | 'fieldChanged' | 'event' | 'schedule' | 'dateRelative' | 'stageEntered' | 'stageLeft'
export type ActionType = 'createRecord' | 'updateRecord' | 'assignOwner' | 'sendMessage' | 'webhook' | 'wait' | 'branch'

export interface Trigger {
  type: TriggerType
  entity?: string
  field?: string
  from?: unknown
  to?: unknown
  eventType?: string
  cron?: string
  timeZone?: string
  offsetDays?: number
  at?: string
  yearly?: boolean
  pipeline?: string
  stage?: string
  [key: string]: unknown
}

export interface Action {
  type: ActionType
  entity?: string
  values?: Record<string, unknown>
  user?: string
  users?: string[]
  channel?: string
  template?: string
  to?: string
  url?: string
  timeoutSeconds?: number
  minutes?: number
  hours?: number
  days?: number
  condition?: ConditionNode
  then?: Action[]
  else?: Action[]
  [key: string]: unknown
}

export interface AutomationRule {
  name: string
  label?: LocalizedText
  description?: LocalizedText
  disabled?: boolean
  trigger: Trigger
  condition?: ConditionNode
  actions: Action[]
  [key: string]: unknown
}

export interface AutomationRun {
  id: string
  rule: string
  trigger: string
  entity?: string
  recordId?: string
  status: string
  attempts: number
  error?: string | null
  createdAt: string
  finishedAt?: string | null
  durationMs?: number
  steps?: { step?: number; type?: string; status?: string; error?: string; output?: unknown }[] | null
}

export interface SimulatedRule {
  rule: string
  fires: boolean
  reason?: string
  error?: string
  actions?: { step: number; path: string; type: string; output?: unknown; error?: string }[]
}

export interface SimulationResult {
  entity: string
  recordId?: string
  trigger: string
  rules: SimulatedRule[]
}

export const triggerTypes: { type: TriggerType; en: string; tr: string }[] = [
  { type: 'recordCreated', en: 'A record is created', tr: 'Kayıt oluşturulunca' },
  { type: 'recordUpdated', en: 'A record is updated', tr: 'Kayıt güncellenince' },
  { type: 'recordDeleted', en: 'A record is deleted', tr: 'Kayıt silinince' },
  { type: 'fieldChanged', en: 'A field changes (from / to)', tr: 'Bir alan değişince (şundan / şuna)' },
  { type: 'stageEntered', en: 'A record enters a pipeline stage', tr: 'Kayıt bir huni aşamasına girince' },
  { type: 'stageLeft', en: 'A record leaves a pipeline stage', tr: 'Kayıt bir huni aşamasından çıkınca' },
  { type: 'event', en: 'An event happens (e-mail opened, form submitted…)', tr: 'Bir olay olunca (e-posta açıldı, form gönderildi…)' },
  { type: 'dateRelative', en: 'Days before or after a date field', tr: 'Bir tarih alanından önce veya sonra' },
  { type: 'schedule', en: 'On a schedule (cron)', tr: 'Zamanlamayla (cron)' },
]

export const actionTypes: { type: ActionType; en: string; tr: string; icon: string }[] = [
  { type: 'createRecord', en: 'Create a record', tr: 'Kayıt oluştur', icon: '+' },
  { type: 'updateRecord', en: 'Update the record', tr: 'Kaydı güncelle', icon: '✎' },
  { type: 'assignOwner', en: 'Assign an owner', tr: 'Sahip ata', icon: '⚑' },
  { type: 'sendMessage', en: 'Send a message', tr: 'Mesaj gönder', icon: '✉' },
  { type: 'webhook', en: 'Call a webhook', tr: 'Webhook çağır', icon: '⇄' },
  { type: 'wait', en: 'Wait', tr: 'Bekle', icon: '◷' },
  { type: 'branch', en: 'Branch (if / else)', tr: 'Dallan (eğer / değilse)', icon: '⋔' },
]

export const eventTypes = ['email.opened', 'email.bounced', 'link.clicked', 'form.submitted', 'page.visited']
