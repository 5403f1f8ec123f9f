import type { FilterField } from '../../lib/filters'
import { useI18n } from '../../lib/i18n'
import { useText } from '../useText'
import { ConditionValue } from './ConditionValue'
import { conditionOperators, takesValue, type Comparison } from './conditionModel'
import { operatorLabels } from './operatorLabels'

interface Props {
  fields: FilterField[]
  value: Comparison
  onChange: (value: Comparison) => void
  onRemove: () => void
  testId: string
}

/** field → operator (by the field's type) → value (by the field's type). */
export function ComparisonRow({ fields, value, onChange, onRemove, testId }: Props) {
  const i18n = useI18n()
  const tx = useText()
  const chosen = fields.find((f) => f.path === value.field)
  const operators = chosen ? conditionOperators(chosen.field.type, !value.field.includes('/')) : [value.operator]
  const groups = new Map<string, FilterField[]>()
  for (const f of fields) groups.set(f.via?.name ?? '', [...(groups.get(f.via?.name ?? '') ?? []), f])
  const pickField = (path: string) => {
    const field = fields.find((f) => f.path === path)
    const ops = field ? conditionOperators(field.field.type, !path.includes('/')) : []
    onChange({ field: path, operator: ops.includes(value.operator) ? value.operator : ops[0] ?? 'eq', value: '' })
  }
  const pickOperator = (operator: string) => {
    const next: Comparison = { field: value.field, operator }
    if (takesValue(operator)) next.value = value.value ?? ''
    onChange(next)
  }
  return (
    <div className="condition-row" data-testid={`${testId}-row`}>
      <select aria-label={tx('Field', 'Alan')} data-testid={`${testId}-field`} value={value.field} onChange={(e) => pickField(e.target.value)}>
        {!chosen && <option value={value.field}>{value.field || '—'}</option>}
        {[...groups].map(([via, list]) => {
          const options = list.map((f) => <option key={f.path} value={f.path}>{f.via ? `${i18n.label(f.via.label, f.via.name)} › ` : ''}{i18n.label(f.field.label, f.field.name)}</option>)
          return via ? <optgroup key={via} label={tx(`Through ${i18n.label(list[0].via?.label, via)}`, `${i18n.label(list[0].via?.label, via)} üzerinden`)}>{options}</optgroup> : options
        })}
      </select>
      <select aria-label={tx('Operator', 'İşleç')} data-testid={`${testId}-operator`} value={value.operator} onChange={(e) => pickOperator(e.target.value)}>
        {operators.map((op) => <option key={op} value={op}>{i18n.language === 'tr' ? operatorLabels[op]?.tr ?? op : operatorLabels[op]?.en ?? op}</option>)}
      </select>
      {chosen && takesValue(value.operator)
        ? <ConditionValue field={chosen.field} operator={value.operator} value={value.value} onChange={(v) => onChange({ ...value, value: v })} testId={`${testId}-value`} />
        : <span className="condition-novalue" />}
      <button type="button" className="icon" aria-label={tx('Remove condition', 'Koşulu kaldır')} data-testid={`${testId}-remove`} onClick={onRemove}>×</button>
    </div>
  )
}
