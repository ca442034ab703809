import { beforeAll, describe, expect, it } from 'vitest'
import { billingClinic, text, type BillingClinic } from './billing-fixtures.js'
import { recordPerformedService, reverseService, type BillingDeps } from './billing.service.js'
import { monthBounds, payFor, ruleFor, type PayRule } from './payroll.service.js'

// Doctors' pay and the money documents the owner and the desk print: the monthly statement's
// arithmetic (percent, fixed, latest rule wins, a reversal takes back its pay), the clinic's
// details, and the tax certificate's sums by payer and code.

let t: BillingClinic
type B = Awaited<ReturnType<BillingClinic['as']>>
let owner: B
let desk: B

const deps = (day: string): BillingDeps => ({
  db: t.db,
  auditKey: t.services.keys.audit,
  now: () => new Date(`${day}T10:00:00Z`),
  timeZone: 'Europe/Moscow',
})

async function perform(day: string, code: string, doctorId: number, qty = 1, discount = 0) {
  const unit = { 'A16.07.002.001': 450000, 'B01.065.001': 100000 }[code]!
  return t.db.transaction().execute((trx) =>
    recordPerformedService(
      trx,
      deps(day),
      { staffId: t.ids.doctor, deviceId: null, zone: null },
      {
        patientId: t.anna,
        appointmentId: null,
        planItemId: null,
        priceItemId: t.prices[code]!,
        code,
        name: code,
        doctorId,
        quantity: qty,
        unitPriceKopecks: unit,
        discountKopecks: discount,
        performedOn: day,
      },
    ),
  )
}

beforeAll(async () => {
  t = await billingClinic()
  owner = await t.as('owner', 'office')
  desk = await t.as('receptionist', 'reception')
})

describe('pay rules', () => {
  it('picks the latest rule valid on the day, the service rule before the default', () => {
    const r = (id: number, item: number | null, from: string, bp: number): PayRule => ({
      id,
      doctor_id: 1,
      price_item_id: item,
      kind: 'percent',
      percent_bp: bp,
      fixed_kopecks: null,
      valid_from: from,
    })
    const rules = [
      r(1, null, '2026-01-01', 3000),
      r(2, null, '2026-01-01', 3500),
      r(3, 7, '2026-06-01', 5000),
    ]
    expect(ruleFor(rules, 1, 8, '2026-03-01')?.id).toBe(2)
    expect(ruleFor(rules, 1, 7, '2026-05-31')?.id).toBe(2)
    expect(ruleFor(rules, 1, 7, '2026-06-01')?.id).toBe(3)
    expect(ruleFor(rules, 2, 7, '2026-06-01')).toBeUndefined()
    expect(ruleFor(rules, 1, 8, '2025-12-31')).toBeUndefined()
    expect(payFor(rules[1], { amount_kopecks: 333, quantity: 1 })).toBe(117)
    expect(payFor(undefined, { amount_kopecks: 333, quantity: 1 })).toBe(0)
    expect(monthBounds('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' })
    expect(monthBounds('2028-13')).toBeUndefined()
  })

  it('refuses a bad rule with the input kept, and records a good one as a new row', async () => {
    const url = `/payroll/${t.ids.doctor}/rules`
    const bad = await owner.post(url, {
      price_item_id: '',
      kind: 'percent',
      value: '150',
      valid_from: '2026-01-01',
    })
    expect(bad.status).toBe(422)
    const badHtml = await text(bad)
    expect(badHtml).toContain('Процент — число от 0 до 100')
    expect(badHtml).toContain('value="150"')
    const add = (f: Record<string, string>) => owner.post(url, f)
    expect(
      (await add({ price_item_id: '', kind: 'percent', value: '30', valid_from: '2026-01-01' }))
        .status,
    ).toBe(303)
    // Same day, entered later: it wins (a correction is a new row).
    expect(
      (await add({ price_item_id: '', kind: 'percent', value: '35', valid_from: '2026-01-01' }))
        .status,
    ).toBe(303)
    expect(
      (await add({ price_item_id: '', kind: 'percent', value: '40', valid_from: '2026-11-15' }))
        .status,
    ).toBe(303)
    expect(
      (
        await add({
          price_item_id: String(t.prices['B01.065.001']),
          kind: 'fixed',
          value: '1000',
          valid_from: '2026-11-01',
        })
      ).status,
    ).toBe(303)
    expect(await t.db.selectFrom('doctor_pay_rules').select('id').execute()).toHaveLength(4)
    const page = await text(await owner.request('/payroll'))
    expect(page).toContain('35 %')
    expect(page).toContain('1 000,00 ₽ за единицу')
    const audit = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'billing.pay_rule')
      .execute()
    expect(audit).toHaveLength(4)
  })
})

