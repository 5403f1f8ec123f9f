// Fixed choices the designer offers: field types with what each one can set, entity icons, option colours.
import type { FieldType, Module } from '../api/types'

export const fieldTypes: { type: FieldType; en: string; tr: string }[] = [
  { type: 'text', en: 'Text', tr: 'Metin' },
  { type: 'textarea', en: 'Long text', tr: 'Uzun metin' },
  { type: 'integer', en: 'Whole number', tr: 'Tam sayı' },
  { type: 'decimal', en: 'Decimal number', tr: 'Ondalıklı sayı' },
  { type: 'currency', en: 'Money', tr: 'Para' },
  { type: 'percent', en: 'Percent', tr: 'Yüzde' },
  { type: 'boolean', en: 'Yes / no', tr: 'Evet / hayır' },
  { type: 'date', en: 'Date', tr: 'Tarih' },
  { type: 'datetime', en: 'Date and time', tr: 'Tarih ve saat' },
  { type: 'choice', en: 'Choice (one option)', tr: 'Seçim (tek seçenek)' },
  { type: 'multiChoice', en: 'Choice (several options)', tr: 'Seçim (çok seçenek)' },
  { type: 'email', en: 'E-mail', tr: 'E-posta' },
  { type: 'phone', en: 'Phone', tr: 'Telefon' },
  { type: 'url', en: 'Web address', tr: 'Web adresi' },
  { type: 'lookup', en: 'Link to a record (lookup)', tr: 'Kayda bağlantı (arama)' },
  { type: 'user', en: 'User', tr: 'Kullanıcı' },
  { type: 'autonumber', en: 'Automatic number', tr: 'Otomatik numara' },
]

export const numberTypes: FieldType[] = ['integer', 'decimal', 'currency', 'percent']
export const lengthTypes: FieldType[] = ['text', 'textarea', 'email', 'phone', 'url']
export const optionTypes: FieldType[] = ['choice', 'multiChoice']
/** Types whose default a key user can type as a literal value. */
export const defaultTypes: FieldType[] = ['text', 'textarea', 'integer', 'decimal', 'currency', 'percent', 'boolean', 'date', 'choice', 'email', 'phone', 'url']
export const uniqueTypes: FieldType[] = ['text', 'integer', 'decimal', 'email', 'phone', 'url', 'date']
export const searchableTypes: FieldType[] = ['text', 'textarea', 'email', 'phone', 'url', 'autonumber']

export const modules: Module[] = ['sales', 'marketing', 'service', 'settings']

export const palette = ['#2563eb', '#0891b2', '#059669', '#65a30d', '#d97706', '#dc2626', '#db2777', '#7c3aed', '#475569', '#b45309']

/** An API name from a label: lower case ASCII letters, digits and underscores, starting with a letter. */
export function apiName(text: string): string {
  const map: Record<string, string> = { ç: 'c', ğ: 'g', ı: 'i', ö: 'o', ş: 's', ü: 'u', İ: 'i' }
  const name = text.trim().replace(/[çğıöşüİ]/gi, (c) => map[c.toLowerCase()] ?? map[c] ?? c).toLowerCase()
    .replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '')
  return /^[a-z]/.test(name) ? name.slice(0, 60) : name ? `f_${name}`.slice(0, 60) : ''
}

export const namePattern = /^[a-z][a-z0-9_]*$/
