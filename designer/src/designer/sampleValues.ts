// Sample data for the live form preview: a plausible value per field type, so the layout reads like a real record.
import type { FieldDefinition } from '../api/types'

export function sampleValues(fields: FieldDefinition[], language: 'tr' | 'en'): Record<string, unknown> {
  const today = new Date().toISOString().slice(0, 10)
  const values: Record<string, unknown> = {}
  for (const field of fields) {
    const text = language === 'tr' ? 'Örnek metin' : 'Sample text'
    switch (field.type) {
      case 'text': values[field.name] = /first/.test(field.name) ? 'Ayşe' : /last/.test(field.name) ? 'Öztürk' : /city/.test(field.name) ? 'İstanbul' : text; break
      case 'textarea': values[field.name] = language === 'tr' ? 'Müşteri yeni katalog istedi.' : 'The customer asked for the new catalogue.'; break
      case 'email': values[field.name] = 'ayse.ozturk@example.com.tr'; break
      case 'phone': values[field.name] = '+90 532 000 00 00'; break
      case 'url': values[field.name] = 'https://example.com.tr'; break
      case 'integer': values[field.name] = String(field.max !== undefined ? Math.min(7, field.max) : 42); break
      case 'decimal': values[field.name] = '3.5'; break
      case 'currency': values[field.name] = '12500'; break
      case 'percent': values[field.name] = '20'; break
      case 'boolean': values[field.name] = true; break
      case 'date': values[field.name] = today; break
      case 'datetime': values[field.name] = `${today}T09:30`; break
      case 'choice': values[field.name] = field.options?.[0]?.value; break
      case 'multiChoice': values[field.name] = field.options?.slice(0, 1).map((o) => o.value) ?? []; break
      case 'autonumber': values[field.name] = 'SR-00042'; break
      default: break
    }
  }
  return values
}
