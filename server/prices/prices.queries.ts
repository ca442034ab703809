import type { DbOrTrx } from '../database.js'

export interface PriceItemRow {
  id: number
  group_id: number
  group_name: string
  code: string
  name: string
  active: number
  price_kopecks: number
}

function itemsQuery(db: DbOrTrx) {
  return db
    .selectFrom('price_items as i')
    .innerJoin('price_groups as g', 'g.id', 'i.group_id')
    .select((eb) => [
      'i.id',
      'i.group_id',
      'g.name as group_name',
      'i.code',
      'i.name',
      'i.active',
      eb
        .selectFrom('price_item_prices as p')
        .select('p.price_kopecks')
        .whereRef('p.price_item_id', '=', 'i.id')
        .orderBy('p.id', 'desc')
        .limit(1)
        .as('price_kopecks'),
    ])
}

// Every item gets its first price in the same transaction that creates it; 0 is a fallback
// for the type, never a price anyone set.
const withPrice = (r: Omit<PriceItemRow, 'price_kopecks'> & { price_kopecks: number | null }) => ({
  ...r,
  price_kopecks: r.price_kopecks ?? 0,
})

/** The price list ordered by group and code; `activeOnly` for pickers and the public list. */
export async function listPriceItems(
  db: DbOrTrx,
  opts: { activeOnly: boolean },
): Promise<PriceItemRow[]> {
  let q = itemsQuery(db).orderBy('g.name').orderBy('i.code')
  if (opts.activeOnly) q = q.where('i.active', '=', 1)
  return (await q.execute()).map(withPrice)
}

export async function findPriceItemById(
  db: DbOrTrx,
  id: number,
): Promise<PriceItemRow | undefined> {
  const row = await itemsQuery(db).where('i.id', '=', id).executeTakeFirst()
  return row && withPrice(row)
}

export function findPriceItemByCode(db: DbOrTrx, code: string) {
  return db.selectFrom('price_items').select('id').where('code', '=', code).executeTakeFirst()
}

export function listPriceGroups(db: DbOrTrx) {
  return db.selectFrom('price_groups').select(['id', 'name']).orderBy('name').execute()
}

export function findPriceGroupByName(db: DbOrTrx, name: string) {
  return db.selectFrom('price_groups').select('id').where('name', '=', name).executeTakeFirst()
}

export function listPriceHistory(db: DbOrTrx, itemId: number) {
  return db
    .selectFrom('price_item_prices as p')
    .leftJoin('staff as s', 's.id', 'p.set_by')
    .select(['p.id', 'p.price_kopecks', 'p.set_at', 's.full_name as set_by_name'])
    .where('p.price_item_id', '=', itemId)
    .orderBy('p.id', 'desc')
    .execute()
}

export async function insertPriceGroup(db: DbOrTrx, name: string, at: string): Promise<number> {
  const row = await db
    .insertInto('price_groups')
    .values({ name, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function insertPriceItem(
  db: DbOrTrx,
  v: { group_id: number; code: string; name: string; at: string },
): Promise<number> {
  const row = await db
    .insertInto('price_items')
    .values({
      group_id: v.group_id,
      code: v.code,
      name: v.name,
      created_at: v.at,
      updated_at: v.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function updatePriceItem(
  db: DbOrTrx,
  id: number,
  v: { group_id: number; name: string; active: number; updated_at: string },
): Promise<void> {
  await db.updateTable('price_items').set(v).where('id', '=', id).execute()
}

export async function insertPrice(
  db: DbOrTrx,
  v: { price_item_id: number; price_kopecks: number; set_by: number; set_at: string },
): Promise<void> {
  await db.insertInto('price_item_prices').values(v).execute()
}
