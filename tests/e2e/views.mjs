// Saved views in the browser: a user saves a filtered list as a view shared with everyone; a colleague signed in elsewhere
// finds it under "Shared with me" with its filter, and cannot delete it; its owner can.
import assert from 'node:assert/strict'
import { apiAs } from './apiClient.mjs'

export async function run(page, base, shot, adminPassword = 'e2e-pass') {
  const t = (id) => page.getByTestId(id)
  const started = Date.now()
  const admin = await apiAs(base, 'admin', adminPassword)
  const colleague = { username: 'deniz.gorunum', password: 'Gorunum-Parola-2026' }
  await admin('POST', '/api/users', { ...colleague, displayName: 'Deniz Görünüm', roles: ['marketing'] })

  await page.goto(`${base}/e/person`)
  await t('language-en').click()
  await t('record-table').waitFor()
  await t('filter-toggle').click()
  await t('filter-field-0').selectOption('city')
  await t('filter-operator-0').selectOption('eq')
  await t('filter-value-0').fill('İzmir')
  await t('filter-apply').click()
  await t('save-view').click()
  await t('save-view-name').fill('İzmir customers')
  await t('save-view-sharing').selectOption('everyone')
  await t('save-view-name').press('Enter')
  await t('toast').filter({ hasText: 'Saved' }).waitFor()
  await t('delete-view').waitFor()
  assert.match(await t('view-select').locator('option:checked').innerText(), /İzmir customers · Everyone/)
  await shot('v01-view-saved')

  // The colleague, in a browser of their own, finds it shared, with its filter.
  const other = await page.context().browser().newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } })
  try {
    const session = await other.request.post(`${base}/api/auth/session`, { data: colleague })
    assert.ok(session.ok(), `colleague session: ${session.status()}`)
    const theirs = await other.newPage()
    theirs.setDefaultTimeout(15_000)
    await theirs.goto(`${base}/e/person`)
    await theirs.getByTestId('language-en').click()
    const option = theirs.getByTestId('view-select').locator('optgroup[label="Shared with me"] option', { hasText: 'İzmir customers · admin' })
    await option.waitFor({ state: 'attached' })
    await theirs.getByTestId('view-select').selectOption(await option.getAttribute('value'))
    await theirs.getByTestId('filter-toggle').locator('.count-pill').filter({ hasText: '1' }).waitFor()
    assert.equal(await theirs.getByTestId('delete-view').count(), 0)
    await theirs.screenshot({ path: new URL('./artifacts/v02-view-shared-with-colleague.png', import.meta.url).pathname })
  } finally {
    await other.close()
  }

  // A view made through the API has a filter but no builder rows: choosing it still filters the list.
  const expected = (await admin('GET', `/api/records/person?$filter=${encodeURIComponent("city eq 'İzmir'")}&$count=true&$top=1`)).count
  const apiView = await admin('POST', '/api/saved-views/person', { name: 'API İzmir', filter: "city eq 'İzmir'" })
  await page.reload()
  await t('view-select').selectOption(`saved:${apiView.id}`)
  await t('record-count').filter({ hasText: String(expected) }).waitFor()
  await admin('DELETE', `/api/saved-views/person/${apiView.id}`)
  await page.reload()
  await t('view-select').selectOption({ label: 'İzmir customers · Everyone' })

  await t('delete-view').click()
  await t('toast').filter({ hasText: 'View deleted' }).waitFor()
  assert.equal(await t('view-select').locator('option', { hasText: 'İzmir customers' }).count(), 0)
  console.log(`e2e: views: a filtered list saved as a view shared with everyone, found with its filter by a colleague in another browser, deleted by its owner (${Date.now() - started} ms)`)
}
