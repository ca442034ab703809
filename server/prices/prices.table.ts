import type { Generated } from 'kysely'

export interface PriceGroupsTable {
  id: Generated<number>
  name: string
  created_at: string
}

/** One service of the clinic's price list; its price lives in price_item_prices. */
export interface PriceItemsTable {
  id: Generated<number>
  group_id: number
  code: string
  name: string
  active: Generated<number>
  created_at: string
  updated_at: string
}

/** Append-only: the latest row per item is its current price. */
export interface PriceItemPricesTable {
  id: Generated<number>
  price_item_id: number
  price_kopecks: number
  set_by: number | null
  set_at: string
}
