import type { FieldDefinition } from '../../api/types'
import { useI18n } from '../../lib/i18n'
import { useText } from '../useText'
import { relativeDates, relativeUnits, takesList, typedValue, valueText } from './conditionModel'

interface Props {
  field: FieldDefinition
  operator: string
  value: unknown
  onChange: (value: unknown) => void
  testId: string
}

const unitLabels: Record<string, [string, string]> = {
  daysAgo: ['days ago', 'gün önce'], daysAhead: ['days ahead', 'gün sonra'], monthsAgo: ['months ago', 'ay önce'],
  monthsAhead: ['months ahead', 'ay sonra'], yearsAgo: ['years ago', 'yıl önce'], yearsAhead: ['years ahead', 'yıl sonra'],
}

/** The value editor by field type: options for choices, yes/no, numbers, dates (fixed or relative), comma lists. */
export function ConditionValue({ field, operator, value, onChange, testId }: Props) {
  const i18n = useI18n()
  const tx = useText()
  const options = field.options ?? []
  if (takesList(operator) && options.length > 0) {
    const chosen = Array.isArray(value) ? value.map(String) : []
    return (
      <div className="chips condition-value" data-testid={testId}>
        {options.map((o) => {
          const on = chosen.includes(o.value)
          return <button key={o.value} type="button" className={`chip${on ? ' on' : ''}`} aria-pressed={on}
            onClick={() => onChange(on ? chosen.filter((c) => c !== o.value) : [...chosen, o.value])}>{i18n.label(o.label, o.value)}</button>
        })}
      </div>
    )
  }
  if (options.length > 0 && (field.type === 'choice' || field.type === 'multiChoice')) {
    return (
      <select aria-label={tx('Value', 'Değer')} data-testid={testId} value={valueText(value)} onChange={(e) => onChange(e.target.value)}>
        <option value="">—</option>
        {options.map((o) => <option key={o.value} value={o.value}>{i18n.label(o.label, o.value)}</option>)}
      </select>
    )
  }
  if (field.type === 'boolean') {
    return (
      <select aria-label={tx('Value', 'Değer')} data-testid={testId} value={value === true ? 'true' : 'false'} onChange={(e) => onChange(e.target.value === 'true')}>
        <option value="true">{tx('Yes', 'Evet')}</option>
        <option value="false">{tx('No', 'Hayır')}</option>
      </select>
    )
  }
  if ((field.type === 'date' || field.type === 'datetime') && !takesList(operator)) {
    const relative = value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value as Record<string, number>)[0] : null
    const kind = relative ? relative[0] : typeof value === 'string' && (relativeDates as readonly string[]).includes(value) ? value : 'date'
    return (
      <span className="condition-value date-value" data-testid={testId}>
        <select aria-label={tx('Which date', 'Hangi tarih')} value={kind} data-testid={`${testId}-kind`}
          onChange={(e) => {
            const k = e.target.value
            onChange(k === 'date' ? '' : (relativeUnits as readonly string[]).includes(k) ? { [k]: 1 } : k)
          }}>
          <option value="date">{tx('a date', 'bir tarih')}</option>
          {relativeDates.map((d) => <option key={d} value={d}>{{ today: tx('today', 'bugün'), yesterday: tx('yesterday', 'dün'), tomorrow: tx('tomorrow', 'yarın'), now: tx('now', 'şimdi') }[d]}</option>)}
          {relativeUnits.map((u) => <option key={u} value={u}>{tx(`… ${unitLabels[u][0]}`, `… ${unitLabels[u][1]}`)}</option>)}
        </select>
        {kind === 'date' && <input type="date" aria-label={tx('Date', 'Tarih')} value={typeof value === 'string' ? value.slice(0, 10) : ''} onChange={(e) => onChange(e.target.value)} />}
        {relative && <input type="number" min={0} aria-label={tx('How many', 'Kaç')} className="narrow" value={relative[1]} onChange={(e) => onChange({ [relative[0]]: Number(e.target.value) })} />}
      </span>
    )
  }
  const numeric = ['integer', 'decimal', 'currency', 'percent'].includes(field.type) && !takesList(operator)
  if (takesList(operator)) {
    // Committed on blur: split on every keystroke, a trailing comma could never be typed.
    return <input aria-label={tx('Value', 'Değer')} data-testid={testId} key={valueText(value)} defaultValue={valueText(value)}
      placeholder={tx('values, separated by commas', 'virgülle ayrılmış değerler')} onBlur={(e) => onChange(typedValue(field, operator, e.target.value))} />
  }
  return (
    <input aria-label={tx('Value', 'Değer')} data-testid={testId} inputMode={numeric ? 'decimal' : undefined}
      value={valueText(value)} onChange={(e) => onChange(typedValue(field, operator, e.target.value))} />
  )
}
