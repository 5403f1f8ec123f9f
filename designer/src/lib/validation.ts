// Client-side checks mirroring the server's (required, maxLength, min/max, pattern, numbers), so most mistakes are
// caught before a round trip; the server stays the authority and its 422 errors land on the same fields.
import type { FieldDefinition } from '../api/types'
import type { I18n } from './i18n'

export function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
}

export function validateField(field: FieldDefinition, value: unknown, i18n: I18n): string | null {
  if (field.formula || field.rollup || field.type === 'autonumber') return null
  if (isEmpty(value)) return field.required && field.default === undefined ? i18n.t('required') : null
  switch (field.type) {
    case 'integer': case 'decimal': case 'currency': case 'percent': {
      const number = typeof value === 'number' ? value : Number(String(value).replace(',', '.'))
      if (!Number.isFinite(number) || (field.type === 'integer' && !Number.isInteger(number))) return i18n.t('notNumber')
      if (field.min !== undefined && number < field.min) return i18n.t('tooSmall', { n: field.min })
      if (field.max !== undefined && number > field.max) return i18n.t('tooLarge', { n: field.max })
      return null
    }
    case 'text': case 'textarea': case 'email': case 'phone': case 'url': {
      const text = String(value)
      if (field.maxLength !== undefined && text.length > field.maxLength) return i18n.t('tooLong', { n: field.maxLength })
      if (field.pattern && !safeTest(field.pattern, text)) return i18n.t('badPattern')
      return null
    }
    default:
      return null
  }
}

function safeTest(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(text)
  } catch {
    return true
  }
}

/** The value as the API expects it: numbers as numbers, empty as null. */
export function toApiValue(field: FieldDefinition, value: unknown): unknown {
  if (isEmpty(value)) return field.type === 'multiChoice' ? [] : null
  switch (field.type) {
    case 'integer': case 'decimal': case 'currency': case 'percent': {
      const number = typeof value === 'number' ? value : Number(String(value).replace(',', '.'))
      return Number.isFinite(number) ? number : value
    }
    case 'datetime':
      return new Date(String(value)).toISOString()
    default:
      return value
  }
}

export function isReadOnly(field: FieldDefinition): boolean {
  return Boolean(field.formula || field.rollup) || field.type === 'autonumber'
}
