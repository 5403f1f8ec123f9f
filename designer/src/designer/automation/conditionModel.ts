// The no-code condition tree of rules, automations and workflow transitions (docs/rules.md): groups (all / any / none)
// over comparisons of the entity's fields and its lookups' fields, with the operators each field type allows.
import type { FieldDefinition, FieldType } from '../../api/types'

export type ConditionNode =
  | { all: ConditionNode[] }
  | { any: ConditionNode[] }
  | { not: ConditionNode }
  | { field: string; operator: string; value?: unknown }
  | { script: string }

export type Comparison = { field: string; operator: string; value?: unknown }
export type GroupMode = 'all' | 'any' | 'none'

export interface Group {
  mode: GroupMode
  children: ConditionNode[]
}

const textTypes: FieldType[] = ['text', 'textarea', 'email', 'phone', 'url', 'autonumber']
const numberTypes: FieldType[] = ['integer', 'decimal', 'currency', 'percent']

/** The operators a field type allows, in the order a key user most likely wants them. */
export function conditionOperators(type: FieldType, own: boolean): string[] {
  const ops: string[] = []
  if (textTypes.includes(type)) ops.push('eq', 'ne', 'contains', 'startsWith', 'endsWith', 'in', 'notIn')
  else if (numberTypes.includes(type)) ops.push('eq', 'ne', 'gt', 'ge', 'lt', 'le', 'in', 'notIn')
  else if (type === 'date' || type === 'datetime') ops.push('eq', 'ne', 'gt', 'ge', 'lt', 'le')
  else if (type === 'choice') ops.push('eq', 'ne', 'in', 'notIn')
  else if (type === 'multiChoice') ops.push('has', 'in', 'notIn')
  else if (type === 'boolean') ops.push('eq', 'ne')
  else if (type === 'lookup' || type === 'user') ops.push('eq', 'ne', 'in', 'notIn')
  ops.push('isNull', 'isNotNull')
  if (own) ops.push('changed')
  return ops
}

export function takesValue(operator: string): boolean {
  return !['isNull', 'isNotNull', 'changed'].includes(operator)
}

export function takesList(operator: string): boolean {
  return operator === 'in' || operator === 'notIn'
}

export function isComparison(node: ConditionNode): node is Comparison {
  return 'field' in node
}

/** A node read as a group for editing; a lone comparison or script becomes a one-child "all" group. */
export function asGroup(node: ConditionNode | undefined | null): Group {
  if (!node) return { mode: 'all', children: [] }
  if ('all' in node) return { mode: 'all', children: node.all }
  if ('any' in node) return { mode: 'any', children: node.any }
  if ('not' in node) return { mode: 'none', children: 'any' in node.not ? node.not.any : [node.not] }
  return { mode: 'all', children: [node] }
}

export function fromGroup(group: Group): ConditionNode {
  if (group.mode === 'all') return { all: group.children }
  if (group.mode === 'any') return { any: group.children }
  return { not: { any: group.children } }
}

/** A typed value from what the key user typed: numbers as numbers, yes/no as booleans, lists split on commas. */
export function typedValue(field: FieldDefinition, operator: string, text: string): unknown {
  if (takesList(operator)) return text.split(',').map((s) => s.trim()).filter(Boolean).map((s) => typedValue(field, 'eq', s))
  if (numberTypes.includes(field.type)) {
    const n = Number(text.replace(',', '.'))
    return text.trim() !== '' && !/[.,]$/.test(text) && Number.isFinite(n) ? n : text
  }
  if (field.type === 'boolean') return text === 'true'
  return text
}

/** A stored value as editable text (relative dates keep their object form and are edited apart). */
export function valueText(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (Array.isArray(value)) return value.map(String).join(', ')
  if (typeof value === 'object') return ''
  return String(value)
}

export const relativeDates = ['today', 'yesterday', 'tomorrow', 'now'] as const
export const relativeUnits = ['daysAgo', 'daysAhead', 'monthsAgo', 'monthsAhead', 'yearsAgo', 'yearsAhead'] as const

/** A one-line reading of a condition, for lists: "city = İzmir and segment = gold". */
export function describeCondition(node: ConditionNode | undefined | null, label: (path: string) => string = (p) => p): string {
  if (!node) return ''
  if ('script' in node) return 'script'
  if ('field' in node) {
    const op = operatorSymbols[node.operator] ?? node.operator
    return takesValue(node.operator) ? `${label(node.field)} ${op} ${Array.isArray(node.value) ? node.value.join(', ') : typeof node.value === 'object' ? JSON.stringify(node.value) : String(node.value ?? '')}` : `${label(node.field)} ${op}`
  }
  if ('not' in node) return `not (${describeCondition(node.not, label)})`
  const [word, list] = 'all' in node ? [' and ', node.all] : [' or ', node.any]
  return list.map((c) => (('all' in c || 'any' in c) && list.length > 1 ? `(${describeCondition(c, label)})` : describeCondition(c, label))).join(word)
}

export const operatorSymbols: Record<string, string> = {
  eq: '=', ne: '≠', gt: '>', ge: '≥', lt: '<', le: '≤', in: 'is one of', notIn: 'is none of', contains: 'contains',
  startsWith: 'starts with', endsWith: 'ends with', has: 'has', isNull: 'is empty', isNotNull: 'is filled in', changed: 'changed',
}
