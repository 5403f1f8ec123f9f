import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { EntityDefinition, Me, Metadata } from '../api/types'
import { AppContext } from '../app/AppContext'
import { I18nContext, makeI18n } from '../lib/i18n'
import { WorkflowPanel } from './WorkflowPanel'
import { dueText, nextDeadline, spanText } from './workflowText'

afterEach(() => { cleanup(); vi.unstubAllGlobals() })

const tx = (en: string) => en
const entity = {
  name: 'ticket', label: { en: 'Ticket' }, fields: [
    { name: 'step', type: 'choice', options: [{ value: 'new', label: { en: 'New' } }, { value: 'review', label: { en: 'Review' } }, { value: 'done', label: { en: 'Done' } }] }],
} as unknown as EntityDefinition
const metadata = {
  version: 3, entities: [entity],
  workflows: [{ name: 'support', label: { en: 'Support' }, entity: 'ticket', field: 'step', steps: [
    { name: 'new', transitions: [{ to: 'review' }] },
    { name: 'review', approval: { role: 'service_manager' }, transitions: [{ to: 'done' }] },
    { name: 'done', final: true }] }],
} as unknown as Metadata

const trail = {
  state: {
    workflow: 'support', step: 'review', previousStep: 'new', startedAt: '2026-03-02T07:00:00Z', stepEnteredAt: '2026-03-02T08:00:00Z',
    stepDueAt: '2000-01-01T00:00:00Z', assignee: 'u-agent', escalationLevel: 1, firstResponseDue: '2026-03-02T11:00:00Z',
    firstRespondedAt: '2026-03-02T08:00:00Z', resolutionDue: '2999-01-01T00:00:00Z', slaState: 'at_risk',
  },
  entries: [
    { action: 'start', toStep: 'new', actorName: 'admin', at: '2026-03-02T07:00:00Z', assignee: 'u-agent' },
    { action: 'move', fromStep: 'new', toStep: 'review', actorName: 'agent', at: '2026-03-02T08:00:00Z', spentSeconds: 3600, comment: 'İnceleyin' },
  ],
}

function renderPanel(me: Partial<Me>, onChanged = vi.fn()) {
  const value = { metadata, me: { id: 'u1', username: 'u', roles: [], administrator: false, ...me }, users: new Map([['u-agent', 'Ayşe Agent']]), toast: vi.fn() }
  render(
    <AppContext.Provider value={value}>
      <I18nContext.Provider value={makeI18n('en')}>
        <WorkflowPanel entity={entity} record={{ id: 'r1', version: 4 }} onChanged={onChanged} />
      </I18nContext.Provider>
    </AppContext.Provider>)
  return { onChanged, toast: value.toast }
}

function stubFetch() {
  const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
  // The trail for GETs; an approval answers with the record written.
  const fetch = vi.fn(async (url: string, init?: RequestInit) => (url.endsWith('/trail') && !init?.method?.startsWith('P') ? json(trail) : json({ id: 'r1', version: 5 })))
  vi.stubGlobal('fetch', fetch)
  return fetch
}

describe('WorkflowPanel', () => {
  it('shows the step, who has it, an overdue step due, the SLA state and the trail newest first', async () => {
    stubFetch()
    renderPanel({})
    const panel = await screen.findByTestId('workflow-panel')
    await waitFor(() => expect(within(panel).getByTestId('workflow-step').textContent).toContain('Review'))
    expect(within(panel).getByTestId('workflow-assignee').textContent).toBe('Ayşe Agent')
    expect(within(panel).getByTestId('workflow-step-due').className).toBe('overdue')
    expect(within(panel).getByTestId('workflow-sla-state').textContent).toBe('At risk')
    expect(within(panel).getByTestId('workflow-sla-due').textContent).toMatch(/\(in \d+ d/)
    const entries = within(panel).getAllByTestId('workflow-trail-entry')
    expect(entries[0].textContent).toContain('Moved New → Review')
    expect(entries[0].textContent).toContain('İnceleyin')
    expect(entries[1].textContent).toContain('Started New')
    expect(within(panel).queryByTestId('workflow-approve')).toBeNull()
  })

  it('lets a user with the approving role approve with a comment, then reloads the record', async () => {
    const fetch = stubFetch()
    const { onChanged } = renderPanel({ roles: ['service_manager'] })
    fireEvent.change(await screen.findByTestId('workflow-comment'), { target: { value: ' Uygun ' } })
    fireEvent.click(screen.getByTestId('workflow-approve'))
    await waitFor(() => expect(onChanged).toHaveBeenCalled())
    const call = fetch.mock.calls.find(([url]) => String(url).endsWith('/approve'))!
    expect(call[0]).toBe('/api/workflows/ticket/r1/approve')
    expect(JSON.parse(String(call[1]!.body))).toEqual({ comment: 'Uygun' })
  })
})

describe('WorkflowPanel trail', () => {
  it('shows the newest entries of a long trail and the rest on request', async () => {
    const long = { ...trail, entries: Array.from({ length: 12 }, (_, i) => ({ action: 'move', fromStep: 'new', toStep: 'review', actorName: `user${i}`, at: `2026-03-02T${String(i + 8).padStart(2, '0')}:00:00Z` })) }
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(long), { status: 200, headers: { 'Content-Type': 'application/json' } })))
    renderPanel({})
    await waitFor(() => expect(screen.getAllByTestId('workflow-trail-entry')).toHaveLength(8))
    expect(screen.getAllByTestId('workflow-trail-entry')[0].textContent).toContain('user11')
    fireEvent.click(screen.getByTestId('workflow-trail-all'))
    expect(screen.getAllByTestId('workflow-trail-entry')).toHaveLength(12)
    expect(screen.queryByTestId('workflow-trail-all')).toBeNull()
  })
})

describe('workflow deadlines', () => {
  it('takes the first response until it is given, then the resolution, and nothing once resolved', () => {
    const state = trail.state as Parameters<typeof nextDeadline>[0]
    expect(nextDeadline({ ...state, firstRespondedAt: null })).toEqual({ kind: 'firstResponse', due: '2026-03-02T11:00:00Z' })
    expect(nextDeadline(state)).toEqual({ kind: 'resolution', due: '2999-01-01T00:00:00Z' })
    expect(nextDeadline({ ...state, resolvedAt: '2026-03-03T00:00:00Z' })).toBeNull()
  })

  it('says time left or overdue in the two largest units', () => {
    expect(spanText(2 * 86400 + 3 * 3600 + 59, tx)).toBe('2 d 3 h')
    expect(spanText(45 * 60, tx)).toBe('45 min')
    const now = new Date('2026-03-02T10:00:00Z')
    expect(dueText('2026-03-02T13:30:00Z', now, tx)).toEqual({ text: 'in 3 h 30 min', overdue: false })
    expect(dueText('2026-03-02T08:00:00Z', now, tx)).toEqual({ text: '2 h overdue', overdue: true })
  })
})
