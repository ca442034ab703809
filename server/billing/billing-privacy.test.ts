import { beforeAll, describe, expect, it } from 'vitest'
import { insertAppointment, visitForm } from '../medical/medical-testing.js'
import { billingClinic, text, type BillingClinic } from './billing-fixtures.js'

// What the front desk sees of a treated patient: the service names and prices, never the
// diagnosis, the complaints or any other medical text (323-ФЗ ст.13). And the single place a
// procedure becomes performed: a plan item marked done.

let t: BillingClinic
type B = Awaited<ReturnType<BillingClinic['as']>>
let doctor: B
let desk: B
const MEDICAL = visitForm(0)
const APPOINTMENT_REASON = 'Острая боль в 36 зубе ночью'

beforeAll(async () => {
  t = await billingClinic()
  doctor = await t.as('doctor', 'surgery')
  desk = await t.as('receptionist', 'reception')
  await insertAppointment(t, t.ids.doctor, t.anna)
  await t.db.updateTable('appointments').set({ reason: APPOINTMENT_REASON }).execute()
})

describe('a plan item done at the chair', () => {
  let planBase: string
  beforeAll(async () => {
    const created = await doctor.post(`/patients/${t.anna}/plans`, { title: 'Санация' })
    planBase = created.headers.get('location')!
    for (const [code, tooth, quantity] of [
      ['A16.07.002.001', '36', '1'],
      ['B01.065.001', '', '2'],
    ] as const) {
      const res = await doctor.post(`${planBase}/items`, {
        price_item_id: String(t.prices[code]),
        tooth,
        quantity,
        stage_id: '',
      })
      expect(res.status).toBe(303)
    }
    expect(
      (await doctor.post(`${planBase}/status`, { status: 'accepted', reason: '' })).status,
    ).toBe(303)
  })

  it("records a performed service by the doctor, tied to today's appointment", async () => {
    const item = await t.db
      .selectFrom('plan_items')
      .select(['id'])
      .where('code', '=', 'A16.07.002.001')
      .executeTakeFirstOrThrow()
    expect(await t.db.selectFrom('visit_services').select('id').execute()).toHaveLength(0)
    const res = await doctor.post(`${planBase}/items/${item.id}/status`, {
      status: 'done',
      reason: '',
    })
    expect(res.status).toBe(303)
    const appt = await t.db.selectFrom('appointments').select('id').executeTakeFirstOrThrow()
    const row = await t.db.selectFrom('visit_services').selectAll().executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      patient_id: t.anna,
      plan_item_id: item.id,
      code: 'A16.07.002.001',
      name: 'Лечение кариеса, пломба',
      doctor_id: t.ids.doctor,
      appointment_id: appt.id,
      quantity: 1,
      unit_price_kopecks: 450000,
      amount_kopecks: 450000,
      performed_on: '2026-11-29',
      created_by: t.ids.doctor,
    })
    expect(await t.balance(t.anna)).toBe(-450000)
  })

  it("credits the plan's author when an assistant marks the item done", async () => {
    const assistant = await t.as('assistant', 'surgery')
    const item = await t.db
      .selectFrom('plan_items')
      .select(['id'])
      .where('code', '=', 'B01.065.001')
      .executeTakeFirstOrThrow()
    const res = await assistant.post(`${planBase}/items/${item.id}/status`, {
      status: 'done',
      reason: '',
    })
    expect(res.status).toBe(303)
    const row = await t.db
      .selectFrom('visit_services')
      .selectAll()
      .where('plan_item_id', '=', item.id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ doctor_id: t.ids.doctor, created_by: t.ids.assistant })
    expect(row.amount_kopecks).toBe(200000)
  })

  it('does not bill an item twice: done is final', async () => {
    const item = await t.db
      .selectFrom('plan_items')
      .select(['id'])
      .where('code', '=', 'B01.065.001')
      .executeTakeFirstOrThrow()
    const again = await doctor.post(`${planBase}/items/${item.id}/status`, {
      status: 'done',
      reason: '',
    })
    expect(again.status).toBe(422)
    expect(await t.db.selectFrom('visit_services').select('id').execute()).toHaveLength(2)
  })
})

describe("the receptionist's billing page and statement", () => {
  beforeAll(async () => {
    const visit = await doctor.post(`/patients/${t.anna}/medical/visits`, visitForm(t.ids.doctor))
    expect(visit.status).toBeLessThan(400)
    const saved = await t.db
      .selectFrom('medical_entries')
      .select('id')
      .where('patient_id', '=', t.anna)
      .execute()
    expect(saved.length).toBeGreaterThan(0)
    await desk.post(`/patients/${t.anna}/billing/payments`, {
      method: 'card',
      amount: '4500',
      payer_name: '',
      appointment_id: '',
    })
  })

  const medicalTexts = [
    MEDICAL.complaints,
    MEDICAL.anamnesis_morbi,
    MEDICAL.anamnesis_vitae,
    MEDICAL.dental_status,
    MEDICAL.diagnosis_code,
    MEDICAL.diagnosis_text,
    MEDICAL.treatment,
    MEDICAL.recommendations,
    APPOINTMENT_REASON,
  ]

  it('shows service names and prices and none of the medical text', async () => {
    const res = await desk.request(`/patients/${t.anna}/billing`)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toContain('no-store')
    const html = await text(res)
    expect(html).toContain('Лечение кариеса, пломба')
    expect(html).toContain('4 500,00 ₽')
    for (const s of medicalTexts) expect(html, s).not.toContain(s)
    expect(html).not.toContain('/medical')
  })

  it('prints a statement with the services, payments and balance, and no medical text', async () => {
    const res = await desk.request(`/patients/${t.anna}/billing/statement`)
    expect(res.status).toBe(200)
    const html = await text(res)
    expect(html).toContain('Выписка по лицевому счёту пациента')
    expect(html).toContain('Осмотр стоматолога')
    expect(html).toContain(`data-closing="${await t.balance(t.anna)}"`)
    for (const s of medicalTexts) expect(html, s).not.toContain(s)
    const printed = await t.db
      .selectFrom('audit_events')
      .select(['patient_id', 'details'])
      .where('action', '=', 'billing.print')
      .executeTakeFirstOrThrow()
    expect(printed.patient_id).toBe(t.anna)
    expect(JSON.parse(printed.details).document).toBe('statement')
  })

  it('opens the opening balance of a later period from what came before', async () => {
    const html = await text(
      await desk.request(`/patients/${t.anna}/billing/statement?from=2026-11-30&to=2026-12-31`),
    )
    const b = await t.balance(t.anna)
    expect(html).toContain(`data-closing="${b}"`)
    expect(html).not.toContain('Осмотр стоматолога')
  })
})
