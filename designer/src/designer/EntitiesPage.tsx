import { useState } from 'react'
import { Empty } from '../app/States'
import { useI18n } from '../lib/i18n'
import { apiName, modules, namePattern } from './catalog'
import { errorsUnder, useDesigner } from './DesignerContext'
import { EntityEditor } from './EntityEditor'
import { EntityIcon } from './EntityIcon'
import { LocalizedInput } from './LocalizedInput'
import type { DesignEntity } from './types'
import { useText } from './useText'

/** Entities of the working copy, and the form to add one; /designer/entities/<name> edits one. */
export function EntitiesPage({ rest }: { rest: string[] }) {
  const { document, errors, go, update, live } = useDesigner()
  const i18n = useI18n()
  const tx = useText()
  const [adding, setAdding] = useState(false)
  const [draft, setDraft] = useState<DesignEntity>({ name: '', fields: [], module: 'sales' })
  const [touchedName, setTouchedName] = useState(false)

  if (rest[0]) {
    const index = document.entities.findIndex((e) => e.name === rest[0])
    if (index < 0) return <Empty text={tx(`There is no entity named ${rest[0]}.`, `${rest[0]} adında bir varlık yok.`)} />
    return <EntityEditor key={rest[0]} index={index} fieldIndex={rest[1] === 'fields' && rest[2] !== undefined ? Number(rest[2]) : null} />
  }

  const taken = document.entities.some((e) => e.name === draft.name)
  const nameError = draft.name && !namePattern.test(draft.name) ? tx('Lower-case letters, digits and _ ; starts with a letter.', 'Küçük harf, rakam ve _ ; harfle başlar.')
    : taken ? tx('This name is taken.', 'Bu ad kullanılıyor.') : null
  const create = () => {
    update((doc) => {
      doc.entities.push({
        ...draft, primaryField: 'name',
        fields: [{ name: 'name', type: 'text', required: true, searchable: true, maxLength: 200, label: { tr: 'Ad', en: 'Name' } }],
      })
    })
    setAdding(false)
    go(`/designer/entities/${draft.name}`)
  }

  return (
    <div className="page" data-testid="designer-entities">
      <div className="page-head">
        <div>
          <h2>{tx('Entities & fields', 'Varlıklar ve alanlar')}</h2>
          <p className="subtle">{tx('The kinds of records your CRM keeps. Open one to change its labels, icon and fields.', 'CRM’inizin tuttuğu kayıt türleri. Etiketlerini, simgesini ve alanlarını değiştirmek için birini açın.')}</p>
        </div>
        <button type="button" className="primary" data-testid="entity-new" onClick={() => setAdding(true)}>+ {tx('New entity', 'Yeni varlık')}</button>
      </div>
      {adding && (
        <form className="card stack" data-testid="entity-create" onSubmit={(e) => { e.preventDefault(); if (draft.name && !nameError) create() }}>
          <h3>{tx('New entity', 'Yeni varlık')}</h3>
          <LocalizedInput label={tx('Name (singular)', 'Ad (tekil)')} value={draft.label} testId="entity-label"
            onChange={(label) => setDraft((d) => ({ ...d, label, name: touchedName ? d.name : apiName(label?.en ?? label?.tr ?? '') }))} />
          <LocalizedInput label={tx('Name (plural)', 'Ad (çoğul)')} value={draft.pluralLabel} testId="entity-plural" onChange={(pluralLabel) => setDraft((d) => ({ ...d, pluralLabel }))} />
          <label className="field-row">{tx('API name', 'API adı')}
            <input value={draft.name} data-testid="entity-name" aria-invalid={Boolean(nameError)} onChange={(e) => { setTouchedName(true); setDraft((d) => ({ ...d, name: e.target.value })) }} />
            {nameError ? <span className="field-error">{nameError}</span> : <span className="help">{tx('Used in the API and cannot change after publishing.', 'API’de kullanılır, yayınlandıktan sonra değişmez.')}</span>}
          </label>
          <label className="field-row">{tx('Module', 'Modül')}
            <select value={draft.module} onChange={(e) => setDraft((d) => ({ ...d, module: e.target.value as DesignEntity['module'] }))}>
              {modules.map((m) => <option key={m} value={m}>{i18n.t(`modules_${m}`)}</option>)}
            </select>
          </label>
          <p className="help">{tx('It starts with a required Name field; add more fields next.', 'Zorunlu bir Ad alanıyla başlar; sonra alan ekleyin.')}</p>
          <div className="actions">
            <button type="button" onClick={() => setAdding(false)}>{i18n.t('cancel')}</button>
            <button type="submit" className="primary" disabled={!draft.name || Boolean(nameError)} data-testid="entity-create-submit">{tx('Create entity', 'Varlığı oluştur')}</button>
          </div>
        </form>
      )}
      {modules.map((module) => {
        const inModule = document.entities.map((e, i) => ({ e, i })).filter(({ e }) => (e.module ?? 'settings') === module)
        if (inModule.length === 0) return null
        return (
          <section key={module} className="entity-group">
            <h4>{i18n.t(`modules_${module}`)}</h4>
            <div className="entity-grid">
              {inModule.map(({ e, i }) => {
                const problems = errorsUnder(errors, `$.entities[${i}]`).length
                const isNew = !live.entities.some((x) => x.name === e.name)
                return (
                  <a key={e.name} href={`/designer/entities/${e.name}`} className={`entity-tile${e.retired ? ' retired' : ''}${problems ? ' has-error' : ''}`}
                    data-testid={`designer-entity-${e.name}`} onClick={(ev) => { ev.preventDefault(); go(`/designer/entities/${e.name}`) }}>
                    <span className="entity-icon" aria-hidden="true">{e.icon ? <EntityIcon name={e.icon} /> : i18n.label(e.label, e.name).slice(0, 1)}</span>
                    <span className="entity-tile-text">
                      <strong>{i18n.label(e.pluralLabel ?? e.label, e.name)}</strong>
                      <small>{e.name} · {tx(`${e.fields.filter((f) => !f.retired).length} fields`, `${e.fields.filter((f) => !f.retired).length} alan`)}</small>
                    </span>
                    {isNew && <span className="badge pending">{tx('new', 'yeni')}</span>}
                    {problems > 0 && <span className="badge error">{tx(`${problems} errors`, `${problems} hata`)}</span>}
                  </a>
                )
              })}
            </div>
          </section>
        )
      })}
    </div>
  )
}
