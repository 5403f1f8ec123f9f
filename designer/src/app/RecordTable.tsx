import { useEffect, useState, type FormEvent } from 'react'
import { ProblemError } from '../api/client'
import { queryRecords, type EntityDefinition, type FieldDefinition, type RecordPage } from '../api/crm'
import { labelOf } from './labels'

interface Props {
  entity: EntityDefinition
  defaultLanguage?: string
  /** Changes when the records changed elsewhere (a record was created). */
  reloadKey: number
}

interface Sort {
  field: string
  descending: boolean
}

const pageSize = 50

/** The first page of an entity's records: one column per field, a $filter box, sorting by header click. */
export function RecordTable({ entity, defaultLanguage, reloadKey }: Props) {
  const fields = entity.fields.filter((f) => !f.retired)
  const [filterText, setFilterText] = useState('')
  const [filter, setFilter] = useState('')
  const [sort, setSort] = useState<Sort>({ field: 'created_at', descending: true })
  const [page, setPage] = useState<RecordPage | null>(null)
  const [errors, setErrors] = useState<string[]>([])

  useEffect(() => {
    let current = true
    const orderBy = `${sort.field} ${sort.descending ? 'desc' : 'asc'}`
    queryRecords(entity.name, { filter, orderBy, top: pageSize }).then(
      (result) => {
        if (!current) return
        setPage(result)
        setErrors([])
      },
      (e: unknown) => {
        if (!current) return
        setPage(null)
        setErrors(problemMessages(e))
      },
    )
    return () => {
      current = false
    }
  }, [entity.name, filter, sort, reloadKey])

  const applyFilter = (event: FormEvent) => {
    event.preventDefault()
    setFilter(filterText)
  }

  const sortBy = (field: string) =>
    setSort((s) => ({ field, descending: s.field === field ? !s.descending : false }))

  return (
    <div className="records">
      <form className="filter" onSubmit={applyFilter}>
        <input
          data-testid="filter-input"
          placeholder="$filter, e.g. last_name eq 'Öztürk'"
          value={filterText}
          onChange={(e) => setFilterText(e.target.value)}
        />
        <button type="submit" data-testid="filter-apply">Apply</button>
        <span className="count" data-testid="record-count">{page?.count ?? 0}</span>
      </form>
      {errors.length > 0 && (
        <ul className="error" data-testid="filter-error">
          {errors.map((message, i) => <li key={i}>{message}</li>)}
        </ul>
      )}
      <table data-testid="record-table">
        <thead>
          <tr>
            {fields.map((field) => (
              <th key={field.name} data-testid={`column-${field.name}`} onClick={() => sortBy(field.name)}>
                {labelOf(field.label, field.name, defaultLanguage)}
                {sort.field === field.name && (sort.descending ? ' ▼' : ' ▲')}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {page?.value.map((record) => (
            <tr key={record.id} data-testid="record-row">
              {fields.map((field) => <td key={field.name}>{formatValue(field, record[field.name], defaultLanguage)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function problemMessages(e: unknown): string[] {
  if (!(e instanceof ProblemError)) return [e instanceof Error ? e.message : String(e)]
  const messages = e.problem.errors.map((entry) => entry.message)
  return messages.length > 0 ? messages : [e.message]
}

function formatValue(field: FieldDefinition, value: unknown, defaultLanguage?: string): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'boolean') return value ? '✓' : '✗'
  const optionLabel = (v: unknown) => {
    const option = field.options?.find((o) => o.value === v)
    return option ? labelOf(option.label, option.value, defaultLanguage) : String(v)
  }
  if (Array.isArray(value)) return value.map(optionLabel).join(', ')
  if (field.type === 'choice') return optionLabel(value)
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}
