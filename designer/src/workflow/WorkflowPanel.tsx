import { useEffect, useState } from 'react'
import { ProblemError } from '../api/client'
import type { CrmRecord, EntityDefinition, LocalizedText, Metadata } from '../api/types'
import { problemText } from '../app/App'
import { useApp } from '../app/AppContext'
import type { Workflow } from '../designer/workflows/workflowTypes'
import { useText } from '../designer/useText'
import { useI18n } from '../lib/i18n'
import { findField } from '../lib/model'
import { workflowApi, type WorkflowTrail } from './workflowApi'
import { actionText, dueText, nextDeadline, slaStates, spanText } from './workflowText'
import './workflow.css'

/** How many trail entries, newest first, show before "show all": a long-running case keeps its page short. */
const trailShown = 8

/** The workflows of the published model (on this entity, when one is named) (the metadata document's `workflows` section). */
export function workflowsOf(metadata: Metadata, entity?: string): Workflow[] {
  return ((metadata as unknown as { workflows?: Workflow[] }).workflows ?? []).filter((w) => entity === undefined || w.entity === entity)
}

/** A step's label: the step's own, else its option's label on the workflow's step field, else its name. */
export function stepLabel(entity: EntityDefinition | undefined, workflow: Workflow | undefined, step: string,
  label: (text: LocalizedText | undefined, fallback?: string) => string): string {
  const option = entity && workflow ? findField(entity, workflow.field)?.options?.find((o) => o.value === step) : undefined
  return label(workflow?.steps.find((s) => s.name === step)?.label ?? option?.label, step)
}

/** A role's label from the published model, in the UI's language; its name when the model gives none. */
export function roleLabel(metadata: Metadata, role: string, label: (text: LocalizedText | undefined, fallback?: string) => string): string {
  const roles = (metadata as unknown as { roles?: { name: string; label?: LocalizedText }[] }).roles ?? []
  return label(roles.find((r) => r.name === role)?.label, role)
}

/**
 * On a record in a workflow: its step and since when, the step's due time and the SLA deadline with time left, approve or
 * reject (with a comment) when the step waits for the user's role, and the trail of who did what.
 */
