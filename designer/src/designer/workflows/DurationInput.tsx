import { useText } from '../useText'

interface Props {
  value: string | undefined
  onChange: (value: string | undefined) => void
  testId: string
  label: string
}

const units = [
  { unit: 'M', en: 'minutes', tr: 'dakika', iso: (n: number) => `PT${n}M` },
  { unit: 'H', en: 'hours', tr: 'saat', iso: (n: number) => `PT${n}H` },
  { unit: 'D', en: 'business days', tr: 'iş günü', iso: (n: number) => `P${n}D` },
]

function parse(value: string | undefined): { amount: number; unit: string } | null {
  const m = value?.match(/^P(?:(\d+)D|T(\d+)([HM]))$/)
  if (!m) return null
  return m[1] ? { amount: Number(m[1]), unit: 'D' } : { amount: Number(m[2]), unit: m[3] }
}

/** An ISO-8601 duration as "4 hours"; anything more complex (P1DT30M) is edited as its ISO text. */
export function DurationInput({ value, onChange, testId, label }: Props) {
  const tx = useText()
  const parsed = parse(value)
  if (value && !parsed) {
    return <label className="field-row">{label}<input className="mono" value={value} data-testid={testId} onChange={(e) => onChange(e.target.value || undefined)} /></label>
  }
  const unit = parsed?.unit ?? 'H'
  return (
    <label className="field-row">{label}
      <span className="duration">
        <input type="number" min={0} value={parsed?.amount ?? ''} data-testid={testId} placeholder={tx('none', 'yok')}
          onChange={(e) => onChange(e.target.value === '' ? undefined : units.find((u) => u.unit === unit)!.iso(Number(e.target.value)))} />
        <select value={unit} aria-label={tx('Unit', 'Birim')} onChange={(e) => parsed && onChange(units.find((u) => u.unit === e.target.value)!.iso(parsed.amount))}>
          {units.map((u) => <option key={u.unit} value={u.unit}>{tx(u.en, u.tr)}</option>)}
        </select>
      </span>
    </label>
  )
}
