import type { FieldDefinition, Metadata } from '../api/types'
import { currencySymbol, optionColor } from '../lib/format'
import { useI18n } from '../lib/i18n'
import { findEntity } from '../lib/model'
import { isReadOnly } from '../lib/validation'
import { LookupInput } from './LookupInput'

interface Props {
  id: string
  field: FieldDefinition
  value: unknown
  invalid: boolean
  metadata: Metadata
  users: Map<string, string>
  onChange: (value: unknown) => void
}

/** The editor for one field, by type: text, numbers, money, dates, option sets with colours, multi-select, lookups. */
export function FieldEditor({ id, field, value, invalid, metadata, users, onChange }: Props) {
  const i18n = useI18n()
  const common = { id, 'data-testid': `field-${field.name}`, 'aria-invalid': invalid, disabled: isReadOnly(field) }
  const text = value === null || value === undefined ? '' : String(value)

  switch (field.type) {
    case 'textarea':
      return <textarea {...common} rows={4} value={text} onChange={(e) => onChange(e.target.value)} />
    case 'integer': case 'decimal': case 'currency': case 'percent':
      return (
        <div className={`affix ${field.type}`}>
          {field.type === 'currency' && <span className="affix-sign">{currencySymbol(i18n.locale)}</span>}
          {field.type === 'percent' && <span className="affix-sign">%</span>}
          <input {...common} inputMode="decimal" value={text} onChange={(e) => onChange(e.target.value)} />
        </div>
      )
    case 'boolean':
      return (
        <label className="switch">
          <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
          <span>{value === true ? i18n.t('yes') : i18n.t('no')}</span>
        </label>
      )
    case 'date':
      return <input {...common} type="date" value={text.slice(0, 10)} onChange={(e) => onChange(e.target.value)} />
    case 'datetime':
      return <input {...common} type="datetime-local" value={toLocalInput(text)} onChange={(e) => onChange(e.target.value)} />
    case 'choice':
      return (
        <div className="choice">
          {typeof value === 'string' && value && <span className="dot" style={{ background: optionColor(field, value) }} />}
          <select {...common} value={text} onChange={(e) => onChange(e.target.value || null)}>
            <option value="">{i18n.t('none')}</option>
            {field.options?.map((o) => <option key={o.value} value={o.value}>{i18n.label(o.label, o.value)}</option>)}
          </select>
        </div>
      )
    case 'multiChoice': {
      const selected = Array.isArray(value) ? (value as string[]) : []
      return (
        <div className="chips" role="group" aria-labelledby={`${id}-label`} data-testid={`field-${field.name}`}>
          {field.options?.map((o) => {
            const on = selected.includes(o.value)
            const color = optionColor(field, o.value)
            return (
              <button
                key={o.value}
                type="button"
                aria-pressed={on}
                className={on ? 'chip on' : 'chip'}
                style={on ? { background: `${color}1f`, borderColor: color, color } : undefined}
                onClick={() => onChange(on ? selected.filter((v) => v !== o.value) : [...selected, o.value])}
              >
                {i18n.label(o.label, o.value)}
              </button>
            )
          })}
        </div>
      )
    }
    case 'lookup':
      return (
        <LookupInput id={id} field={field} target={field.target ? findEntity(metadata, field.target) : undefined}
          value={value} invalid={invalid} onChange={onChange} />
      )
    case 'user':
      return (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value || null)}>
          <option value="">{i18n.t('none')}</option>
          {[...users].map(([userId, name]) => <option key={userId} value={userId}>{name}</option>)}
        </select>
      )
    default:
      return (
        <input {...common} type={field.type === 'email' ? 'email' : field.type === 'url' ? 'url' : field.type === 'phone' ? 'tel' : 'text'}
          maxLength={field.maxLength} value={text} onChange={(e) => onChange(e.target.value)} />
      )
  }
}

function toLocalInput(value: string): string {
  if (!value) return ''
  if (!value.endsWith('Z') && !value.includes('+')) return value.slice(0, 16)
  const date = new Date(value)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}
