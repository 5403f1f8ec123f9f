// Browser test of the SPA served by the runtime: starts the built runtime on a fresh embedded database,
// drives /usr/bin/chromium through the end users' screens (screenshots in tests/e2e/artifacts),
// then stops the runtime with SIGTERM (so its database stops) and removes the data folder.
import assert from 'node:assert/strict'
import { spawn, execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { run as boardScenario } from './board.mjs'
import { run as designer } from './designer.mjs'
import { run as designer2 } from './designer2.mjs'
import { run as workflowScenario } from './workflow.mjs'
import { run as viewsScenario } from './views.mjs'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const runtimeDll = join(repoRoot, 'runtime/NoCodeCrm.Runtime/bin/Release/net10.0/NoCodeCrm.Runtime.dll')
const password = 'e2e-pass'
const artifacts = join(dirname(fileURLToPath(import.meta.url)), 'artifacts')
const screenshot = join(artifacts, 'failure.png')

function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer()
    server.on('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => ok(port))
    })
  })
}

async function waitForHealth(base, runtime, log) {
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    if (runtime.exitCode !== null) throw new Error(`the runtime exited with ${runtime.exitCode}:\n${log.join('')}`)
    try {
      if ((await fetch(`${base}/health`)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`the runtime did not become healthy:\n${log.join('')}`)
}

async function stopRuntime(runtime) {
  if (runtime.exitCode !== null || runtime.signalCode !== null) return
  const exited = new Promise((r) => runtime.once('exit', r))
  runtime.kill('SIGTERM')
  let timer
  const timeout = new Promise((r) => {
    timer = setTimeout(() => r('timeout'), 30_000)
  })
  const outcome = await Promise.race([exited, timeout])
  clearTimeout(timer)
  if (outcome === 'timeout') {
    runtime.kill('SIGKILL')
    throw new Error('the runtime did not stop within 30 s of SIGTERM')
  }
}

function databaseStillRuns(dbDir) {
  try {
    execFileSync('pgrep', ['-f', dbDir], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

const ascii = (text) => text.toLowerCase().replace(/[çğıöşü]/g, (c) => ({ ç: 'c', ğ: 'g', ı: 'i', ö: 'o', ş: 's', ü: 'u' })[c])

// Seeds through the API as an integration would: companies, people, their activities and tasks.
async function seed(base) {
  const login = await (await fetch(`${base}/api/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }),
  })).json()
  const call = async (method, path, body) => {
    const response = await fetch(`${base}${path}`, {
      method, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${login.token}` }, body: body && JSON.stringify(body),
    })
    const text = await response.text()
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`)
    return text ? JSON.parse(text) : null
  }
  const me = await call('GET', '/api/auth/me')
  const anadolu = await call('POST', '/api/records/company', { name: 'Anadolu Gıda A.Ş.', sector: 'retail', city: 'İstanbul', employee_count: 420, annual_revenue: 185000000 })
  const ege = await call('POST', '/api/records/company', { name: 'Ege Lojistik Ltd.', city: 'İzmir', employee_count: 85, annual_revenue: 24000000 })
  const people = [
    ['Ayşe', 'Öztürk', 'İstanbul', 'gold', anadolu.id, ['vip']],
    ['Deniz', 'Kaya', 'İzmir', 'standard', ege.id, []],
    ['Mehmet', 'Yılmaz', 'Ankara', 'silver', anadolu.id, []],
    ['Elif', 'Demir', 'İzmir', 'gold', ege.id, ['vip']],
    ['Can', 'Aydın', 'Bursa', 'standard', null, []],
  ]
  const persons = []
  for (const [first, last, city, segment, company, tags] of people) {
    persons.push(await call('POST', '/api/records/person', {
      first_name: first, last_name: last, city, segment, company, tags,
      email: `${ascii(first)}.${ascii(last)}@example.com.tr`,
      phone: '+90 532 000 00 00', lifetime_value: 12500,
    }))
  }
  const ayse = persons[0]
  const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
  await call('POST', '/api/records/activity', { subject: 'Tanışma görüşmesi', activity_type: 'call', direction: 'outbound', occurred_at: new Date(Date.now() - 3 * 86_400_000).toISOString(), person: ayse.id, company: anadolu.id })
  await call('POST', '/api/records/activity', { subject: 'Showroom ziyareti', activity_type: 'visit', occurred_at: new Date(Date.now() - 86_400_000).toISOString(), person: ayse.id })
  await call('POST', '/api/records/note', { title: 'Bütçe onayı bekleniyor', body: 'Satın alma müdürü Q1 bütçesini bekliyor.', person: ayse.id })
  await call('POST', '/api/records/task', { subject: 'Teklif gönder', due_date: day(0), priority: 'high', person: ayse.id, owner: me.id })
  await call('POST', '/api/records/task', { subject: 'Sözleşmeyi takip et', due_date: day(-2), person: ayse.id, owner: me.id })
  await call('POST', '/api/records/task', { subject: 'Yıllık değerlendirme toplantısı', due_date: day(5), priority: 'low', person: persons[1].id, owner: me.id })
  return { call, ayse, persons }
}

async function scenario(page, base, shot) {
  const byTestId = (id) => page.getByTestId(id)
  const countIs = (n) => page.waitForFunction((n) => document.querySelector('[data-testid="record-count"]')?.textContent === String(n), n)
  const { call, ayse } = await seed(base)

  // Sign in: a wrong password shows the problem's detail.
  await page.goto(base)
  await byTestId('language-en').click()
  await byTestId('login-username').fill('admin')
  await byTestId('login-password').fill('wrong')
  await byTestId('login-submit').click()
  await byTestId('login-error').waitFor()
  await shot('01-sign-in')
  await byTestId('login-password').fill(password)
  await byTestId('login-submit').click()

  // My tasks is the home page: overdue, today, upcoming; one click completes a task.
  await byTestId('tasks-overdue').getByText('Sözleşmeyi takip et').waitFor()
  await byTestId('tasks-today').getByText('Teklif gönder').waitFor()
  await shot('02-my-tasks')
  await byTestId('tasks-overdue').getByTestId('task-complete').click()
  await byTestId('tasks-overdue').getByText('Sözleşmeyi takip et').waitFor({ state: 'detached' })

  // People: the default view's columns, lookup names, coloured option sets, total count.
  await byTestId('entity-person').click()
  await countIs(5)
  await byTestId('record-row').first().getByText('Anadolu Gıda A.Ş.').or(byTestId('record-row').first().getByText('—')).first().waitFor()
  await shot('03-people')

  // Filter builder: city is İzmir, then through the lookup: company › name contains "Anadolu".
  await byTestId('filter-toggle').click()
  await byTestId('filter-field-0').selectOption('city')
  await byTestId('filter-operator-0').selectOption('eq')
  await byTestId('filter-value-0').fill('İzmir')
  await byTestId('filter-apply').click()
  await countIs(2)
  await shot('04-people-filtered')
  await byTestId('filter-field-0').selectOption('company/name')
  await byTestId('filter-operator-0').selectOption('contains')
  await byTestId('filter-value-0').fill('Anadolu')
  await byTestId('filter-apply').click()
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="record-row"]')].every((r) => r.textContent.includes('Anadolu')))
  await countIs(2)

  // Open a person, edit, save; a bad value shows the server's message under that field.
  await byTestId('record-row').filter({ hasText: 'Öztürk' }).click()
  await byTestId('card-360').waitFor()
  await byTestId('field-city').fill('Kadıköy')
  await byTestId('form-submit').click()
  await byTestId('toast').filter({ hasText: 'Saved' }).waitFor()
  assert.equal((await call('GET', `/api/records/person/${ayse.id}`)).city, 'Kadıköy')
  await byTestId('field-email').fill('not-an-email')
  await byTestId('form-submit').click()
  await byTestId('error-email').getByText('Expected an e-mail address.').waitFor()
  await byTestId('error-email').scrollIntoViewIfNeeded()
  await shot('05-person-server-error')

  // The 360° card: activities, the note and tasks on the timeline, newest first, filterable by type.
  const timeline = byTestId('timeline')
  await timeline.getByText('Tanışma görüşmesi').waitFor()
  await timeline.getByText('Teklif gönder').waitFor()
  await timeline.getByText('Bütçe onayı bekleniyor').waitFor()
  await byTestId('timeline-filter-task').click()
  assert.deepEqual(new Set(await timeline.getByTestId('timeline-item').evaluateAll((els) => els.map((e) => e.dataset.kind))), new Set(['task']))
  await byTestId('timeline-filter-all').click()
  await byTestId('quick-note').click()
  await byTestId('quick-text').fill('Müşteri yeni katalog istedi')
  await byTestId('quick-submit').click()
  await timeline.getByTestId('timeline-item').first().getByText('Müşteri yeni katalog istedi').waitFor()
  await page.evaluate(() => window.scrollTo(0, 0))
  await shot('06-person-360')
  await byTestId('field-email').fill('ayse.ozturk@example.com.tr')

  // A field published through the metadata API shows on the form and as a list column without a restart; the list filters by it.
  await call('POST', '/api/metadata/entities/person/fields', {
    name: 'loyalty_tier', type: 'choice', label: { en: 'Loyalty tier', tr: 'Sadakat seviyesi' },
    options: [{ value: 'bronze', label: { en: 'Bronze', tr: 'Bronz' }, color: '#b45309' }, { value: 'platinum', label: { en: 'Platinum', tr: 'Platin' }, color: '#6d28d9' }],
  })
  await page.evaluate(() => window.dispatchEvent(new Event('focus')))
  await byTestId('field-loyalty_tier').selectOption('platinum')
  await byTestId('form-submit').click()
  await byTestId('toast').filter({ hasText: 'Saved' }).last().waitFor()
  await byTestId('entity-person').click()
  await byTestId('column-loyalty_tier').waitFor()
  await byTestId('filter-toggle').click()
  await byTestId('filter-field-0').selectOption('loyalty_tier')
  await byTestId('filter-value-0').selectOption('platinum')
  await byTestId('filter-apply').click()
  await countIs(1)
  assert.match(await byTestId('record-row').textContent(), /Öztürk.*Platinum/)
  await shot('07-new-field-filtered')
  await byTestId('filter-clear').click()
  await countIs(5)

  // Bulk: select two people, set their segment, with progress and a summary.
  await byTestId('select-row').nth(0).check()
  await byTestId('select-row').nth(1).check()
  await byTestId('bulk-update').click()
  await byTestId('bulk-field').selectOption('segment')
  await byTestId('field-segment').selectOption('silver')
  await shot('08-bulk-update')
  await byTestId('bulk-apply').click()
  await byTestId('toast').filter({ hasText: 'Updated 2 records' }).waitFor()

  // A company's record page: related lists of its people.
  await byTestId('entity-company').click()
  await byTestId('record-row').filter({ hasText: 'Anadolu' }).click()
  await byTestId('related-person').getByText('Öztürk').waitFor()

  // Someone else saves the record after it was opened: the conflict is explained, and overwriting is a choice.
  const kaya = (await call('GET', `/api/records/person?$filter=${encodeURIComponent("last_name eq 'Kaya'")}`)).value[0]
  await page.goto(`${base}/e/person/${kaya.id}`)
  await byTestId('field-city').fill('Çeşme')
  await call('PATCH', `/api/records/person/${kaya.id}`, { city: 'Urla' })
  await byTestId('form-submit').click()
  await byTestId('conflict').waitFor()
  await page.evaluate(() => window.scrollTo(0, 0))
  await shot('09-conflict')
  await byTestId('conflict-overwrite').click()
  await byTestId('conflict').waitFor({ state: 'detached' })
  assert.equal((await call('GET', `/api/records/person/${kaya.id}`)).city, 'Çeşme')

  // Turkish: the UI and the metadata labels switch.
  await byTestId('language-tr').click()
  await byTestId('entity-person').getByText('Kişiler').waitFor()
  await byTestId('entity-person').click()
  await byTestId('column-first_name').getByText('Ad').waitFor()
  await byTestId('column-loyalty_tier').getByText('Sadakat seviyesi').waitFor()
  await byTestId('page-title').getByText('Kişiler').waitFor()
  await shot('10-people-turkish')
  await byTestId('record-row').filter({ hasText: 'Öztürk' }).click()
  await byTestId('section-identity').getByText('Kimlik').waitFor()
  await shot('11-person-turkish')

  // A tablet: the 360° card stacks, the sidebar narrows; an entity without a view gets a default list.
  await page.setViewportSize({ width: 1024, height: 768 })
  await shot('12-person-tablet')
  await byTestId('entity-product').click()
  await byTestId('empty').waitFor()
}

async function adminPage(browser, base) {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } })
  context.setDefaultTimeout(15_000)
  const session = await context.request.post(`${base}/api/auth/session`, { data: { username: 'admin', password } })
  if (!session.ok()) throw new Error(`admin session: ${session.status()} ${await session.text()}`)
  return context.newPage()
}

async function main() {
  if (!existsSync(runtimeDll)) {
    execFileSync('dotnet', ['build', 'runtime/NoCodeCrm.Runtime', '-c', 'Release', '-v', 'q', '-nologo'], { cwd: repoRoot, stdio: 'inherit' })
  }
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const data = mkdtempSync('/tmp/nocodecrm-e2e.')
  // As root the embedded PostgreSQL runs as the postgres user, which must reach the folder.
  chmodSync(data, 0o755)

  const log = []
  const runtime = spawn('dotnet', [runtimeDll, '--urls', base], {
    cwd: repoRoot,
    env: { ...process.env, Crm__AdminPassword: password, Crm__DataDirectory: join(data, 'db'), Crm__Sample: 'crm' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  runtime.stdout.on('data', (chunk) => log.push(chunk.toString()))
  runtime.stderr.on('data', (chunk) => log.push(chunk.toString()))

  const t0 = Date.now()
  const phase = (name) => process.env.E2E_TIMINGS && console.log(`e2e: ${name} at ${Date.now() - t0} ms`)
  let browser
  let page
  let failed = false
  try {
    await waitForHealth(base, runtime, log)
    phase('healthy')
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    })
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } })
    context.setDefaultTimeout(15_000)
    page = await context.newPage()
    rmSync(artifacts, { recursive: true, force: true })
    mkdirSync(artifacts, { recursive: true })
    const shot = (name) => page.screenshot({ path: join(artifacts, `${name}.png`) })
    const started = Date.now()
    await scenario(page, base, shot)
    // Each further module starts in its own browser context, signed in as the administrator through the session API,
    // so no module depends on who the one before it left signed in.
    for (const module of [boardScenario, designer, designer2, workflowScenario, viewsScenario]) {
      page = await adminPage(browser, base)
      await module(page, base, (name) => page.screenshot({ path: join(artifacts, `${name}.png`) }))
    }
    console.log(`e2e: sign-in, my tasks, lists with filters, record page with server errors, 360° card, a field published live, bulk update, Turkish labels (${Date.now() - started} ms in the browser; screenshots in ${artifacts})`)
  } catch (e) {
    failed = true
    console.error('e2e: FAILED', e)
    if (page) {
      await page.screenshot({ path: screenshot, fullPage: true }).catch(() => {})
      console.error(`e2e: screenshot in ${screenshot}`)
    }
    console.error(`e2e: runtime log tail:\n${log.join('').split('\n').slice(-30).join('\n')}`)
  } finally {
    await browser?.close().catch(() => {})
    try {
      await stopRuntime(runtime)
      if (databaseStillRuns(join(data, 'db'))) throw new Error('the embedded database outlived the runtime')
    } catch (e) {
      failed = true
      console.error('e2e:', e.message)
    }
    phase('stopped')
    rmSync(data, { recursive: true, force: true })
  }
  process.exitCode = failed ? 1 : 0
}

await main()
