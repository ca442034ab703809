import { beforeAll, describe, expect, it } from 'vitest'
import { clinic, events, seedPrices, type Browser, type Clinic } from '../plans/plan-fixtures.js'
import { moneyFormatter, parseRoubles } from './money.js'

let k: Clinic
let owner: Browser
let prices: Record<string, number>

beforeAll(async () => {
  k = await clinic()
  prices = await seedPrices(k)
  owner = await k.as('owner', k.office)
})

describe('money', () => {
  it('parses roubles into kopecks and refuses anything else', () => {
    expect(parseRoubles('1 500')).toBe(150000)
    expect(parseRoubles('1500,5')).toBe(150050)
    expect(parseRoubles('0.99')).toBe(99)
    for (const bad of ['', '-1', '1,005', '1e5', 'abc', '10000001', '1.2.3']) {
      expect(parseRoubles(bad), bad).toBeUndefined()
    }
  })

  it('formats kopecks as roubles in the clinic locale', () => {
    expect(moneyFormatter('ru')(150050).replace(/\s/g, ' ')).toBe('1 500,50 ₽')
  })
})

describe('the price list', () => {
  it('refuses bad input with 422, keeping it, and changes nothing', async () => {
    const res = await owner.post('/admin/prices/items', {
      group_id: '999',
      code: 'A16.07.002.001',
      name: '<b>Пломба</b>',
      price: '-5',
    })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('Выберите раздел прейскуранта')
    expect(html).toContain('Услуга с таким кодом уже есть')
    expect(html).toContain('&lt;b&gt;Пломба&lt;/b&gt;')
    expect(html).toContain('Цена — число рублей')
    expect(await k.db.selectFrom('price_items').select('id').execute()).toHaveLength(3)
  })

  it('keeps every price an item has had, and records the change', async () => {
    const id = prices['B01.065.001']!
    const res = await owner.post(`/admin/prices/items/${id}`, {
      group_id: '1',
      name: 'Осмотр стоматолога-терапевта',
      price: '1200',
      active: '1',
    })
    expect(res.status).toBe(303)
    const page = (await (await owner.request(`/admin/prices/items/${id}`)).text()).replace(
      /\s/g,
      ' ',
    )
    expect(page).toContain('1 200,00 ₽')
    expect(page).toContain('1 000,00 ₽')
    const [event] = (await events(k, 'price.update')).map((e) => JSON.parse(e.details))
    expect(event).toMatchObject({ item: id, old_price_kopecks: 100000, price_kopecks: 120000 })
  })

  it('hides inactive items from the list and from plans', async () => {
    const id = prices['A16.07.008.001']!
    await owner.post(`/admin/prices/items/${id}`, {
      group_id: '1',
      name: 'Лечение пульпита, один канал',
      price: '7800,50',
    })
    const anna = await k.as('anna', k.reception)
    expect(await (await anna.request('/prices')).text()).not.toContain('Лечение пульпита')
    const doctor = await k.as('doctor', k.surgery)
    const plan = (
      await doctor.post(`/patients/${k.patientA}/plans`, { title: 'План' })
    ).headers.get('location')!
    const res = await doctor.post(`${plan}/items`, {
      price_item_id: String(id),
      tooth: '16',
      quantity: '1',
      stage_id: '',
    })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Выберите действующую услугу')
  })
})
