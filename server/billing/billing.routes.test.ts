import { beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../audit/audit.service.js'
import { insertAppointment } from '../medical/medical-testing.js'
import { billingClinic, text, type BillingClinic } from './billing-fixtures.js'

// The front desk's money: services, payments, refunds, balance and debts. Authorization and
// object-level (IDOR) refusals first; then the flows, each checked against the tables.

let t: BillingClinic
type B = Awaited<ReturnType<BillingClinic['as']>>
let desk: B
let doctor: B
let anna: string
let boris: string

beforeAll(async () => {
  t = await billingClinic()
  desk = await t.as('receptionist', 'reception')
  doctor = await t.as('doctor', 'surgery')
  anna = `/patients/${t.anna}/billing`
  boris = `/patients/${t.boris}/billing`
})

const count = async (table: 'payments' | 'visit_services') =>
  (await t.db.selectFrom(table).select('id').execute()).length

describe('who may touch the money', () => {
  it('refuses the assistant, who has no billing.read, the patient billing page and the day', async () => {
    const assistant = await t.as('assistant', 'surgery')
    expect((await assistant.request(anna)).status).toBe(403)
    expect((await assistant.request('/billing')).status).toBe(403)
    const denied = await t.db
      .selectFrom('audit_events')
      .select(['action', 'outcome'])
      .where('action', '=', 'access.denied')
      .execute()
    expect(denied.length).toBeGreaterThan(0)
  })

  it("keeps doctors' pay to the office: not the desk, not the chair, not the owner at the chair", async () => {
    expect((await desk.request('/payroll')).status).toBe(403)
    expect((await doctor.request('/payroll')).status).toBe(403)
    expect((await doctor.request(`/payroll/${t.ids.doctor}`)).status).toBe(403)
    const ownerAtChair = await t.as('owner', 'surgery')
    expect((await ownerAtChair.request('/payroll')).status).toBe(403)
    const owner = await t.as('owner', 'office')
    expect((await owner.request('/payroll')).status).toBe(200)
  })

  it('lets the doctor at the chair read balances and record a procedure but not take money', async () => {
    expect((await doctor.request(anna)).status).toBe(200)
    const before = await count('payments')
    const pay = await doctor.post(`${anna}/payments`, { method: 'cash', amount: '100' })
    expect(pay.status).toBe(403)
    expect((await doctor.post(`${anna}/services`, {})).status).toBe(403)
    expect(await count('payments')).toBe(before)
    // The chair's own route (medical.write): the page posts there for a doctor.
    const page = await text(await doctor.request(anna))
    expect(page).toContain(`action="/patients/${t.anna}/visit-services"`)
    expect(page).not.toContain(`action="${anna}/payments"`)
  })

  it('refuses the chair route at the reception desk (medical.* stays off the desk)', async () => {
    expect((await desk.post(`/patients/${t.anna}/visit-services`, {})).status).toBe(403)
  })

  it("refuses another patient's payment or service under this patient's path (IDOR)", async () => {
    await desk.post(`${anna}/payments`, { method: 'card', amount: '500' })
    const pay = await t.db
      .selectFrom('payments')
      .select('id')
      .where('patient_id', '=', t.anna)
      .executeTakeFirstOrThrow()
    const before = await count('payments')
    const res = await desk.post(`${boris}/payments/${pay.id}/refund`, { amount: '1', reason: 'x' })
    expect(res.status).toBe(404)
    expect(await count('payments')).toBe(before)
    await desk.post(`${anna}/services`, {
      price_item_id: String(t.prices['B01.065.001']),
      quantity: '1',
      discount: '',
      doctor_id: String(t.ids.doctor),
      appointment_id: '',
    })
    const svc = await t.db
      .selectFrom('visit_services')
      .select('id')
      .where('patient_id', '=', t.anna)
      .executeTakeFirstOrThrow()
    const rev = await desk.post(`${boris}/services/${svc.id}/reverse`, { reason: 'ошибка' })
    expect(rev.status).toBe(404)
    expect(await t.balance(t.boris)).toBe(0)
  })
})

describe('a visit paid at the desk', () => {
  let start: number
  beforeAll(async () => {
    start = await t.balance(t.anna)
  })

  it('adds a service with a discount; the balance shows it as a debt', async () => {
    const res = await desk.post(`${anna}/services`, {
      price_item_id: String(t.prices['A16.07.002.001']),
      quantity: '1',
      discount: '500',
      doctor_id: String(t.ids.doctor),
      appointment_id: '',
    })
    expect(res.status).toBe(303)
    const row = await t.db
      .selectFrom('visit_services')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      code: 'A16.07.002.001',
      quantity: 1,
      unit_price_kopecks: 450000,
      discount_kopecks: 50000,
      amount_kopecks: 400000,
      doctor_id: t.ids.doctor,
      performed_on: '2026-11-29',
    })
    expect(await t.balance(t.anna)).toBe(start - 400000)
    const html = await text(await desk.request(anna))
    expect(html).toContain('Лечение кариеса, пломба')
    expect(html).toContain(`data-balance="${start - 400000}"`)
    expect(html).toMatch(/Долг: [\d ]+,\d\d ₽/)
  })

  it('refuses a discount above the price and an unknown doctor, keeping the input', async () => {
    const res = await desk.post(`${anna}/services`, {
      price_item_id: String(t.prices['B01.065.001']),
      quantity: '2',
      discount: '2500',
      doctor_id: '999',
      appointment_id: '',
    })
    expect(res.status).toBe(422)
    const html = await text(res)
    expect(html).toContain('Скидка больше стоимости услуги.')
    expect(html).toContain('Выберите врача.')
    expect(html).toContain('value="2500"')
  })

  it('takes a payment; a bad amount is a 422 with the payer kept', async () => {
    const bad = await desk.post(`${anna}/payments`, {
      method: 'cash',
      amount: '-5',
      payer_name: 'Смирнов Олег Иванович',
      appointment_id: '',
    })
    expect(bad.status).toBe(422)
    expect(await text(bad)).toContain('value="Смирнов Олег Иванович"')
    const before = await t.balance(t.anna)
    const res = await desk.post(`${anna}/payments`, {
      method: 'cash',
      amount: '1500,50',
      payer_name: '',
      appointment_id: '',
    })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`${anna}?done=payment`)
    expect(await t.balance(t.anna)).toBe(before + 150050)
    const fiscal = await t.db
      .selectFrom('audit_events')
      .select(['details', 'patient_id'])
      .where('action', '=', 'billing.fiscal')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(JSON.parse(fiscal.details)).toMatchObject({ status: 'not_printed', register: 'none' })
    const page = await text(await desk.request(`${anna}?done=payment`))
    expect(page).toContain('касса не подключена')
  })

  it('refunds with a reason, never above what is left of the payment, by its method', async () => {
    const pay = await t.db
      .selectFrom('payments')
      .selectAll()
      .where('amount_kopecks', '=', 150050)
      .executeTakeFirstOrThrow()
    const url = `${anna}/payments/${pay.id}/refund`
    const noReason = await desk.post(url, { amount: '100', reason: ' ' })
    expect(noReason.status).toBe(422)
    expect(await text(noReason)).toContain('Укажите причину')
    const tooMuch = await desk.post(url, { amount: '1500,51', reason: 'Передумал' })
    expect(tooMuch.status).toBe(422)
    expect(await text(tooMuch)).toContain('больше, чем осталось')
    const before = await t.balance(t.anna)
    expect((await desk.post(url, { amount: '1000', reason: 'Отмена визита' })).status).toBe(303)
    const refund = await t.db
      .selectFrom('payments')
      .selectAll()
      .where('refund_of', '=', pay.id)
      .executeTakeFirstOrThrow()
    expect(refund).toMatchObject({ kind: 'refund', method: 'cash', amount_kopecks: 100000 })
    expect(await t.balance(t.anna)).toBe(before - 100000)
    // What is left (500,50) can be refunded, not a kopeck more.
    expect((await desk.post(url, { amount: '500,51', reason: 'ещё' })).status).toBe(422)
    expect((await desk.post(url, { amount: '500,50', reason: 'ещё' })).status).toBe(303)
    expect((await desk.post(url, { amount: '0,01', reason: 'ещё' })).status).toBe(422)
  })

  it('shows the same balance the tables add up to, and lists the debtor on the day page', async () => {
    const b = await t.balance(t.anna)
    expect(b).toBeLessThan(0)
    const html = await desk.request(anna).then((r) => r.text())
    expect(html).toContain(`data-balance="${b}"`)
    const day = await text(await desk.request('/billing'))
    expect(day).toContain('Смирнова Анна')
    expect(day).toContain(`/patients/${t.anna}/billing`)
    const dayOther = await text(await desk.request('/billing?date=2026-11-28'))
    expect(dayOther).toContain('За этот день операций нет.')
  })

  it('cancels a service by a reversal row with a reason, once', async () => {
    const original = await t.db
      .selectFrom('visit_services')
      .selectAll()
      .where('amount_kopecks', '=', 400000)
      .executeTakeFirstOrThrow()
    const url = `${anna}/services/${original.id}/reverse`
    expect((await desk.post(url, { reason: '' })).status).toBe(422)
    const before = await t.balance(t.anna)
    expect((await desk.post(url, { reason: 'Услуга внесена ошибочно' })).status).toBe(303)
    const rev = await t.db
      .selectFrom('visit_services')
      .selectAll()
      .where('reverses_id', '=', original.id)
      .executeTakeFirstOrThrow()
    expect(rev).toMatchObject({
      quantity: -1,
      amount_kopecks: -400000,
      reason: 'Услуга внесена ошибочно',
    })
    expect(await t.balance(t.anna)).toBe(before + 400000)
    const again = await desk.post(url, { reason: 'ещё раз' })
    expect(again.status).toBe(422)
    expect(await text(again)).toContain('уже отменена')
  })

  it('never updates or deletes a money row, and every change is in a verifiable audit chain', async () => {
    await expect(t.db.updateTable('payments').set({ amount_kopecks: 1 }).execute()).rejects.toThrow(
      /append-only/,
    )
    await expect(t.db.deleteFrom('visit_services').execute()).rejects.toThrow(/append-only/)
    const actions = (await t.db.selectFrom('audit_events').select('action').execute()).map(
      (e) => e.action,
    )
    for (const a of [
      'billing.open',
      'billing.payment',
      'billing.refund',
      'billing.service_add',
      'billing.service_reverse',
      'billing.fiscal',
      'billing.day',
    ]) {
      expect(actions).toContain(a)
    }
    const open = await t.db
      .selectFrom('audit_events')
      .select(['patient_id', 'category'])
      .where('action', '=', 'billing.open')
      .executeTakeFirstOrThrow()
    expect(open.category).toBe('billing')
    expect((await verifyAuditChain(t.db, t.services.keys.audit)).ok).toBe(true)
  })

  it('ties a service recorded at the chair to the appointment chosen', async () => {
    await insertAppointment(t, t.ids.doctor, t.boris)
    const appt = await t.db
      .selectFrom('appointments')
      .select('id')
      .where('patient_id', '=', t.boris)
      .executeTakeFirstOrThrow()
    const res = await doctor.post(`/patients/${t.boris}/visit-services`, {
      price_item_id: String(t.prices['B01.065.001']),
      quantity: '1',
      discount: '',
      doctor_id: String(t.ids.doctor),
      appointment_id: String(appt.id),
    })
    expect(res.status).toBe(303)
    const row = await t.db
      .selectFrom('visit_services')
      .selectAll()
      .where('patient_id', '=', t.boris)
      .executeTakeFirstOrThrow()
    expect(row.appointment_id).toBe(appt.id)
    expect(row.created_by).toBe(t.ids.doctor)
    // The doctor corrects it at the chair, with a reason.
    const url = `/patients/${t.boris}/visit-services/${row.id}/reverse`
    expect((await doctor.post(url, { reason: 'Осмотр не проводился' })).status).toBe(303)
    expect(await t.balance(t.boris)).toBe(0)
  })
})

