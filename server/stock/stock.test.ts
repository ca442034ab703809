import { beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../audit/audit.service.js'
import { clinic, events, seedPrices, type Clinic } from '../plans/plan-fixtures.js'
import { addMaterial, balance, text, type StockBrowser } from './stock-testing.js'

// Stock through its routes: who may, materials, receipts, write-offs, stock-takes, technology
// cards, the home page's warning. Authorization-negative cases first.

let k: Clinic
let assistant: StockBrowser
let prices: Record<string, number>

beforeAll(async () => {
  k = await clinic()
  prices = await seedPrices(k)
  assistant = await k.as('assistant', k.surgery)
})

const ROUTES: [method: 'GET' | 'POST', path: string][] = [
  ['GET', '/stock'],
  ['GET', '/stock/materials/new'],
  ['POST', '/stock/materials'],
  ['GET', '/stock/materials/1'],
  ['POST', '/stock/materials/1'],
  ['GET', '/stock/receipts/new'],
  ['POST', '/stock/receipts'],
  ['GET', '/stock/write-offs/new'],
  ['POST', '/stock/write-offs'],
  ['GET', '/stock/stocktakes/new'],
  ['POST', '/stock/stocktakes'],
  ['GET', '/stock/stocktakes/1'],
  ['GET', '/stock/tech-cards'],
  ['GET', '/stock/tech-cards/1'],
  ['POST', '/stock/tech-cards/1/lines'],
  ['POST', '/stock/tech-cards/1/lines/1/remove'],
  ['GET', '/stock/report?month=2026-11'],
]

describe('who may use stock', () => {
  it('the front desk may not open any stock page, and each refusal is audited', async () => {
    await addMaterial(k, assistant, { name: 'Перчатки', unit: 'pcs' })
    const anna = await k.as('anna', k.reception)
    const before = (await events(k, 'access.denied')).length
    for (const [method, path] of ROUTES) {
      const res = method === 'GET' ? await anna.request(path) : await anna.post(path, { name: 'x' })
      expect(res.status, `${method} ${path}`).toBe(403)
    }
    expect((await events(k, 'access.denied')).length - before).toBe(ROUTES.length)
    // And the home page does not list stock for her.
    expect(await text(await anna.request('/'))).not.toContain('Заканчиваются материалы')
  })

  it('a doctor reads stock but changes nothing', async () => {
    const doctor = await k.as('doctor', k.surgery)
    for (const [method, path] of ROUTES) {
      const res =
        method === 'GET' ? await doctor.request(path) : await doctor.post(path, { name: 'x' })
      const writes = method === 'POST' || /\/new$/.test(path)
      // No stock-take exists yet: its page is a 404, past the access check.
      const missing = path === '/stock/stocktakes/1'
      expect(res.status, `${method} ${path}`).toBe(writes ? 403 : missing ? 404 : 200)
    }
    const html = await text(await doctor.request('/stock'))
    expect(html).toContain('Перчатки')
    expect(html).not.toContain('href="/stock/receipts/new"')
    expect(html).not.toContain('Добавить материал')
    expect(await k.db.selectFrom('materials').select('id').execute()).toHaveLength(1)
  })
})

describe('materials', () => {
  it('are created with a unit and a threshold, names unique, bad input kept (422)', async () => {
    const id = await addMaterial(k, assistant, {
      name: 'Анестетик Ультракаин',
      unit: 'carpule',
      min_quantity: '10',
    })
    const row = await k.db
      .selectFrom('materials')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ unit: 'carpule', min_quantity_milli: 10_000, active: 1 })
    const dup = await assistant.post('/stock/materials', {
      name: 'Анестетик Ультракаин',
      unit: 'ml',
      min_quantity: '0,5',
    })
    expect(dup.status).toBe(422)
    const html = await text(dup)
    expect(html).toContain('Материал с таким названием уже есть.')
    expect(html).toContain('value="0,5"')
    const bad = await assistant.post('/stock/materials', {
      name: 'Композит',
      unit: 'litre',
      min_quantity: '1,2345',
    })
    expect(bad.status).toBe(422)
    const badHtml = await text(bad)
    expect(badHtml).toContain('Выберите единицу из списка.')
    expect(badHtml).toContain('до трёх знаков после запятой')
    expect(badHtml).toContain('value="Композит"')
  })

  it('are edited with the change audited old → new; the unit is fixed once stock moved', async () => {
    const id = await addMaterial(k, assistant, { name: 'Бонд', unit: 'ml', min_quantity: '1' })
    const saved = await assistant.post(`/stock/materials/${id}`, {
      name: 'Бонд адгезив',
      unit: 'ml',
      min_quantity: '2,5',
      active: '1',
    })
    expect(saved.status).toBe(303)
    const ev = (await events(k, 'stock.material_update')).at(-1)!
    expect(JSON.parse(ev.details)).toMatchObject({
      old_name: 'Бонд',
      name: 'Бонд адгезив',
      old_min_quantity_milli: 1000,
      min_quantity_milli: 2500,
    })
    await assistant.post('/stock/write-offs', {
      reason: 'damaged',
      material_0: String(id),
      quantity_0: '0,5',
    })
    const unit = await assistant.post(`/stock/materials/${id}`, {
      name: 'Бонд адгезив',
      unit: 'g',
      min_quantity: '2,5',
      active: '1',
    })
    expect(unit.status).toBe(422)
    expect(await text(unit)).toContain('Единицу нельзя изменить')
    // The shortage shows in words, not by colour alone, with the clinic's decimal comma.
    const page = await text(await assistant.request(`/stock/materials/${id}`))
    expect(page).toContain('-0,5 мл')
    expect(page).toContain('Недостача')
    expect(page).toContain('Повреждено')
  })
})