describe("a doctor's month", () => {
  let first: number
  beforeAll(async () => {
    first = await perform('2026-11-10', 'A16.07.002.001', t.ids.doctor) // 35 %: 1575
    await perform('2026-11-20', 'A16.07.002.001', t.ids.doctor, 1, 50000) // 40 % of 4000: 1600
    await perform('2026-11-20', 'B01.065.001', t.ids.doctor, 2) // fixed 1000 × 2
    await perform('2026-10-31', 'A16.07.002.001', t.ids.doctor) // another month
    await perform('2026-11-20', 'A16.07.002.001', t.ids.doctor2) // another doctor
    const actor = { staffId: t.ids.owner, deviceId: null, zone: null }
    const r = await reverseService(deps('2026-11-25'), actor, t.anna, first, { reason: 'Ошибка' })
    expect(r?.ok).toBe(true)
  })

  it('pays percent and fixed by the rule in force, and a reversal takes back its pay', async () => {
    const res = await owner.request(`/payroll/${t.ids.doctor}?month=2026-11`)
    expect(res.status).toBe(200)
    const html = await res.text()
    const pays = [...html.matchAll(/data-pay="(-?\d+)"/g)].map((m) => Number(m[1]))
    expect(pays).toEqual([157500, 160000, 200000, -157500])
    expect(html).toContain('data-base-total="600000"')
    expect(html).toContain('data-pay-total="360000"')
    const october = await owner.request(`/payroll/${t.ids.doctor}?month=2026-10`)
    expect(await october.text()).toContain('data-pay-total="157500"')
  })

  it('prints the statement, audited', async () => {
    const res = await owner.request(`/payroll/${t.ids.doctor}/print?month=2026-11`)
    expect(res.status).toBe(200)
    expect(await text(res)).toContain('Ведомость начисления: Test doctor, 2026-11')
    const ev = await t.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'billing.print')
      .executeTakeFirstOrThrow()
    expect(JSON.parse(ev.details)).toMatchObject({ document: 'pay_statement', month: '2026-11' })
  })

  it('answers 404 for someone who is not a doctor', async () => {
    expect((await owner.request(`/payroll/${t.ids.receptionist}`)).status).toBe(404)
  })
})

describe('the tax certificate', () => {
  beforeAll(async () => {
    const pay = (amount: string, payer_name = '') =>
      desk.post(`/patients/${t.boris}/billing/payments`, {
        method: 'card',
        amount,
        payer_name,
        appointment_id: '',
      })
    await pay('1500')
    await pay('3000', 'Борисова Ирина Петровна')
    const p = await t.db
      .selectFrom('payments')
      .select('id')
      .where('patient_id', '=', t.boris)
      .where('payer_name', 'is', null)
      .executeTakeFirstOrThrow()
    await desk.post(`/patients/${t.boris}/billing/payments/${p.id}/refund`, {
      amount: '500',
      reason: 'Переплата',
    })
  })

  it("keeps the clinic's details to the owner, checked", async () => {
    expect((await desk.request('/admin/requisites')).status).toBe(403)
    const fields = {
      legal_name: 'ООО «Эмаль»',
      inn: '77071234',
      kpp: '770701001',
      licence: 'Л041-01137-77/00368259 от 01.02.2021',
      address: 'Москва, ул. Зубная, 1',
      signer: 'Администратор Петрова А. А.',
    }
    const bad = await owner.post('/admin/requisites', fields)
    expect(bad.status).toBe(422)
    expect(await text(bad)).toContain('ИНН организации — 10 цифр')
    expect((await owner.post('/admin/requisites', { ...fields, inn: '7707123456' })).status).toBe(
      303,
    )
  })

  it('sums the year by payer, net of refunds, under the chosen code', async () => {
    const url = `/patients/${t.boris}/billing/tax-certificate`
    const form = await text(await desk.request(url))
    expect(form).toContain('Борисова Ирина Петровна')
    const mine = await text(
      await desk.post(url, {
        year: '2026',
        code: '1',
        payer: 'patient',
        taxpayer_inn: '',
        patient_inn: '',
      }),
    )
    expect(mine).toContain(
      'Справка об оплате медицинских услуг для представления в налоговый орган',
    )
    expect(mine).toContain('ИНН: 7707123456')
    expect(mine).toContain('Код услуги 01: 1 000 руб. 00 коп.')
    expect(mine).toContain('Код услуги 02: 0 руб. 00 коп.')
    expect(mine).toContain('1 — да')
    const mother = await text(
      await desk.post(url, {
        year: '2026',
        code: '2',
        payer: 'payer:0',
        taxpayer_inn: '123456789012',
        patient_inn: '',
      }),
    )
    expect(mother).toContain('Фамилия, имя, отчество: Борисова Ирина Петровна')
    expect(mother).toContain('ИНН: 123456789012')
    expect(mother).toContain('Код услуги 02: 3 000 руб. 00 коп.')
    expect(mother).toContain('0 — нет')
    expect(mother).toContain('Борисов Борис')
    const earlier = await text(
      await desk.post(url, {
        year: '2025',
        code: '1',
        payer: 'patient',
        taxpayer_inn: '',
        patient_inn: '',
      }),
    )
    expect(earlier).toContain('Код услуги 01: 0 руб. 00 коп.')
  })

  it('refuses a bad INN, an unknown payer and a year out of range with 422', async () => {
    const url = `/patients/${t.boris}/billing/tax-certificate`
    const bad = await desk.post(url, {
      year: '2019',
      code: '1',
      payer: 'payer:9',
      taxpayer_inn: '12',
      patient_inn: '',
    })
    expect(bad.status).toBe(422)
    const html = await text(bad)
    expect(html).toContain('ИНН физического лица — 12 цифр.')
    expect(html).toContain('Выберите налогоплательщика.')
    expect(html).toContain('Выберите год.')
    const printed = await t.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'billing.print')
      .where('patient_id', '=', t.boris)
      .execute()
    expect(printed.map((p) => JSON.parse(p.details).document)).toEqual([
      'tax_certificate',
      'tax_certificate',
      'tax_certificate',
    ])
  })
})
