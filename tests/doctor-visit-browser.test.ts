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

// A doctor's visit at the chair in a real Chromium over mutual TLS (issue 5, items 1, 2, 5, 6):
// a template, a K-code picked by typing, teeth and surfaces marked, signed, then corrected,
// with both versions in the history; every medical page scanned by axe.

const STEP_MS = 120_000
const DOC_PASSWORD = 'Кариес-дентина-тридцать-шесть'

let dataDir: string
let rt: Runtime
let enamel: RunningEnamel
let browser: Browser
let chairContext: BrowserContext
let patientId: number
let doc = { id: 0, login: '', password: '' }

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'enamel-visit-browser-'))
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
  const deviceDeps = { db: rt.db, auditKey: rt.keys.audit, ca: rt.ca, pki: rt.pki, dataDir, now }
  const chair = await issueDevice(deviceDeps, CLI_ACTOR, {
    name: 'surgery-1',
    zone: 'surgery',
    issuedBy: null,
  })
  doc = await addStaff({ db: rt.db, auditKey: rt.keys.audit, now }, CLI_ACTOR, {
    login: 'petrova',
    fullName: 'Петрова Ольга Ивановна',
    role: 'doctor',
  })
  const at = now().toISOString()
  const row = await rt.db
    .insertInto('patients')
    .values({
      card_number: '3001',
      surname: 'Кузнецов',
      name: 'Андрей',
      patronymic: 'Сергеевич',
      sex: 'male',
      birth_date: '1979-09-03',
      created_at: at,
      updated_at: at,
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow()
  patientId = (row as { id: number }).id
  browser = await launchChromium()
  chairContext = await deviceContext(browser, enamel.url, chair)
}, STEP_MS)

afterAll(async () => {
  await chairContext?.close()
  await browser?.close()
  await enamel?.stop()
  await rt?.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
}, STEP_MS)

