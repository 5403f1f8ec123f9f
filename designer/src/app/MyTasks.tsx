import { useCallback, useEffect, useState } from 'react'
import { api, type TaskRecord } from '../api/crm'
import { formatDate } from '../lib/format'
import { useI18n } from '../lib/i18n'
import { findEntity, findField } from '../lib/model'
import { navigate } from '../lib/router'
import { problemText } from './App'
import { useApp } from './AppContext'
import { CellValue } from './CellValue'
import { Empty, ErrorState, Loading } from './States'

const openStatuses = "status in ('open', 'in_progress')"

function localToday(): string {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

/** The signed-in user's open tasks in three groups, each completed with one click. */
export function MyTasks() {
  const { metadata, me, users, toast } = useApp()
  const i18n = useI18n()
  const task = findEntity(metadata, 'task')
  const [tasks, setTasks] = useState<TaskRecord[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [completing, setCompleting] = useState<Set<string>>(new Set())

  const load = useCallback(() => {
    if (!task) return
    api.query('task', { filter: `owner eq ${me.id} and ${openStatuses}`, orderBy: 'due_date asc', top: 200 })
      .then((page) => { setTasks(page.value as TaskRecord[]); setError(null) }, (e: unknown) => setError(problemText(e)))
  }, [task, me.id])

  useEffect(load, [load])

  if (!task) return <Empty text={i18n.t('noTasks')} />
  const today = localToday()
  const groups = [
    { key: 'overdue' as const, items: (tasks ?? []).filter((t) => typeof t.due_date === 'string' && t.due_date < today) },
    { key: 'today' as const, items: (tasks ?? []).filter((t) => t.due_date === today) },
    { key: 'upcoming' as const, items: (tasks ?? []).filter((t) => !t.due_date || t.due_date > today) },
  ]

  const complete = async (record: TaskRecord) => {
    setCompleting((s) => new Set(s).add(record.id))
    try {
      await api.update('task', record.id, { status: 'done' }, record.version)
      setTasks((list) => list?.filter((t) => t.id !== record.id) ?? null)
      toast(i18n.t('completed'))
    } catch (e) {
      toast(problemText(e), 'error')
    } finally {
      setCompleting((s) => { const n = new Set(s); n.delete(record.id); return n })
    }
  }

  const priority = findField(task, 'priority')
  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>{i18n.t('myTasks')}</h1>
          {tasks && <p className="subtle">{tasks.length} {i18n.t('records')}</p>}
        </div>
        <div className="actions">
          <button type="button" className="primary" onClick={() => navigate('/e/task/new')}>+ {i18n.label(task.label, 'task')}</button>
        </div>
      </div>
      {error ? <ErrorState message={error} onRetry={load} /> : !tasks ? <Loading /> : tasks.length === 0 ? <Empty text={i18n.t('noTasks')} /> : (
        <div className="task-groups">
          {groups.map((group) => (
            <section key={group.key} className={`card task-group ${group.key}`} data-testid={`tasks-${group.key}`} aria-label={i18n.t(group.key)}>
              <h3>{i18n.t(group.key)} <span className="count-pill">{group.items.length}</span></h3>
              {group.items.length === 0 ? <p className="muted small">—</p> : (
                <ul>
                  {group.items.map((t) => (
                    <li key={t.id} data-testid="task-item">
                      <button type="button" className="complete" aria-label={`${i18n.t('complete')}: ${String(t.subject)}`} data-testid="task-complete"
                        disabled={completing.has(t.id)} onClick={() => void complete(t)}>✓</button>
                      <div className="task-body">
                        <a href={`/e/task/${t.id}`} onClick={(e) => { e.preventDefault(); navigate(`/e/task/${t.id}`) }}>{String(t.subject)}</a>
                        <div className="task-meta">
                          {typeof t.due_date === 'string' && <span>{formatDate(t.due_date, i18n)}</span>}
                          {priority && <CellValue field={priority} value={t.priority} metadata={metadata} users={users} />}
                        </div>
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ))}
        </div>
      )}
    </div>
  )
}
