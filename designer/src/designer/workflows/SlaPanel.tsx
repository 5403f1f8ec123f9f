import { useI18n } from '../../lib/i18n'
import type { DesignEntity } from '../types'
import { useText } from '../useText'
import { DurationInput } from './DurationInput'
import { NotifyList } from './NotifyList'
import type { Calendar, Workflow } from './workflowTypes'

interface Props {
  workflow: Workflow
  entity: DesignEntity | undefined
  calendars: Calendar[]
  templates: { name: string; label?: Record<string, string> }[]
  onChange: (workflow: Workflow) => void
}

const levels = [
  { name: 'teamLead', en: 'Team lead', tr: 'Ekip lideri' },
  { name: 'departmentManager', en: 'Department manager', tr: 'Departman yöneticisi' },
]

/** Service level targets, the calendar their time runs in, the warning point and who a breach escalates to, in order. */
export function SlaPanel({ workflow, entity, calendars, templates, onChange }: Props) {
  const i18n = useI18n()
  const tx = useText()
  const sla = workflow.sla ?? {}
  const setSla = (key: string, value: unknown) => {
    const next: Record<string, unknown> = { ...sla }
    if (value === undefined || (Array.isArray(value) && value.length === 0)) delete next[key]
    else next[key] = value
    const copy = { ...workflow, sla: next }
    if (Object.keys(next).length === 0) delete (copy as Record<string, unknown>).sla
    onChange(copy)
  }
  const setTop = (key: 'slaField' | 'slaDueField' | 'stepDueField', value: string) => {
    const copy: Workflow = { ...workflow }
    if (value) copy[key] = value
    else delete copy[key]
    onChange(copy)
  }
  const chain = sla.escalation ?? []
  const choiceFields = (entity?.fields ?? []).filter((f) => f.type === 'choice')
  const dateFields = (entity?.fields ?? []).filter((f) => f.type === 'datetime')
  return (
    <section className="card stack" data-testid="sla-panel">
      <h3>{tx('Service level (SLA)', 'Hizmet seviyesi (SLA)')}</h3>
      <div className="pair">
        <DurationInput label={tx('First response within', 'İlk yanıt süresi')} value={sla.firstResponse} testId="sla-first-response" onChange={(v) => setSla('firstResponse', v)} />
        <DurationInput label={tx('Resolution within', 'Çözüm süresi')} value={sla.resolution} testId="sla-resolution" onChange={(v) => setSla('resolution', v)} />
        <label className="field-row">{tx('Time counts in', 'Süre şu takvimde işler')}
          <select value={sla.calendar ?? ''} data-testid="sla-calendar" onChange={(e) => setSla('calendar', e.target.value || undefined)}>
            <option value="">{tx('around the clock', 'günün her saati')}</option>
            {calendars.map((c) => <option key={c.name} value={c.name}>{i18n.label(c.label, c.name)}</option>)}
          </select>
        </label>
        <label className="field-row">{tx('At risk after (% of the time)', 'Risk eşiği (sürenin %)')}
          <input type="number" min={1} max={99} value={sla.warningAt === undefined ? '' : Math.round(sla.warningAt * 100)}
            onChange={(e) => setSla('warningAt', e.target.value === '' ? undefined : Number(e.target.value) / 100)} />
        </label>
      </div>
      <div className="stack-tight">
        <span className="panel-label">{tx('On a breach, escalate to (in order)', 'İhlalde sırayla şuna yükselt')}</span>
        <ol className="escalation" data-testid="sla-escalation">
          {chain.map((level, i) => (
            <li key={`${level}-${i}`}>
              <span>{tx(levels.find((l) => l.name === level)?.en ?? level, levels.find((l) => l.name === level)?.tr ?? level)}</span>
              <button type="button" className="icon" aria-label={tx('Remove', 'Kaldır')} onClick={() => setSla('escalation', chain.filter((_, j) => j !== i))}>×</button>
            </li>
          ))}
        </ol>
        <select value="" aria-label={tx('Add an escalation level', 'Yükseltme seviyesi ekle')} onChange={(e) => e.target.value && setSla('escalation', [...chain, e.target.value])}>
          <option value="">+ {tx('level…', 'seviye…')}</option>
          {levels.map((l) => <option key={l.name} value={l.name}>{tx(l.en, l.tr)}</option>)}
        </select>
      </div>
      <div className="stack-tight">
        <span className="panel-label">{tx('SLA messages', 'SLA mesajları')}</span>
        <NotifyList value={sla.notify} withOn templates={templates} testId="sla-notify" onChange={(v) => setSla('notify', v)} />
      </div>
      <div className="pair">
        <label className="field-row">{tx('SLA state field (on track / at risk / breached)', 'SLA durum alanı')}
          <select value={workflow.slaField ?? ''} onChange={(e) => setTop('slaField', e.target.value)}>
            <option value="">—</option>{choiceFields.map((f) => <option key={f.name} value={f.name}>{i18n.label(f.label, f.name)}</option>)}
          </select>
        </label>
        <label className="field-row">{tx('Next deadline field', 'Sonraki son tarih alanı')}
          <select value={workflow.slaDueField ?? ''} onChange={(e) => setTop('slaDueField', e.target.value)}>
            <option value="">—</option>{dateFields.map((f) => <option key={f.name} value={f.name}>{i18n.label(f.label, f.name)}</option>)}
          </select>
        </label>
        <label className="field-row">{tx('Current step’s due time field', 'Adımın bitiş zamanı alanı')}
          <select value={workflow.stepDueField ?? ''} data-testid="step-due-field" onChange={(e) => setTop('stepDueField', e.target.value)}>
            <option value="">—</option>{dateFields.map((f) => <option key={f.name} value={f.name}>{i18n.label(f.label, f.name)}</option>)}
          </select>
        </label>
      </div>
    </section>
  )
}
