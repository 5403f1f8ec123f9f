import type { OptionDefinition } from '../api/types'
import { apiName, palette } from './catalog'
import { useText } from './useText'

interface Props {
  options: OptionDefinition[]
  onChange: (options: OptionDefinition[]) => void
}

/** The options of a choice field: value, labels in both languages and a colour; added, reordered and removed. */
export function OptionSetEditor({ options, onChange }: Props) {
  const tx = useText()
  const set = (index: number, change: Partial<OptionDefinition>) => onChange(options.map((o, i) => (i === index ? { ...o, ...change } : o)))
  const move = (index: number, by: number) => {
    const next = [...options]
    const [item] = next.splice(index, 1)
    next.splice(index + by, 0, item)
    onChange(next)
  }
  const label = (o: OptionDefinition, language: 'tr' | 'en', text: string) => {
    const next = { ...o.label, [language]: text }
    if (!text) delete next[language]
    return Object.keys(next).length ? next : undefined
  }
  return (
    <div className="option-set" data-testid="option-set">
      <table className="records compact">
        <thead><tr><th>{tx('Colour', 'Renk')}</th><th>{tx('Value (stored)', 'Değer (saklanan)')}</th><th>TR</th><th>EN</th><th /></tr></thead>
        <tbody>
          {options.map((o, i) => (
            <tr key={i} data-testid="option-row">
              <td><input type="color" value={o.color ?? '#94a3b8'} aria-label={tx('Colour', 'Renk')} data-testid={`option-color-${i}`} onChange={(e) => set(i, { color: e.target.value })} /></td>
              <td><input value={o.value} aria-label={tx('Value', 'Değer')} data-testid={`option-value-${i}`} onChange={(e) => set(i, { value: e.target.value })} /></td>
              <td><input value={o.label?.tr ?? ''} aria-label="TR" data-testid={`option-tr-${i}`} onChange={(e) => set(i, { label: label(o, 'tr', e.target.value) })} /></td>
              <td>
                <input value={o.label?.en ?? ''} aria-label="EN" data-testid={`option-en-${i}`}
                  onChange={(e) => set(i, { label: label(o, 'en', e.target.value), value: o.value || apiName(e.target.value) })} />
              </td>
              <td className="row-actions">
                <button type="button" className="icon" aria-label={tx('Move up', 'Yukarı taşı')} disabled={i === 0} onClick={() => move(i, -1)}>↑</button>
                <button type="button" className="icon" aria-label={tx('Move down', 'Aşağı taşı')} disabled={i === options.length - 1} onClick={() => move(i, 1)}>↓</button>
                <button type="button" className="icon" aria-label={tx('Remove option', 'Seçeneği kaldır')} data-testid={`option-remove-${i}`}
                  onClick={() => onChange(options.filter((_, j) => j !== i))}>×</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {options.length === 0 && <p className="subtle">{tx('No options yet. A choice field needs at least one.', 'Henüz seçenek yok. Bir seçim alanı en az bir seçenek ister.')}</p>}
      <button type="button" className="link" data-testid="option-add"
        onClick={() => onChange([...options, { value: '', color: palette[options.length % palette.length] }])}>
        + {tx('Add option', 'Seçenek ekle')}
      </button>
    </div>
  )
}