export function WorkflowPanel({ entity, record, onChanged }: { entity: EntityDefinition; record: CrmRecord; onChanged: () => void }) {
  const { metadata, me, users, toast } = useApp()
  const i18n = useI18n()
  const tx = useText()
  const workflows = workflowsOf(metadata, entity.name)
  const [trail, setTrail] = useState<WorkflowTrail | null | 'none'>(null)
  const [error, setError] = useState<string | null>(null)
  const [comment, setComment] = useState('')
  const [busy, setBusy] = useState(false)
  const [allShown, setAllShown] = useState(false)

  useEffect(() => {
    if (workflows.length === 0) return
    let live = true
    workflowApi.trail(entity.name, record.id).then(
      (t) => { if (live) { setTrail(t); setError(null) } },
      (e) => { if (live) { if (e instanceof ProblemError && e.status === 404) setTrail('none'); else setError(problemText(e)) } })
    return () => { live = false }
  }, [workflows.length, entity.name, record.id, record.version])

  if (workflows.length === 0 || trail === 'none') return null
  if (error) return <section className="card workflow-panel" data-testid="workflow-panel"><p className="alert error">{error}</p></section>
  if (trail === null) return <section className="card workflow-panel" data-testid="workflow-panel"><p className="muted">{i18n.t('loading')}</p></section>

  const { state, entries } = trail
  const workflow = workflows.find((w) => w.name === state.workflow)
  const step = workflow?.steps.find((s) => s.name === state.step)
  const labelOf = (name?: string | null) => (name ? stepLabel(entity, workflow, name, i18n.label) : '')
  const when = (at: string) => new Intl.DateTimeFormat(i18n.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at))
  const now = new Date()
  const deadline = nextDeadline(state)
  const stepDue = !state.resolvedAt && state.stepDueAt ? dueText(state.stepDueAt, now, tx) : null
  const approval = step?.approval
  const mayDecide = approval !== undefined && (me.administrator || me.roles.includes(approval.role))

  const decide = async (approve: boolean) => {
    setBusy(true)
    try {
      await workflowApi.decide(entity.name, record.id, approve, comment)
      setComment('')
      toast(approve ? tx('Approved', 'Onaylandı') : tx('Rejected', 'Reddedildi'))
      onChanged()
    } catch (e) {
      toast(problemText(e), 'error')
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="card workflow-panel" data-testid="workflow-panel" aria-labelledby="workflow-title">
      <div className="card-head">
        <h3 id="workflow-title">{i18n.label(workflow?.label, state.workflow)}</h3>
        {state.slaState && (
          <span className={`badge sla-${state.slaState}`} data-testid="workflow-sla-state">
            {tx(...(slaStates[state.slaState] ?? [state.slaState, state.slaState]))}
          </span>
        )}
      </div>
      <dl className="workflow-facts">
        <div>
          <dt>{tx('Step', 'Adım')}</dt>
          <dd data-testid="workflow-step"><strong>{labelOf(state.step)}</strong>
            {state.resolvedAt ? ` · ${tx('resolved', 'çözüldü')} ${when(state.resolvedAt)}` : ` · ${tx('since', 'başlangıç')} ${when(state.stepEnteredAt)}`}</dd>
        </div>
        {state.assignee && (
          <div><dt>{tx('Assigned to', 'Atanan')}</dt><dd data-testid="workflow-assignee">{users.get(state.assignee) ?? state.assignee}</dd></div>
        )}
        {stepDue && state.stepDueAt && (
          <div>
            <dt>{tx('Step due', 'Adım bitişi')}</dt>
            <dd data-testid="workflow-step-due" className={stepDue.overdue ? 'overdue' : undefined}>{when(state.stepDueAt)} ({stepDue.text})</dd>
          </div>
        )}
        {deadline && (
          <div>
            <dt>{deadline.kind === 'firstResponse' ? tx('First response due', 'İlk yanıt bitişi') : tx('Resolution due', 'Çözüm bitişi')}</dt>
            <dd data-testid="workflow-sla-due" className={dueText(deadline.due, now, tx).overdue ? 'overdue' : undefined}>
              {when(deadline.due)} ({dueText(deadline.due, now, tx).text})
            </dd>
          </div>
        )}
        {state.escalationLevel > 0 && (
          <div><dt>{tx('Escalation', 'Yükseltme')}</dt><dd data-testid="workflow-escalation">{tx(`level ${state.escalationLevel}`, `${state.escalationLevel}. seviye`)}</dd></div>
        )}
      </dl>

      {approval && !state.resolvedAt && (
        <div className="workflow-approval" data-testid="workflow-approval">
          <p>{tx(`Waiting for approval by ${roleLabel(metadata, approval.role, i18n.label)}.`, `${roleLabel(metadata, approval.role, i18n.label)} onayı bekleniyor.`)}</p>
          {mayDecide && (
            <>
              <textarea value={comment} maxLength={4000} placeholder={tx('Comment (kept in the trail)', 'Yorum (izde saklanır)')}
                aria-label={tx('Comment', 'Yorum')} data-testid="workflow-comment" onChange={(e) => setComment(e.target.value)} />
              <div className="toolbar">
                <button type="button" className="primary" disabled={busy} data-testid="workflow-approve" onClick={() => void decide(true)}>{tx('Approve', 'Onayla')}</button>
                <button type="button" className="danger" disabled={busy} data-testid="workflow-reject" onClick={() => void decide(false)}>{tx('Reject', 'Reddet')}</button>
              </div>
            </>
          )}
        </div>
      )}

      <ol className="workflow-trail" data-testid="workflow-trail">
        {[...entries].reverse().slice(0, allShown ? undefined : trailShown).map((entry, i) => (
          <li key={`${entry.at}-${i}`} data-testid="workflow-trail-entry">
            <div className="trail-line">
              <strong>{actionText(entry, tx)}</strong>
              {entry.fromStep && entry.toStep && entry.fromStep !== entry.toStep ? ` ${labelOf(entry.fromStep)} → ${labelOf(entry.toStep)}`
                : entry.toStep ? ` ${labelOf(entry.toStep)}` : ''}
              {entry.spentSeconds != null && <span className="muted"> · {tx(`after ${spanText(entry.spentSeconds, tx)}`, `${spanText(entry.spentSeconds, tx)} sonra`)}</span>}
            </div>
            <div className="trail-meta muted">
              {entry.actorName ?? tx('system', 'sistem')}
              {entry.assignee && ` · ${tx('to', 'atanan')} ${users.get(entry.assignee) ?? entry.assignee}`}
            </div>
            {entry.comment && <blockquote className="trail-comment">{entry.comment}</blockquote>}
            <time dateTime={entry.at}>{when(entry.at)}</time>
          </li>
        ))}
      </ol>
      {!allShown && entries.length > trailShown && (
        <button type="button" className="link" data-testid="workflow-trail-all" onClick={() => setAllShown(true)}>
          {tx(`Show all ${entries.length} entries`, `${entries.length} kaydın tümünü göster`)}
        </button>
      )}
    </section>
  )
}
