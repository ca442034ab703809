import type { DbOrTrx } from '../database.js'
import type { StockUnit } from './stock.table.js'

// Technology cards: the materials one unit of a price-list service consumes.

export interface TechCardLineRow {
  id: number
  material_id: number
  material_name: string
  unit: StockUnit
  quantity_milli: number
  updated_by_name: string
  updated_at: string
}

export function listTechCard(db: DbOrTrx, priceItemId: number): Promise<TechCardLineRow[]> {
  return db
    .selectFrom('tech_card_lines as l')
    .innerJoin('materials as m', 'm.id', 'l.material_id')
    .innerJoin('staff as st', 'st.id', 'l.updated_by')
    .select([
      'l.id',
      'l.material_id',
      'm.name as material_name',
      'm.unit',
      'l.quantity_milli',
      'st.full_name as updated_by_name',
      'l.updated_at',
    ])
    .where('l.price_item_id', '=', priceItemId)
    .orderBy('m.name')
    .execute()
}

/** Services of the price list with how many materials their card lists (0: no card yet). */
export function listServicesWithCards(db: DbOrTrx, opts: { activeOnly: boolean }) {
  let q = db
    .selectFrom('price_items as i')
    .innerJoin('price_groups as g', 'g.id', 'i.group_id')
    .select((eb) => [
      'i.id',
      'i.code',
      'i.name',
      'i.active',
      'g.name as group_name',
      eb
        .selectFrom('tech_card_lines as l')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('l.price_item_id', '=', 'i.id')
        .as('lines'),
    ])
    .orderBy('g.name')
    .orderBy('i.code')
  if (opts.activeOnly) q = q.where('i.active', '=', 1)
  return q.execute()
}

export function findService(db: DbOrTrx, priceItemId: number) {
  return db
    .selectFrom('price_items')
    .select(['id', 'code', 'name', 'active'])
    .where('id', '=', priceItemId)
    .executeTakeFirst()
}

export function findTechCardLine(db: DbOrTrx, priceItemId: number, materialId: number) {
  return db
    .selectFrom('tech_card_lines')
    .select(['id', 'quantity_milli'])
    .where('price_item_id', '=', priceItemId)
    .where('material_id', '=', materialId)
    .executeTakeFirst()
}

export function findTechCardLineById(db: DbOrTrx, id: number) {
  return db
    .selectFrom('tech_card_lines')
    .select(['id', 'price_item_id', 'material_id', 'quantity_milli'])
    .where('id', '=', id)
    .executeTakeFirst()
}
