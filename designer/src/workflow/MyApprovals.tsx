import { useEffect, useState } from 'react'
import { problemText } from '../app/App'
import { useApp } from '../app/AppContext'
import { Empty, ErrorState, Loading } from '../app/States'
import { useText } from '../designer/useText'
import { useI18n } from '../lib/i18n'
import { findEntity } from '../lib/model'
import { navigate } from '../lib/router'
import { workflowApi, type PendingApproval } from './workflowApi'
import { dueText, slaStates, spanText } from './workflowText'
import { roleLabel, stepLabel, workflowsOf } from './WorkflowPanel'
import './workflow.css'

/** Whether the user decides on any approval step of the published workflows (administrators decide on all). */
export function approvesAnything(metadata: Parameters<typeof workflowsOf>[0], roles: string[], administrator: boolean): boolean {
  return workflowsOf(metadata).some((w) => w.steps.some((s) => s.approval && (administrator || roles.includes(s.approval.role))))
}

/** The records waiting for the user's approval, longest waiting first; each opens on its record page to decide. */
export function MyApprovals() {
  const { metadata, users } = useApp()
  const i18n = useI18n()
  const tx = useText()
  const [items, setItems] = useState<PendingApproval[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    workflowApi.approvals().then((list) => { if (live) { setItems(list); setError(null) } }, (e) => { if (live) setError(problemText(e)) })
    return () => { live = false }
  }, [])

  if (error) return <ErrorState message={error} />
  if (items === null) return <Loading />
  const now = new Date()
  const labelOf = (item: PendingApproval) =>
    stepLabel(findEntity(metadata, item.entity), workflowsOf(metadata, item.entity).find((w) => w.name === item.workflow), item.step, i18n.label)

  return (
    <div className="page" data-testid="my-approvals">
      <div className="page-head">
        <div>
          <h1>{tx('My approvals', 'Onaylarım')}</h1>
          <p className="subtle">{tx('Records waiting for a decision by your role, longest waiting first.', 'Rolünüzün kararını bekleyen kayıtlar, en uzun bekleyen önce.')}</p>
        </div>
      </div>
      {items.length === 0 ? <Empty text={tx('Nothing is waiting for your approval.', 'Onayınızı bekleyen bir şey yok.')} /> : (
        <div className="table-card">
          <table className="records" data-testid="approvals-table">
            <thead>
              <tr>
                <th>{tx('Record', 'Kayıt')}</th><th>{tx('Step', 'Adım')}</th><th>{tx('Waiting', 'Bekliyor')}</th>
                <th>{tx('Step due', 'Adım bitişi')}</th><th>SLA</th><th>{tx('Owner', 'Sahip')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => {
                const entity = findEntity(metadata, item.entity)
                const path = `/e/${item.entity}/${item.recordId}`
                const due = item.stepDueAt ? dueText(item.stepDueAt, now, tx) : null
                return (
                  <tr key={`${item.entity}/${item.recordId}`} data-testid="approval-row" tabIndex={0} onClick={() => navigate(path)}
                    onKeyDown={(e) => { if (e.key === 'Enter') navigate(path) }}>
                    <td>
                      <a href={path} onClick={(e) => { e.preventDefault(); navigate(path) }}>{item.title || item.recordId.slice(0, 8)}</a>
                      <div className="subtle small">{entity ? i18n.label(entity.label, entity.name) : item.entity}</div>
                    </td>
                    <td>{labelOf(item)}<div className="subtle small">{tx(`by ${roleLabel(metadata, item.role, i18n.label)}`, `${roleLabel(metadata, item.role, i18n.label)} onayı`)}</div></td>
                    <td>{spanText((now.getTime() - new Date(item.waitingSince).getTime()) / 1000, tx)}</td>
                    <td className={due?.overdue ? 'overdue' : undefined}>{due ? due.text : '—'}</td>
                    <td>{item.slaState ? <span className={`badge sla-${item.slaState}`}>{tx(...(slaStates[item.slaState] ?? [item.slaState, item.slaState]))}</span> : '—'}</td>
                    <td>{users.get(item.owner) ?? '—'}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
