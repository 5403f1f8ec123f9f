// The workflows and calendars sections of the metadata document (docs/workflows.md). Keys the editor does not show stay.
import type { LocalizedText } from '../../api/types'
import type { ConditionNode } from '../automation/conditionModel'

export interface Notify { template: string; to?: string; on?: string; [key: string]: unknown }
export interface Transition { to: string; when?: ConditionNode; label?: LocalizedText; [key: string]: unknown }
export interface Assignee { type: 'user' | 'team' | 'teamRoundRobin' | 'role' | 'ownerManager' | 'teamLead'; user?: string; team?: string; role?: string; [key: string]: unknown }

export interface WorkflowStep {
  name: string
  label?: LocalizedText
  assignee?: Assignee
  due?: string
  approval?: { role: string; onReject?: string; [key: string]: unknown }
  transitions?: Transition[]
  notify?: Notify[]
  final?: boolean
  [key: string]: unknown
}

export interface Sla {
  firstResponse?: string
  resolution?: string
  calendar?: string
  warningAt?: number
  escalation?: string[]
  notify?: Notify[]
  [key: string]: unknown
}

export interface Workflow {
  name: string
  label?: LocalizedText
  entity: string
  field: string
  when?: ConditionNode
  steps: WorkflowStep[]
  sla?: Sla
  slaField?: string
  slaDueField?: string
  stepDueField?: string
  [key: string]: unknown
}

export interface Calendar {
  name: string
  label?: LocalizedText
  timeZone?: string
  hours?: { days: string[]; from: string; to: string }[]
  holidays?: string[]
  [key: string]: unknown
}

export const assigneeTypes: { type: Assignee['type']; en: string; tr: string }[] = [
  { type: 'teamRoundRobin', en: 'Team members in turn', tr: 'Ekip üyeleri sırayla' },
  { type: 'team', en: 'The team’s lead', tr: 'Ekip lideri' },
  { type: 'user', en: 'A user', tr: 'Bir kullanıcı' },
  { type: 'role', en: 'Users with a role, in turn', tr: 'Bir roldeki kullanıcılar, sırayla' },
  { type: 'ownerManager', en: 'The owner’s manager', tr: 'Sahibin yöneticisi' },
  { type: 'teamLead', en: 'The owner’s team lead', tr: 'Sahibin ekip lideri' },
]

export const recipients: { to: string; en: string; tr: string }[] = [
  { to: 'customer', en: 'the customer', tr: 'müşteri' },
  { to: 'assignee', en: 'the assignee', tr: 'atanan kişi' },
  { to: 'owner', en: 'the owner', tr: 'sahip' },
  { to: 'previousAssignee', en: 'the previous assignee', tr: 'önceki atanan' },
]

export const weekDays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']
