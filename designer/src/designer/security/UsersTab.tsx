import { useState } from 'react'
import { ErrorState, Loading } from '../../app/States'
import { useText } from '../useText'
import { securityApi } from './securityApi'
import type { Directory } from './useDirectory'
import type { Role, User } from './securityTypes'
import { useI18n } from '../../lib/i18n'

/** Users with their roles, team and department; add one, or change a user's roles, team, department or access at once. */
export function UsersTab({ directory, roles: roleList }: { directory: Directory; roles: Role[] }) {
  const tx = useText()
  const i18n = useI18n()
  const roles = roleList.map((r) => r.name)
  const roleLabel = (name: string) => i18n.label(roleList.find((r) => r.name === name)?.label, name)
  const { users, teams, departments, error, apply, reload } = directory
  const [draft, setDraft] = useState({ username: '', displayName: '', email: '', password: '', role: roles.find((r) => r !== 'administrator') ?? '' })
  if (error) return <ErrorState message={error} onRetry={reload} />
  if (!users) return <Loading />
  const patch = (user: User, body: Record<string, unknown>) => apply(() => securityApi.updateUser(user, body), tx(`${user.username} updated.`, `${user.username} güncellendi.`))
  return (
    <div className="stack">
      <form className="inline-add user-add" data-testid="user-add" onSubmit={async (e) => {
        e.preventDefault()
        const ok = await apply(() => securityApi.createUser({ username: draft.username, displayName: draft.displayName || undefined, email: draft.email || undefined, password: draft.password, roles: draft.role ? [draft.role] : [] }),
          tx(`${draft.username} can now sign in.`, `${draft.username} artık giriş yapabilir.`))
        if (ok) setDraft({ ...draft, username: '', displayName: '', email: '', password: '' })
      }}>
        <label>{tx('User name', 'Kullanıcı adı')}<input required value={draft.username} data-testid="user-new-username" onChange={(e) => setDraft({ ...draft, username: e.target.value })} /></label>
        <label>{tx('Full name', 'Ad soyad')}<input value={draft.displayName} onChange={(e) => setDraft({ ...draft, displayName: e.target.value })} /></label>
        <label>{tx('E-mail', 'E-posta')}<input type="email" value={draft.email} onChange={(e) => setDraft({ ...draft, email: e.target.value })} /></label>
        <label>{tx('First password', 'İlk parola')}<input required type="password" autoComplete="new-password" value={draft.password} data-testid="user-new-password" onChange={(e) => setDraft({ ...draft, password: e.target.value })} /></label>
        <label>{tx('Role', 'Rol')}<select value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value })}>{roles.map((r) => <option key={r} value={r}>{roleLabel(r)}</option>)}</select></label>
        <button type="submit" className="primary" data-testid="user-new-submit">{tx('Add user', 'Kullanıcı ekle')}</button>
      </form>
      <table className="table card" data-testid="user-list">
        <thead><tr><th>{tx('User', 'Kullanıcı')}</th><th>{tx('Roles', 'Roller')}</th><th>{tx('Team', 'Ekip')}</th><th>{tx('Department', 'Departman')}</th><th>{tx('Can sign in', 'Giriş yapabilir')}</th></tr></thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-testid={`user-row-${u.username}`}>
              <td><strong>{u.displayName || u.username}</strong><br /><small className="subtle">{u.username}{u.email ? ` · ${u.email}` : ''}</small></td>
              <td>
                <div className="chips">
                  {roles.map((r) => {
                    const on = u.roles.includes(r)
                    return <button key={r} type="button" className={`chip small${on ? ' on' : ''}`} aria-pressed={on}
                      onClick={() => patch(u, { roles: on ? u.roles.filter((x) => x !== r) : [...u.roles, r] })}>{roleLabel(r)}</button>
                  })}
                </div>
              </td>
              <td><select value={u.teamId ?? ''} aria-label={tx('Team', 'Ekip')} onChange={(e) => patch(u, { team: e.target.value || null })}>
                <option value="">—</option>{teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}</select></td>
              <td><select value={u.departmentId ?? ''} aria-label={tx('Department', 'Departman')} onChange={(e) => patch(u, { department: e.target.value || null })}>
                <option value="">—</option>{departments.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}</select></td>
              <td><input type="checkbox" checked={u.active} aria-label={tx('Can sign in', 'Giriş yapabilir')} onChange={(e) => patch(u, { active: e.target.checked })} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
