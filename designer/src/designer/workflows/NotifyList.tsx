import { useI18n } from '../../lib/i18n'
import { useText } from '../useText'
import { recipients, type Notify } from './workflowTypes'

interface Props {
  value: Notify[] | undefined
  onChange: (value: Notify[] | undefined) => void
  templates: { name: string; label?: Record<string, string> }[]
  testId: string
  /** SLA notifications also say when: on warning or on breach. */
  withOn?: boolean
  /** A step with a due time may also send when it is overdue, not only on entry. */
  overdue?: boolean
}

/** Messages sent from templates: which template, to whom (and for SLA, on warning or breach). */
export function NotifyList({ value, onChange, templates, testId, withOn, overdue }: Props) {
  const i18n = useI18n()
  const tx = useText()
  const list = value ?? []
  const set = (i: number, change: Partial<Notify>) => onChange(list.map((n, j) => (j === i ? { ...n, ...change } : n)))
  return (
    <div className="notify-list" data-testid={testId}>
      {list.map((n, i) => (
        <div key={i} className="notify-row">
          {withOn && (
            <select value={n.on ?? 'breach'} aria-label={tx('When', 'Ne zaman')} onChange={(e) => set(i, { on: e.target.value })}>
              <option value="warning">{tx('on warning', 'uyarıda')}</option>
              <option value="breach">{tx('on breach', 'ihlalde')}</option>
            </select>
          )}
          {!withOn && (overdue || n.on === 'overdue') && (
            <select value={n.on ?? ''} aria-label={tx('When', 'Ne zaman')} onChange={(e) => set(i, { on: e.target.value || undefined })}>
              <option value="">{tx('on entry', 'girişte')}</option>
              <option value="overdue">{tx('when overdue', 'geciktiğinde')}</option>
            </select>
          )}
          <select value={n.template} aria-label={tx('Template', 'Şablon')} onChange={(e) => set(i, { template: e.target.value })}>
            {!templates.some((t) => t.name === n.template) && <option value={n.template}>{n.template || '—'}</option>}
            {templates.map((t) => <option key={t.name} value={t.name}>{i18n.label(t.label, t.name)}</option>)}
          </select>
          <select value={n.to ?? 'assignee'} aria-label={tx('To', 'Alıcı')} onChange={(e) => set(i, { to: e.target.value })}>
            {recipients.map((r) => <option key={r.to} value={r.to}>{tx(`to ${r.en}`, `alıcı: ${r.tr}`)}</option>)}
          </select>
          <button type="button" className="icon" aria-label={tx('Remove', 'Kaldır')} onClick={() => { const next = list.filter((_, j) => j !== i); onChange(next.length ? next : undefined) }}>×</button>
        </div>
      ))}
      <button type="button" className="link" onClick={() => onChange([...list, withOn ? { on: 'breach', template: templates[0]?.name ?? '', to: 'assignee' } : { template: templates[0]?.name ?? '', to: 'assignee' }])}>
        + {tx('Message', 'Mesaj')}
      </button>
    </div>
  )
}
