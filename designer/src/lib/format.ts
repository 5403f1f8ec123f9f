// Display of field values: numbers and money in the user's locale, dates, option labels.
import type { FieldDefinition, OptionDefinition } from '../api/types'
import type { I18n } from './i18n'

// The model's currency (settings.currency, ISO 4217), set when the metadata loads; Turkish lira when a model names none.
let modelCurrency = 'TRY'

export function setModelCurrency(code: string | undefined): void {
  modelCurrency = code && /^[A-Z]{3}$/.test(code) ? code : 'TRY'
}

export function currencyCode(): string {
  return modelCurrency
}

/** The currency's sign in the locale (₺, €, $), for input affixes. */
export function currencySymbol(locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: modelCurrency, currencyDisplay: 'narrowSymbol' })
    .formatToParts(0).find((p) => p.type === 'currency')?.value ?? modelCurrency
}

export function optionOf(field: FieldDefinition, value: unknown): OptionDefinition | undefined {
  return field.options?.find((o) => o.value === value)
}

export function formatValue(field: FieldDefinition, value: unknown, i18n: I18n, users?: Map<string, string>): string {
  if (value === null || value === undefined || value === '') return ''
  switch (field.type) {
    case 'currency':
      return new Intl.NumberFormat(i18n.locale, { style: 'currency', currency: modelCurrency, maximumFractionDigits: 2 }).format(Number(value))
    case 'decimal':
      return new Intl.NumberFormat(i18n.locale, { maximumFractionDigits: field.scale ?? 4 }).format(Number(value))
    case 'integer':
      return new Intl.NumberFormat(i18n.locale).format(Number(value))
    case 'percent':
      return `%${new Intl.NumberFormat(i18n.locale, { maximumFractionDigits: 2 }).format(Number(value))}`
    case 'boolean':
      return value ? i18n.t('yes') : i18n.t('no')
    case 'date':
      return formatDate(String(value), i18n)
    case 'datetime':
      return new Intl.DateTimeFormat(i18n.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(String(value)))
    case 'choice':
      return i18n.label(optionOf(field, value)?.label, String(value))
    case 'multiChoice':
      return Array.isArray(value) ? value.map((v) => i18n.label(optionOf(field, v)?.label, String(v))).join(', ') : String(value)
    case 'user':
      return users?.get(String(value)) ?? ''
    default:
      return typeof value === 'object' ? '' : String(value)
  }
}

export function formatDate(value: string, i18n: I18n): string {
  const [y, m, d] = value.slice(0, 10).split('-').map(Number)
  return new Intl.DateTimeFormat(i18n.locale, { dateStyle: 'medium' }).format(new Date(y, m - 1, d))
}

const palette = ['#2563eb', '#16a34a', '#d97706', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#4b5563']

/** The option's colour, or a stable one from its position so every option set is coloured. */
export function optionColor(field: FieldDefinition, value: string): string {
  const option = optionOf(field, value)
  if (option?.color) return option.color
  const index = field.options?.findIndex((o) => o.value === value) ?? -1
  return palette[(index < 0 ? 7 : index) % palette.length]
}

export function relativeDay(value: string, i18n: I18n): string {
  const date = new Date(value)
  return new Intl.DateTimeFormat(i18n.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date)
}
