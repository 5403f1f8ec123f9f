import { useState } from 'react'
import type { EntityDefinition, Metadata } from '../api/types'
import { filterFields, needsValue, operatorsFor, type Condition, type FilterField } from '../lib/filters'
import { useI18n } from '../lib/i18n'
import { findEntity } from '../lib/model'

interface Props {
  metadata: Metadata
  entity: EntityDefinition
  conditions: Condition[]
  onApply: (conditions: Condition[]) => void
}

/** Conditions on any field, lookups' fields included: field → operator by type → value editor by type. */
export function FilterBuilder({ metadata, entity, conditions, onApply }: Props) {
  const i18n = useI18n()
  const fields = filterFields(metadata, entity)
  const [draft, setDraft] = useState<Condition[]>(conditions.length ? conditions : [blank(fields)])

  const update = (index: number, change: Partial<Condition>) =>
    setDraft((list) => list.map((c, i) => {
      if (i !== index) return c
      const next = { ...c, ...change }
      if (change.path !== undefined) {
        const field = fields.find((f) => f.path === change.path)?.field
        const ops = field ? operatorsFor(field) : []
        if (!ops.includes(next.operator)) next.operator = ops[0]
        next.value = ''
      }
      return next
    }))

  const fieldLabel = (f: FilterField) =>
    f.via ? `${i18n.label(f.via.label, f.via.name)} › ${i18n.label(f.field.label, f.field.name)}` : i18n.label(f.field.label, f.field.name)

  const groups = new Map<string, FilterField[]>()
  for (const f of fields) {
    const key = f.via ? f.via.name : ''
    groups.set(key, [...(groups.get(key) ?? []), f])
  }

  return (
    <form className="filter-builder" data-testid="filter-builder" aria-label={i18n.t('filter')}
      onSubmit={(e) => { e.preventDefault(); onApply(draft) }}>
      {draft.map((condition, index) => {
        const field = fields.find((f) => f.path === condition.path)?.field
        return (
          <div className="filter-row" key={index} data-testid="filter-row">
            <select aria-label={i18n.t('field')} data-testid={`filter-field-${index}`} value={condition.path}
              onChange={(e) => update(index, { path: e.target.value })}>
              {[...groups].map(([via, list]) => {
                const options = list.map((f) => <option key={f.path} value={f.path}>{fieldLabel(f)}</option>)
                if (!via) return options
                const lookup = entity.fields.find((x) => x.name === via)
                const target = lookup?.target ? findEntity(metadata, lookup.target) : undefined
                return <optgroup key={via} label={`${i18n.label(lookup?.label, via)} (${i18n.label(target?.label, target?.name ?? '')})`}>{options}</optgroup>
              })}
            </select>
            <select aria-label={i18n.t('operator')} data-testid={`filter-operator-${index}`} value={condition.operator}
              onChange={(e) => update(index, { operator: e.target.value as Condition['operator'] })}>
              {field && operatorsFor(field).map((op) => <option key={op} value={op}>{i18n.t(`operators_${op}`)}</option>)}
            </select>
            {field && needsValue(condition.operator) ? (
              field.type === 'choice' || field.type === 'multiChoice' ? (
                <select aria-label={i18n.t('value')} data-testid={`filter-value-${index}`} value={condition.value}
                  onChange={(e) => update(index, { value: e.target.value })}>
                  <option value="" />
                  {field.options?.map((o) => <option key={o.value} value={o.value}>{i18n.label(o.label, o.value)}</option>)}
                </select>
              ) : (
                <input aria-label={i18n.t('value')} data-testid={`filter-value-${index}`} value={condition.value}
                  type={field.type === 'date' || field.type === 'datetime' ? 'date' : ['integer', 'decimal', 'currency', 'percent'].includes(field.type) ? 'number' : 'text'}
                  onChange={(e) => update(index, { value: e.target.value })} />
              )
            ) : <span className="filter-novalue" />}
            <button type="button" className="icon" aria-label={i18n.t('remove')} data-testid={`filter-remove-${index}`}
              onClick={() => setDraft((list) => list.filter((_, i) => i !== index))}>×</button>
          </div>
        )
      })}
      <div className="filter-actions">
        <button type="button" className="link" data-testid="filter-add" onClick={() => setDraft((list) => [...list, blank(fields)])}>
          + {i18n.t('addCondition')}
        </button>
        <span className="spacer" />
        <button type="button" data-testid="filter-clear" onClick={() => { setDraft([]); onApply([]) }}>{i18n.t('clear')}</button>
        <button type="submit" className="primary" data-testid="filter-apply">{i18n.t('apply')}</button>
      </div>
    </form>
  )
}

function blank(fields: FilterField[]): Condition {
  const first = fields[0]
  return { path: first?.path ?? '', operator: first ? operatorsFor(first.field)[0] : 'eq', value: '' }
}
