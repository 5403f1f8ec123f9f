import { useEffect, useState } from 'react'
import type { Metadata } from '../../api/types'
import { useI18n } from '../../lib/i18n'
import { ConditionBuilder } from '../automation/ConditionBuilder'
import { LocalizedInput } from '../LocalizedInput'
import type { DesignDocument } from '../types'
import { useText } from '../useText'
import { SlaPanel } from './SlaPanel'
import { StepPanel } from './StepPanel'
import { TransitionPanel } from './TransitionPanel'
import { WorkflowCanvas, type Selection } from './WorkflowCanvas'
import { loadLayout, nodeHeight, saveLayout, type Layout } from './workflowLayout'
import type { Calendar, Workflow, WorkflowStep } from './workflowTypes'

interface Props {
  document: DesignDocument
  workflow: Workflow
  onChange: (workflow: Workflow) => void
  teams: string[]
}

/**
 * The visual state-machine editor. Every edit copies only the part it changes, so whatever the editor does not show
 * (unknown keys, conditions it did not touch) goes back into the document exactly as it came.
 */
export function WorkflowEditor({ document, workflow, onChange, teams }: Props) {
  const i18n = useI18n()
  const tx = useText()
  const [layout, setLayout] = useState<Layout>(() => loadLayout(workflow))
  const [selected, setSelected] = useState<Selection>(null)
  const entity = document.entities.find((e) => e.name === workflow.entity)
  const stepField = entity?.fields.find((f) => f.name === workflow.field)
  const stepLabel = (name: string) => i18n.label(workflow.steps.find((s) => s.name === name)?.label ?? stepField?.options?.find((o) => o.value === name)?.label, name)
  const unused = (stepField?.options ?? []).filter((o) => !workflow.steps.some((s) => s.name === o.value))
  const roles = ((document.roles as { name: string }[] | undefined) ?? []).map((r) => r.name)
  const templates = ((document.templates as { name: string; entity?: string; label?: Record<string, string> }[] | undefined) ?? []).filter((t) => !t.entity || t.entity === workflow.entity)
  const calendars = (document.calendars as Calendar[] | undefined) ?? []

  // A step added or removed elsewhere (another tab, a discard) gets a place on the canvas.
  useEffect(() => {
    if (workflow.steps.some((s) => !layout[s.name])) setLayout(loadLayout(workflow))
  }, [workflow, layout])

  const setStep = (index: number, step: WorkflowStep) => onChange({ ...workflow, steps: workflow.steps.map((s, i) => (i === index ? step : s)) })
  const addStep = (name: string) => {
    const anchor = selected && 'step' in selected ? layout[selected.step] : undefined
    const lowest = Math.max(0, ...Object.values(layout).map((p) => p.y + nodeHeight))
    const place = anchor ? { x: anchor.x + 40, y: anchor.y + nodeHeight + 56 } : { x: 24, y: lowest + 56 }
    const next = { ...layout, [name]: place }
    setLayout(next)
    saveLayout(workflow.name, next)
    onChange({ ...workflow, steps: [...workflow.steps, { name }] })
    setSelected({ step: name })
  }
  const removeStep = (name: string) => {
    onChange({
      ...workflow,
      steps: workflow.steps.filter((s) => s.name !== name).map((s) => (s.transitions?.some((t) => t.to === name) ? { ...s, transitions: s.transitions.filter((t) => t.to !== name) } : s)),
    })
    setSelected(null)
  }
  const addTransition = (from: string, to: string) => {
    const index = workflow.steps.findIndex((s) => s.name === from)
    const step = workflow.steps[index]
    setStep(index, { ...step, transitions: [...(step.transitions ?? []), { to }] })
    setSelected({ from, to })
  }

  const selectedStep = selected && 'step' in selected ? workflow.steps.findIndex((s) => s.name === selected.step) : -1
  const edgeFrom = selected && 'from' in selected ? workflow.steps.findIndex((s) => s.name === selected.from) : -1
  const edge = edgeFrom >= 0 && selected && 'to' in selected ? (workflow.steps[edgeFrom].transitions ?? []).findIndex((t) => t.to === selected.to) : -1

  return (
    <div className="workflow-editor stack" data-testid="workflow-editor">
      <section className="card stack">
        <div className="pair">
          <LocalizedInput label={tx('Workflow name', 'İş akışı adı')} value={workflow.label} testId="workflow-label" onChange={(label) => onChange({ ...workflow, label })} />
          <p className="subtle">{tx(`Records: ${i18n.label(entity?.pluralLabel ?? entity?.label, workflow.entity)}; step field: ${i18n.label(stepField?.label, workflow.field)}`,
            `Kayıtlar: ${i18n.label(entity?.pluralLabel ?? entity?.label, workflow.entity)}; adım alanı: ${i18n.label(stepField?.label, workflow.field)}`)}</p>
        </div>
        <ConditionBuilder document={document as unknown as Metadata} entity={entity as never} value={workflow.when} testId="workflow-when"
          caption={tx('Runs on new records where', 'Şu yeni kayıtlarda çalışır')}
          onChange={(when) => { const next = { ...workflow, when }; if (!when) delete next.when; onChange(next) }} />
      </section>
      <div className="workflow-layout">
        <section className="card stack">
          <div className="section-head">
            <h3>{tx('Steps and transitions', 'Adımlar ve geçişler')}</h3>
            <span className="spacer" />
            {unused.length > 0 && (
              <select value="" data-testid="workflow-add-step" aria-label={tx('Add a step', 'Adım ekle')} onChange={(e) => e.target.value && addStep(e.target.value)}>
                <option value="">+ {tx('Add a step…', 'Adım ekle…')}</option>
                {unused.map((o) => <option key={o.value} value={o.value}>{i18n.label(o.label, o.value)}</option>)}
              </select>
            )}
          </div>
          <p className="help">{tx('Drag the steps to arrange them; click a step or an arrow to edit it. Dashed arrows have a condition.', 'Adımları düzenlemek için sürükleyin; düzenlemek için bir adıma veya oka tıklayın. Kesikli okların koşulu vardır.')}</p>
          <WorkflowCanvas workflow={workflow} layout={layout} selected={selected} onSelect={setSelected} stepLabel={stepLabel}
            onLayout={(next, done) => { setLayout(next); if (done) saveLayout(workflow.name, next) }} />
          <p className="help">{tx(`Steps are the options of the field “${i18n.label(stepField?.label, workflow.field)}”; add an option there to get a new step.`,
            `Adımlar “${i18n.label(stepField?.label, workflow.field)}” alanının seçenekleridir; yeni adım için oraya seçenek ekleyin.`)}</p>
        </section>
        <aside className="card workflow-side">
          {selectedStep >= 0 ? (
            <StepPanel step={workflow.steps[selectedStep]} steps={workflow.steps} first={selectedStep === 0} stepLabel={stepLabel}
              roles={roles} teams={teams} templates={templates}
              onChange={(s) => setStep(selectedStep, s)} onRemove={() => removeStep(workflow.steps[selectedStep].name)}
              onAddTransition={(to) => addTransition(workflow.steps[selectedStep].name, to)} />
          ) : edge >= 0 ? (
            <TransitionPanel document={document} entity={workflow.entity} from={workflow.steps[edgeFrom].name} stepLabel={stepLabel}
              transition={workflow.steps[edgeFrom].transitions![edge]}
              onChange={(t) => setStep(edgeFrom, { ...workflow.steps[edgeFrom], transitions: workflow.steps[edgeFrom].transitions!.map((x, i) => (i === edge ? t : x)) })}
              onRemove={() => { setStep(edgeFrom, { ...workflow.steps[edgeFrom], transitions: workflow.steps[edgeFrom].transitions!.filter((_, i) => i !== edge) }); setSelected(null) }} />
          ) : (
            <div className="empty-side">
              <strong>{tx('Select a step or an arrow', 'Bir adım veya ok seçin')}</strong>
              <p className="subtle">{tx('Its settings show here: who gets the record, by when, approval, messages and where it may go next.', 'Ayarları burada görünür: kaydı kim alır, ne zamana kadar, onay, mesajlar ve nereye geçebileceği.')}</p>
            </div>
          )}
        </aside>
      </div>
      <SlaPanel workflow={workflow} entity={entity} calendars={calendars} templates={templates} onChange={onChange} />
    </div>
  )
}
