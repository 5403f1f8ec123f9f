// The Designer, part 2, in the browser: a key user builds an automation rule with the condition builder and publishes it
// (a matching new person puts the task in My tasks; the rule's test run and run log show it), adds a step to a service
// workflow in the visual editor and publishes it (a new complaint must now follow that step: its trail says so), and the
// template, security and data-protection screens are shot for review.
import assert from 'node:assert/strict'
import { apiClient } from './apiClient.mjs'

async function eventually(what, check, tries = 60) {
  for (let i = 0; i < tries; i++) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`e2e designer2: ${what} did not happen`)
}

export async function run(page, base, shot, adminPassword = 'e2e-pass') {
  const t = (id) => page.getByTestId(id)
  const started = Date.now()
  const admin = await apiClient(base, 'admin', adminPassword)
  const ok = async (method, path, body, headers) => {
    const r = await admin(method, path, body, headers)
    if (r.status >= 400) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`)
    return r.body
  }

  // A complaint workflow the key user will extend: new → resolved, straight through.
  const live = await ok('GET', '/api/metadata')
  live.workflows = [...(live.workflows ?? []).filter((w) => w.name !== 'complaint_flow'), {
    name: 'complaint_flow', label: { en: 'Complaints', tr: 'Şikâyetler' }, entity: 'service_request', field: 'status',
    when: { field: 'request_type', operator: 'eq', value: 'complaint' },
    steps: [{ name: 'new', due: 'PT4H', transitions: [{ to: 'resolved' }] }, { name: 'resolved', final: true }],
    sla: { resolution: 'P3D', warningAt: 0.8, escalation: ['teamLead'] },
  }]
  await ok('PUT', '/api/metadata?comment=Complaint%20workflow', live, { 'If-Match': `"${live.version}"` })

  await page.setViewportSize({ width: 1440, height: 900 })
  await page.goto(`${base}/designer/automation`)
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('nocodecrm.designer.')).forEach((k) => localStorage.removeItem(k)))
  await page.reload()
  await t('language-en').click()
  await t('designer-automation').waitFor()
  await shot('e01-rules-list')

  // 1. A rule: a person created in İzmir gets a welcome call task for their owner.
  await t('rule-new-label').fill('İzmir welcome call')
  await t('rule-new-submit').click()
  await t('rule-editor').waitFor()
  await t('trigger-type').selectOption('recordCreated')
  await t('trigger-entity').selectOption('person')
  await t('rule-condition-add').click()
  await t('rule-condition-0-field').selectOption('city')
  await t('rule-condition-0-operator').selectOption('eq')
  await t('rule-condition-0-value').fill('İzmir')
  await t('rule-condition-add').click()
  await t('rule-condition-1-field').selectOption('segment')
  await t('rule-condition-1-operator').selectOption('ne')
  await t('rule-condition-1-value').selectOption('gold')
  await t('rule-actions-add').selectOption('createRecord')
  await t('rule-actions-0-entity').selectOption('task')
  await t('rule-actions-0-values-add').selectOption('subject')
  await t('rule-actions-0-values-subject-value').fill('Welcome call: {{ record.first_name }} {{ record.last_name }}')
  await t('rule-actions-0-values-add').selectOption('due_date')
  await t('rule-actions-0-values-due_date').locator('select').selectOption('daysFromNow')
  await t('rule-actions-0-values-due_date-amount').fill('2')
  await t('rule-actions-0-values-add').selectOption('priority')
  await t('rule-actions-0-values-priority-value').selectOption('high')
  // A second action dragged above the first, then put back with the arrows: the order is the key user's.
  await t('rule-actions-add').selectOption('wait')
  await t('rule-actions-1').locator('.action-head').dragTo(t('rule-actions-0').locator('.action-head'))
  await t('rule-actions-0').getByText('Wait').first().waitFor()
  await t('rule-actions-0').getByRole('button', { name: 'Remove action' }).click()
  await t('rule-actions-0').getByText('Create a record').waitFor()
  // A script condition with a syntax error shows the error at its line, then goes back to the builder.
  await t('rule-actions-add').selectOption('branch')
  await t('rule-actions-1-condition-mode-script').click()
  await t('rule-actions-1-condition-script-text').fill('record.nps > 8 &&\n(record.city ==')
  await t('rule-actions-1-condition-script-problems').getByText('Line 2').waitFor()
  await shot('e02-rule-editor-script-error')
  await t('rule-actions-1-remove').click()
  await page.evaluate(() => window.scrollTo(0, 430))
  await shot('e03-rule-editor')

  await t('go-publish').click()
  await t('publish-review').click()
  await t('publish-comment').fill('İzmir welcome call rule')
  await t('publish-confirm').click()
  await t('working-copy-status').getByText('no changes').waitFor()

  // A matching person (and one that does not match) created by the end user's API: the task reaches My tasks.
  const ayla = await ok('POST', '/api/records/person', { first_name: 'Ayla', last_name: 'Kıyı', city: 'İzmir', segment: 'standard' })
  await ok('POST', '/api/records/person', { first_name: 'Bora', last_name: 'Dağ', city: 'Ankara', segment: 'standard' })
  await eventually('the welcome task', async () => (await ok('GET', `/api/records/task?$filter=${encodeURIComponent("subject eq 'Welcome call: Ayla Kıyı'")}`)).value.length === 1)
  assert.equal((await ok('GET', `/api/records/task?$filter=${encodeURIComponent("startswith(subject, 'Welcome call: Bora')")}`)).value.length, 0)
  await t('nav-tasks').click()
  await page.getByText('Welcome call: Ayla Kıyı').first().waitFor()
  await shot('e04-my-tasks-welcome-call')

  // The rule's test run on Ayla says it fires and would create the task; the run log has the real run.
  await page.goto(`${base}/designer/automation`)
  await t('rule-row-izmir_welcome_call').click()
  await t('rule-runs').getByTestId('rule-run').first().waitFor()
  await page.locator('#rule-test-record').fill('Kıyı')
  await page.getByRole('option', { name: /Kıyı/ }).first().click()
  await t('rule-test-this').click()
  await t('rule-test-izmir_welcome_call').getByText('fires').waitFor()
  assert.match(await t('rule-test-result').innerText(), /Create a record/)
  await shot('e05-rule-test-and-runs')
  assert.ok(ayla.id)

  // 2. The workflow: the key user puts "in progress" between "new" and "resolved" and publishes.
  await t('designer-nav-workflows').click()
  await t('designer-workflow-complaint_flow').click()
  await t('workflow-canvas').waitFor()
  await t('workflow-add-step').selectOption('in_progress')
  await t('step-panel-in_progress').waitFor()
  await t('step-due').fill('8')
  await t('step-add-transition').selectOption('resolved')
  await t('wf-edge-new-resolved').locator('.wf-edge-hit').click({ force: true })
  await t('transition-remove').click()
  await t('wf-node-new').click()
  await t('step-add-transition').selectOption('in_progress')
  // The new step lands at the bottom; the key user drags it between the two others (the layout stays out of the model).
  const dragNode = async (name, dy) => {
    const box = await t(`wf-node-${name}`).boundingBox()
    await page.mouse.move(box.x + 60, box.y + 20)
    await page.mouse.down()
    await page.mouse.move(box.x + 60, box.y + 20 + dy, { steps: 8 })
    await page.mouse.up()
  }
  await t('workflow-canvas').scrollIntoViewIfNeeded()
  await dragNode('resolved', 240)
  await dragNode('in_progress', -120)
  await t('wf-node-in_progress').click()
  await page.evaluate(() => window.scrollTo(0, 420))
  await shot('e06-workflow-editor')

  await t('go-publish').click()
  await t('publish-review').click()
  await t('publish-diff').getByText('in_progress').first().waitFor()
  await t('publish-comment').fill('Complaints go through in progress')
  await t('publish-confirm').click()
  await t('working-copy-status').getByText('no changes').waitFor()

  // A new complaint follows the new step: straight to resolved is refused, through in progress it goes.
  const request = await ok('POST', '/api/records/service_request', { subject: 'Invoice charged twice', request_type: 'complaint', category: 'billing', status: 'new' })
  const skip = await admin('PATCH', `/api/records/service_request/${request.id}`, { status: 'resolved' })
  assert.equal(skip.status, 422, JSON.stringify(skip.body))
  assert.equal(skip.body.errors[0].code, 'transitionNotAllowed')
  await ok('PATCH', `/api/records/service_request/${request.id}`, { status: 'in_progress' })
  await ok('PATCH', `/api/records/service_request/${request.id}`, { status: 'resolved' })
  const trail = await ok('GET', `/api/workflows/service_request/${request.id}/trail`)
  assert.equal(trail.state.workflow, 'complaint_flow')
  assert.deepEqual(trail.entries.map((e) => `${e.action}:${e.fromStep ?? ''}>${e.toStep ?? ''}`),
    ['start:>new', 'move:new>in_progress', 'move:in_progress>resolved'])

  // 3. Templates: a live preview rendered by the server against a real person; an error sits at its line.
  await t('designer-nav-templates').click()
  await t('designer-templates').waitFor()
  await shot('e07-templates-list')
  await t('template-row-segment_gold_welcome').click()
  await t('template-lang-en').click()
  await page.locator('#template-preview-record').fill('Kıyı')
  await page.getByRole('option', { name: /Kıyı/ }).first().click()
  await t('template-preview-subject').getByText('Ayla').waitFor()
  const html = t('template-html')
  const before = await html.inputValue()
  await html.fill(`${before}\n<p>{{ record.first_name </p>`)
  await t('template-html-error').first().waitFor()
  assert.match(await t('template-html-error').first().innerText(), /Line \d+/)
  await shot('e08-template-error-at-line')
  await html.fill(before)
  await t('template-preview-output').waitFor()
  await shot('e09-template-preview')
  page.once('dialog', (d) => d.accept())
  await t('discard-changes').click()
  await t('working-copy-status').getByText('no changes').waitFor()

  // 4. Security: users, the role grid, data protection flags.
  await t('designer-nav-security').click()
  await t('user-list').waitFor()
  await shot('e10-security-users')
  await t('security-tab-roles').click()
  await t('role-sales_rep').click()
  await t('role-grid').waitFor()
  await t('scope-company-read').selectOption('team')
  await shot('e11-security-roles')
  await t('security-tab-data').click()
  await t('data-flags').waitFor()
  await shot('e12-security-data-flags')
  page.once('dialog', (d) => d.accept())
  await t('discard-changes').click()
  await t('working-copy-status').getByText('no changes').waitFor()
  console.log(`e2e: designer2: a rule built with the condition builder puts a task in My tasks, test run and run log, a workflow step added on the canvas is followed, template preview and errors, security (${Date.now() - started} ms)`)
}
