import type { FieldDefinition } from '../api/crm'
import { isNumberType } from './fields'
import { labelOf } from './labels'

interface Props {
  field: FieldDefinition
  value: string | boolean
  defaultLanguage?: string
  onChange: (value: string | boolean) => void
}

/** The input for one field, chosen by its type. */
export function FieldInput({ field, value, defaultLanguage, onChange }: Props) {
  const common = { id: `field-${field.name}`, 'data-testid': `field-${field.name}`, required: field.required === true }
  const text = typeof value === 'string' ? value : ''

  switch (field.type) {
    case 'boolean':
      return <input {...common} required={false} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
    case 'textarea':
      return <textarea {...common} value={text} onChange={(e) => onChange(e.target.value)} />
    case 'choice':
      return (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          <option value="" />
          {field.options?.filter((o) => !o.retired).map((option) => (
            <option key={option.value} value={option.value}>{labelOf(option.label, option.value, defaultLanguage)}</option>
          ))}
        </select>
      )
    case 'date':
      return <input {...common} type="date" value={text} onChange={(e) => onChange(e.target.value)} />
    case 'datetime':
      return <input {...common} type="datetime-local" value={text} onChange={(e) => onChange(e.target.value)} />
    default:
      return (
        <input
          {...common}
          type={isNumberType(field.type) ? 'number' : inputType(field.type)}
          step={field.type === 'integer' ? 1 : 'any'}
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      )
  }
}

function inputType(type: string): string {
  switch (type) {
    case 'email': return 'email'
    case 'phone': return 'tel'
    case 'url': return 'url'
    default: return 'text'
  }
}
