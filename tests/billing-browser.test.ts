import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLI_ACTOR } from '../server/audit/audit.service.js'
import { recordPerformedService } from '../server/billing/billing.service.js'
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
import { clinicToday } from '../server/schedule/clinic-time.js'

// The front desk in a real Chromium over mutual TLS (issue 10): a patient treated today owes
// for a filling; the receptionist takes part of it by card, refunds a part by mistake taken,
// and the debt shows on the patient's page and in the day's list of debtors.

const STEP_MS = 120_000
const DESK_PASSWORD = 'Касса-у-окна-регистратуры-2026'

let clinic: BrowserClinic<'frontDesk', 'desk' | 'doctor'>
let patientId: number

beforeAll(async () => {
  clinic = await startBrowserClinic({
    name: 'billing-browser',
    devices: { frontDesk: { name: 'front-desk', zone: 'reception' } },
    staff: {
      desk: { login: 'kassa', fullName: 'Орлова Ольга Сергеевна', role: 'receptionist' },
      doctor: { login: 'smirnova', fullName: 'Смирнова Елена Викторовна', role: 'doctor' },
    },
  })
  const { rt, now, config } = clinic
  const doctor = clinic.staff.doctor
  const doctorRow = await rt.db
    .selectFrom('staff')
    .select('id')
    .where('login', '=', doctor.login)
    .executeTakeFirstOrThrow()
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
    card_number: '3001',
    surname: 'Кузнецов',
    name: 'Иван',
    patronymic: 'Петрович',
    sex: 'male',
    birth_date: '1979-09-09',
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
  // The doctor performed a filling today: the patient owes 4 500 ₽.
  await rt.db.transaction().execute((trx) =>
    recordPerformedService(
      trx,
      { auditKey: rt.keys.audit, now },
      { ...CLI_ACTOR, staffId: doctorRow.id },
      {
        patientId,
        appointmentId: null,
        planItemId: null,
        priceItemId: 1,
        code: 'A16.07.002.001',
        name: 'Лечение кариеса, пломба',
        doctorId: doctorRow.id,
        quantity: 1,
        unitPriceKopecks: 450000,
        discountKopecks: 0,
        performedOn: clinicToday(now(), config.timeZone),
      },
    ),
  )
}, STEP_MS)

afterAll(() => clinic?.close(), STEP_MS)

describe(
  'the front desk takes a payment and a refund; the debt shows',
  { timeout: STEP_MS },
  () => {
    let page: Page
    let watch: ConsoleWatch
    const balanceText = async () =>
      (await page.locator('p.balance').textContent())?.replace(/\s/g, ' ')

    beforeAll(async () => {
      ;({ page, watch } = await openWatchedPage(clinic.contexts.frontDesk))
    })
    skipStepsAfterFailure()

    it("signs in and opens the patient's payments: the filling and the debt", async () => {
      await clinic.firstSignIn(page, clinic.staff.desk, DESK_PASSWORD)
      await page.goto(`${clinic.url}/patients/${patientId}/billing`)
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
        'Кузнецов Иван Петрович',
      )
      expect(
        await page.getByRole('link', { name: 'Оплата', exact: true }).getAttribute('aria-current'),
      ).toBe('page')
      expect(await page.getByRole('cell', { name: 'Лечение кариеса, пломба' }).count()).toBe(1)
      expect(await balanceText()).toBe('Долг: 4 500,00 ₽')
      await expectAccessible(page, 'patient billing')
    })

    it('refuses an amount it cannot read, keeping the form, then takes 3 000 ₽ by card', async () => {
      await page.getByLabel('Способ оплаты').selectOption('card')
      await page.getByLabel('Сумма, ₽').fill('три тысячи')
      await page.getByRole('button', { name: 'Принять оплату' }).click()
      await page.getByText('Введите сумму в рублях').waitFor()
      expect(await page.getByLabel('Способ оплаты').inputValue()).toBe('card')
      await page.getByLabel('Сумма, ₽').fill('3000')
      await page.getByRole('button', { name: 'Принять оплату' }).click()
      await page.waitForURL(/\/billing\?done=payment$/)
      await page.getByText('Оплата принята').waitFor()
      expect(await balanceText()).toBe('Долг: 1 500,00 ₽')
    })

    it('refunds 500 ₽ of that payment with a reason; the debt grows back', async () => {
      await page.locator('tr[data-payment-id="1"] summary').click()
      const refund = page.locator('form[action$="/payments/1/refund"]')
      await refund.getByLabel(/Сумма возврата/).fill('500')
      await refund.getByLabel('Причина').fill('Оплачено лишнее')
      await refund.getByRole('button', { name: 'Оформить возврат' }).click()
      await page.waitForURL(/\/billing\?done=refund$/)
      expect(await balanceText()).toBe('Долг: 2 000,00 ₽')
      expect(await page.getByText('возврат по оплате № 1: Оплачено лишнее').count()).toBe(1)
      await expectAccessible(page, 'patient billing after a refund')
    })

    it("shows the day's takings by method and the patient among the debtors", async () => {
      await page.getByRole('link', { name: 'Касса', exact: true }).click()
      await page.waitForURL(/\/billing$/)
      const card = page.locator('tr[data-method="card"] td')
      expect((await card.nth(0).textContent())?.replace(/\s/g, ' ')).toBe('3 000,00 ₽')
      expect((await card.nth(1).textContent())?.replace(/\s/g, ' ')).toBe('500,00 ₽')
      const debtor = page.locator('table.billing-debtors tr', { hasText: 'Кузнецов Иван Петрович' })
      expect((await debtor.locator('td.num').textContent())?.replace(/\s/g, ' ')).toBe('2 000,00 ₽')
      await expectAccessible(page, 'day')
    })

    it('saw no CSP violation and no script error', () => {
      expect(watch.cspViolations()).toEqual([])
      expect(watch.pageErrors).toEqual([])
    })
  },
)
