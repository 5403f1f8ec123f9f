import { useState, type FormEvent } from 'react'
import { ProblemError } from '../api/client'
import { createRecord, type CrmRecord, type EntityDefinition } from '../api/crm'
import { FieldInput } from './FieldInput'
import { initialValue, isFormField, toApiValue } from './fields'
import { labelOf } from './labels'

interface Props {
  entity: EntityDefinition
  defaultLanguage?: string
  onCreated: (record: CrmRecord) => void
  onCancel: () => void
}

/** A "new record" form generated from the entity's fields; the server's errors show next to their fields. */
export function RecordForm({ entity, defaultLanguage, onCreated, onCancel }: Props) {
  const fields = entity.fields.filter(isFormField)
  const [values, setValues] = useState<Record<string, string | boolean>>(() =>
    Object.fromEntries(fields.map((f) => [f.name, initialValue(f)])))
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({})
  const [formErrors, setFormErrors] = useState<string[]>([])
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const body: Record<string, unknown> = {}
    for (const field of fields) {
      const value = toApiValue(field, values[field.name] ?? '')
      if (value !== undefined) body[field.name] = value
    }
    setBusy(true)
    try {
      const record = await createRecord(entity.name, body)
      onCreated(record)
    } catch (e) {
      const { byField, other } = splitErrors(e, new Set(fields.map((f) => f.name)))
      setFieldErrors(byField)
      setFormErrors(other)
      setBusy(false)
    }
  }

  return (
    // noValidate: the server's validation is the one that counts, and its messages show per field.
    <form className="record-form" data-testid="record-form" onSubmit={submit} noValidate>
      {fields.map((field) => (
        <div className="form-row" key={field.name}>
          <label htmlFor={`field-${field.name}`}>
            {labelOf(field.label, field.name, defaultLanguage)}
            {field.required && <span className="required"> *</span>}
          </label>
          <FieldInput
            field={field}
            value={values[field.name] ?? ''}
            defaultLanguage={defaultLanguage}
            onChange={(value) => setValues((v) => ({ ...v, [field.name]: value }))}
          />
          {fieldErrors[field.name] && (
            <span className="error" data-testid={`error-${field.name}`}>{fieldErrors[field.name].join(' ')}</span>
          )}
        </div>
      ))}
      {formErrors.length > 0 && (
        <ul className="error" data-testid="form-error">
          {formErrors.map((message, i) => <li key={i}>{message}</li>)}
        </ul>
      )}
      <div className="form-actions">
        <button type="submit" data-testid="form-submit" disabled={busy}>Create</button>
        <button type="button" className="link" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  )
}

/** Problem entries with a `$.<field>` path go next to that field; the rest (and the detail) above the buttons. */
function splitErrors(e: unknown, fieldNames: Set<string>): { byField: Record<string, string[]>; other: string[] } {
  if (!(e instanceof ProblemError)) return { byField: {}, other: [e instanceof Error ? e.message : String(e)] }
  const byField: Record<string, string[]> = {}
  const other: string[] = []
  for (const entry of e.problem.errors) {
    const name = entry.path?.startsWith('$.') ? entry.path.slice(2) : undefined
    if (name !== undefined && fieldNames.has(name)) (byField[name] ??= []).push(entry.message)
    else other.push(entry.message)
  }
  if (other.length === 0 && Object.keys(byField).length === 0) other.push(e.message)
  return { byField, other }
}