describe('a receipt', () => {
  it('adds every line in one transaction, with a new supplier, costs kept', async () => {
    const gloves = await k.db
      .selectFrom('materials')
      .select('id')
      .where('name', '=', 'Перчатки')
      .executeTakeFirstOrThrow()
    const anest = await k.db
      .selectFrom('materials')
      .select('id')
      .where('name', '=', 'Анестетик Ультракаин')
      .executeTakeFirstOrThrow()
    const res = await assistant.post('/stock/receipts', {
      supplier_name: 'ООО «Дентал-Снаб»',
      supplier_inn: '7701234567',
      material_0: String(gloves.id),
      quantity_0: '200',
      cost_0: '12,50',
      material_3: String(anest.id),
      quantity_3: '50',
      cost_3: '95',
    })
    expect(res.status).toBe(303)
    expect(await balance(k, gloves.id)).toBe(200_000)
    expect(await balance(k, anest.id)).toBe(50_000)
    const moves = await k.db
      .selectFrom('stock_movements')
      .selectAll()
      .where('kind', '=', 'receipt')
      .orderBy('id')
      .execute()
    expect(moves.map((m) => [m.quantity_milli, m.unit_cost_kopecks])).toEqual([
      [200_000, 1250],
      [50_000, 9500],
    ])
    const supplier = await k.db.selectFrom('suppliers').selectAll().executeTakeFirstOrThrow()
    expect(supplier).toMatchObject({ name: 'ООО «Дентал-Снаб»', inn: '7701234567' })
    expect(moves.every((m) => m.supplier_id === supplier.id)).toBe(true)
    const ev = (await events(k, 'stock.receipt')).at(-1)!
    expect(JSON.parse(ev.details)).toMatchObject({ lines: 2, cost_kopecks: 200 * 1250 + 50 * 9500 })
    const page = await text(await assistant.request(`/stock/materials/${gloves.id}`))
    expect(page).toContain('ООО «Дентал-Снаб», 12,50 ₽ за ед.')
  })

  it('with one bad line writes nothing and comes back with the input (422)', async () => {
    const before = await k.db.selectFrom('stock_movements').select('id').execute()
    const gloves = await k.db
      .selectFrom('materials')
      .select('id')
      .where('name', '=', 'Перчатки')
      .executeTakeFirstOrThrow()
    const res = await assistant.post('/stock/receipts', {
      supplier_id: '1',
      material_0: String(gloves.id),
      quantity_0: '100',
      cost_0: '12',
      material_1: String(gloves.id),
      quantity_1: '-5',
      cost_1: '12',
    })
    expect(res.status).toBe(422)
    const html = await text(res)
    expect(html).toContain('Количество: число больше нуля')
    expect(html).toContain('value="-5"')
    expect(html).toContain('value="100"')
    expect(await k.db.selectFrom('stock_movements').select('id').execute()).toEqual(before)
    const noSupplier = await assistant.post('/stock/receipts', {
      material_0: String(gloves.id),
      quantity_0: '1',
      cost_0: '1',
    })
    expect(noSupplier.status).toBe(422)
    expect(await text(noSupplier)).toContain('Выберите поставщика')
  })
})

