import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pino from 'pino'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { CLI_ACTOR } from '../server/audit/audit.service.js'
import { loadConfig } from '../server/config.js'
import { issueDevice } from '../server/devices/devices.service.js'
import { sampleJpeg } from '../server/medical-files/sample-files.js'
import { insertPatient } from '../server/patients/patients.queries.js'
import { createPriceGroup, createPriceItem } from '../server/prices/prices.service.js'
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

// A doctor at the chair in a real Chromium over mutual TLS (issue 5, items 3 and 4): a plan
// from the price list, accepted, printed; an X-ray uploaded through htmx, its thumbnail shown.

const STEP_MS = 120_000
const DOC_PASSWORD = 'Пломба-на-тридцать-шестом-2026'

let dataDir: string
let rt: Runtime
let enamel: RunningEnamel
let browser: Browser
let chairContext: BrowserContext
let patientId: number
let doc = { login: '', password: '' }

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'enamel-plans-browser-'))
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
  const staffDeps = { db: rt.db, auditKey: rt.keys.audit, now }
  doc = await addStaff(staffDeps, CLI_ACTOR, {
    login: 'smirnova',
    fullName: 'Смирнова Елена Викторовна',
    role: 'doctor',
  })
  const owner = await rt.db
    .selectFrom('staff')
    .select('id')
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow()
  const priceDeps = { db: rt.db, auditKey: rt.keys.audit, now }
  const actor = { ...CLI_ACTOR, staffId: owner.id }
  await createPriceGroup(priceDeps, actor, { name: 'Терапия' })
  await createPriceItem(priceDeps, actor, {
    group_id: '1',
    code: 'A16.07.002.001',
    name: 'Лечение кариеса, пломба',
    price: '4500',
  })
  const at = now().toISOString()
  patientId = await insertPatient(rt.db, {
    card_number: '2001',
    surname: 'Иванова',
    name: 'Мария',
    patronymic: 'Петровна',
    sex: 'female',
    birth_date: '1985-04-12',
    phone: null,
    phone_extra: null,
    email: null,
    address: null,
    snils: null,
    oms_policy: null,
    oms_insurer: null,
    dms_policy: null,
    dms_insurer: null,
    id_doc_type: null,
    id_doc_series: null,
    id_doc_number: null,
    id_doc_issued_by: null,
    id_doc_issued_on: null,
    guardian_id: null,
    guardian_relation: null,
    contact_channel: null,
    created_at: at,
    updated_at: at,
    created_by: null,
  })
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

describe('a doctor plans treatment and adds an X-ray at the chair', { timeout: STEP_MS }, () => {
  let page: Page
  let watch: ConsoleWatch
  let failed: string | undefined

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

  it('signs in and opens the patient’s treatment plans', async () => {
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
    await page.goto(`${enamel.url}/patients/${patientId}/plans`)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Планы лечения')
    await expectAccessible('plans list')
  })

  it('builds a plan from the price list and accepts it', async () => {
    await page.getByLabel('Название плана').fill('Санация')
    await page.getByRole('button', { name: 'Создать план' }).click()
    await page.waitForURL(/\/plans\/\d+$/)
    await page
      .getByLabel('Услуга', { exact: true })
      .selectOption({ label: 'A16.07.002.001 Лечение кариеса, пломба — 4 500,00 ₽' })
    await page.getByLabel('Зуб (FDI)').fill('36')
    await page.getByRole('button', { name: 'Добавить', exact: true }).click()
    await page.waitForURL(/\/plans\/\d+$/)
    expect((await page.getByTestId('plan-total').textContent())?.replace(/\s/g, ' ')).toBe(
      '4 500,00 ₽',
    )
    await page.locator('#plan-new-status').selectOption('accepted')
    await page.locator('#plan-status').getByRole('button', { name: 'Изменить статус' }).click()
    await page.waitForURL(/\/plans\/\d+$/)
    expect(await page.getByTestId('plan-status').textContent()).toBe('Принят')
    await expectAccessible('plan')
  })

  it('opens the printable plan, with its print button wired by print.js', async () => {
    await page.getByRole('link', { name: 'Печать плана' }).click()
    await page.waitForURL(/\/print$/)
    expect(await page.locator('h1').textContent()).toBe('План лечения')
    expect(await page.getByRole('button', { name: 'Печать' }).isVisible()).toBe(true)
    await page.goBack()
  })

  it('uploads an X-ray through htmx and sees its thumbnail', async () => {
    await page.goto(`${enamel.url}/patients/${patientId}/files`)
    await page
      .getByLabel('Файл')
      .setInputFiles({ name: 'optg.jpg', mimeType: 'image/jpeg', buffer: sampleJpeg(800, 400) })
    await page.getByLabel('Описание').fill('ОПТГ')
    await page.getByRole('button', { name: 'Загрузить' }).click()
    const thumb = page.locator('img.file-thumb')
    await thumb.waitFor()
    await page.waitForFunction(`document.querySelector('img.file-thumb')?.complete === true`)
    expect(
      await thumb.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    ).toBe(320)
    await expectAccessible('files')
  })

  it('refuses a renamed program with the message in the form, without a reload', async () => {
    await page.getByLabel('Файл').setInputFiles({
      name: 'snimok.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from('MZ\x90\x00 not an image', 'latin1'),
    })
    await page.getByRole('button', { name: 'Загрузить' }).click()
    await page.getByText('Этот тип файла не принимается').waitFor()
    expect(await page.locator('img.file-thumb').count()).toBe(1)
  })

  it('saw no CSP violation and no script error', () => {
    expect(watch.cspViolations()).toEqual([])
    expect(watch.pageErrors).toEqual([])
  })
})
