import { beforeAll, describe, expect, it } from 'vitest'
import { clinic, seedPrices, type Clinic } from '../plans/plan-fixtures.js'
import { addMaterial, balance, text, type StockBrowser } from './stock-testing.js'
import { monthReport } from './stock-report.queries.js'
import { reverseWriteOffForService, writeOffForService } from './stock.service.js'

// The month's materials report: opening + receipts − procedures − write-offs ± stock-take =
// closing, with movements on both sides of the month's edges. And the two functions billing
// calls inside its own transaction.

let k: Clinic
let assistant: StockBrowser
let prices: Record<string, number>
let gel: number
let staffId: number

const at = '2026-11-29T09:00:00.000Z'

beforeAll(async () => {
  k = await clinic()
  prices = await seedPrices(k)
  assistant = await k.as('assistant', k.surgery)
  gel = await addMaterial(k, assistant, {
    name: 'Гель для травления',
    unit: 'ml',
    min_quantity: '2',
  })
  staffId = (
    await k.db
      .selectFrom('staff')
      .select('id')
      .where('login', '=', 'assistant')
      .executeTakeFirstOrThrow()
  ).id
  await assistant.post(`/stock/tech-cards/${prices['A16.07.002.001']}/lines`, {
    material_id: String(gel),
    quantity: '0,25',
  })
})

describe('writeOffForService and reverseWriteOffForService', () => {
  it('write off card × quantity, give back exactly that once, and ignore services without a card', async () => {
    await k.db.transaction().execute(async (trx) => {
      await writeOffForService(trx, {
        visitServiceId: 9001,
        priceItemId: prices['A16.07.002.001']!,
        quantity: 3,
        staffId,
        deviceId: null,
        onDate: '2026-11-15',
        at,
      })
      await writeOffForService(trx, {
        visitServiceId: 9002,
        priceItemId: prices['B01.065.001']!,
        quantity: 1,
        staffId,
        deviceId: null,
        onDate: '2026-11-15',
        at,
      })
    })
    expect(await balance(k, gel)).toBe(-750) // negative stock is allowed: shown as a shortage
    const input = {
      visitServiceId: 9001,
      reversalServiceId: 9003,
      staffId,
      deviceId: null,
      onDate: '2026-11-16',
      at,
    }
    await reverseWriteOffForService(k.db, input)
    await reverseWriteOffForService(k.db, input)
    expect(await balance(k, gel)).toBe(0)
    await expect(
      writeOffForService(k.db, {
        visitServiceId: 9004,
        priceItemId: prices['A16.07.002.001']!,
        quantity: 0,
        staffId,
        deviceId: null,
        onDate: '2026-11-16',
        at,
      }),
    ).rejects.toThrow(/quantity/)
  })
})

describe('the monthly materials report', () => {
  it('adds up: opening + receipts − procedures − write-offs ± stock-take = closing', async () => {
    const post = async (url: string, form: Record<string, string>) => {
      const res = await assistant.post(url, form)
      expect(res.status, url).toBe(303)
    }
    // October: 10 ml at 300 ₽, 1 ml expired.
    await post('/stock/receipts', {
      on_date: '2026-10-05',
      supplier_name: 'Поставщик А',
      material_0: String(gel),
      quantity_0: '10',
      cost_0: '300',
    })
    await post('/stock/write-offs', {
      on_date: '2026-10-20',
      reason: 'expired',
      material_0: String(gel),
      quantity_0: '1',
    })
    // November: 5 ml at 360 ₽; 0,5 ml damaged; procedures 2 × 0,25 (and the reversed pair of
    // the test above, net zero); a stock-take finds 0,2 ml less than the ledger.
    await post('/stock/receipts', {
      on_date: '2026-11-03',
      supplier_id: '1',
      material_0: String(gel),
      quantity_0: '5',
      cost_0: '360',
    })
    await post('/stock/write-offs', {
      on_date: '2026-11-10',
      reason: 'damaged',
      material_0: String(gel),
      quantity_0: '0,5',
    })
    await writeOffForService(k.db, {
      visitServiceId: 9010,
      priceItemId: prices['A16.07.002.001']!,
      quantity: 2,
      staffId,
      deviceId: null,
      onDate: '2026-11-20',
      at,
    })
    // 9 + 5 − 0,5 − 0,5 = 13 ml on record; 12,8 counted.
    expect(await balance(k, gel)).toBe(13_000)
    await post('/stock/stocktakes', { step: 'post', [`counted_${gel}`]: '12,8' })
    // December (the clinic's future here): not in November's report.
    await writeOffForService(k.db, {
      visitServiceId: 9011,
      priceItemId: prices['A16.07.002.001']!,
      quantity: 4,
      staffId,
      deviceId: null,
      onDate: '2026-12-01',
      at,
    })

    const oct = await monthReport(k.db, '2026-10')
    expect(oct.lines[0]).toMatchObject({
      opening_milli: 0,
      receipts_milli: 10_000,
      write_offs_milli: 1000,
      closing_milli: 9000,
      receipts_cost_kopecks: 300_000,
    })
    const nov = await monthReport(k.db, '2026-11')
    const line = nov.lines[0]!
    expect(line).toMatchObject({
      opening_milli: 9000,
      receipts_milli: 5000,
      procedures_milli: 500,
      write_offs_milli: 500,
      stocktake_milli: -200,
      closing_milli: 12_800,
      receipts_cost_kopecks: 180_000,
    })
    expect(line.closing_milli).toBe(
      line.opening_milli +
        line.receipts_milli -
        line.procedures_milli -
        line.write_offs_milli +
        line.stocktake_milli,
    )
    // Used 1 ml at the average receipt price to the month's end: (10×300 + 5×360) / 15 = 320 ₽.
    expect(line.used_cost_kopecks).toBe(32_000)
    expect(nov.totals).toEqual({ receipts_cost_kopecks: 180_000, used_cost_kopecks: 32_000 })

    const html = await text(await assistant.request('/stock/report?month=2026-11'))
    expect(html).toContain('Материалы за ноябрь 2026 г.')
    expect(html).toContain(
      '<td class="num">9 мл</td><td class="num">5 мл</td><td class="num">0,5 мл</td><td class="num">0,5 мл</td><td class="num">-0,2 мл</td><td class="num">12,8 мл</td><td class="num">1 800,00 ₽</td><td class="num">320,00 ₽</td>',
    )
    const bad = await assistant.request('/stock/report?month=2026-13')
    expect(bad.status).toBe(422)
    expect(await text(bad)).toContain('Месяц: ГГГГ-ММ')
  })

  it('is in English for an English-speaking clinic', async () => {
    const en = await clinic({ ENAMEL_LOCALE: 'en' })
    const a = await en.as('assistant', en.surgery)
    const id = await addMaterial(en, a, { name: 'Etching gel', unit: 'ml' })
    await a.post('/stock/receipts', {
      supplier_name: 'Supplier',
      material_0: String(id),
      quantity_0: '1234,5',
      cost_0: '3',
    })
    const html = await text(await a.request('/stock'))
    expect(html).toContain('1,234.5 ml')
    expect(await text(await a.request('/stock/report?month=2026-11'))).toContain(
      'Materials for November 2026',
    )
  })
})
