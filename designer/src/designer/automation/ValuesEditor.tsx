import { useI18n } from '../../lib/i18n'
import type { DesignEntity } from '../types'
import { useText } from '../useText'

interface Props {
  entity: DesignEntity | undefined
  values: Record<string, unknown>
  onChange: (values: Record<string, unknown>) => void
  testId: string
}

const relativeKeys = ['daysFromNow', 'hoursFromNow', 'minutesFromNow'] as const

/** Field ← value pairs of a create or update action: text with {{ record.… }} placeholders, options, or "in n days". */
export function ValuesEditor({ entity, values, onChange, testId }: Props) {
  const i18n = useI18n()
  const tx = useText()
  const fields = (entity?.fields ?? []).filter((f) => !f.retired && f.type !== 'autonumber' && !f.formula && !f.rollup)
  const set = (name: string, value: unknown) => onChange({ ...values, [name]: value })
  const remove = (name: string) => { const next = { ...values }; delete next[name]; onChange(next) }
  return (
    <div className="values-editor" data-testid={testId}>
      {Object.entries(values).map(([name, value]) => {
        const field = fields.find((f) => f.name === name)
        const relative = value !== null && typeof value === 'object' ? Object.entries(value as Record<string, number>)[0] : null
        return (
          <div key={name} className="value-row" data-testid={`${testId}-${name}`}>
            <span className="value-name">{i18n.label(field?.label, name)}</span>
            {field?.type === 'date' || field?.type === 'datetime' ? (
              <span className="condition-value">
                <select value={relative ? relative[0] : 'text'} aria-label={tx('Kind of value', 'Değer türü')}
                  onChange={(e) => set(name, e.target.value === 'text' ? '' : { [e.target.value]: 1 })}>
                  <option value="text">{tx('a date or {{ }}', 'bir tarih veya {{ }}')}</option>
                  <option value="daysFromNow">{tx('in … days', '… gün sonra')}</option>
                  {field.type === 'datetime' && <option value="hoursFromNow">{tx('in … hours', '… saat sonra')}</option>}
                  {field.type === 'datetime' && <option value="minutesFromNow">{tx('in … minutes', '… dakika sonra')}</option>}
                </select>
                {relative && (relativeKeys as readonly string[]).includes(relative[0])
                  ? <input type="number" className="narrow" value={relative[1]} data-testid={`${testId}-${name}-amount`} aria-label={tx('How many', 'Kaç')}
                      onChange={(e) => set(name, { [relative[0]]: Number(e.target.value) })} />
                  : <input value={typeof value === 'string' ? value : ''} onChange={(e) => set(name, e.target.value)} />}
              </span>
            ) : field?.options?.length && field.type === 'choice' ? (
              <select value={typeof value === 'string' ? value : ''} data-testid={`${testId}-${name}-value`} onChange={(e) => set(name, e.target.value)}>
                <option value="">—</option>
                {field.options.map((o) => <option key={o.value} value={o.value}>{i18n.label(o.label, o.value)}</option>)}
              </select>
            ) : (
              <input value={typeof value === 'string' ? value : JSON.stringify(value)} data-testid={`${testId}-${name}-value`}
                placeholder={tx('text, or {{ record.first_name }}', 'metin veya {{ record.first_name }}')} onChange={(e) => set(name, e.target.value)} />
            )}
            <button type="button" className="icon" aria-label={tx('Remove', 'Kaldır')} onClick={() => remove(name)}>×</button>
          </div>
        )
      })}
      <select value="" data-testid={`${testId}-add`} aria-label={tx('Set a field', 'Bir alanı ayarla')}
        onChange={(e) => e.target.value && set(e.target.value, '')}>
        <option value="">+ {tx('Set a field…', 'Bir alanı ayarla…')}</option>
        {fields.filter((f) => !(f.name in values)).map((f) => <option key={f.name} value={f.name}>{i18n.label(f.label, f.name)}</option>)}
      </select>
    </div>
  )
}
