import { useState } from 'react'
import type { FieldType } from '../api/types'
import { useI18n } from '../lib/i18n'
import { apiName, fieldTypes, modules, namePattern } from './catalog'
import { EntityIcon, iconNames } from './EntityIcon'
import { errorsUnder, isFocused, useDesigner } from './DesignerContext'
import { FieldPanel } from './FieldPanel'
import { LocalizedInput } from './LocalizedInput'
import type { DesignEntity } from './types'
import { useText } from './useText'

interface Props {
  index: number
  fieldIndex: number | null
}

/** One entity: its labels, icon, primary field and module, and the table of its fields (a field opens beside it). */
export function EntityEditor({ index, fieldIndex }: Props) {
  const { document, update, errors, focus, go, live } = useDesigner()
  const i18n = useI18n()
  const tx = useText()
  const entity = document.entities[index]
  const path = `$.entities[${index}]`
  const liveEntity = live.entities.find((e) => e.name === entity.name)
  const [adding, setAdding] = useState(false)
  const [label, setLabel] = useState('')
  const [name, setName] = useState('')
  const [type, setType] = useState<FieldType>('text')
  const set = (change: Partial<DesignEntity>) => update((doc) => { Object.assign(doc.entities[index], change) })
  const base = `/designer/entities/${entity.name}`
  const entityErrors = errors.filter((e) => e.path.startsWith(path) && !e.path.startsWith(`${path}.fields[`))

  const newName = name || apiName(label)
  const nameProblem = newName && !namePattern.test(newName) ? tx('Lower-case letters, digits and _ ; starts with a letter.', 'Küçük harf, rakam ve _ ; harfle başlar.') : null
  const addField = () => {
    update((doc) => {
      doc.entities[index].fields.push({ name: newName, type, label: i18n.language === 'tr' ? { tr: label } : { en: label }, ...(type === 'choice' || type === 'multiChoice' ? { options: [] } : {}) })
    })
    setAdding(false); setLabel(''); setName(''); setType('text')
    go(`${base}/fields/${entity.fields.length}`)
  }

  return (
    <div className="page" data-testid="entity-editor">
      <div className="page-head">
        <div>
          <a className="crumb" href="/designer/entities" onClick={(e) => { e.preventDefault(); go('/designer/entities') }}>← {tx('All entities', 'Tüm varlıklar')}</a>
          <h2>{i18n.label(entity.label, entity.name)} <small className="subtle mono">{entity.name}</small></h2>
        </div>
      </div>
      {entityErrors.map((e) => <p key={e.path + e.message} className="alert error" data-testid="element-error">{e.message}</p>)}
      <div className="entity-layout">
        <section className={`card stack entity-settings${focus === path ? ' focused' : ''}`} data-testid="entity-settings">
          <h3>{tx('Entity', 'Varlık')}</h3>
          <LocalizedInput label={tx('Name (singular)', 'Ad (tekil)')} value={entity.label} testId="entity-label" onChange={(v) => set({ label: v })} />
          <LocalizedInput label={tx('Name (plural)', 'Ad (çoğul)')} value={entity.pluralLabel} testId="entity-plural" onChange={(v) => set({ pluralLabel: v })} />
          <label className="field-row">{tx('Primary field (names a record in lists and lookups)', 'Birincil alan (kaydı listelerde ve aramalarda adlandırır)')}
            <select value={entity.primaryField ?? ''} data-testid="entity-primary" onChange={(e) => set({ primaryField: e.target.value || undefined })}>
              <option value="">—</option>
              {entity.fields.filter((f) => !f.retired && ['text', 'email', 'autonumber', 'phone'].includes(f.type)).map((f) =>
                <option key={f.name} value={f.name}>{i18n.label(f.label, f.name)}</option>)}
            </select>
          </label>
          <label className="field-row">{tx('Module (where it sits in the menu)', 'Modül (menüdeki yeri)')}
            <select value={entity.module ?? 'settings'} data-testid="entity-module" onChange={(e) => set({ module: e.target.value as DesignEntity['module'] })}>
              {modules.map((m) => <option key={m} value={m}>{i18n.t(`modules_${m}`)}</option>)}
            </select>
          </label>
          <fieldset className="icon-picker">
            <legend>{tx('Icon', 'Simge')}</legend>
            {iconNames.map((icon) => (
              <button key={icon} type="button" className={entity.icon === icon ? 'on' : undefined} aria-pressed={entity.icon === icon}
                title={icon} aria-label={icon} data-testid={`icon-${icon}`}
                onClick={() => set({ icon: entity.icon === icon ? undefined : icon })}><EntityIcon name={icon} /></button>
            ))}
          </fieldset>
        </section>

        <section className="card fields-card" data-testid="fields-card">
          <div className="card-head">
            <h3>{tx('Fields', 'Alanlar')} <span className="count-pill">{entity.fields.filter((f) => !f.retired).length}</span></h3>
            <button type="button" className="primary" data-testid="field-add" onClick={() => setAdding(true)}>+ {tx('Add field', 'Alan ekle')}</button>
          </div>
          {adding && (
            <form className="inline-add" data-testid="field-create" onSubmit={(e) => { e.preventDefault(); if (newName && !nameProblem) addField() }}>
              <label>{tx('Label', 'Etiket')}<input autoFocus value={label} data-testid="new-field-label" onChange={(e) => setLabel(e.target.value)} /></label>
              <label>{tx('API name', 'API adı')}<input value={newName} data-testid="new-field-name" aria-invalid={Boolean(nameProblem)} onChange={(e) => setName(e.target.value)} /></label>
              <label>{tx('Type', 'Tür')}
                <select value={type} data-testid="new-field-type" onChange={(e) => setType(e.target.value as FieldType)}>
                  {fieldTypes.map((t) => <option key={t.type} value={t.type}>{i18n.language === 'tr' ? t.tr : t.en}</option>)}
                </select>
              </label>
              <div className="actions">
                <button type="button" onClick={() => setAdding(false)}>{i18n.t('cancel')}</button>
                <button type="submit" className="primary" disabled={!newName || Boolean(nameProblem)} data-testid="new-field-submit">{i18n.t('add')}</button>
              </div>
              {nameProblem && <p className="field-error">{nameProblem}</p>}
            </form>
          )}
          <table className="records compact fields-table">
            <thead><tr><th>{tx('Label', 'Etiket')}</th><th>{tx('API name', 'API adı')}</th><th>{tx('Type', 'Tür')}</th><th>{tx('Rules', 'Kurallar')}</th></tr></thead>
            <tbody>
              {entity.fields.map((field, j) => {
                const fieldPath = `${path}.fields[${j}]`
                const problems = errorsUnder(errors, fieldPath)
                // A second field with a published field's name is new (and an error), not that field.
                const published = entity.fields.findIndex((f) => f.name === field.name) === j ? liveEntity?.fields.find((f) => f.name === field.name) : undefined
                const type = fieldTypes.find((t) => t.type === field.type)
                return (
                  <tr key={j} data-testid={`field-row-${field.name}`} data-path={fieldPath}
                    className={`${fieldIndex === j ? 'selected' : ''}${isFocused(focus, fieldPath) ? ' focused' : ''}${problems.length ? ' has-error' : ''}${field.retired ? ' retired' : ''}`}
                    onClick={() => go(`${base}/fields/${j}`, focus)}>
                    <td>
                      <strong>{i18n.label(field.label, field.name)}</strong>
                      {problems.map((p) => <div key={p.path + p.message} className="field-error" data-testid="element-error">{p.message}</div>)}
                    </td>
                    <td className="mono">{field.name}</td>
                    <td>{type ? (i18n.language === 'tr' ? type.tr : type.en) : field.type}{field.type === 'lookup' && field.target ? ` → ${field.target}` : ''}</td>
                    <td className="flags">
                      {field.required && <span className="badge neutral">{tx('required', 'zorunlu')}</span>}
                      {field.unique && <span className="badge neutral">{tx('unique', 'benzersiz')}</span>}
                      {field.retired && <span className="badge neutral">{tx('retired', 'kullanımdan kalktı')}</span>}
                      {!published && <span className="badge pending">{tx('new', 'yeni')}</span>}
                      {published && published.type !== field.type && <span className="badge pending">{tx('type changed', 'tür değişti')}</span>}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </section>
        {fieldIndex !== null && entity.fields[fieldIndex] && (
          <FieldPanel key={fieldIndex} entityIndex={index} fieldIndex={fieldIndex} onClose={() => go(base)} />
        )}
      </div>
    </div>
  )
}
