import { useState } from 'react'
import { useI18n } from '../../lib/i18n'
import { useDesigner } from '../DesignerContext'
import type { DesignField } from '../types'
import { useText } from '../useText'

const categories = ['identity', 'contact', 'finance', 'location', 'health', 'customer', 'marketing']

/** Which fields hold personal data (for export, erasure and retention) and which are sensitive (field-level security). */
export function DataFlagsTab() {
  const { document, update } = useDesigner()
  const i18n = useI18n()
  const tx = useText()
  const entities = document.entities.filter((e) => !e.retired)
  const [entityName, setEntityName] = useState(entities.find((e) => e.name === 'person')?.name ?? entities[0]?.name)
  const ei = document.entities.findIndex((e) => e.name === entityName)
  const entity = document.entities[ei]
  const setFlag = (fi: number, key: 'personalData' | 'sensitive' | 'dataCategory', value: unknown) =>
    update((doc) => {
      const field = doc.entities[ei].fields[fi] as DesignField
      if (value === false || value === '' || value === undefined) delete field[key]
      else field[key] = value
    })
  return (
    <div className="stack">
      <label className="field-row inline">{tx('Entity', 'Varlık')}
        <select value={entityName} data-testid="flags-entity" onChange={(e) => setEntityName(e.target.value)}>
          {entities.map((e) => <option key={e.name} value={e.name}>{i18n.label(e.label, e.name)}</option>)}
        </select>
      </label>
      {entity && (
        <table className="table card" data-testid="data-flags">
          <thead><tr><th>{tx('Field', 'Alan')}</th><th>{tx('Personal data', 'Kişisel veri')}</th><th>{tx('Category', 'Kategori')}</th><th>{tx('Sensitive (hidden unless a role allows it)', 'Hassas (rol izin vermedikçe gizli)')}</th></tr></thead>
          <tbody>
            {entity.fields.map((f, fi) => f.retired ? null : (
              <tr key={f.name}>
                <td><strong>{i18n.label(f.label, f.name)}</strong> <small className="mono subtle">{f.name}</small></td>
                <td><input type="checkbox" checked={f.personalData === true} data-testid={`flag-personal-${f.name}`} aria-label={tx('Personal data', 'Kişisel veri')} onChange={(e) => setFlag(fi, 'personalData', e.target.checked)} /></td>
                <td>{f.personalData === true && (
                  <>
                    <input list="data-categories" value={typeof f.dataCategory === 'string' ? f.dataCategory : ''} aria-label={tx('Category', 'Kategori')} onChange={(e) => setFlag(fi, 'dataCategory', e.target.value)} />
                    <datalist id="data-categories">{categories.map((c) => <option key={c} value={c} />)}</datalist>
                  </>
                )}</td>
                <td><input type="checkbox" checked={f.sensitive === true} data-testid={`flag-sensitive-${f.name}`} aria-label={tx('Sensitive', 'Hassas')} onChange={(e) => setFlag(fi, 'sensitive', e.target.checked)} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
