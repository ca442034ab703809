import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pino from 'pino'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { CLI_ACTOR } from '../server/audit/audit.service.js'
import { loadConfig } from '../server/config.js'
import { issueDevice } from '../server/devices/devices.service.js'
import { addStaff } from '../server/staff/staff.service.js'
import { createMaterial } from '../server/stock/materials.service.js'
import { initDataDir } from '../server/system/init.service.js'
import { openRuntime, type Runtime } from '../server/system/runtime.js'
import { startEnamel, type RunningEnamel } from '../server/system/server.service.js'
import {
  axeScan,
  describeViolations,
  deviceContext,
  launchChromium,
  seriousViolations,
  watchConsole,
  type ConsoleWatch,
} from './support/browser.js'

// An assistant at the chair terminal in a real Chromium over mutual TLS (issue 10, stock):
// posts a delivery from a new supplier, then a stock-take that finds a difference.

const STEP_MS = 120_000
const PASSWORD = 'Карпулы-и-перчатки-2026'

let dataDir: string
let rt: Runtime
let enamel: RunningEnamel
let browser: Browser
let context: BrowserContext
let user = { login: '', password: '' }
let gloves: number
let anest: number

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'enamel-stock-browser-'))
  const config = loadConfig({
    ENAMEL_DATA_DIR: dataDir,
    ENAMEL_PUBLIC_NAMES: '127.0.0.1,localhost',
    ENAMEL_LOG_LEVEL: 'silent',
  })
  await initDataDir(config)
  rt = await openRuntime(config)
  enamel = await startEnamel(rt, pino({ level: 'silent' }), {
    host: '127.0.0.1',
    port: 0,
    enrollPort: 0,
  })
  const now = () => new Date()
  const chair = await issueDevice(
    { db: rt.db, auditKey: rt.keys.audit, ca: rt.ca, pki: rt.pki, dataDir, now },
    CLI_ACTOR,
    { name: 'surgery-1', zone: 'surgery', issuedBy: null },
  )
  user = await addStaff({ db: rt.db, auditKey: rt.keys.audit, now }, CLI_ACTOR, {
    login: 'kozlova',
    fullName: 'Козлова Анна Сергеевна',
    role: 'assistant',
  })
  const staff = await rt.db
    .selectFrom('staff')
    .select('id')
    .where('login', '=', 'kozlova')
    .executeTakeFirstOrThrow()
  const deps = { db: rt.db, auditKey: rt.keys.audit, now, timeZone: config.timeZone }
  const actor = { ...CLI_ACTOR, staffId: staff.id }
  const made = [
    await createMaterial(deps, actor, {
      name: 'Перчатки нитриловые',
      unit: 'pcs',
      min_quantity: '50',
    }),
    await createMaterial(deps, actor, { name: 'Артикаин 4%', unit: 'carpule', min_quantity: '10' }),
  ]
  if (!made[0]!.ok || !made[1]!.ok) throw new Error('materials')
  gloves = made[0]!.id
  anest = made[1]!.id
  browser = await launchChromium()
  context = await deviceContext(browser, enamel.url, chair)
}, STEP_MS)

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await enamel?.stop()
  await rt?.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
}, STEP_MS)

