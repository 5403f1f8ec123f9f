import { useState } from 'react'
import { useI18n } from '../../lib/i18n'
import { apiName } from '../catalog'
import { errorsUnder, useDesigner } from '../DesignerContext'
import { LocalizedInput } from '../LocalizedInput'
import { useText } from '../useText'
import { operationLabels, operations, scopeLabels, scopes, type Operation, type Role, type Scope } from './securityTypes'

const all = '*'

/** Roles of the working copy: a grid of entity × operation × scope, field access for sensitive fields, and capabilities. */
export function RolesTab() {
  const { document, update, errors } = useDesigner()
  const i18n = useI18n()
  const tx = useText()
  const roles = (document.roles as Role[] | undefined) ?? []
  const [selected, setSelected] = useState(roles.find((r) => r.name !== 'administrator')?.name ?? roles[0]?.name ?? '')
  const [newLabel, setNewLabel] = useState('')
  const index = roles.findIndex((r) => r.name === selected)
  const role = roles[index]
  const set = (next: Role) => update((doc) => { (doc.roles as Role[])[index] = next })
  const entities = document.entities.filter((e) => !e.retired)
  const sensitive = entities.flatMap((e) => e.fields.filter((f) => f.sensitive === true && !f.retired).map((f) => ({ entity: e, field: f })))

  const setScope = (entity: string, op: Operation, scope: Scope | '') => {
    const map = { ...(role.entities ?? {}) }
    const entry = { ...(map[entity] ?? {}) }
    if (scope === '') delete entry[op]
    else entry[op] = scope
    if (Object.keys(entry).length === 0) delete map[entity]
    else map[entity] = entry
    set({ ...role, entities: map })
  }
  const setField = (entity: string, field: string, access: string) => {
    const fields = { ...(role.fields ?? {}) }
    const entry = { ...(fields[entity] ?? {}) }
    if (access === '') delete entry[field]
    else entry[field] = access as 'none' | 'read' | 'update'
    if (Object.keys(entry).length === 0) delete fields[entity]
    else fields[entity] = entry
    const next: Role = { ...role, fields }
    if (Object.keys(fields).length === 0) delete next.fields
    set(next)
  }
  const add = () => {
    const name = apiName(newLabel)
    if (!name || roles.some((r) => r.name === name)) return
    update((doc) => { doc.roles = [...((doc.roles as Role[] | undefined) ?? []), { name, label: { [i18n.language]: newLabel.trim() }, entities: { [all]: { read: 'own', create: 'own', update: 'own' } } }] })
    setSelected(name)
    setNewLabel('')
  }

  return (
    <div className="roles-layout">
      <nav className="card role-list" aria-label={tx('Roles', 'Roller')}>
        {roles.map((r, i) => (
          <button key={r.name} type="button" className={`role-item${r.name === selected ? ' active' : ''}${errorsUnder(errors, `$.roles[${i}]`).length ? ' has-error' : ''}`}
            data-testid={`role-${r.name}`} onClick={() => setSelected(r.name)}>
            <strong>{i18n.label(r.label, r.name)}</strong><small className="mono subtle">{r.name}</small>
          </button>
        ))}
        <form className="role-add" onSubmit={(e) => { e.preventDefault(); add() }}>
          <input value={newLabel} placeholder={tx('New role…', 'Yeni rol…')} data-testid="role-new-label" onChange={(e) => setNewLabel(e.target.value)} />
          <button type="submit">{tx('Add', 'Ekle')}</button>
        </form>
      </nav>
      {!role ? <p className="subtle">{tx('Pick a role.', 'Bir rol seçin.')}</p> : role.name === 'administrator' ? (
        <section className="card"><h3>{i18n.label(role.label, role.name)}</h3><p className="subtle">{tx('Administrators may do everything; their rights are not configured here.', 'Yöneticiler her şeyi yapabilir; hakları burada ayarlanmaz.')}</p></section>
      ) : (
        <div className="stack">
          <section className="card stack">
            <LocalizedInput label={tx('Role name', 'Rol adı')} value={role.label} testId="role-label" onChange={(label) => set({ ...role, label })} />
            <label className="check-row"><input type="checkbox" checked={(role.capabilities ?? []).includes('auditRead')} data-testid="role-audit-read"
              onChange={(e) => { const caps = (role.capabilities ?? []).filter((c) => c !== 'auditRead'); const next: Role = { ...role, capabilities: e.target.checked ? [...caps, 'auditRead'] : caps }; if (!next.capabilities!.length) delete next.capabilities; set(next) }} />
              {tx('May read the audit history', 'Denetim geçmişini okuyabilir')}</label>
          </section>
          <section className="card stack">
            <h3>{tx('What this role may do with records', 'Bu rol kayıtlarla ne yapabilir')}</h3>
            <p className="help">{tx('Own: records the user owns. Team: also their team’s. Department: also their department’s and the ones below. A blank cell follows “Every entity”.',
              'Kendi: kullanıcının sahip olduğu kayıtlar. Ekip: ekibininkiler de. Departman: departmanınınkiler ve altındakiler de. Boş hücre “Tüm varlıklar” satırını izler.')}</p>
            <div className="grid-scroll">
              <table className="table role-grid" data-testid="role-grid">
                <thead><tr><th>{tx('Entity', 'Varlık')}</th>{operations.map((op) => <th key={op}>{tx(operationLabels[op][0], operationLabels[op][1])}</th>)}</tr></thead>
                <tbody>
                  {[{ name: all, label: { en: 'Every entity', tr: 'Tüm varlıklar' } }, ...entities].map((e) => (
                    <tr key={e.name} className={e.name === all ? 'default-row' : undefined}>
                      <th scope="row">{i18n.label(e.label, e.name)}</th>
                      {operations.map((op) => {
                        const own = role.entities?.[e.name]?.[op]
                        const inherited = e.name === all ? undefined : role.entities?.[all]?.[op]
                        const shown = own ?? inherited ?? 'none'
                        return (
                          <td key={op}>
                            <select value={own ?? ''} className={`scope scope-${shown}${own ? '' : ' inherited'}`} data-testid={`scope-${e.name === all ? 'all' : e.name}-${op}`}
                              aria-label={`${i18n.label(e.label, e.name)} · ${tx(operationLabels[op][0], operationLabels[op][1])}`} onChange={(ev) => setScope(e.name, op, ev.target.value as Scope | '')}>
                              <option value="">{e.name === all ? tx('None', 'Yok') : `↑ ${tx(scopeLabels[inherited ?? 'none'][0], scopeLabels[inherited ?? 'none'][1])}`}</option>
                              {scopes.filter((s) => e.name !== all || s !== 'none').map((s) => <option key={s} value={s}>{tx(scopeLabels[s][0], scopeLabels[s][1])}</option>)}
                            </select>
                          </td>
                        )
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section className="card stack" data-testid="role-field-access">
            <h3>{tx('Sensitive fields', 'Hassas alanlar')}</h3>
            <p className="help">{tx('A sensitive field is hidden from a role that does not name it here. Mark fields sensitive under “Data protection”.', 'Hassas alan, burada adı geçmeyen rolden gizlenir. Alanları “Veri koruma” sekmesinde hassas olarak işaretleyin.')}</p>
            {sensitive.length === 0 ? <p className="subtle">{tx('No field is marked sensitive.', 'Hassas olarak işaretli alan yok.')}</p> : (
              <table className="table">
                <tbody>
                  {sensitive.map(({ entity, field }) => (
                    <tr key={`${entity.name}.${field.name}`}>
                      <td>{i18n.label(entity.label, entity.name)} › <strong>{i18n.label(field.label, field.name)}</strong></td>
                      <td>
                        <select value={role.fields?.[entity.name]?.[field.name] ?? ''} data-testid={`field-access-${entity.name}-${field.name}`} onChange={(e) => setField(entity.name, field.name, e.target.value)}>
                          <option value="">{tx('Hidden', 'Gizli')}</option>
                          <option value="read">{tx('May read', 'Okuyabilir')}</option>
                          <option value="update">{tx('May read and change', 'Okuyup değiştirebilir')}</option>
                        </select>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </div>
      )}
    </div>
  )
}
