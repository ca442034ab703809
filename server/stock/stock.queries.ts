import { sql } from 'kysely'
import type { DbOrTrx } from '../database.js'
import type { MovementKind, StockUnit } from './stock.table.js'

// Reads of the stock ledger. A balance is never stored: it is the sum of a material's
// movements, so it cannot disagree with the history it comes from.

export interface MaterialRow {
  id: number
  name: string
  unit: StockUnit
  min_quantity_milli: number
  active: number
  balance_milli: number
}

/** At or below a threshold the owner set (0 means "no threshold"). */
export const isLow = (m: Pick<MaterialRow, 'balance_milli' | 'min_quantity_milli'>) =>
  m.min_quantity_milli > 0 && m.balance_milli <= m.min_quantity_milli
/** Negative: more was used than the ledger says came in — a count or a receipt is missing. */
export const isShortage = (m: Pick<MaterialRow, 'balance_milli'>) => m.balance_milli < 0

function materialsQuery(db: DbOrTrx) {
  return db.selectFrom('materials as m').select((eb) => [
    'm.id',
    'm.name',
    'm.unit',
    'm.min_quantity_milli',
    'm.active',
    eb.fn
      .coalesce(
        eb
          .selectFrom('stock_movements as s')
          .select((e) => e.fn.sum<number>('s.quantity_milli').as('b'))
          .whereRef('s.material_id', '=', 'm.id'),
        sql<number>`0`,
      )
      .as('balance_milli'),
  ])
}

export async function listMaterials(
  db: DbOrTrx,
  opts: { activeOnly: boolean; search?: string },
): Promise<MaterialRow[]> {
  let q = materialsQuery(db).orderBy('m.name')
  if (opts.activeOnly) q = q.where('m.active', '=', 1)
  const rows = await q.execute()
  // Filtered here, not in SQL: SQLite folds case for ASCII only, and names are Cyrillic. A
  // clinic keeps hundreds of materials, not millions.
  const needle = opts.search?.trim().toLocaleLowerCase('ru')
  return needle ? rows.filter((m) => m.name.toLocaleLowerCase('ru').includes(needle)) : rows
}

export function findMaterialById(db: DbOrTrx, id: number): Promise<MaterialRow | undefined> {
  return materialsQuery(db).where('m.id', '=', id).executeTakeFirst()
}

export function findMaterialByName(db: DbOrTrx, name: string) {
  return db.selectFrom('materials').select('id').where('name', '=', name).executeTakeFirst()
}

/** Active materials at or below their threshold, or below zero: the home page's warning. */
export async function listLowStock(db: DbOrTrx): Promise<MaterialRow[]> {
  const rows = await listMaterials(db, { activeOnly: true })
  return rows.filter((m) => isLow(m) || isShortage(m))
}

export async function insertMaterial(
  db: DbOrTrx,
  v: { name: string; unit: StockUnit; min_quantity_milli: number; at: string },
): Promise<number> {
  const row = await db
    .insertInto('materials')
    .values({
      name: v.name,
      unit: v.unit,
      min_quantity_milli: v.min_quantity_milli,
      active: 1,
      created_at: v.at,
      updated_at: v.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function updateMaterial(
  db: DbOrTrx,
  id: number,
  v: { name: string; unit: StockUnit; min_quantity_milli: number; active: number; at: string },
): Promise<void> {
  await db
    .updateTable('materials')
    .set({
      name: v.name,
      unit: v.unit,
      min_quantity_milli: v.min_quantity_milli,
      active: v.active,
      updated_at: v.at,
    })
    .where('id', '=', id)
    .execute()
}

export interface MovementRow {
  id: number
  kind: MovementKind
  quantity_milli: number
  unit_cost_kopecks: number | null
  supplier_name: string | null
  service_code: string | null
  service_name: string | null
  stocktake_id: number | null
  reason: string | null
  on_date: string
  created_by_name: string
  created_at: string
}

/** A material's ledger, newest first, with who, when and why for each line. */
export function listMovements(db: DbOrTrx, materialId: number): Promise<MovementRow[]> {
  return db
    .selectFrom('stock_movements as s')
    .innerJoin('staff as st', 'st.id', 's.created_by')
    .leftJoin('suppliers as sup', 'sup.id', 's.supplier_id')
    .leftJoin('visit_services as vs', 'vs.id', 's.visit_service_id')
    .select([
      's.id',
      's.kind',
      's.quantity_milli',
      's.unit_cost_kopecks',
      'sup.name as supplier_name',
      'vs.code as service_code',
      'vs.name as service_name',
      's.stocktake_id',
      's.reason',
      's.on_date',
      'st.full_name as created_by_name',
      's.created_at',
    ])
    .where('s.material_id', '=', materialId)
    .orderBy('s.id', 'desc')
    .limit(500)
    .execute()
}

export function listSuppliers(db: DbOrTrx) {
  return db.selectFrom('suppliers').select(['id', 'name', 'inn']).orderBy('name').execute()
}

export function findSupplierByName(db: DbOrTrx, name: string) {
  return db.selectFrom('suppliers').select('id').where('name', '=', name).executeTakeFirst()
}

export async function insertSupplier(
  db: DbOrTrx,
  v: { name: string; inn: string | null; at: string },
): Promise<number> {
  const row = await db
    .insertInto('suppliers')
    .values({ name: v.name, inn: v.inn, created_at: v.at })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export interface StocktakeView {
  id: number
  on_date: string
  note: string
  created_by_name: string
  created_at: string
  lines: {
    material_id: number
    name: string
    unit: StockUnit
    expected_milli: number
    counted_milli: number
  }[]
}

export async function findStocktake(db: DbOrTrx, id: number): Promise<StocktakeView | undefined> {
  const head = await db
    .selectFrom('stocktakes as t')
    .innerJoin('staff as st', 'st.id', 't.created_by')
    .select(['t.id', 't.on_date', 't.note', 'st.full_name as created_by_name', 't.created_at'])
    .where('t.id', '=', id)
    .executeTakeFirst()
  if (!head) return undefined
  const lines = await db
    .selectFrom('stocktake_lines as l')
    .innerJoin('materials as m', 'm.id', 'l.material_id')
    .select(['l.material_id', 'm.name', 'm.unit', 'l.expected_milli', 'l.counted_milli'])
    .where('l.stocktake_id', '=', id)
    .orderBy('m.name')
    .execute()
  return { ...head, lines }
}

export function listStocktakes(db: DbOrTrx) {
  return db
    .selectFrom('stocktakes as t')
    .innerJoin('staff as st', 'st.id', 't.created_by')
    .select(['t.id', 't.on_date', 't.note', 'st.full_name as created_by_name'])
    .orderBy('t.id', 'desc')
    .limit(50)
    .execute()
}