describe('an assistant keeps the stock at the chair terminal', { timeout: STEP_MS }, () => {
  let page: Page
  let watch: ConsoleWatch
  let failed: string | undefined

  beforeAll(async () => {
    page = await context.newPage()
    page.setDefaultTimeout(30_000)
    watch = watchConsole(page)
  })
  beforeEach((ctx) => {
    if (failed) ctx.skip(`an earlier step failed: ${failed}`)
  })
  afterEach((ctx) => {
    if (ctx.task.result?.state === 'fail') failed ??= ctx.task.name
  })

  async function expectAccessible(where: string) {
    const serious = seriousViolations(await axeScan(page))
    expect(serious, `${where}: axe violations\n${describeViolations(serious)}`).toEqual([])
  }
  const norm = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').trim()

  it('signs in and sees both materials flagged low on the home page', async () => {
    await page.goto(`${enamel.url}/login`)
    await page.getByLabel('Логин').fill(user.login)
    await page.getByLabel('Пароль').fill(user.password)
    await page.getByRole('button', { name: 'Войти', exact: true }).click()
    await page.waitForURL(`${enamel.url}/password`)
    await page.getByLabel('Текущий пароль').fill(user.password)
    await page.getByLabel('Новый пароль', { exact: true }).fill(PASSWORD)
    await page.getByLabel('Повторите новый пароль').fill(PASSWORD)
    await page.getByRole('button', { name: 'Сохранить пароль', exact: true }).click()
    await page.waitForURL(`${enamel.url}/`)
    const warning = page.locator('#low-stock')
    expect(norm(await warning.textContent())).toContain('Перчатки нитриловые: 0 шт (минимум 50 шт)')
    await expectAccessible('home with the low-stock warning')
  })

  it('posts a receipt from a new supplier: both lines in, the warning gone', async () => {
    await page.goto(`${enamel.url}/stock`)
    await expectAccessible('materials')
    await page.getByRole('link', { name: 'Приход', exact: true }).click()
    await page.waitForURL(/\/stock\/receipts\/new$/)
    await page.getByLabel('Или новый поставщик').fill('ООО «Дентал-Снаб»')
    await page.getByLabel('Материал, строка 1').selectOption(String(gloves))
    await page.getByLabel('Количество, строка 1').fill('200')
    await page.getByLabel('Цена за единицу, строка 1').fill('12,50')
    await page.getByLabel('Материал, строка 2').selectOption(String(anest))
    await page.getByLabel('Количество, строка 2').fill('50')
    await page.getByLabel('Цена за единицу, строка 2').fill('95')
    await expectAccessible('receipt form')
    await page.getByRole('button', { name: 'Провести приход' }).click()
    await page.waitForURL(/\/stock\/receipts\/new\?posted=1$/)
    expect(norm(await page.getByRole('status').textContent())).toBe('Документ проведён.')
    await page.goto(`${enamel.url}/stock`)
    const row = page.locator(`tr[data-material="${gloves}"]`)
    expect(norm(await row.locator('td').nth(1).textContent())).toBe('200 шт')
    expect(norm(await page.locator(`tr[data-material="${anest}"] td`).nth(1).textContent())).toBe(
      '50 карп.',
    )
    await page.goto(`${enamel.url}/`)
    expect(await page.locator('#low-stock').count()).toBe(0)
  })

  it('reviews a stock-take, sees the difference, and posts it', async () => {
    await page.goto(`${enamel.url}/stock/stocktakes/new`)
    await page.getByLabel('Фактически: Перчатки нитриловые').fill('196')
    await page.getByLabel('Фактически: Артикаин 4%').fill('50')
    await page.getByRole('button', { name: 'Показать расхождения' }).click()
    await page.waitForURL(/\/stock\/stocktakes$/)
    expect(norm(await page.getByTestId('stocktake-summary').textContent())).toBe(
      'Расхождений: 1. Проверьте и проведите.',
    )
    expect(norm(await page.getByTestId(`difference-${gloves}`).textContent())).toBe('-4 шт')
    // The counts typed are still there after the review.
    expect(await page.getByLabel('Фактически: Перчатки нитриловые').inputValue()).toBe('196')
    await expectAccessible('stock-take review')
    await page.getByLabel('Примечание').fill('Конец месяца')
    await page.getByRole('button', { name: 'Провести инвентаризацию' }).click()
    await page.waitForURL(/\/stock\/stocktakes\/\d+$/)
    expect(norm(await page.getByRole('heading', { level: 1 }).textContent())).toMatch(
      /^Инвентаризация № 1 от /,
    )
    await expectAccessible('posted stock-take')
    await page.getByRole('link', { name: 'Перчатки нитриловые' }).click()
    await page.waitForURL(/\/stock\/materials\/\d+$/)
    expect(norm(await page.getByTestId('balance').textContent())).toBe('196 шт')
    const history = norm(await page.getByTestId('movements').textContent())
    expect(history).toContain('Инвентаризация № 1')
    expect(history).toContain('ООО «Дентал-Снаб», 12,50 ₽ за ед.')
    expect(history).toContain('Козлова Анна Сергеевна')
    await expectAccessible('material history')
    expect(watch.cspViolations()).toEqual([])
    expect(watch.pageErrors).toEqual([])
  })
})
