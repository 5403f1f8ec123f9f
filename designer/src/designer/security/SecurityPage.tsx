import { useDesigner } from '../DesignerContext'
import { useText } from '../useText'
import { DataFlagsTab } from './DataFlagsTab'
import { RolesTab } from './RolesTab'
import type { Role } from './securityTypes'
import { TeamsTab } from './TeamsTab'
import { useDirectory } from './useDirectory'
import { UsersTab } from './UsersTab'
import './security.css'

const tabs = ['users', 'teams', 'departments', 'roles', 'data'] as const

/** Security: the live directory (users, teams, departments) and, in the working copy, roles and field flags. */
export function SecurityPage({ rest }: { rest: string[] }) {
  const { document, go } = useDesigner()
  const tx = useText()
  const directory = useDirectory()
  const tab = (tabs as readonly string[]).includes(rest[0]) ? rest[0] : 'users'
  const roles = (document.roles as Role[] | undefined) ?? []
  const names: Record<string, string> = {
    users: tx('Users', 'Kullanıcılar'), teams: tx('Teams', 'Ekipler'), departments: tx('Departments', 'Departmanlar'),
    roles: tx('Roles & access', 'Roller ve erişim'), data: tx('Data protection', 'Veri koruma'),
  }
  const live = tab === 'users' || tab === 'teams' || tab === 'departments'
  return (
    <div className="page" data-testid="designer-security">
      <div className="page-head">
        <div>
          <h2>{tx('Security', 'Güvenlik')}</h2>
          <p className="subtle">{tx('Who works in the CRM, how they are organised, and what each role may see and do.', 'CRM’de kimin çalıştığı, nasıl örgütlendiği ve her rolün neyi görüp yapabileceği.')}</p>
        </div>
      </div>
      <div className="layout-tabs" role="tablist">
        {tabs.map((t) => (
          <button key={t} type="button" role="tab" aria-selected={t === tab} data-testid={`security-tab-${t}`} onClick={() => go(`/designer/security/${t}`)}>{names[t]}</button>
        ))}
      </div>
      <p className={`alert small ${live ? 'info' : 'warning'}`}>
        {live ? tx('Changes here apply at once: users, teams and departments are not part of the published model.', 'Buradaki değişiklikler hemen uygulanır: kullanıcılar, ekipler ve departmanlar yayınlanan modelin parçası değildir.')
          : tx('Changes here go into your working copy and take effect when you publish.', 'Buradaki değişiklikler çalışma kopyanıza girer ve yayınladığınızda geçerli olur.')}
      </p>
      {tab === 'users' && <UsersTab directory={directory} roles={roles} />}
      {(tab === 'teams' || tab === 'departments') && <TeamsTab directory={directory} kind={tab} />}
      {tab === 'roles' && <RolesTab />}
      {tab === 'data' && <DataFlagsTab />}
    </div>
  )
}
