import type { FieldDefinition } from '../api/crm'

const textTypes = new Set(['text', 'email', 'phone', 'url', 'textarea'])
const numberTypes = new Set(['integer', 'decimal', 'currency', 'percent'])
const formTypes = new Set([...textTypes, ...numberTypes, 'boolean', 'date', 'datetime', 'choice'])

export function isTextType(type: string): boolean {
  return textTypes.has(type)
}

export function isNumberType(type: string): boolean {
  return numberTypes.has(type)
}

/** Field types the generated form can edit (multiChoice, lookup, user and autonumber come later). */
export function isFormField(field: FieldDefinition): boolean {
  return !field.retired && formTypes.has(field.type)
}

/** A form's string value as the JSON the API expects; undefined leaves the field out of the request. */
export function toApiValue(field: FieldDefinition, value: string | boolean): unknown {
  if (typeof value === 'boolean') return value
  if (value === '') return undefined
  if (isNumberType(field.type)) return Number(value)
  if (field.type === 'datetime') {
    // datetime-local is the browser's local time; the API stores instants in UTC.
    const instant = new Date(value)
    return Number.isNaN(instant.getTime()) ? value : instant.toISOString()
  }
  return value
}

/** The form's starting value: the field's literal default when it has one (date defaults like "today" are left to the server). */
export function initialValue(field: FieldDefinition): string | boolean {
  if (field.type === 'boolean') return field.default === true
  if (field.type === 'date' || field.type === 'datetime') return ''
  if (typeof field.default === 'string' || typeof field.default === 'number') return String(field.default)
  return ''
}
