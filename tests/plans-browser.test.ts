import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLI_ACTOR } from '../server/audit/audit.service.js'
import { sampleJpeg } from '../server/medical-files/sample-files.js'
import { insertPatient } from '../server/patients/patients.queries.js'
import { createPriceGroup, createPriceItem } from '../server/prices/prices.service.js'
import type { ConsoleWatch } from './support/browser.js'
import {
  expectAccessible,
  openWatchedPage,
  skipStepsAfterFailure,
  startBrowserClinic,
  type BrowserClinic,
} from './support/clinic.js'

// A doctor at the chair in a real Chromium over mutual TLS (issue 5, items 3 and 4): a plan
// from the price list, accepted, printed; an X-ray uploaded through htmx, its thumbnail shown.

const STEP_MS = 120_000
const DOC_PASSWORD = 'Пломба-на-тридцать-шестом-2026'

let clinic: BrowserClinic<'chair', 'doc'>
let patientId: number

beforeAll(async () => {
  clinic = await startBrowserClinic({
    name: 'plans-browser',
    devices: { chair: { name: 'surgery-1', zone: 'surgery' } },
    staff: { doc: { login: 'smirnova', fullName: 'Смирнова Елена Викторовна', role: 'doctor' } },
  })
  const { rt, now } = clinic
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
}, STEP_MS)

afterAll(() => clinic?.close(), STEP_MS)

describe('a doctor plans treatment and adds an X-ray at the chair', { timeout: STEP_MS }, () => {
  let page: Page
  let watch: ConsoleWatch

  beforeAll(async () => {
    ;({ page, watch } = await openWatchedPage(clinic.contexts.chair))
  })
  skipStepsAfterFailure()

  it('signs in and opens the patient’s treatment plans', async () => {
    await clinic.firstSignIn(page, clinic.staff.doc, DOC_PASSWORD)
    await page.goto(`${clinic.url}/patients/${patientId}/plans`)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Планы лечения')
    await expectAccessible(page, 'plans list')
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
    await expectAccessible(page, 'plan')
  })

  it('opens the printable plan, with its print button wired by print.js', async () => {
    await page.getByRole('link', { name: 'Печать плана' }).click()
    await page.waitForURL(/\/print$/)
    expect(await page.locator('h1').textContent()).toBe('План лечения')
    expect(await page.getByRole('button', { name: 'Печать' }).isVisible()).toBe(true)
    await page.goBack()
  })

  it('uploads an X-ray through htmx and sees its thumbnail', async () => {
    await page.goto(`${clinic.url}/patients/${patientId}/files`)
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
    await expectAccessible(page, 'files')
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
