// The filter builder's model: conditions on field paths, operators by field type, and their $filter text.
import type { EntityDefinition, FieldDefinition, Metadata } from '../api/types'
import { activeFields, findEntity, systemFields } from './model'

export type Operator =
  | 'eq' | 'ne' | 'contains' | 'startswith' | 'gt' | 'ge' | 'lt' | 'le' | 'null' | 'notnull' | 'has' | 'true' | 'false'

export interface Condition {
  path: string
  operator: Operator
  value: string
}

export interface FilterField {
  path: string
  field: FieldDefinition
  /** The lookup walked to reach the field, when the path has two steps. */
  via?: FieldDefinition
}

const textOps: Operator[] = ['contains', 'eq', 'ne', 'startswith', 'null', 'notnull']
const numberOps: Operator[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'null', 'notnull']
const dateOps: Operator[] = ['eq', 'gt', 'lt', 'ge', 'le', 'null', 'notnull']

export function operatorsFor(field: FieldDefinition): Operator[] {
  switch (field.type) {
    case 'integer': case 'decimal': case 'currency': case 'percent': return numberOps
    case 'date': case 'datetime': return dateOps
    case 'boolean': return ['true', 'false']
    case 'choice': return ['eq', 'ne', 'null', 'notnull']
    case 'multiChoice': return ['has', 'null', 'notnull']
    case 'lookup': case 'user': return ['null', 'notnull']
    default: return textOps
  }
}

export function needsValue(operator: Operator): boolean {
  return !['null', 'notnull', 'true', 'false'].includes(operator)
}

/** The fields a filter can use: the entity's own, then one step through each lookup (company/name). */
export function filterFields(metadata: Metadata, entity: EntityDefinition): FilterField[] {
  const own = [...activeFields(entity), ...systemFields]
  const result: FilterField[] = own.map((field) => ({ path: field.name, field }))
  for (const lookup of activeFields(entity).filter((f) => f.type === 'lookup' && f.target)) {
    const target = findEntity(metadata, lookup.target!)
    if (!target) continue
    for (const field of activeFields(target).filter((f) => f.type !== 'lookup' && f.type !== 'textarea'))
      result.push({ path: `${lookup.name}/${field.name}`, field, via: lookup })
  }
  return result
}

export function literal(field: FieldDefinition, value: string): string {
  switch (field.type) {
    case 'integer': case 'decimal': case 'currency': case 'percent': {
      const number = Number(value.replace(',', '.'))
      return Number.isFinite(number) ? String(number) : `'${value.replace(/'/g, "''")}'`
    }
    case 'date': return value
    case 'datetime': return value.length === 10 ? `${value}T00:00:00Z` : new Date(value).toISOString()
    default: return `'${value.replace(/'/g, "''")}'`
  }
}

/** One condition as $filter text, or null while it lacks a value. */
export function conditionText(condition: Condition, field: FieldDefinition): string | null {
  const { path, operator, value } = condition
  switch (operator) {
    case 'null': return `${path} eq null`
    case 'notnull': return `${path} ne null`
    case 'true': return `${path} eq true`
    case 'false': return `${path} eq false`
  }
  if (value.trim() === '') return null
  const v = literal(field, value.trim())
  switch (operator) {
    case 'contains': case 'startswith': return `${operator}(${path}, ${v})`
    default: return `${path} ${operator} ${v}`
  }
}

/** All complete conditions joined with "and", within the view's own filter when it has one. */
export function toFilter(conditions: Condition[], fields: FilterField[], base?: string): string {
  const parts = conditions
    .map((c) => {
      const field = fields.find((f) => f.path === c.path)?.field
      return field ? conditionText(c, field) : null
    })
    .filter((t): t is string => t !== null)
  if (base?.trim()) parts.unshift(`(${base.trim()})`)
  return parts.join(' and ')
}
