import type { Clinic } from '../plans/plan-fixtures.js'

// Test support for stock: materials and movements made through the real routes. Not a test file.

export type StockBrowser = ReturnType<Clinic['browser']>

/** Creates a material through the form; returns its id. */
export async function addMaterial(
  k: Clinic,
  b: StockBrowser,
  v: { name: string; unit: string; min_quantity?: string },
): Promise<number> {
  const res = await b.post('/stock/materials', { min_quantity: '0', ...v })
  if (res.status !== 303) throw new Error(`material ${v.name}: ${res.status}`)
  const row = await k.db
    .selectFrom('materials')
    .select('id')
    .where('name', '=', v.name)
    .executeTakeFirstOrThrow()
  return row.id
}

/** The ledger's balance of a material, in thousandths. */
export async function balance(k: Clinic, materialId: number): Promise<number> {
  const rows = await k.db
    .selectFrom('stock_movements')
    .select('quantity_milli')
    .where('material_id', '=', materialId)
    .execute()
  return rows.reduce((a, r) => a + r.quantity_milli, 0)
}

/** Normalises the non-breaking spaces Intl puts in numbers and money. */
export const text = async (res: Response) => (await res.text()).replace(/[\u00a0\u202f]/g, ' ')
