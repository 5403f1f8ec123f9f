import { useEffect, useState } from 'react'
import { apiFetch } from '../../api/client'
import { Empty } from '../../app/States'
import { useI18n } from '../../lib/i18n'
import { apiName } from '../catalog'
import { errorsUnder, useDesigner } from '../DesignerContext'
import { useText } from '../useText'
import { CalendarsEditor } from './CalendarsEditor'
import { WorkflowEditor } from './WorkflowEditor'
import type { Calendar, Workflow } from './workflowTypes'
import './workflows.css'

/** Workflows of the working copy and the business-hours calendars; /designer/workflows/<name> opens the visual editor. */
export function WorkflowsPage({ rest }: { rest: string[] }) {
  const { document, update, errors, go } = useDesigner()
  const i18n = useI18n()
  const tx = useText()
  const [teams, setTeams] = useState<string[]>([])
  const [draft, setDraft] = useState({ label: '', entity: '', field: '' })
  useEffect(() => { apiFetch<{ value: { name: string }[] }>('/api/teams').then((r) => setTeams(r.value.map((t) => t.name))).catch(() => setTeams([])) }, [])
  const workflows = (document.workflows as Workflow[] | undefined) ?? []
  const index = workflows.findIndex((w) => w.name === rest[0])
  if (rest[0] && index < 0) return <Empty text={tx(`There is no workflow named ${rest[0]}.`, `${rest[0]} adında bir iş akışı yok.`)} />
  if (index >= 0) {
    const workflow = workflows[index]
    const problems = errorsUnder(errors, `$.workflows[${index}]`)
    return (
      <div className="page" data-testid="workflow-designer">
        <div className="page-head">
          <div>
            <a className="crumb" href="/designer/workflows" onClick={(e) => { e.preventDefault(); go('/designer/workflows') }}>← {tx('All workflows', 'Tüm iş akışları')}</a>
            <h2>{i18n.label(workflow.label, workflow.name)} <small className="subtle mono">{workflow.name}</small></h2>
          </div>
        </div>
        {problems.length > 0 && <div className="alert error" role="alert"><ul className="error-list">{problems.map((p) => <li key={p.path + p.message}><span className="mono">{p.path}</span> {p.message}</li>)}</ul></div>}
        <WorkflowEditor key={workflow.name} document={document} workflow={workflow} teams={teams}
          onChange={(next) => update((doc) => { (doc.workflows as Workflow[])[index] = next })} />
      </div>
    )
  }

  const entity = document.entities.find((e) => e.name === draft.entity)
  const choiceFields = (entity?.fields ?? []).filter((f) => f.type === 'choice' && !f.retired)
  const create = () => {
    const field = choiceFields.find((f) => f.name === draft.field)
    if (!field || !draft.label.trim()) return
    const base = apiName(draft.label) || 'workflow'
    let name = base
    for (let n = 2; workflows.some((w) => w.name === name); n++) name = `${base}_${n}`
    const [a, b] = field.options ?? []
    const steps = a ? [{ name: a.value, ...(b ? { transitions: [{ to: b.value }] } : {}) }, ...(b ? [{ name: b.value, final: true }] : [])] : []
    update((doc) => { doc.workflows = [...((doc.workflows as Workflow[] | undefined) ?? []), { name, label: { [i18n.language]: draft.label.trim() }, entity: draft.entity, field: draft.field, steps }] })
    go(`/designer/workflows/${name}`)
  }
  return (
    <div className="page" data-testid="designer-workflows">
      <div className="page-head">
        <div>
          <h2>{tx('Workflows', 'İş akışları')}</h2>
          <p className="subtle">{tx('The steps a record goes through, who works on it at each step, and the service levels it must meet.', 'Bir kaydın geçtiği adımlar, her adımda kimin çalıştığı ve uyması gereken hizmet seviyeleri.')}</p>
        </div>
      </div>
      {workflows.length === 0 ? <Empty text={tx('No workflows yet: create one below.', 'Henüz iş akışı yok: aşağıdan oluşturun.')} /> : (
        <div className="pipeline-grid">
          {workflows.map((w, i) => {
            const problems = errorsUnder(errors, `$.workflows[${i}]`).length
            const e = document.entities.find((x) => x.name === w.entity)
            return (
              <a key={w.name} href={`/designer/workflows/${w.name}`} className={`card pipeline-tile${problems ? ' has-error' : ''}`} data-testid={`designer-workflow-${w.name}`}
                onClick={(ev) => { ev.preventDefault(); go(`/designer/workflows/${w.name}`) }}>
                <strong>{i18n.label(w.label, w.name)}</strong>
                <small className="subtle">{i18n.label(e?.label, w.entity)} · {tx(`${w.steps.length} steps`, `${w.steps.length} adım`)}{w.sla ? ' · SLA' : ''}</small>
                <div className="wf-strip">{w.steps.map((s) => <span key={s.name} className={s.final ? 'final' : undefined}>{s.name}</span>)}</div>
                {problems > 0 && <span className="badge error">{tx(`${problems} errors`, `${problems} hata`)}</span>}
              </a>
            )
          })}
        </div>
      )}
      <form className="card stack new-workflow" onSubmit={(e) => { e.preventDefault(); create() }}>
        <h3>{tx('New workflow', 'Yeni iş akışı')}</h3>
        <div className="pair">
          <label className="field-row">{tx('Name', 'Ad')}<input value={draft.label} data-testid="workflow-new-label" onChange={(e) => setDraft({ ...draft, label: e.target.value })} /></label>
          <label className="field-row">{tx('Records of', 'Hangi kayıtlar')}
            <select value={draft.entity} data-testid="workflow-new-entity" onChange={(e) => setDraft({ ...draft, entity: e.target.value, field: '' })}>
              <option value="">—</option>
              {document.entities.filter((x) => !x.retired).map((x) => <option key={x.name} value={x.name}>{i18n.label(x.label, x.name)}</option>)}
            </select>
          </label>
          <label className="field-row">{tx('Step field (a choice field)', 'Adım alanı (seçim alanı)')}
            <select value={draft.field} data-testid="workflow-new-field" onChange={(e) => setDraft({ ...draft, field: e.target.value })}>
              <option value="">—</option>
              {choiceFields.map((f) => <option key={f.name} value={f.name}>{i18n.label(f.label, f.name)}</option>)}
            </select>
          </label>
        </div>
        <div><button type="submit" className="primary" data-testid="workflow-new-submit" disabled={!draft.label.trim() || !draft.field}>{tx('Create workflow', 'İş akışı oluştur')}</button></div>
      </form>
      <CalendarsEditor calendars={(document.calendars as Calendar[] | undefined) ?? []}
        onChange={(calendars) => update((doc) => { if (calendars.length) doc.calendars = calendars; else delete doc.calendars })} />
    </div>
  )
}
