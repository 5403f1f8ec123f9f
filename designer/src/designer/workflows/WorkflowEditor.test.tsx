import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AppContext } from '../../app/AppContext'
import { I18nContext, makeI18n } from '../../lib/i18n'
import type { DesignDocument } from '../types'
import { WorkflowEditor } from './WorkflowEditor'
import type { Workflow } from './workflowTypes'

afterEach(cleanup)
beforeEach(() => localStorage.clear())

const document = {
  version: 3,
  entities: [{
    name: 'ticket', label: { en: 'Ticket' }, fields: [
      { name: 'subject', type: 'text', label: { en: 'Subject' } },
      { name: 'step', type: 'choice', label: { en: 'Step' }, options: [
        { value: 'new', label: { en: 'New' } }, { value: 'working', label: { en: 'Working' } },
        { value: 'review', label: { en: 'Review' } }, { value: 'done', label: { en: 'Done' } }] },
    ],
  }],
  roles: [{ name: 'service_manager' }],
  templates: [{ name: 'ticket_done', entity: 'ticket', channel: 'email' }],
} as unknown as DesignDocument

// Keys the editor never shows: they must come back unchanged.
const original: Workflow = {
  name: 'support', entity: 'ticket', field: 'step', x_owner_note: { keep: [1, 2] },
  when: { field: 'subject', operator: 'contains', value: 'help' },
  steps: [
    { name: 'new', due: 'PT4H', assignee: { type: 'teamRoundRobin', team: 'Desk' }, transitions: [{ to: 'working', x_meta: true }], x_color: 'red' },
    { name: 'working', transitions: [{ to: 'done', when: { any: [{ field: 'subject', operator: 'isNotNull' }] } }] },
    { name: 'done', final: true },
  ],
  sla: { resolution: 'P3D', escalation: ['teamLead'], x_sla_extra: 'kept' },
}

function Host({ onChange }: { onChange: (w: Workflow) => void }) {
  const [workflow, setWorkflow] = useState(structuredClone(original))
  return (
    <AppContext.Provider value={{ metadata: document as never, me: { id: 'u', username: 'a', roles: [], administrator: true }, users: new Map([['u1', 'Ayşe']]), toast: () => {} }}>
      <I18nContext.Provider value={makeI18n('en')}>
        <WorkflowEditor document={document} workflow={workflow} teams={['Desk']} onChange={(w) => { setWorkflow(w); onChange(w) }} />
      </I18nContext.Provider>
    </AppContext.Provider>
  )
}

const last = (spy: ReturnType<typeof vi.fn>) => spy.mock.calls.at(-1)?.[0] as Workflow

