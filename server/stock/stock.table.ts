import type { Generated } from 'kysely'

/** Units a material is counted in; labels live in the stock catalogue (`stock.unit.<code>`). */
export const STOCK_UNITS = ['pcs', 'ml', 'g', 'pack', 'carpule', 'capsule', 'set', 'cm'] as const
export type StockUnit = (typeof STOCK_UNITS)[number]

export const MOVEMENT_KINDS = [
  'receipt',
  'procedure',
  'write_off',
  'stocktake',
  'reversal',
] as const
export type MovementKind = (typeof MOVEMENT_KINDS)[number]

/** A consumable. Quantities everywhere are integer thousandths of the unit (`*_milli`). */
export interface MaterialsTable {
  id: Generated<number>
  name: string
  unit: StockUnit
  /** Low-stock threshold: at or below it the material is flagged. */
  min_quantity_milli: number
  active: Generated<number>
  created_at: string
  updated_at: string
}

export interface SuppliersTable {
  id: Generated<number>
  name: string
  inn: string | null
  created_at: string
}

/** Append-only ledger: the balance of a material is the sum of its quantity_milli. */
export interface StockMovementsTable {
  id: Generated<number>
  material_id: number
  kind: MovementKind
  /** Signed: receipts +, consumption −, stock-take ± the difference. */
  quantity_milli: number
  /** Receipts only: price per one unit. */
  unit_cost_kopecks: number | null
  supplier_id: number | null
  /** Procedure (and its reversal): the visit_services row that consumed the material. */
  visit_service_id: number | null
  stocktake_id: number | null
  /** Required for write_off. */
  reason: string | null
  /** YYYY-MM-DD, clinic-local. */
  on_date: string
  created_by: number
  device_id: number | null
  created_at: string
}

export interface StocktakesTable {
  id: Generated<number>
  on_date: string
  note: string
  created_by: number
  device_id: number | null
  created_at: string
}

export interface StocktakeLinesTable {
  stocktake_id: number
  material_id: number
  expected_milli: number
  counted_milli: number
}

/** Technology card: what one unit of a price-list service consumes. Editable, audited. */
export interface TechCardLinesTable {
  id: Generated<number>
  price_item_id: number
  material_id: number
  quantity_milli: number
  updated_by: number
  updated_at: string
}
