import { useState } from 'react'
import { Empty, ErrorState, Loading } from '../../app/States'
import { useText } from '../useText'
import { securityApi } from './securityApi'
import type { Directory } from './useDirectory'

/** Teams (a lead, a department) and departments (a parent, a manager): who sees whose records under team and department scopes. */
export function TeamsTab({ directory, kind }: { directory: Directory; kind: 'teams' | 'departments' }) {
  const tx = useText()
  const { users, teams, departments, error, apply, reload } = directory
  const [name, setName] = useState('')
  if (error) return <ErrorState message={error} onRetry={reload} />
  if (!users) return <Loading />
  const people = users.filter((u) => u.active)
  const isTeams = kind === 'teams'
  const rows = isTeams ? teams : departments
  return (
    <div className="stack">
      <form className="inline-add rule-add" data-testid={`${kind}-add`} onSubmit={async (e) => {
        e.preventDefault()
        if (await apply(() => (isTeams ? securityApi.createTeam({ name }) : securityApi.createDepartment({ name })), tx(`${name} added.`, `${name} eklendi.`))) setName('')
      }}>
        <label>{isTeams ? tx('New team', 'Yeni ekip') : tx('New department', 'Yeni departman')}<input required value={name} data-testid={`${kind}-new-name`} onChange={(e) => setName(e.target.value)} /></label>
        <button type="submit" className="primary">{tx('Add', 'Ekle')}</button>
      </form>
      {rows.length === 0 ? <Empty text={isTeams ? tx('No teams yet.', 'Henüz ekip yok.') : tx('No departments yet.', 'Henüz departman yok.')} /> : (
        <table className="table card" data-testid={`${kind}-list`}>
          <thead><tr><th>{tx('Name', 'Ad')}</th><th>{isTeams ? tx('Lead', 'Lider') : tx('Manager', 'Yönetici')}</th><th>{isTeams ? tx('Department', 'Departman') : tx('Part of', 'Bağlı olduğu')}</th>{isTeams && <th>{tx('Members', 'Üyeler')}</th>}</tr></thead>
          <tbody>
            {isTeams ? teams.map((t) => (
              <tr key={t.id}>
                <td><strong>{t.name}</strong></td>
                <td><select value={t.leadId ?? ''} aria-label={tx('Lead', 'Lider')} onChange={(e) => apply(() => securityApi.updateTeam(t.id, { lead: e.target.value || null }), tx('Saved.', 'Kaydedildi.'))}>
                  <option value="">—</option>{people.map((u) => <option key={u.id} value={u.id}>{u.displayName || u.username}</option>)}</select></td>
                <td><select value={t.departmentId ?? ''} aria-label={tx('Department', 'Departman')} onChange={(e) => apply(() => securityApi.updateTeam(t.id, { department: e.target.value || null }), tx('Saved.', 'Kaydedildi.'))}>
                  <option value="">—</option>{departments.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}</select></td>
                <td>{t.members}</td>
              </tr>
            )) : departments.map((d) => (
              <tr key={d.id}>
                <td><strong>{d.name}</strong></td>
                <td><select value={d.managerId ?? ''} aria-label={tx('Manager', 'Yönetici')} onChange={(e) => apply(() => securityApi.updateDepartment(d.id, { manager: e.target.value || null }), tx('Saved.', 'Kaydedildi.'))}>
                  <option value="">—</option>{people.map((u) => <option key={u.id} value={u.id}>{u.displayName || u.username}</option>)}</select></td>
                <td><select value={d.parentId ?? ''} aria-label={tx('Part of', 'Bağlı olduğu')} onChange={(e) => apply(() => securityApi.updateDepartment(d.id, { parent: e.target.value || null }), tx('Saved.', 'Kaydedildi.'))}>
                  <option value="">—</option>{departments.filter((x) => x.id !== d.id).map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}</select></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