describe('WorkflowEditor', () => {
  it('draws each step as a node and each transition as an arrow, conditional ones dashed', () => {
    render(<Host onChange={vi.fn()} />)
    expect(screen.getByTestId('wf-node-new').textContent).toContain('New')
    expect(screen.getByTestId('wf-node-done').textContent).toContain('final')
    expect(screen.getByTestId('wf-edge-new-working')).toBeTruthy()
    const conditional = screen.getByTestId('wf-edge-working-done').querySelector('.wf-edge-line')!
    expect(conditional.getAttribute('stroke-dasharray')).toBe('6 4')
  })

  it('adds a step between two others and keeps every field it does not show', () => {
    const onChange = vi.fn()
    render(<Host onChange={onChange} />)
    fireEvent.change(screen.getByTestId('workflow-add-step'), { target: { value: 'review' } })
    fireEvent.change(screen.getByTestId('step-add-transition'), { target: { value: 'done' } })
    fireEvent.click(screen.getByTestId('wf-edge-working-done'))
    fireEvent.click(screen.getByTestId('transition-remove'))
    fireEvent.pointerDown(screen.getByTestId('wf-node-working'))
    fireEvent.pointerUp(screen.getByTestId('workflow-canvas'))
    fireEvent.change(screen.getByTestId('step-add-transition'), { target: { value: 'review' } })

    const expected = structuredClone(original)
    expected.steps[1] = { name: 'working', transitions: [{ to: 'review' }] }
    expected.steps.push({ name: 'review', transitions: [{ to: 'done' }] })
    expect(last(onChange)).toEqual(expected)
  })

  it('edits a step’s assignee, due time, approval and final flag', () => {
    const onChange = vi.fn()
    render(<Host onChange={onChange} />)
    fireEvent.pointerDown(screen.getByTestId('wf-node-working'))
    fireEvent.pointerUp(screen.getByTestId('workflow-canvas'))
    const panel = screen.getByTestId('step-panel-working')
    fireEvent.change(within(panel).getByTestId('step-assignee'), { target: { value: 'role' } })
    fireEvent.change(within(panel).getByTestId('step-due'), { target: { value: '2' } })
    fireEvent.click(within(panel).getByTestId('step-approval'))
    const step = last(onChange).steps[1]
    expect(step.assignee).toEqual({ type: 'role' })
    expect(step.due).toBe('PT2H')
    expect(step.approval).toEqual({ role: 'service_manager' })
    expect(step.transitions).toEqual(original.steps[1].transitions)
  })

  it('a step with a due time may send a message when it is overdue, and a step without one only on entry', () => {
    const onChange = vi.fn()
    render(<Host onChange={onChange} />)
    fireEvent.pointerDown(screen.getByTestId('wf-node-working'))
    fireEvent.pointerUp(screen.getByTestId('workflow-canvas'))
    const working = screen.getByTestId('step-panel-working')
    fireEvent.click(within(within(working).getByTestId('step-notify')).getByText(/Message/))
    expect(within(within(working).getByTestId('step-notify')).queryByLabelText('When')).toBeNull()

    fireEvent.pointerDown(screen.getByTestId('wf-node-new'))
    fireEvent.pointerUp(screen.getByTestId('workflow-canvas'))
    const panel = screen.getByTestId('step-panel-new')
    const notify = within(panel).getByTestId('step-notify')
    fireEvent.click(within(notify).getByText(/Message/))
    fireEvent.change(within(notify).getByLabelText('When'), { target: { value: 'overdue' } })
    expect(last(onChange).steps[0].notify).toEqual([{ template: 'ticket_done', to: 'assignee', on: 'overdue' }])
    fireEvent.change(within(notify).getByLabelText('When'), { target: { value: '' } })
    expect(last(onChange).steps[0].notify).toEqual([{ template: 'ticket_done', to: 'assignee', on: undefined }])
  })

  it('moving a node changes the layout only, never the workflow', () => {
    const onChange = vi.fn()
    render(<Host onChange={onChange} />)
    const node = screen.getByTestId('wf-node-done')
    const canvas = screen.getByTestId('workflow-canvas')
    fireEvent.pointerDown(node, { clientX: 10, clientY: 10 })
    fireEvent.pointerMove(canvas, { clientX: 200, clientY: 300 })
    fireEvent.pointerUp(canvas)
    expect(node.style.top).not.toBe('24px')
    expect(onChange).not.toHaveBeenCalled()
    expect(JSON.parse(localStorage.getItem('nocodecrm.designer.workflowLayout.support')!).done).toBeTruthy()
  })

  it('removing a step removes the arrows into it', () => {
    const onChange = vi.fn()
    render(<Host onChange={onChange} />)
    fireEvent.pointerDown(screen.getByTestId('wf-node-working'))
    fireEvent.pointerUp(screen.getByTestId('workflow-canvas'))
    fireEvent.click(screen.getByTestId('step-remove'))
    expect(last(onChange).steps.map((s) => s.name)).toEqual(['new', 'done'])
    expect(last(onChange).steps[0].transitions).toEqual([])
    expect(last(onChange).steps[0].x_color).toBe('red')
  })
})
