import { useApp } from '../../app/AppContext'
import { LocalizedInput } from '../LocalizedInput'
import { useText } from '../useText'
import { DurationInput } from './DurationInput'
import { NotifyList } from './NotifyList'
import { assigneeTypes, type Assignee, type WorkflowStep } from './workflowTypes'

interface Props {
  step: WorkflowStep
  steps: WorkflowStep[]
  first: boolean
  onChange: (step: WorkflowStep) => void
  onRemove: () => void
  onAddTransition: (to: string) => void
  stepLabel: (name: string) => string
  roles: string[]
  teams: string[]
  templates: { name: string; label?: Record<string, string> }[]
}

function withKey<T extends object>(object: T, key: string, value: unknown): T {
  const next = { ...object } as Record<string, unknown>
  if (value === undefined) delete next[key]
  else next[key] = value
  return next as T
}

/** One step's settings: who gets the record, by when, approval, messages on entry, where it may go next. */
export function StepPanel({ step, steps, first, onChange, onRemove, onAddTransition, stepLabel, roles, teams, templates }: Props) {
  const { users } = useApp()
  const tx = useText()
  const set = (key: string, value: unknown) => onChange(withKey(step, key, value))
  const assignee = step.assignee
  const setAssignee = (type: string) => set('assignee', type ? { type } as Assignee : undefined)
  const targets = steps.filter((s) => s.name !== step.name && !(step.transitions ?? []).some((t) => t.to === s.name))
  return (
    <div className="stack" data-testid={`step-panel-${step.name}`}>
      <div className="section-head">
        <h3>{stepLabel(step.name)} <small className="mono subtle">{step.name}</small></h3>
        <span className="spacer" />
        <button type="button" className="danger" data-testid="step-remove" onClick={onRemove}>{tx('Remove step', 'Adımı kaldır')}</button>
      </div>
      {first && <p className="help">{tx('Every new record starts here.', 'Her yeni kayıt buradan başlar.')}</p>}
      <LocalizedInput label={tx('Label on this step (optional)', 'Bu adımın etiketi (isteğe bağlı)')} value={step.label} testId="step-label" onChange={(label) => set('label', label)} />
      <label className="field-row">{tx('Assign the record to', 'Kaydı ata')}
        <select value={assignee?.type ?? ''} data-testid="step-assignee" onChange={(e) => setAssignee(e.target.value)}>
          <option value="">{tx('keep the owner', 'sahibi koru')}</option>
          {assigneeTypes.map((a) => <option key={a.type} value={a.type}>{tx(a.en, a.tr)}</option>)}
        </select>
      </label>
      {assignee && (assignee.type === 'team' || assignee.type === 'teamRoundRobin') && (
        <label className="field-row">{tx('Team', 'Ekip')}
          <input list="wf-teams" value={assignee.team ?? ''} data-testid="step-assignee-team" onChange={(e) => set('assignee', { ...assignee, team: e.target.value })} />
          <datalist id="wf-teams">{teams.map((t) => <option key={t} value={t} />)}</datalist>
        </label>
      )}
      {assignee?.type === 'role' && (
        <label className="field-row">{tx('Role', 'Rol')}
          <select value={assignee.role ?? ''} onChange={(e) => set('assignee', { ...assignee, role: e.target.value })}>
            <option value="">—</option>{roles.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
        </label>
      )}
      {assignee?.type === 'user' && (
        <label className="field-row">{tx('User', 'Kullanıcı')}
          <select value={assignee.user ?? ''} onChange={(e) => set('assignee', { ...assignee, user: e.target.value })}>
            <option value="">—</option>{[...users].map(([id, name]) => <option key={id} value={id}>{name}</option>)}
          </select>
        </label>
      )}
      <DurationInput label={tx('Due within (working time)', 'Süre (çalışma zamanı)')} value={step.due} testId="step-due" onChange={(v) => set('due', v)} />
      <label className="check-row"><input type="checkbox" checked={!!step.approval} data-testid="step-approval"
        onChange={(e) => set('approval', e.target.checked ? { role: roles[0] ?? '' } : undefined)} />{tx('Needs approval to leave this step', 'Bu adımdan çıkmak onay gerektirir')}</label>
      {step.approval && (
        <div className="pair">
          <label className="field-row">{tx('Approved by role', 'Onaylayan rol')}
            <select value={step.approval.role} onChange={(e) => set('approval', { ...step.approval, role: e.target.value })}>
              {!roles.includes(step.approval.role) && <option value={step.approval.role}>{step.approval.role || '—'}</option>}
              {roles.map((r) => <option key={r} value={r}>{r}</option>)}
            </select>
          </label>
          <label className="field-row">{tx('Rejected: back to', 'Reddedilirse: geri dön')}
            <select value={step.approval.onReject ?? ''} onChange={(e) => set('approval', withKey(step.approval!, 'onReject', e.target.value || undefined))}>
              <option value="">{tx('the step it came from', 'geldiği adım')}</option>
              {steps.filter((s) => s.name !== step.name).map((s) => <option key={s.name} value={s.name}>{stepLabel(s.name)}</option>)}
            </select>
          </label>
        </div>
      )}
      <label className="check-row"><input type="checkbox" checked={step.final === true} data-testid="step-final" onChange={(e) => set('final', e.target.checked || undefined)} />
        {tx('Final step: reaching it resolves the record', 'Son adım: buraya ulaşınca kayıt çözülmüş olur')}</label>
      <div className="stack-tight">
        <span className="panel-label">{step.due ? tx('Messages on entering the step or when it is overdue', 'Adıma girişte ya da adım geciktiğinde mesajlar')
          : tx('Messages on entering the step', 'Adıma girişte mesajlar')}</span>
        <NotifyList value={step.notify} overdue={!!step.due} templates={templates} testId="step-notify" onChange={(v) => set('notify', v)} />
      </div>
      <div className="stack-tight">
        <span className="panel-label">{tx('May move to', 'Geçebileceği adımlar')}</span>
        <div className="chips">
          {(step.transitions ?? []).map((t) => <span key={t.to} className="chip on">{stepLabel(t.to)}{t.when ? ` (${tx('if …', 'eğer …')})` : ''}</span>)}
          {targets.length > 0 && (
            <select value="" data-testid="step-add-transition" aria-label={tx('Add a transition', 'Geçiş ekle')} onChange={(e) => e.target.value && onAddTransition(e.target.value)}>
              <option value="">+ {tx('transition to…', 'şuraya geçiş…')}</option>
              {targets.map((s) => <option key={s.name} value={s.name}>{stepLabel(s.name)}</option>)}
            </select>
          )}
        </div>
        <p className="help">{tx('Click an arrow on the canvas to set its condition or remove it.', 'Koşulunu ayarlamak veya kaldırmak için tuvaldeki bir oka tıklayın.')}</p>
      </div>
    </div>
  )
}
