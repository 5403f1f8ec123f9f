import { useState } from 'react'
import type { Metadata, ViewDefinition } from '../api/types'
import { FilterBuilder } from '../app/FilterBuilder'
import { Empty } from '../app/States'
import { filterFields, toFilter } from '../lib/filters'
import { useI18n } from '../lib/i18n'
import { errorsUnder, useDesigner } from './DesignerContext'
import { freshName } from './layoutOps'
import { LocalizedInput } from './LocalizedInput'
import { parseFilter } from './parseFilter'
import { useText } from './useText'
import { moveItem } from './moveItem'

/** Shared list views: columns in order, default sort and filter, and which one is the entity's default list. */
export function ViewsPage({ rest }: { rest: string[] }) {
  const { document, update, errors, go } = useDesigner()
  const i18n = useI18n()
  const tx = useText()
  const views = document.views ?? []
  const index = views.findIndex((v) => v.name === rest[0])
  const [dragged, setDragged] = useState<number | null>(null)
  const [newEntity, setNewEntity] = useState('')

  if (rest[0] && index < 0) return <Empty text={tx(`There is no view named ${rest[0]}.`, `${rest[0]} adında bir görünüm yok.`)} />

  if (index < 0) {
    const create = () => {
      const entity = document.entities.find((e) => e.name === newEntity)
      if (!entity) return
      const name = freshName(`${entity.name}_view`, views.map((v) => v.name))
      const view: ViewDefinition = {
        name, entity: entity.name, label: { tr: `${entity.pluralLabel?.tr ?? entity.name} görünümü`, en: `${entity.pluralLabel?.en ?? entity.name} view` },
        columns: entity.fields.filter((f) => !f.retired && f.type !== 'textarea').slice(0, 5).map((f) => f.name),
        ...(views.some((v) => v.entity === entity.name && v.default) ? {} : { default: true }),
      }
      update((doc) => { doc.views = [...(doc.views ?? []), view] })
      go(`/designer/views/${name}`)
    }
    return (
      <div className="page" data-testid="designer-views">
        <div className="page-head">
          <div>
            <h2>{tx('List views', 'Liste görünümleri')}</h2>
            <p className="subtle">{tx('Shared lists everyone sees: their columns, order and filter. Personal views stay in each user’s browser.', 'Herkesin gördüğü ortak listeler: sütunları, sırası ve filtresi. Kişisel görünümler her kullanıcının tarayıcısında kalır.')}</p>
          </div>
          <form className="toolbar" onSubmit={(e) => { e.preventDefault(); create() }}>
            <select value={newEntity} aria-label={tx('Entity', 'Varlık')} data-testid="view-new-entity" onChange={(e) => setNewEntity(e.target.value)}>
              <option value="">{tx('New view for…', 'Yeni görünüm…')}</option>
              {document.entities.filter((e) => !e.retired).map((e) => <option key={e.name} value={e.name}>{i18n.label(e.pluralLabel ?? e.label, e.name)}</option>)}
            </select>
            <button type="submit" className="primary" disabled={!newEntity} data-testid="view-new">+ {tx('New view', 'Yeni görünüm')}</button>
          </form>
        </div>
        <div className="card table-card">
          <table className="records">
            <thead><tr><th>{tx('View', 'Görünüm')}</th><th>{tx('Entity', 'Varlık')}</th><th>{tx('Columns', 'Sütunlar')}</th><th>{tx('Default', 'Varsayılan')}</th></tr></thead>
            <tbody>
              {views.map((v, i) => {
                const entity = document.entities.find((e) => e.name === v.entity)
                const problems = errorsUnder(errors, `$.views[${i}]`).length
                return (
                  <tr key={v.name} data-testid={`designer-view-${v.name}`} onClick={() => go(`/designer/views/${v.name}`)} className={problems ? 'has-error' : undefined}>
                    <td><a href={`/designer/views/${v.name}`} onClick={(e) => e.preventDefault()}>{i18n.label(v.label, v.name)}</a>{problems > 0 && <span className="badge error">{problems}</span>}</td>
                    <td>{i18n.label(entity?.pluralLabel ?? entity?.label, v.entity)}</td>
                    <td>{v.columns.length}</td>
                    <td>{v.default ? '✓' : ''}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      </div>
    )
  }

  const view = views[index]
  const path = `$.views[${index}]`
  const entity = document.entities.find((e) => e.name === view.entity)
  if (!entity) return <Empty text={tx(`The view's entity ${view.entity} does not exist.`, `Görünümün varlığı ${view.entity} yok.`)} />
  const metadata = document as unknown as Metadata
  const fields = filterFields(metadata, entity as unknown as Metadata['entities'][number])
  const labelOf = (p: string) => {
    const f = fields.find((x) => x.path === p)
    if (!f) return p
    return f.via ? `${i18n.label(f.via.label, f.via.name)} › ${i18n.label(f.field.label, f.field.name)}` : i18n.label(f.field.label, f.field.name)
  }
  const set = (change: Partial<ViewDefinition>) => update((doc) => {
    const target = doc.views![index]
    Object.assign(target, change)
    for (const [key, value] of Object.entries(change)) if (value === undefined || value === '' || value === false) delete (target as unknown as Record<string, unknown>)[key]
    // One default list per entity: choosing this one unsets the others.
    if (change.default) for (const other of doc.views!) if (other !== target && other.entity === target.entity) delete other.default
  })
  const moveColumn = (from: number, to: number) => set({ columns: moveItem(view.columns, from, to) })
  const [sortField = '', sortDir = 'asc'] = (view.sort ?? '').split(',')[0].trim().split(/\s+/)
  const conditions = parseFilter(view.filter)
  const errorsOf = (suffix: string) => errors.filter((e) => e.path === `${path}${suffix}` || e.path.startsWith(`${path}${suffix}[`))

  return (
    <div className="page" data-testid="view-designer">
      <div className="page-head">
        <div>
          <a className="crumb" href="/designer/views" onClick={(e) => { e.preventDefault(); go('/designer/views') }}>← {tx('All views', 'Tüm görünümler')}</a>
          <h2>{i18n.label(view.label, view.name)} <small className="subtle mono">{view.name}</small></h2>
        </div>
        <label className="check-row big">
          <input type="checkbox" checked={view.default === true} data-testid="view-default" onChange={(e) => set({ default: e.target.checked })} />
          {tx(`Default list of ${i18n.label(entity.pluralLabel ?? entity.label, entity.name)}`, `${i18n.label(entity.pluralLabel ?? entity.label, entity.name)} için varsayılan liste`)}
        </label>
      </div>
      {errorsOf('.default').concat(errorsOf('.name')).map((e) => <p key={e.path + e.message} className="alert error" data-testid="element-error">{e.message}</p>)}
      <div className="view-layout">
        <section className="card stack">
          <LocalizedInput label={tx('View name', 'Görünüm adı')} value={view.label} testId="view-label" onChange={(label) => set({ label })} />
          <h3>{tx('Columns', 'Sütunlar')}</h3>
          <p className="help">{tx('Drag to reorder. The first column opens the record.', 'Sıralamak için sürükleyin. İlk sütun kaydı açar.')}</p>
          <ol className="column-list" data-testid="view-columns">
            {view.columns.map((c, i) => {
              const problems = errorsUnder(errors, `${path}.columns[${i}]`)
              return (
                <li key={c} draggable data-testid={`view-column-${c}`} className={problems.length ? 'has-error' : undefined}
                  onDragStart={() => setDragged(i)} onDragOver={(e) => e.preventDefault()}
                  onDrop={(e) => { e.preventDefault(); if (dragged !== null && dragged !== i) moveColumn(dragged, i); setDragged(null) }}>
                  <span className="grip" aria-hidden="true">⠿</span>
                  <span className="column-name">{labelOf(c)} <small className="mono subtle">{c}</small>
                    {problems.map((p) => <small key={p.message} className="field-error">{p.message}</small>)}</span>
                  <button type="button" className="icon" aria-label={tx('Move up', 'Yukarı taşı')} disabled={i === 0} onClick={() => moveColumn(i, i - 1)}>↑</button>
                  <button type="button" className="icon" aria-label={tx('Move down', 'Aşağı taşı')} disabled={i === view.columns.length - 1} onClick={() => moveColumn(i, i + 1)}>↓</button>
                  <button type="button" className="icon" aria-label={tx('Remove column', 'Sütunu kaldır')} data-testid={`view-column-remove-${c}`}
                    onClick={() => set({ columns: view.columns.filter((x) => x !== c) })}>×</button>
                </li>
              )
            })}
          </ol>
          <select value="" aria-label={tx('Add a column', 'Sütun ekle')} data-testid="view-column-add" onChange={(e) => e.target.value && set({ columns: [...view.columns, e.target.value] })}>
            <option value="">+ {tx('Add a column…', 'Sütun ekle…')}</option>
            {fields.filter((f) => !view.columns.includes(f.path)).map((f) => <option key={f.path} value={f.path}>{labelOf(f.path)}</option>)}
          </select>
        </section>
        <section className="card stack">
          <h3>{tx('Default sort', 'Varsayılan sıralama')}</h3>
          <div className="toolbar">
            <select value={sortField} aria-label={tx('Sort by', 'Sıralama alanı')} data-testid="view-sort-field"
              onChange={(e) => set({ sort: e.target.value ? `${e.target.value} ${sortDir}` : undefined })}>
              <option value="">{tx('No sort', 'Sıralama yok')}</option>
              {fields.filter((f) => !f.via).map((f) => <option key={f.path} value={f.path}>{labelOf(f.path)}</option>)}
            </select>
            <select value={sortDir} aria-label={tx('Direction', 'Yön')} data-testid="view-sort-dir" disabled={!sortField}
              onChange={(e) => set({ sort: `${sortField} ${e.target.value}` })}>
              <option value="asc">{tx('Ascending (A→Z, 1→9)', 'Artan (A→Z, 1→9)')}</option>
              <option value="desc">{tx('Descending (Z→A, 9→1)', 'Azalan (Z→A, 9→1)')}</option>
            </select>
          </div>
          {errorsOf('.sort').map((e) => <p key={e.message} className="field-error" data-testid="element-error">{e.message}</p>)}
          <h3>{tx('Default filter', 'Varsayılan filtre')}</h3>
          <p className="help">{tx('Records outside it never show in this list; users filter further on top.', 'Dışında kalan kayıtlar bu listede hiç görünmez; kullanıcılar üstüne filtre ekler.')}</p>
          {conditions === null
            ? <p className="subtle">{tx('This filter was written by hand; edit it as text below.', 'Bu filtre elle yazılmış; aşağıda metin olarak düzenleyin.')}</p>
            : <FilterBuilder key={view.filter ?? ''} metadata={metadata} entity={entity as unknown as Metadata['entities'][number]} conditions={conditions}
                onApply={(list) => set({ filter: toFilter(list, fields) || undefined })} />}
          <label className="field-row">{tx('Filter as text', 'Metin olarak filtre')}
            <input className="mono" value={view.filter ?? ''} data-testid="view-filter-text" onChange={(e) => set({ filter: e.target.value || undefined })} />
          </label>
          {errorsOf('.filter').map((e) => <p key={e.message} className="field-error" data-testid="element-error">{e.message}</p>)}
        </section>
      </div>
    </div>
  )
}
