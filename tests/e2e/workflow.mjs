// An end user works a record through a workflow in the browser: the record page's workflow panel shows the step, its due
// time and the trail; a user who may decide rejects with a comment (the record goes back a step, the comment stays in the
// trail), then finds it again in My approvals and approves (the record moves on to its final step).
import assert from 'node:assert/strict'
import { apiAs } from './apiClient.mjs'

export async function run(page, base, shot, adminPassword = 'e2e-pass') {
  const t = (id) => page.getByTestId(id)
  const started = Date.now()
  const admin = await apiAs(base, 'admin', adminPassword, { language: 'en' })

  // Suggestions go new → in progress, which a service agent approves before they are resolved; new is due in an hour.
  const live = await admin('GET', '/api/metadata')
  live.workflows = [...(live.workflows ?? []).filter((w) => w.name !== 'suggestion_flow'), {
    name: 'suggestion_flow', label: { en: 'Suggestions', tr: 'Öneriler' }, entity: 'service_request', field: 'status',
    when: { field: 'request_type', operator: 'eq', value: 'suggestion' },
    steps: [
      { name: 'new', due: 'PT1H', transitions: [{ to: 'in_progress' }] },
      { name: 'in_progress', approval: { role: 'service_agent' }, transitions: [{ to: 'resolved' }] },
      { name: 'resolved', final: true },
    ],
  }]
  await admin('PUT', '/api/metadata?comment=Suggestion%20workflow', live, { 'If-Match': `"${live.version}"` })
  const request = await admin('POST', '/api/records/service_request', { subject: 'Self-service returns page', request_type: 'suggestion' })
  assert.equal(request.status, 'new')
  await admin('PATCH', `/api/records/service_request/${request.id}`, { status: 'in_progress' })

  await page.goto(`${base}/e/service_request/${request.id}`)
  await t('language-en').click()
  const panel = t('workflow-panel')
  await panel.waitFor()
  await t('workflow-step').getByText('In progress').waitFor()
  assert.match(await t('workflow-approval').innerText(), /Waiting for approval by Service agent/)
  assert.deepEqual(await t('workflow-trail-entry').evaluateAll((items) => items.map((i) => i.querySelector('strong').textContent)), ['Moved', 'Started'])
  await panel.scrollIntoViewIfNeeded()
  await shot('w01-workflow-awaiting-approval')

  // Rejected with a comment: back to New, whose due time starts again, and the comment is on the trail.
  await t('workflow-comment').fill('Please add the return policy link first')
  await t('workflow-reject').click()
  await t('workflow-step').getByText('New').waitFor()
  await t('workflow-step-due').waitFor()
  const rejected = t('workflow-trail-entry').first()
  assert.match(await rejected.innerText(), /Rejected\s+In progress → New/)
  assert.match(await rejected.innerText(), /Please add the return policy link first/)
  assert.equal(await t('workflow-approval').count(), 0)
  assert.equal((await admin('GET', `/api/records/service_request/${request.id}`)).status, 'new')

  // Sent back for approval: it waits in the approver's inbox, which opens it; approved, it is resolved, the final step.
  await admin('PATCH', `/api/records/service_request/${request.id}`, { status: 'in_progress' })
  await t('nav-approvals').click()
  const row = t('approval-row').filter({ hasText: 'Self-service returns page' })
  await row.waitFor()
  assert.match(await row.innerText(), /In progress/)
  await shot('w03-my-approvals')
  await row.click()
  await t('workflow-approve').click()
  await t('workflow-step').getByText('Resolved').waitFor()
  assert.match(await t('workflow-step').innerText(), /resolved/)
  assert.match(await t('workflow-trail-entry').first().innerText(), /Approved\s+In progress → Resolved/)
  assert.equal((await admin('GET', `/api/records/service_request/${request.id}`)).status, 'resolved')
  await panel.scrollIntoViewIfNeeded()
  await shot('w02-workflow-approved')
  console.log(`e2e: workflow: a record's step, due time and trail on its page, rejected with a comment back a step, then found in My approvals and approved to its final step (${Date.now() - started} ms)`)
}
