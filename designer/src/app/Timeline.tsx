import { useCallback, useEffect, useState } from 'react'
import { api, type ActivityCreate, type NoteCreate, type TaskCreate } from '../api/crm'
import type { CrmRecord, EntityDefinition } from '../api/types'
import { formatValue } from '../lib/format'
import { useI18n } from '../lib/i18n'
import { findEntity, findField } from '../lib/model'
import { navigate } from '../lib/router'
import { problemText } from './App'
import { useApp } from './AppContext'
import { Empty, ErrorState, Loading } from './States'
import { bt } from '../board/boardText'
import { stageTimelineItems } from '../board/stageTimeline'

type Kind = 'activity' | 'note' | 'task' | 'message' | 'event' | 'stage'
const kinds: Kind[] = ['activity', 'note', 'task', 'message', 'event', 'stage']
const icons: Record<Kind, string> = { activity: '☎', note: '✎', task: '✓', message: '✉', event: '⚡', stage: '➜' }

export interface TimelineItem {
  kind: Kind
  id: string
  at: string
  title: string
  detail?: string
  link?: string
}

/** Everything about a person or company, newest first: activities, notes, tasks, messages and inbound events. */
export function Timeline({ entity, record }: { entity: EntityDefinition; record: CrmRecord }) {
  const { metadata, users } = useApp()
  const i18n = useI18n()
  const [items, setItems] = useState<TimelineItem[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [shown, setShown] = useState<Kind | 'all'>('all')
  const [adding, setAdding] = useState<'note' | 'task' | 'activity' | null>(null)

  const load = useCallback(async () => {
    try {
      const parts = await Promise.all([
        ...(['activity', 'note', 'task'] as const).map(async (kind) => {
          const other = findEntity(metadata, kind)
          const lookup = other?.fields.find((f) => f.type === 'lookup' && f.target === entity.name && !f.retired)
          if (!other || !lookup) return []
          const page = await api.query(kind, { filter: `${lookup.name} eq ${record.id}`, top: 50, orderBy: 'created_at desc' })
          return page.value.map((r) => recordItem(kind, r, other))
        }),
        api.messages(entity.name, record.id).then((r) => r.value.map((m): TimelineItem => ({
          kind: 'message', id: m.id, at: m.createdAt, title: m.subject ?? m.channel, detail: `${m.channel} → ${m.recipient} · ${m.status}`,
        })), () => []),
        api.events(entity.name, record.id).then((r) => r.value.map((e): TimelineItem => ({
          kind: 'event', id: e.id, at: e.occurredAt, title: e.type, detail: e.source,
        })), () => []),
        stageTimelineItems(metadata, entity, record.id, i18n, users).then((list) => list.map((x): TimelineItem => ({ kind: 'stage', ...x })), () => []),
      ])
      setItems(parts.flat().sort((a, b) => b.at.localeCompare(a.at)))
      setError(null)
    } catch (e) {
      setError(problemText(e))
    }
  }, [metadata, entity, record.id, i18n, users])

  // Task and activity items show what matters (when it happens), notes their title.
  const recordItem = (kind: Kind, r: CrmRecord, other: EntityDefinition): TimelineItem => {
    const when = kind === 'activity' ? (r.occurred_at as string | null) : null
    const detailField = kind === 'task' ? findField(other, 'status') : kind === 'activity' ? findField(other, 'activity_type') : undefined
    const detail = kind === 'task' && r.due_date
      ? `${formatValue(detailField!, r.status, i18n)} · ${i18n.t('dueDate')}: ${formatValue(findField(other, 'due_date')!, r.due_date, i18n)}`
      : detailField ? formatValue(detailField, r[detailField.name], i18n) : typeof r.body === 'string' ? r.body : undefined
    const title = String(r.subject ?? r.title ?? r.name ?? '')
    return { kind, id: r.id, at: when ?? String(r.created_at), link: `/e/${kind}/${r.id}`, title, detail: detail === title ? undefined : detail }
  }

  useEffect(() => { void load() }, [load])

  const visible = (items ?? []).filter((x) => shown === 'all' || x.kind === shown)

  return (
    <aside className="card timeline" data-testid="timeline" aria-label={i18n.t('timeline')}>
      <div className="card-head">
        <h3>{i18n.t('timeline')}</h3>
        <div className="quick-add">
          {(['note', 'task', 'activity'] as const).map((k) => (
            <button key={k} type="button" className={adding === k ? 'active' : ''} data-testid={`quick-${k}`} onClick={() => setAdding(adding === k ? null : k)}>
              + {i18n.t(`${k}Quick`)}
            </button>
          ))}
        </div>
      </div>
      {adding && <QuickAdd kind={adding} entity={entity} record={record} onDone={() => { setAdding(null); void load() }} />}
      <div className="chips filter-chips" role="group" aria-label={i18n.t('filter')}>
        {(['all', ...kinds] as const).map((k) => (
          <button key={k} type="button" aria-pressed={shown === k} className={shown === k ? 'chip on' : 'chip'} data-testid={`timeline-filter-${k}`} onClick={() => setShown(k)}>
            {k === 'all' ? i18n.t('all') : k === 'stage' ? bt(i18n, 'kind_stage') : i18n.t(`kind_${k}`)}
            {k !== 'all' && items && <span className="chip-count">{items.filter((x) => x.kind === k).length}</span>}
          </button>
        ))}
      </div>
      {error ? <ErrorState message={error} onRetry={() => void load()} /> : !items ? <Loading /> : visible.length === 0 ? <Empty text={i18n.t('empty')} /> : (
        <ol className="timeline-list">
          {visible.map((item) => (
            <li key={`${item.kind}-${item.id}`} className={`kind-${item.kind}`} data-testid="timeline-item" data-kind={item.kind}>
              <span className="timeline-icon" aria-hidden="true">{icons[item.kind]}</span>
              <div>
                <div className="timeline-title">
                  {item.link
                    ? <a href={item.link} onClick={(e) => { e.preventDefault(); navigate(item.link!) }}>{item.title}</a>
                    : <span>{item.title}</span>}
                </div>
                {item.detail && <div className="timeline-detail">{item.detail}</div>}
                <time dateTime={item.at}>{new Intl.DateTimeFormat(i18n.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(item.at))}</time>
              </div>
            </li>
          ))}
        </ol>
      )}
    </aside>
  )
}

function QuickAdd({ kind, entity, record, onDone }: { kind: 'note' | 'task' | 'activity'; entity: EntityDefinition; record: CrmRecord; onDone: () => void }) {
  const { metadata, toast } = useApp()
  const i18n = useI18n()
  const [text, setText] = useState('')
  const [due, setDue] = useState(new Date().toISOString().slice(0, 10))
  const [busy, setBusy] = useState(false)
  const target = findEntity(metadata, kind)
  const lookup = target?.fields.find((f) => f.type === 'lookup' && f.target === entity.name)
  const typeField = target ? findField(target, 'activity_type') : undefined
  const [type, setType] = useState(typeField?.options?.[0]?.value ?? '')
  if (!target || !lookup) return null

  const submit = async () => {
    if (!text.trim()) return
    setBusy(true)
    const link = { [lookup.name]: record.id }
    const subject = text.trim()
    const values: NoteCreate | TaskCreate | ActivityCreate =
      kind === 'note' ? { ...link, title: subject.slice(0, 80), body: subject }
        : kind === 'task' ? { ...link, subject, due_date: due }
          : { ...link, subject, occurred_at: new Date().toISOString(), activity_type: (type || null) as ActivityCreate['activity_type'] }
    try {
      await api.create(kind, values)
      toast(i18n.t('saved'))
      onDone()
    } catch (e) {
      toast(problemText(e), 'error')
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="quick-form" data-testid="quick-form" onSubmit={(e) => { e.preventDefault(); void submit() }}>
      {kind === 'note'
        ? <textarea aria-label={i18n.t('noteQuick')} rows={3} autoFocus value={text} onChange={(e) => setText(e.target.value)} data-testid="quick-text" />
        : <input aria-label={i18n.t('subject')} placeholder={i18n.t('subject')} autoFocus value={text} onChange={(e) => setText(e.target.value)} data-testid="quick-text" />}
      {kind === 'task' && <input type="date" aria-label={i18n.t('dueDate')} value={due} onChange={(e) => setDue(e.target.value)} />}
      {kind === 'activity' && typeField && (
        <select aria-label={i18n.label(typeField.label)} value={type} onChange={(e) => setType(e.target.value)}>
          {typeField.options?.map((o) => <option key={o.value} value={o.value}>{i18n.label(o.label, o.value)}</option>)}
        </select>
      )}
      <button type="submit" className="primary" disabled={busy} data-testid="quick-submit">{i18n.t('add')}</button>
    </form>
  )
}