describe("a doctor's visit at a surgery terminal", { timeout: STEP_MS }, () => {
  let page: Page
  let watch: ConsoleWatch
  let failed: string | undefined
  const card = () => `${enamel.url}/patients/${patientId}/medical`

  beforeAll(async () => {
    page = await chairContext.newPage()
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

  async function heading() {
    return page.getByRole('heading', { level: 1 }).textContent()
  }

  it('signs in and keeps a template of routine text', async () => {
    await page.goto(`${enamel.url}/login`)
    await page.getByLabel('Логин').fill(doc.login)
    await page.getByLabel('Пароль').fill(doc.password)
    await page.getByRole('button', { name: 'Войти', exact: true }).click()
    await page.waitForURL(`${enamel.url}/password`)
    await page.getByLabel('Текущий пароль').fill(doc.password)
    await page.getByLabel('Новый пароль', { exact: true }).fill(DOC_PASSWORD)
    await page.getByLabel('Повторите новый пароль').fill(DOC_PASSWORD)
    await page.getByRole('button', { name: 'Сохранить пароль', exact: true }).click()
    await page.waitForURL(`${enamel.url}/`)
    await page.goto(`${enamel.url}/medical/templates`)
    await page.getByLabel('Название шаблона').fill('Кариес, пломба')
    await page.getByLabel('Жалобы').fill('Кратковременная боль от сладкого и холодного')
    await page.getByLabel('Лечение').fill('Анестезия, препарирование, пломба из композита')
    await page.getByRole('button', { name: 'Сохранить шаблон' }).click()
    await page.waitForURL(`${enamel.url}/medical/templates`)
    expect(await page.getByRole('link', { name: 'Кариес, пломба' }).count()).toBe(1)
    await expectAccessible('templates')
  })

  it('opens the patient’s card (form 025/у)', async () => {
    const response = await page.goto(card())
    expect(response?.status()).toBe(200)
    expect(await heading()).toBe('Медицинская карта стоматологического больного (форма 025/у)')
    expect(await page.textContent('main')).toContain('Кузнецов Андрей Сергеевич')
    await expectAccessible('card')
  })

  it('fills a visit record from the template and picks a K-code by typing', async () => {
    await page.getByRole('link', { name: 'Новая запись осмотра' }).click()
    await page.waitForURL(/\/visits\/new$/)
    await page.getByLabel('Объективно').fill('Лицо симметрично, лимфоузлы не пальпируются')
    await page.getByLabel('Шаблон').selectOption({ label: 'Кариес, пломба' })
    await page.getByRole('button', { name: 'Заполнить из шаблона' }).click()
    await expect
      .poll(() => page.getByLabel('Жалобы').inputValue())
      .toBe('Кратковременная боль от сладкого и холодного')
    // What was typed before the template stays.
    expect(await page.getByLabel('Объективно').inputValue()).toBe(
      'Лицо симметрично, лимфоузлы не пальпируются',
    )
    expect(page.url()).toMatch(/\/visits\/new$/)
    await page.getByLabel('Поиск по коду или названию').fill('кариес дент')
    const k021 = page.getByRole('radio', { name: 'K02.1 Кариес дентина' })
    await k021.waitFor()
    await k021.check()
    await page.getByLabel('Диагноз', { exact: true }).fill('Кариес дентина 36 зуба')
    await page.getByLabel('Диагноз установлен впервые').check()
    await expectAccessible('visit editor')
    await page.getByRole('button', { name: 'Сохранить черновик' }).click()
    await page.waitForURL(/\/visits\/\d+$/)
    expect(await heading()).toMatch(/^Осмотр от \d\d\.\d\d\.\d{4} Черновик$/)
    expect(await page.textContent('main')).toContain('K02.1 — Кариес дентина')
    await expectAccessible('visit (draft)')
  })

  it('signs the visit record', async () => {
    await page.getByRole('button', { name: 'Подписать', exact: true }).click()
    await page.waitForURL(/\/visits\/\d+$/)
    expect(await heading()).toMatch(/Подписано$/)
    expect(await page.textContent('main')).toContain('Подписано: Петрова Ольга Ивановна')
  })

  it('marks teeth and surfaces on the chart, sees КПУ, and signs the chart', async () => {
    await page.goto(`${enamel.url}/patients/${patientId}/chart`)
    expect(await heading()).toBe('Зубная формула')
    await expectAccessible('chart')
    await page.getByRole('link', { name: /^Зуб 36:/ }).click()
    // htmx opens the tooth in the side panel, without leaving the chart.
    await page.getByRole('heading', { name: 'Зуб 36' }).waitFor()
    expect(page.url()).toBe(`${enamel.url}/patients/${patientId}/chart`)
    await page.getByLabel('С — кариес').check()
    await page.getByLabel('окклюзионная (Ж)').selectOption('caries')
    await page.getByLabel('медиальная (М)').selectOption('caries')
    await expectAccessible('tooth editor')
    await page.getByRole('button', { name: 'Сохранить отметку' }).click()
    await page
      .getByRole('link', { name: 'Зуб 36: кариес (медиальная, окклюзионная) (черновик)' })
      .waitFor()
    await page.getByRole('link', { name: /^Зуб 46:/ }).click()
    await page.getByRole('heading', { name: 'Зуб 46' }).waitFor()
    await page.getByLabel('К — коронка').check()
    await page.getByRole('button', { name: 'Сохранить отметку' }).click()
    await page.getByRole('link', { name: /^Зуб 46: коронка/ }).waitFor()
    expect(await page.getByTestId('kpu-teeth').textContent()).toBe('К 1 + П 1 + У 0 = 2')
    await page.getByRole('button', { name: 'Подписать зубную формулу' }).click()
    await page.waitForURL(`${enamel.url}/patients/${patientId}/chart`)
    expect(await page.getByText('Неподписанные отметки').count()).toBe(0)
    expect(
      await page.getByRole('link', { name: 'Зуб 36: кариес (медиальная, окклюзионная)' }).count(),
    ).toBe(1)
  })

  it('corrects the signed record with a reason and sees both versions', async () => {
    await page.goto(card())
    await page
      .getByRole('link', { name: /^\d\d\.\d\d\.\d{4}$/ })
      .first()
      .click()
    await page.getByRole('link', { name: 'Исправление' }).click()
    await page.waitForURL(/\/correct$/)
    expect(await heading()).toBe('Исправление подписанной записи')
    await page.getByLabel('Причина исправления').fill('Уточнён диагноз после рентгенограммы')
    await page.getByLabel('Поиск по коду или названию').fill('K02.0')
    const k020 = page.getByRole('radio', { name: 'K02.0 Кариес эмали' })
    await k020.waitFor()
    await k020.check()
    await page.getByLabel('Диагноз', { exact: true }).fill('Кариес эмали 36 зуба')
    await page.getByRole('button', { name: 'Сохранить исправление' }).click()
    await page.waitForURL(/\/visits\/\d+$/)
    expect(await page.textContent('main')).toContain('Есть неподписанное исправление этой записи.')
    await page.getByRole('button', { name: 'Подписать', exact: true }).click()
    await page.waitForURL(/\/visits\/\d+$/)
    await page.getByRole('link', { name: 'История изменений' }).click()
    await page.waitForURL(/\/history$/)
    const v2 = page.getByTestId('revision-2')
    const v4 = page.getByTestId('revision-4')
    expect(await v2.textContent()).toContain('Подписано')
    expect(await v4.textContent()).toContain('Причина: Уточнён диагноз после рентгенограммы')
    expect(await page.locator('del').filter({ hasText: 'Кариес дентина 36 зуба' }).count()).toBe(1)
    expect(await page.locator('ins').filter({ hasText: 'Кариес эмали 36 зуба' }).count()).toBe(1)
    await expectAccessible('history')
  })

  it('prints the card on A4 with the dental formula and the corrected diagnosis', async () => {
    await page.goto(card())
    await page.getByRole('link', { name: 'Печать карты' }).click()
    await page.waitForURL(/\/medical\/print$/)
    expect(await page.getByRole('button', { name: 'Печать' }).isVisible()).toBe(true)
    const text = (await page.textContent('main')) ?? ''
    expect(text).toContain('Медицинская документация. Форма № 025/у')
    expect(text).toContain('С(М,Ж)')
    expect(text).toContain('Кариес эмали 36 зуба')
    await expectAccessible('print')
  })

  it('saw no CSP violation and no script error', () => {
    expect(watch.cspViolations()).toEqual([])
    expect(watch.pageErrors).toEqual([])
  })
})
