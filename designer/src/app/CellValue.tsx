import type { FieldDefinition, Metadata } from '../api/types'
import { formatValue, optionColor } from '../lib/format'
import { useI18n } from '../lib/i18n'
import { findEntity, primaryText } from '../lib/model'
import { navigate } from '../lib/router'

interface Props {
  field: FieldDefinition
  value: unknown
  metadata: Metadata
  users: Map<string, string>
}

/** A value read-only: option sets as coloured badges, lookups as links, the rest formatted for the locale. */
export function CellValue({ field, value, metadata, users }: Props) {
  const i18n = useI18n()
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
    return <span className="muted">—</span>
  if (field.type === 'choice' && typeof value === 'string') return <Badge color={optionColor(field, value)} text={formatValue(field, value, i18n)} />
  if (field.type === 'multiChoice' && Array.isArray(value))
    return <span className="badges">{value.map((v) => <Badge key={String(v)} color={optionColor(field, String(v))} text={formatValue({ ...field, type: 'choice' }, v, i18n)} />)}</span>
  if (field.type === 'lookup') {
    const target = field.target ? findEntity(metadata, field.target) : undefined
    if (value && typeof value === 'object' && target) {
      const record = value as Record<string, unknown>
      const href = `/e/${target.name}/${String(record.id)}`
      return <a href={href} onClick={(e) => { e.preventDefault(); e.stopPropagation(); navigate(href) }}>{primaryText(target, record)}</a>
    }
    return <span className="muted">…</span>
  }
  if (field.type === 'url') return <a href={String(value)} target="_blank" rel="noreferrer" onClick={(e) => e.stopPropagation()}>{String(value)}</a>
  if (field.type === 'email') return <a href={`mailto:${String(value)}`} onClick={(e) => e.stopPropagation()}>{String(value)}</a>
  const numeric = ['integer', 'decimal', 'currency', 'percent'].includes(field.type)
  return <span className={numeric ? 'num' : undefined}>{formatValue(field, value, i18n, users)}</span>
}

export function Badge({ color, text }: { color: string; text: string }) {
  return <span className="badge" style={{ color, background: `${color}1a`, borderColor: `${color}40` }}><span className="dot" style={{ background: color }} />{text}</span>
}
