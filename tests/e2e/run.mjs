// Browser test of the SPA served by the runtime: starts the built runtime on a fresh embedded database,
// drives /usr/bin/chromium through login, the entity list, the generated form, the records table and $filter,
// then stops the runtime with SIGTERM (so its database stops) and removes the data folder.
import assert from 'node:assert/strict'
import { spawn, execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const runtimeDll = join(repoRoot, 'runtime/NoCodeCrm.Runtime/bin/Release/net10.0/NoCodeCrm.Runtime.dll')
const password = 'e2e-pass'
const screenshot = '/tmp/nocodecrm-e2e-failure.png'

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

async function scenario(page, base) {
  const byTestId = (id) => page.getByTestId(id)

  await page.goto(base)
  // A wrong password shows the problem's detail.
  await byTestId('login-username').fill('admin')
  await byTestId('login-password').fill('wrong')
  await byTestId('login-submit').click()
  await byTestId('login-error').getByText('wrong', { exact: false }).waitFor()

  await byTestId('login-password').fill(password)
  await byTestId('login-submit').click()
  await byTestId('entity-person').click()
  await byTestId('record-table').waitFor()
  assert.equal(await byTestId('record-count').textContent(), '0')

  // The generated form: a missing required field shows the server's error next to it.
  await byTestId('new-record').click()
  await byTestId('field-first_name').fill('Ayşe')
  await byTestId('form-submit').click()
  await byTestId('error-last_name').waitFor()
  await byTestId('field-last_name').fill('Öztürk')
  await byTestId('field-segment').selectOption('gold')
  await byTestId('form-submit').click()
  await byTestId('record-form').waitFor({ state: 'detached' })
  await byTestId('record-row').filter({ hasText: 'Öztürk' }).waitFor()

  await byTestId('new-record').click()
  await byTestId('field-first_name').fill('Deniz')
  await byTestId('field-last_name').fill('Kaya')
  await byTestId('form-submit').click()
  await byTestId('record-row').filter({ hasText: 'Kaya' }).waitFor()
  await page.waitForFunction(() => document.querySelector('[data-testid="record-count"]')?.textContent === '2')
  assert.equal(await byTestId('record-row').count(), 2)

  // Sorting by a column header, ascending then descending.
  await byTestId('column-last_name').click()
  await page.waitForFunction(() => document.querySelector('[data-testid="record-row"]')?.textContent?.includes('Kaya'))
  await byTestId('column-last_name').click()
  await page.waitForFunction(() => document.querySelector('[data-testid="record-row"]')?.textContent?.includes('Öztürk'))

  // $filter narrows the table to one row.
  await byTestId('filter-input').fill("last_name eq 'Öztürk'")
  await byTestId('filter-input').press('Enter')
  await page.waitForFunction(() => document.querySelector('[data-testid="record-count"]')?.textContent === '1')
  assert.equal(await byTestId('record-row').count(), 1)
  const row = await byTestId('record-row').textContent()
  assert.ok(row.includes('Ayşe') && row.includes('Öztürk'), `the filtered row reads ${row}`)

  // An invalid $filter shows the problem's message.
  await byTestId('filter-input').fill('no_such_field eq 1')
  await byTestId('filter-input').press('Enter')
  const error = byTestId('filter-error')
  await error.waitFor()
  assert.match(await error.textContent(), /no_such_field/)
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
    const context = await browser.newContext({ locale: 'en-US' })
    context.setDefaultTimeout(15_000)
    page = await context.newPage()
    const started = Date.now()
    await scenario(page, base)
    console.log(`e2e: login, entity list, generated form, table, sorting and $filter work (${Date.now() - started} ms in the browser)`)
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
