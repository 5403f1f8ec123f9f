// Browser scenarios for the board and what the first SPA pass left untested: CSV export, bulk delete, inbound events
// on the 360° timeline (as the administrator), then a sales rep's board: drag across stages with totals updating,
// a guarded move explained, the keyboard move menu, stage history on the record page and the 360° timeline.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { apiAs } from './apiClient.mjs'

// The administrator's password run.mjs starts the runtime with.
const adminPassword = 'e2e-pass'
const repPassword = 'Satis-Temsilcisi-2026'

const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

/** Drags a card to a column with real pointer moves; `during` runs while the card hangs over the target. */
async function dragCard(page, card, column, during) {
  const from = await card.boundingBox()
  const to = await column.boundingBox()
  await page.mouse.move(from.x + from.width / 2, from.y + 20)
  await page.mouse.down()
  await page.mouse.move(from.x + from.width / 2 + 12, from.y + 26, { steps: 3 })
  await page.mouse.move(to.x + to.width / 2, to.y + 160, { steps: 12 })
  if (during) await during()
  await page.mouse.up()
}

export async function run(page, base, shot) {
  const byTestId = (id) => page.getByTestId(id)
  const admin = await apiAs(base, 'admin', adminPassword, { language: 'en' })
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.goto(`${base}/tasks`)
  await byTestId('language-en').click()

  // An inbound event and a message about a person show on their 360° timeline; the type filters keep only their kind.
  // The message comes from the sample's "moved to gold" rule (stored as blocked: the person gave no consent).
  const ayse = (await admin('GET', `/api/records/person?$filter=${encodeURIComponent("last_name eq 'Öztürk'")}`)).value[0]
  await admin('POST', '/api/events', { type: 'webinar.attended', entity: 'person', recordId: ayse.id, data: { webinar: 'Yeni sezon ürünleri' } })
  for (const segment of ['silver', 'gold']) {
    await admin('PATCH', `/api/records/person/${ayse.id}`, { segment })
  }
  const messageDeadline = Date.now() + 30_000
  while ((await admin('GET', `/api/messages?entity=person&recordId=${ayse.id}`)).value.length === 0) {
    if (Date.now() > messageDeadline) throw new Error('the "moved to gold" rule stored no message')
    await new Promise((r) => setTimeout(r, 250))
  }
  await page.goto(`${base}/e/person/${ayse.id}`)
  const timeline = byTestId('timeline')
  await timeline.getByText('webinar.attended').waitFor()
  const kinds = () => timeline.getByTestId('timeline-item').evaluateAll((els) => els.map((e) => e.dataset.kind))
  await byTestId('timeline-filter-event').click()
  assert.deepEqual(new Set(await kinds()), new Set(['event']))
  await byTestId('timeline-filter-message').click()
  assert.deepEqual(new Set(await kinds()), new Set(['message']))
  await shot('19-timeline-messages')
  await byTestId('timeline-filter-all').click()

  // CSV export downloads the list as a file with a header and the rows.
  await byTestId('entity-person').click()
  await byTestId('record-row').first().waitFor()
  const [download] = await Promise.all([page.waitForEvent('download'), byTestId('export-csv').click()])
  assert.equal(download.suggestedFilename(), 'person.csv')
  const csv = readFileSync(await download.path(), 'utf8')
  assert.match(csv.split('\n')[0], /first_name|First name/)
  assert.match(csv, /Öztürk/)

  // Bulk delete: two people found by quick search, selected together, deleted with progress and a summary.
  for (const first of ['Geçici', 'Deneme']) await admin('POST', '/api/records/person', { first_name: first, last_name: 'Silinecekoğlu' })
  await byTestId('quick-search').fill('Silinecekoğlu')
  await page.waitForFunction(() => document.querySelector('[data-testid="record-count"]')?.textContent === '2')
  await byTestId('select-all').check()
  await byTestId('bulk-delete').click()
  await byTestId('bulk-delete-confirm').click()
  await byTestId('toast').filter({ hasText: 'Deleted 2 records' }).waitFor()
  assert.equal((await admin('GET', `/api/records/person?$search=Silinecekoğlu&$count=true`)).value.length, 0)
  await byTestId('quick-search').fill('')

  // A sales rep with their own company and deals in the corporate pipeline.
  await admin('POST', '/api/users', { username: 'selin.satis', password: repPassword, displayName: 'Selin Aksoy', roles: ['sales_rep'] })
  const rep = await apiAs(base, 'selin.satis', repPassword, { language: 'en' })
  const marmara = await rep('POST', '/api/records/company', { name: 'Marmara Enerji A.Ş.', city: 'Kocaeli' })
  const deal = (name, stage, values) => rep('POST', '/api/records/opportunity', { name, stage, sales_type: 'corporate', ...values })
  const erp = await deal('Marmara ERP dönüşümü', 'qualification', { company: marmara.id, amount: 480000, expected_close_date: day(30) })
  await deal('Saha ekibi tabletleri', 'qualification', { company: marmara.id, amount: 150000 })
  const backup = await deal('Bulut yedekleme', 'prospecting', { amount: 90000 })
  await deal('Veri ambarı', 'proposal', { company: marmara.id, amount: 50000, expected_close_date: day(20) })
  await deal('Güneş paneli bakımı', 'prospecting', { company: marmara.id, amount: 64000, expected_close_date: day(45) })
  // Someone else's deal: a rep's board never shows it, whatever the scope.
  await admin('POST', '/api/records/opportunity', { name: 'Yönetici fırsatı', stage: 'prospecting', sales_type: 'corporate', amount: 1000 })

  await byTestId('user-menu').click()
  await byTestId('sign-out').click()
  await byTestId('login-username').fill('selin.satis')
  await byTestId('login-password').fill(repPassword)
  await byTestId('login-submit').click()

  // The board: one navigation entry per pipeline; columns with counts, totals and weighted totals.
  await byTestId('nav-board-corporate_sales').click()
  const column = (stage) => byTestId(`column-${stage}`)
  const cardIn = (stage, name) => column(stage).getByTestId('board-card').filter({ hasText: name })
  const text = async (stage, id) => (await column(stage).getByTestId(id).textContent()).trim()
  await cardIn('qualification', 'Marmara ERP').waitFor()
  await byTestId('scope-all').click()
  await cardIn('prospecting', 'Bulut yedekleme').waitFor()
  assert.equal(await column('prospecting').getByText('Yönetici fırsatı').count(), 0)
  assert.equal(await text('qualification', 'column-count'), '2')
  assert.equal(await text('qualification', 'column-sum'), '₺630,000')
  assert.equal(await text('qualification', 'column-weighted'), '₺63,000')
  assert.equal(await text('proposal', 'column-sum'), '₺50,000')
  await byTestId('forecast-strip').waitFor()
  await shot('20-board')

  // Quick search narrows every column.
  await byTestId('board-search').fill('Veri')
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="board-card"]').length === 1)
  await byTestId('board-search').fill('')
  await cardIn('qualification', 'Marmara ERP').waitFor()

  // Drag a deal from qualification to proposal: while dragging, stages it may not enter are dimmed; after the drop
  // both columns' counts and totals follow.
  await dragCard(page, cardIn('qualification', 'Marmara ERP'), column('proposal'), async () => {
    await page.locator('[data-testid="column-won"].drop-blocked').waitFor()
    await page.locator('[data-testid="column-proposal"].drop-over').waitFor()
    await shot('21-board-dragging')
  })
  await cardIn('proposal', 'Marmara ERP').waitFor()
  await page.waitForFunction(() => document.querySelector('[data-testid="column-proposal"] [data-testid="column-sum"]')?.textContent === '₺530,000')
  assert.equal(await text('qualification', 'column-count'), '1')
  assert.equal(await text('qualification', 'column-sum'), '₺150,000')
  assert.equal(await text('proposal', 'column-weighted'), '₺212,000')
  assert.equal((await rep('GET', `/api/records/opportunity/${erp.id}`)).stage, 'proposal')

  // A move missing a required field is refused and explained, naming the field; the card stays where it was.
  await dragCard(page, cardIn('prospecting', 'Bulut yedekleme'), column('qualification'))
  const refusal = byTestId('move-refused')
  await refusal.waitFor()
  assert.deepEqual(await refusal.getByTestId('missing-fields').locator('li').allTextContents(), ['Company'])
  await cardIn('prospecting', 'Bulut yedekleme').waitFor()
  await shot('22-board-refused')
  assert.equal((await rep('GET', `/api/records/opportunity/${backup.id}`)).stage, 'prospecting')

  // "Open record" leads to the record to fill the field in; its stage history shows where it entered the pipeline.
  await byTestId('refusal-open').click()
  await byTestId('field-company').waitFor()
  await byTestId('stage-history').getByText('Entered the pipeline at Prospecting').waitFor()
  await page.goBack()

  // The keyboard way: the card's ⋯ menu lists the stages, those not allowed from here disabled.
  const veri = cardIn('proposal', 'Veri ambarı')
  await veri.getByTestId('card-move').focus()
  await page.keyboard.press('Enter')
  const menu = veri.getByTestId('move-menu')
  await menu.waitFor()
  assert.equal(await menu.getByTestId('move-to-won').isDisabled(), true)
  assert.equal(await menu.getByTestId('move-to-proposal').isDisabled(), true)
  await page.keyboard.press('ArrowDown')
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'move-to-negotiation')
  await page.keyboard.press('Enter')
  await cardIn('negotiation', 'Veri ambarı').waitFor()
  await byTestId('toast').filter({ hasText: 'Veri ambarı moved to Negotiation' }).waitFor()

  // The moved deal's record page: a stage history block, from → to, who, days in the stage it left.
  await cardIn('proposal', 'Marmara ERP').getByRole('link').click()
  const history = byTestId('stage-history')
  await history.getByText('Stage: Qualification → Proposal').waitFor()
  assert.match(await history.getByTestId('stage-move').first().textContent(), /0 days in Qualification · by (Selin Aksoy|selin\.satis)/)
  await history.scrollIntoViewIfNeeded()
  await shot('23-stage-history')

  // The company's 360° card shows its deals' stage changes on the timeline.
  await page.goto(`${base}/e/company/${marmara.id}`)
  await byTestId('timeline').getByText('Marmara ERP dönüşümü — Stage: Qualification → Proposal').waitFor()
  await byTestId('timeline-filter-stage').click()
  assert.deepEqual(new Set(await byTestId('timeline').getByTestId('timeline-item').evaluateAll((els) => els.map((e) => e.dataset.kind))), new Set(['stage']))
  await shot('24-company-timeline-stages')

  // In Turkish on a tablet: stage labels from the metadata, money written the Turkish way.
  await byTestId('language-tr').click()
  await page.setViewportSize({ width: 1024, height: 768 })
  await byTestId('nav-board-corporate_sales').getByText('Kurumsal satış').click()
  await column('qualification').getByRole('heading', { name: 'Nitelendirme' }).waitFor()
  await page.waitForFunction(() => document.querySelector('[data-testid="column-proposal"] [data-testid="column-sum"]')?.textContent === '₺480.000')
  await shot('25-board-turkish-tablet')
}
