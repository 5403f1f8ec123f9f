// The key users' Designer in the browser: a field added and published reaches an end user's open browser, a field
// dragged into a new form section shows there on the record page, an invalid publish and a lossy type change are
// shown on their element and not published, and restoring an older version brings its form back.
import assert from 'node:assert/strict'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { apiAs } from './apiClient.mjs'

const repPassword = 'Rep-Designer-2024!x'

export async function run(page, base, shot, adminPassword = 'e2e-pass') {
  const started = Date.now()
  const t = (id) => page.getByTestId(id)
  const admin = await apiAs(base, 'admin', adminPassword)
  await admin('POST', '/api/users', { username: 'rep.designer', password: repPassword, displayName: 'Deniz Satış', roles: ['sales_rep'] })
  const liveVersion = async () => (await admin('GET', '/api/metadata/versions')).map((v) => v.version).sort((a, b) => b - a)[0]

  await page.setViewportSize({ width: 1440, height: 900 })
  await page.goto(`${base}/designer`)
  await t('language-en').click()

  // The end user is signed in in another browser before anything is published, and stays on the new-person page.
  const repContext = await page.context().browser().newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } })
  repContext.setDefaultTimeout(15_000)
  const rep = await repContext.newPage()
  const r = (id) => rep.getByTestId(id)
  await rep.goto(base)
  await r('language-en').click()
  await r('login-username').fill('rep.designer')
  await r('login-password').fill(repPassword)
  await r('login-submit').click()
  await r('nav-tasks').waitFor()
  assert.equal(await r('nav-designer').count(), 0, 'a sales rep does not see the Designer')
  await rep.goto(`${base}/e/person/new`)
  await r('field-first_name').waitFor()
  assert.equal(await r('field-referral_code').count(), 0)

  // A key user adds a field to person.
  await t('designer-entities').waitFor()
  await shot('d01-designer-entities')
  await t('designer-entity-person').click()
  await t('icon-person').click()
  await t('field-add').click()
  await t('new-field-label').fill('Referral code')
  assert.equal(await t('new-field-name').inputValue(), 'referral_code')
  await t('new-field-submit').click()
  await t('field-panel').waitFor()
  await t('field-opt-label-tr').fill('Referans kodu')
  await t('field-opt-searchable').check()
  await t('field-opt-maxLength').fill('20')
  await shot('d02-field-settings')
  // …and shows it as a column of the people list.
  await t('designer-nav-views').click()
  await t('designer-view-person_all').click()
  await t('view-column-add').selectOption('referral_code')
  await t('view-column-referral_code').waitFor()
  await shot('d03-list-view')

  // Review & publish: the diff in words, then publish.
  await t('go-publish').click()
  await t('publish-review').click()
  await t('publish-diff').getByText('referral_code').first().waitFor()
  await shot('d04-review')
  await t('publish-comment').fill('Referral code on people')
  await t('publish-confirm').click()
  await t('designer-history').waitFor()
  await t('working-copy-status').getByText('no changes').waitFor()
  const withField = await liveVersion()

  // The end user's open page picks the field up without a restart or reload, fills it, sees it as a column and filters by it.
  await rep.evaluate(() => window.dispatchEvent(new Event('focus')))
  await r('field-referral_code').waitFor()
  await r('field-first_name').fill('Selin')
  await r('field-last_name').fill('Arslan')
  await r('field-referral_code').fill('REF-2024')
  await r('form-submit').click()
  await r('toast').filter({ hasText: 'Saved' }).waitFor()
  const repApi = await apiAs(base, 'rep.designer', repPassword)
  await repApi('POST', '/api/records/person', { first_name: 'Kemal', last_name: 'Tekin', referral_code: 'REF-9999' })
  await r('entity-person').click()
  await r('column-referral_code').waitFor()
  await rep.waitForFunction(() => document.querySelector('[data-testid="record-count"]')?.textContent === '2')
  await r('filter-toggle').click()
  await r('filter-field-0').selectOption('referral_code')
  await r('filter-operator-0').selectOption('eq')
  await r('filter-value-0').fill('REF-2024')
  await r('filter-apply').click()
  await rep.waitForFunction(() => document.querySelector('[data-testid="record-count"]')?.textContent === '1')
  assert.match(await r('record-row').textContent(), /Arslan.*REF-2024/)
  await rep.screenshot({ path: shotPath(shot, 'd05-end-user-filtered') })
  const selin = (await repApi('GET', `/api/records/person?$filter=${encodeURIComponent("referral_code eq 'REF-2024'")}`)).value[0]

  // A key user drags the field into a new section of the person form; the record page shows it there.
  await t('designer-nav-forms').click()
  await t('designer-form-person_main').click()
  await t('layout-add-section').click()
  const section = page.locator('[data-testid^="layout-section-section_"]').last()
  const sectionName = (await section.getAttribute('data-testid')).replace('layout-section-', '')
  await t(`section-label-${sectionName}`).fill('Referral')
  await drag(page, t('palette-referral_code'), section)
  await section.getByTestId('layout-field-referral_code').waitFor()
  await t('form-preview').getByTestId(`section-${sectionName}`).getByTestId('field-referral_code').waitFor()
  await shot('d06-form-layout')
  await t('go-publish').click()
  await t('publish-review').click()
  await t('publish-confirm').click()
  await t('designer-history').waitFor()
  await rep.goto(`${base}/e/person/${selin.id}`)
  await r(`section-${sectionName}`).getByRole('heading', { name: 'Referral' }).waitFor()
  assert.equal(await r(`section-${sectionName}`).getByTestId('field-referral_code').inputValue(), 'REF-2024')
  await rep.screenshot({ path: shotPath(shot, 'd07-record-new-section') })

  // An invalid publish: a second field named email. The error links to the element, which shows it.
  const beforeInvalid = await liveVersion()
  await t('designer-nav-entities').click()
  await t('designer-entity-person').click()
  await t('field-add').click()
  await t('new-field-label').fill('Work e-mail')
  await t('new-field-name').fill('email')
  await t('new-field-submit').click()
  await t('go-publish').click()
  await t('publish-review').click()
  await t('publish-errors').waitFor()
  assert.equal(await t('publish-confirm').isDisabled(), true)
  await shot('d08-invalid-review')
  await t('publish-error-link').first().click()
  const focused = page.locator('tr.focused')
  await focused.getByTestId('element-error').getByText(/twice/).waitFor()
  await t('field-panel').getByTestId('element-error').waitFor()
  await shot('d09-error-on-element')
  await t('field-delete').click()

  // A lossy type change: city (text with names of cities) to a whole number shows the offending rows; nothing is published.
  await page.locator('[data-testid="field-row-city"]').click()
  await t('field-opt-type').selectOption('integer')
  await t('type-change-warning').waitFor()
  await t('go-publish').click()
  await t('publish-review').click()
  await t('impact-rows').first().waitFor()
  assert.ok(await t('impact-row').count() >= 1)
  await t('publish-impact').getByText('İzmir').first().waitFor()
  assert.equal(await t('publish-confirm').isDisabled(), true)
  await shot('d10-data-impact')
  assert.equal(await liveVersion(), beforeInvalid)
  const liveModel = await admin('GET', '/api/metadata')
  assert.equal(liveModel.entities.find((e) => e.name === 'person').fields.find((f) => f.name === 'city').type, 'text')
  page.once('dialog', (d) => d.accept())
  await t('discard-changes').click()
  await t('working-copy-status').getByText('no changes').waitFor()

  // Restoring the version before the form change brings that form back: the field leaves the new section.
  await t('designer-nav-history').click()
  await t(`version-${withField}`).click()
  await t('version-changes').waitFor()
  await t('version-restore').click()
  await t('restore-confirm').waitFor()
  await shot('d11-history-restore')
  await t('restore-confirm-yes').click()
  await t(`version-${beforeInvalid + 1}`).waitFor()
  await rep.goto(`${base}/e/person/${selin.id}`)
  await r('section-more').getByTestId('field-referral_code').waitFor()
  assert.equal(await r(`section-${sectionName}`).count(), 0)
  await repContext.close()
  console.log(`e2e: designer: a published field reaches an end user live, drag into a new section, invalid and lossy publishes refused on their element, restore (${Date.now() - started} ms)`)
}

// HTML5 drag and drop: the target must be on screen (the mouse cannot leave the viewport), and moved over before the drop.
async function drag(page, source, target) {
  await target.scrollIntoViewIfNeeded()
  await source.hover()
  await page.mouse.down()
  const box = await target.boundingBox()
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 })
  await page.mouse.move(box.x + box.width / 2 + 4, box.y + box.height / 2 + 4, { steps: 2 })
  await page.mouse.up()
}

// Screenshots of the end user's browser go next to the key user's.
function shotPath(_shot, name) {
  return join(dirname(fileURLToPath(import.meta.url)), 'artifacts', `${name}.png`)
}