describe('materials of a performed procedure', () => {
  it('are written off with the service by its technology card and returned by its reversal', async () => {
    const at = t.clock.now().toISOString()
    const material = await t.db
      .insertInto('materials')
      .values({
        name: 'Композит Filtek',
        unit: 'g',
        min_quantity_milli: 0,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await t.db
      .insertInto('tech_card_lines')
      .values({
        price_item_id: t.prices['A16.07.008.001']!,
        material_id: material.id,
        quantity_milli: 250,
        updated_by: t.ids.owner,
        updated_at: at,
      })
      .execute()
    const stock = async () =>
      await t.db
        .selectFrom('stock_movements')
        .select(['quantity_milli', 'kind', 'visit_service_id'])
        .where('material_id', '=', material.id)
        .orderBy('id')
        .execute()
    const res = await desk.post(`${boris}/services`, {
      price_item_id: String(t.prices['A16.07.008.001']),
      quantity: '2',
      discount: '',
      doctor_id: String(t.ids.doctor2),
      appointment_id: '',
    })
    expect(res.status).toBe(303)
    const svc = await t.db
      .selectFrom('visit_services')
      .select(['id', 'amount_kopecks'])
      .where('code', '=', 'A16.07.008.001')
      .executeTakeFirstOrThrow()
    expect(svc.amount_kopecks).toBe(2 * 780050)
    expect(await stock()).toEqual([
      { quantity_milli: -500, kind: 'procedure', visit_service_id: svc.id },
    ])
    expect(
      (await desk.post(`${boris}/services/${svc.id}/reverse`, { reason: 'Не проводилось' })).status,
    ).toBe(303)
    const moves = await stock()
    expect(moves).toHaveLength(2)
    expect(moves[1]).toMatchObject({ quantity_milli: 500, kind: 'reversal' })
    expect(moves.reduce((s, m) => s + m.quantity_milli, 0)).toBe(0)
  })
})
