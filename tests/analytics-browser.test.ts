import { readFileSync } from 'node:fs'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedMonth, SURNAMES } from '../server/analytics/analytics.fixtures.js'
import { CLI_ACTOR } from '../server/audit/audit.service.js'
import { addStaff } from '../server/staff/staff.service.js'
import type { ConsoleWatch } from './support/browser.js'
import {
  expectAccessible,
  openWatchedPage,
  skipStepsAfterFailure,
  startBrowserClinic,
  type BrowserClinic,
} from './support/clinic.js'

// The owner at the office PC in a real Chromium over mutual TLS (issue 10): the analytics of a
// hand-computed November, charts drawn by the vendored Chart.js under the strict CSP, the
// tables beside them, a CSV downloaded, the month closed; axe finds nothing serious.

const STEP_MS = 120_000
const OWNER_PASSWORD = 'Закрываем-ноябрь-без-Excel-2026'

let clinic: BrowserClinic<never, never>
let office: BrowserContext

beforeAll(async () => {
  clinic = await startBrowserClinic({
    name: 'analytics-browser',
    env: { ENAMEL_TIMEZONE: 'Europe/Moscow' },
  })
  const { rt, now, init } = clinic
  const staffDeps = { db: rt.db, auditKey: rt.keys.audit, now }
  const add = async (login: string, role: string) =>
    (await addStaff(staffDeps, CLI_ACTOR, { login, fullName: `Врач ${login}`, role })).id
  await add('doctor', 'doctor')
  await seedMonth({ db: rt.db, clock: { now } as never, addStaff: add }, init.device.id)
  office = await clinic.context(init.device)
}, STEP_MS)

afterAll(() => clinic?.close(), STEP_MS)

describe('the owner closes November from the analytics', { timeout: STEP_MS }, () => {
  let page: Page
  let watch: ConsoleWatch

  beforeAll(async () => {
    ;({ page, watch } = await openWatchedPage(office))
  })
  skipStepsAfterFailure()

  /** Canvases on the page that Chart.js has drawn a chart on. */
  const drawnCharts = () =>
    page.evaluate(`[...document.querySelectorAll('canvas[data-chart]')]
      .filter((c) => window.Chart && window.Chart.getChart(c) && c.width > 0).length`)

  it('signs in and opens the analytics from the top bar', async () => {
    await clinic.firstSignIn(page, clinic.init.owner, OWNER_PASSWORD)
    await page.getByRole('link', { name: 'Аналитика', exact: true }).click()
    await page.waitForURL(`${clinic.url}/analytics`)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Аналитика клиники')
  })

  it('shows November: every chart drawn, every table with its numbers', async () => {
    await page.getByLabel('С', { exact: true }).fill('2026-11-01')
    await page.getByLabel('По', { exact: true }).fill('2026-11-30')
    await page.getByRole('button', { name: 'Показать' }).click()
    await page.waitForURL(`${clinic.url}/analytics?from=2026-11-01&to=2026-11-30`)
    await page.waitForFunction(
      `document.querySelectorAll('canvas[data-chart]').length === 12 &&
       [...document.querySelectorAll('canvas[data-chart]')].every((c) => window.Chart?.getChart(c))`,
    )
    expect(await drawnCharts()).toBe(12)
    expect(await page.locator('table.analytics-table').count()).toBe(12)
    const revenue = page.locator('table[data-report="revenue_day"] tfoot')
    expect((await revenue.textContent())?.replace(/\s/g, ' ')).toBe('Итого25 601,00 ₽24 601,00 ₽')
    const diagnoses = page.locator('table[data-report="diagnoses"] tbody tr')
    expect(await diagnoses.allTextContents()).toEqual(['K02.16', 'K04.05'])
    const body = (await page.locator('body').textContent()) ?? ''
    for (const name of SURNAMES) expect(body).not.toContain(name)
    await expectAccessible(page, 'analytics')
  })

  it('downloads a report as CSV', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .locator('#report-cash_method')
        .getByRole('link', { name: /Скачать CSV/ })
        .click(),
    ])
    expect(download.suggestedFilename()).toBe('enamel-cash_method-2026-11-01-2026-11-30.csv')
    const bytes = readFileSync(await download.path())
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    expect(bytes.subarray(3).toString('utf8').split('\r\n')).toEqual([
      'Способ;"Оплаты, ₽";"Возвраты, ₽";"Итого, ₽"',
      'Наличные;9000,00;0,00;9000,00',
      'Карта;6501,00;900,00;5601,00',
      'Перевод;10000,00;0,00;10000,00',
      'Итого;25501,00;900,00;24601,00',
      '',
    ])
  })

  it('closes the month: revenue, pay and materials on one page', async () => {
    await page.getByRole('link', { name: 'Закрытие месяца' }).click()
    await page.waitForURL(`${clinic.url}/analytics/month?month=2026-11`)
    const summary = (await page.getByTestId('month-summary').textContent())?.replace(/\s/g, ' ')
    expect(summary).toContain('25 601,00 ₽')
    expect(summary).toContain('5 600,00 ₽')
    await page.waitForFunction(
      `[...document.querySelectorAll('canvas[data-chart]')].every((c) => window.Chart?.getChart(c))`,
    )
    expect(await drawnCharts()).toBe(5)
    await expectAccessible(page, 'month close')
  })

  it('saw no CSP violation and no script error', () => {
    expect(watch.cspViolations()).toEqual([])
    expect(watch.pageErrors).toEqual([])
  })
})