describe('a write-off', () => {
  it('needs a reason: without one it is refused (422) with the input kept', async () => {
    const gloves = await k.db
      .selectFrom('materials')
      .select('id')
      .where('name', '=', 'Перчатки')
      .executeTakeFirstOrThrow()
    const before = await balance(k, gloves.id)
    const res = await assistant.post('/stock/write-offs', {
      reason: '',
      material_0: String(gloves.id),
      quantity_0: '7',
    })
    expect(res.status).toBe(422)
    const html = await text(res)
    expect(html).toContain('Выберите причину списания.')
    expect(html).toContain('value="7"')
    const other = await assistant.post('/stock/write-offs', {
      reason: 'other',
      material_0: String(gloves.id),
      quantity_0: '7',
    })
    expect(other.status).toBe(422)
    expect(await text(other)).toContain('опишите её в комментарии')
    expect(await balance(k, gloves.id)).toBe(before)

    const ok = await assistant.post('/stock/write-offs', {
      reason: 'expired',
      comment: 'партия 0425',
      material_0: String(gloves.id),
      quantity_0: '7',
    })
    expect(ok.status).toBe(303)
    expect(await balance(k, gloves.id)).toBe(before - 7000)
    const move = await k.db
      .selectFrom('stock_movements')
      .selectAll()
      .where('kind', '=', 'write_off')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(move).toMatchObject({ quantity_milli: -7000, reason: 'expired: партия 0425' })
    expect(await text(await assistant.request(`/stock/materials/${gloves.id}`))).toContain(
      'Истёк срок годности: партия 0425',
    )
  })
})

describe('a stock-take', () => {
  it('shows the differences first, then posts them, so balances equal what was counted', async () => {
    const gloves = await k.db
      .selectFrom('materials')
      .select('id')
      .where('name', '=', 'Перчатки')
      .executeTakeFirstOrThrow()
    const anest = await k.db
      .selectFrom('materials')
      .select('id')
      .where('name', '=', 'Анестетик Ультракаин')
      .executeTakeFirstOrThrow()
    expect(await balance(k, gloves.id)).toBe(193_000)
    const sheet = await text(await assistant.request('/stock/stocktakes/new'))
    expect(sheet).toContain('193 шт')
    const before = await k.db.selectFrom('stock_movements').select('id').execute()
    const review = await assistant.post('/stock/stocktakes', {
      step: 'review',
      [`counted_${gloves.id}`]: '190',
      [`counted_${anest.id}`]: '50',
    })
    expect(review.status).toBe(200)
    const html = await text(review)
    expect(html).toContain('Расхождений: 1.')
    expect(html).toMatch(new RegExp(`data-testid="difference-${gloves.id}">-3 шт<`))
    expect(html).toMatch(new RegExp(`data-testid="difference-${anest.id}">0 карп.<`))
    expect(await k.db.selectFrom('stock_movements').select('id').execute()).toEqual(before)

    const bad = await assistant.post('/stock/stocktakes', {
      step: 'post',
      [`counted_${gloves.id}`]: 'много',
    })
    expect(bad.status).toBe(422)
    expect(await text(bad)).toContain('value="много"')

    const posted = await assistant.post('/stock/stocktakes', {
      step: 'post',
      note: 'конец месяца',
      [`counted_${gloves.id}`]: '190',
      [`counted_${anest.id}`]: '50',
    })
    expect(posted.status).toBe(303)
    const moves = await k.db
      .selectFrom('stock_movements')
      .selectAll()
      .where('kind', '=', 'stocktake')
      .execute()
    expect(moves.map((m) => [m.material_id, m.quantity_milli])).toEqual([[gloves.id, -3000]])
    expect(await balance(k, gloves.id)).toBe(190_000)
    const lines = await k.db.selectFrom('stocktake_lines').selectAll().execute()
    expect(lines).toHaveLength(2)
    const view = await text(await assistant.request(posted.headers.get('location')!))
    expect(view).toContain('конец месяца')
    expect(view).toContain('-3 шт')
    // The ledger is append-only.
    await expect(
      k.db.updateTable('stock_movements').set({ quantity_milli: 0 }).execute(),
    ).rejects.toThrow(/append-only/)
    await expect(k.db.deleteFrom('stocktake_lines').execute()).rejects.toThrow(/append-only/)
  })
})

