import { medicalClinic } from '../medical/medical-testing.js'

// Test support for payments: the medical clinic (every zone, every role, Анна and Борис), a
// small price list, and helpers to read balances straight from the tables. Not a test file.

export async function billingClinic() {
  const t = await medicalClinic()
  const at = t.clock.now().toISOString()
  const group = await t.db
    .insertInto('price_groups')
    .values({ name: 'Терапия', created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow()
  const prices: Record<string, number> = {}
  for (const [code, name, kopecks] of [
    ['A16.07.002.001', 'Лечение кариеса, пломба', 450000],
    ['A16.07.008.001', 'Лечение пульпита, один канал', 780050],
    ['B01.065.001', 'Осмотр стоматолога', 100000],
  ] as const) {
    const item = await t.db
      .insertInto('price_items')
      .values({ group_id: group.id, code, name, active: 1, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow()
    await t.db
      .insertInto('price_item_prices')
      .values({ price_item_id: item.id, price_kopecks: kopecks, set_by: null, set_at: at })
      .execute()
    prices[code] = item.id
  }
  /** Σ payments − Σ refunds − Σ services, recomputed independently of the app's query. */
  async function balance(patientId: number) {
    const pays = await t.db
      .selectFrom('payments')
      .select(['kind', 'amount_kopecks'])
      .where('patient_id', '=', patientId)
      .execute()
    const svc = await t.db
      .selectFrom('visit_services')
      .select('amount_kopecks')
      .where('patient_id', '=', patientId)
      .execute()
    return (
      pays.reduce((s, p) => s + (p.kind === 'payment' ? p.amount_kopecks : -p.amount_kopecks), 0) -
      svc.reduce((s, r) => s + r.amount_kopecks, 0)
    )
  }
  return { ...t, prices, balance }
}

export type BillingClinic = Awaited<ReturnType<typeof billingClinic>>

/** Page text with the narrow and ordinary no-break spaces of Intl turned into plain spaces. */
export const text = async (res: Response) => (await res.text()).replace(/[\u00a0\u202f]/g, ' ')
