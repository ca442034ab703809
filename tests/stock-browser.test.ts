import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLI_ACTOR } from '../server/audit/audit.service.js'
import { createMaterial } from '../server/stock/materials.service.js'
import type { ConsoleWatch } from './support/browser.js'
import {
  expectAccessible,
  openWatchedPage,
  skipStepsAfterFailure,
  startBrowserClinic,
  type BrowserClinic,
} from './support/clinic.js'

// An assistant at the chair terminal in a real Chromium over mutual TLS (issue 10, stock):
// posts a delivery from a new supplier, then a stock-take that finds a difference.

const STEP_MS = 120_000
const PASSWORD = 'Карпулы-и-перчатки-2026'

let clinic: BrowserClinic<'chair', 'user'>
let gloves: number
let anest: number

beforeAll(async () => {
  clinic = await startBrowserClinic({
    name: 'stock-browser',
    devices: { chair: { name: 'surgery-1', zone: 'surgery' } },
    staff: { user: { login: 'kozlova', fullName: 'Козлова Анна Сергеевна', role: 'assistant' } },
  })
  const { rt, now, config } = clinic
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
}, STEP_MS)

afterAll(() => clinic?.close(), STEP_MS)

describe('an assistant keeps the stock at the chair terminal', { timeout: STEP_MS }, () => {
  let page: Page
  let watch: ConsoleWatch

  beforeAll(async () => {
    ;({ page, watch } = await openWatchedPage(clinic.contexts.chair))
  })
  skipStepsAfterFailure()
  const norm = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').trim()

  it('signs in and sees both materials flagged low on the home page', async () => {
    await clinic.firstSignIn(page, clinic.staff.user, PASSWORD)
    const warning = page.locator('#low-stock')
    expect(norm(await warning.textContent())).toContain('Перчатки нитриловые: 0 шт (минимум 50 шт)')
    await expectAccessible(page, 'home with the low-stock warning')
  })

  it('posts a receipt from a new supplier: both lines in, the warning gone', async () => {
    await page.goto(`${clinic.url}/stock`)
    await expectAccessible(page, 'materials')
    await page.getByRole('link', { name: 'Приход', exact: true }).click()
    await page.waitForURL(/\/stock\/receipts\/new$/)
    await page.getByLabel('Или новый поставщик').fill('ООО «Дентал-Снаб»')
    await page.getByLabel('Материал, строка 1').selectOption(String(gloves))
    await page.getByLabel('Количество, строка 1').fill('200')
    await page.getByLabel('Цена за единицу, строка 1').fill('12,50')
    await page.getByLabel('Материал, строка 2').selectOption(String(anest))
    await page.getByLabel('Количество, строка 2').fill('50')
    await page.getByLabel('Цена за единицу, строка 2').fill('95')
    await expectAccessible(page, 'receipt form')
    await page.getByRole('button', { name: 'Провести приход' }).click()
    await page.waitForURL(/\/stock\/receipts\/new\?posted=1$/)
    expect(norm(await page.getByRole('status').textContent())).toBe('Документ проведён.')
    await page.goto(`${clinic.url}/stock`)
    const row = page.locator(`tr[data-material="${gloves}"]`)
    expect(norm(await row.locator('td').nth(1).textContent())).toBe('200 шт')
    expect(norm(await page.locator(`tr[data-material="${anest}"] td`).nth(1).textContent())).toBe(
      '50 карп.',
    )
    await page.goto(`${clinic.url}/`)
    expect(await page.locator('#low-stock').count()).toBe(0)
  })

  it('reviews a stock-take, sees the difference, and posts it', async () => {
    await page.goto(`${clinic.url}/stock/stocktakes/new`)
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
    await expectAccessible(page, 'stock-take review')
    await page.getByLabel('Примечание').fill('Конец месяца')
    await page.getByRole('button', { name: 'Провести инвентаризацию' }).click()
    await page.waitForURL(/\/stock\/stocktakes\/\d+$/)
    expect(norm(await page.getByRole('heading', { level: 1 }).textContent())).toMatch(
      /^Инвентаризация № 1 от /,
    )
    await expectAccessible(page, 'posted stock-take')
    await page.getByRole('link', { name: 'Перчатки нитриловые' }).click()
    await page.waitForURL(/\/stock\/materials\/\d+$/)
    expect(norm(await page.getByTestId('balance').textContent())).toBe('196 шт')
    const history = norm(await page.getByTestId('movements').textContent())
    expect(history).toContain('Инвентаризация № 1')
    expect(history).toContain('ООО «Дентал-Снаб», 12,50 ₽ за ед.')
    expect(history).toContain('Козлова Анна Сергеевна')
    await expectAccessible(page, 'material history')
    expect(watch.cspViolations()).toEqual([])
    expect(watch.pageErrors).toEqual([])
  })
})