describe('technology cards', () => {
  it('are edited per service with every change audited old → new; a doctor only reads', async () => {
    const item = prices['A16.07.002.001']!
    const anest = await k.db
      .selectFrom('materials')
      .select('id')
      .where('name', '=', 'Анестетик Ультракаин')
      .executeTakeFirstOrThrow()
    const list = await text(await assistant.request('/stock/tech-cards'))
    expect(list).toContain('Лечение кариеса, пломба')
    expect(list).not.toContain('4 500') // no prices for people without billing.read
    const add = await assistant.post(`/stock/tech-cards/${item}/lines`, {
      material_id: String(anest.id),
      quantity: '1',
    })
    expect(add.status).toBe(303)
    const change = await assistant.post(`/stock/tech-cards/${item}/lines`, {
      material_id: String(anest.id),
      quantity: '1,5',
    })
    expect(change.status).toBe(303)
    const bad = await assistant.post(`/stock/tech-cards/${item}/lines`, {
      material_id: String(anest.id),
      quantity: '0',
    })
    expect(bad.status).toBe(422)
    expect(await text(bad)).toContain('value="0"')
    const line = await k.db.selectFrom('tech_card_lines').selectAll().executeTakeFirstOrThrow()
    expect(line.quantity_milli).toBe(1500)
    const doctor = await k.as('doctor', k.surgery)
    const card = await text(await doctor.request(`/stock/tech-cards/${item}`))
    expect(card).toContain('1,5 карп.')
    expect(card).not.toContain('Добавить в карту')
    expect((await doctor.post(`/stock/tech-cards/${item}/lines/${line.id}/remove`)).status).toBe(
      403,
    )
    expect((await assistant.post(`/stock/tech-cards/${item}/lines/${line.id}/remove`)).status).toBe(
      303,
    )
    const changes = (await events(k, 'stock.tech_card_change')).map((e) => JSON.parse(e.details))
    expect(changes.map((d) => [d.old_quantity_milli, d.quantity_milli])).toEqual([
      [null, 1000],
      [1000, 1500],
      [1500, null],
    ])
    expect(changes.every((d) => d.price_item === item && d.material === anest.id)).toBe(true)
    // A line of another service cannot be removed through this one.
    await assistant.post(`/stock/tech-cards/${item}/lines`, {
      material_id: String(anest.id),
      quantity: '1',
    })
    const again = await k.db.selectFrom('tech_card_lines').select('id').executeTakeFirstOrThrow()
    const other = prices['B01.065.001']!
    expect(
      (await assistant.post(`/stock/tech-cards/${other}/lines/${again.id}/remove`)).status,
    ).toBe(404)
  })
})

describe('the home page', () => {
  it('warns the owner about materials at or below their threshold, and about shortages', async () => {
    const owner = await k.as('owner', k.office)
    const html = await text(await owner.request('/'))
    expect(html).toContain('Заканчиваются материалы')
    // Bond: −0,5 ml, a shortage; the anaesthetic (50 > 10) and gloves (no threshold) are fine.
    expect(html).toContain('Бонд адгезив: -0,5 мл — недостача')
    expect(html).not.toContain('Анестетик Ультракаин:')
    const anest = await k.db
      .selectFrom('materials')
      .select('id')
      .where('name', '=', 'Анестетик Ультракаин')
      .executeTakeFirstOrThrow()
    await assistant.post('/stock/write-offs', {
      reason: 'damaged',
      material_0: String(anest.id),
      quantity_0: '40',
    })
    const after = await text(await owner.request('/'))
    expect(after).toContain('Анестетик Ультракаин: 10 карп. (минимум 10 карп.)')
    // The filter on /stock shows the same two.
    const low = await text(await owner.request('/stock?show=low'))
    expect(low).toContain('Анестетик Ультракаин')
    expect(low).toContain('Бонд адгезив')
    expect(low).not.toContain('>Перчатки<')
    expect(low).toContain('Мало')
  })

  it('keeps the audit chain intact through every stock change', async () => {
    expect((await verifyAuditChain(k.db, k.services.keys.audit)).ok).toBe(true)
  })
})
