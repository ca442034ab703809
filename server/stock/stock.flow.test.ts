import { beforeAll, describe, expect, it } from 'vitest'
import { clinic, seedPrices, type Browser, type Clinic } from '../plans/plan-fixtures.js'
import { addMaterial, balance, text, type StockBrowser } from './stock-testing.js'

// A procedure completed in the medical card writes off its materials: the technology card of a
// price-list service, a plan with that service, accepted, the item marked done by the doctor at
// the chair through the real route — and the balances drop exactly. A reversal gives back
// exactly what was taken, even after the card changed.

let k: Clinic
let assistant: StockBrowser
let doctor: Browser
let prices: Record<string, number>
let anest: number
let composite: number
let planBase: string
let itemId: number

const FILLING = 'A16.07.002.001'

beforeAll(async () => {
  k = await clinic()
  prices = await seedPrices(k)
  assistant = await k.as('assistant', k.surgery)
  doctor = await k.as('doctor', k.surgery)
  anest = await addMaterial(k, assistant, { name: 'Артикаин', unit: 'carpule', min_quantity: '5' })
  composite = await addMaterial(k, assistant, { name: 'Композит Filtek', unit: 'g' })
  const receipt = await assistant.post('/stock/receipts', {
    supplier_name: 'Дентал-Снаб',
    material_0: String(anest),
    quantity_0: '20',
    cost_0: '95',
    material_1: String(composite),
    quantity_1: '10',
    cost_1: '400',
  })
  expect(receipt.status).toBe(303)
  for (const [material, quantity] of [
    [anest, '1'],
    [composite, '0,3'],
  ] as const) {
    const res = await assistant.post(`/stock/tech-cards/${prices[FILLING]}/lines`, {
      material_id: String(material),
      quantity,
    })
    expect(res.status).toBe(303)
  }
})

describe('a procedure completed in the medical card', () => {
  it('writes off the materials of its technology card × the quantity, exactly', async () => {
    const created = await doctor.post(`/patients/${k.patientA}/plans`, { title: 'Санация' })
    expect(created.status).toBe(303)
    planBase = created.headers.get('location')!
    const added = await doctor.post(`${planBase}/items`, {
      price_item_id: String(prices[FILLING]),
      tooth: '',
      quantity: '2',
      stage_id: '',
    })
    expect(added.status).toBe(303)
    // Another service without a card: marking it done moves no stock.
    await doctor.post(`${planBase}/items`, {
      price_item_id: String(prices['B01.065.001']),
      tooth: '',
      quantity: '1',
      stage_id: '',
    })
    const items = await k.db.selectFrom('plan_items').select(['id', 'code']).execute()
    itemId = items.find((i) => i.code === FILLING)!.id
    const exam = items.find((i) => i.code === 'B01.065.001')!.id
    expect(
      (await doctor.post(`${planBase}/status`, { status: 'accepted', reason: '' })).status,
    ).toBe(303)
    // Accepting a plan performs nothing.
    expect(await balance(k, anest)).toBe(20_000)

    const done = await doctor.post(`${planBase}/items/${itemId}/status`, {
      status: 'done',
      reason: '',
    })
    expect(done.status).toBe(303)
    expect(await balance(k, anest)).toBe(18_000)
    expect(await balance(k, composite)).toBe(9_400)
    expect(
      (await doctor.post(`${planBase}/items/${exam}/status`, { status: 'done', reason: '' }))
        .status,
    ).toBe(303)

    const service = await k.db
      .selectFrom('visit_services')
      .select(['id', 'performed_on'])
      .where('plan_item_id', '=', itemId)
      .executeTakeFirstOrThrow()
    const moves = await k.db
      .selectFrom('stock_movements')
      .select(['material_id', 'kind', 'quantity_milli', 'visit_service_id', 'on_date'])
      .where('kind', '=', 'procedure')
      .orderBy('id')
      .execute()
    expect(moves).toEqual([
      {
        material_id: anest,
        kind: 'procedure',
        quantity_milli: -2000,
        visit_service_id: service.id,
        on_date: service.performed_on,
      },
      {
        material_id: composite,
        kind: 'procedure',
        quantity_milli: -600,
        visit_service_id: service.id,
        on_date: service.performed_on,
      },
    ])
    // The material's history says which procedure took it, and names no patient.
    const page = await text(await assistant.request(`/stock/materials/${composite}`))
    expect(page).toContain('Процедура')
    expect(page).toContain(`${FILLING} Лечение кариеса, пломба`)
    expect(page).toContain('9,4 г')
    expect(page).not.toContain('Иванова')
    // The month's report counts it as used by procedures.
    const report = await text(await assistant.request('/stock/report?month=2026-11'))
    expect(report).toMatch(
      /Артикаин<\/a><\/th><td class="num">0 карп\.<\/td><td class="num">20 карп\.<\/td><td class="num">2 карп\.<\/td>/,
    )
  })

  it('is reversed: exactly what was taken comes back, whatever the card says now', async () => {
    // The card changes after the procedure; the reversal must not follow it.
    await assistant.post(`/stock/tech-cards/${prices[FILLING]}/lines`, {
      material_id: String(anest),
      quantity: '3',
    })
    const service = await k.db
      .selectFrom('visit_services')
      .select('id')
      .where('plan_item_id', '=', itemId)
      .executeTakeFirstOrThrow()
    const res = await doctor.post(`/patients/${k.patientA}/visit-services/${service.id}/reverse`, {
      reason: 'Отмечено по ошибке',
    })
    expect(res.status).toBe(303)
    expect(await balance(k, anest)).toBe(20_000)
    expect(await balance(k, composite)).toBe(10_000)
    const reversal = await k.db
      .selectFrom('visit_services')
      .select('id')
      .where('reverses_id', '=', service.id)
      .executeTakeFirstOrThrow()
    const back = await k.db
      .selectFrom('stock_movements')
      .select(['material_id', 'quantity_milli', 'visit_service_id'])
      .where('kind', '=', 'reversal')
      .orderBy('id')
      .execute()
    expect(back).toEqual([
      { material_id: anest, quantity_milli: 2000, visit_service_id: reversal.id },
      { material_id: composite, quantity_milli: 600, visit_service_id: reversal.id },
    ])
    // Net consumption by procedures in the month is now zero.
    const report = await text(await assistant.request('/stock/report?month=2026-11'))
    expect(report).toMatch(
      /Артикаин<\/a><\/th><td class="num">0 карп\.<\/td><td class="num">20 карп\.<\/td><td class="num">0 карп\.<\/td>/,
    )
  })
})
