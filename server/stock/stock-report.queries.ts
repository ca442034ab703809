import { sql } from 'kysely'
import type { DbOrTrx } from '../database.js'
import type { StockUnit } from './stock.table.js'

// The month's materials report, the stock part of closing a month. Every figure is a sum over
// the ledger, so closing = opening + receipts − procedures − write-offs ± stock-take, always.

export interface ReportLine {
  material_id: number
  name: string
  unit: StockUnit
  opening_milli: number
  receipts_milli: number
  /** Net of reversals: a procedure undone in the month gives its materials back. */
  procedures_milli: number
  write_offs_milli: number
  /** Signed: a surplus found is +, a shortage −. */
  stocktake_milli: number
  closing_milli: number
  receipts_cost_kopecks: number
  /** Consumption (procedures + write-offs) valued at the average receipt price up to month end. */
  used_cost_kopecks: number | null
}

export interface MonthReport {
  month: string
  from: string
  /** Exclusive. */
  to: string
  lines: ReportLine[]
  totals: { receipts_cost_kopecks: number; used_cost_kopecks: number }
}

/** "2026-11" → ["2026-11-01", "2026-12-01"]. */
export function monthBounds(month: string): [string, string] {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
  return [`${month}-01`, `${next}-01`]
}

export async function monthReport(db: DbOrTrx, month: string): Promise<MonthReport> {
  const [from, to] = monthBounds(month)
  const inMonth = (kind: string) =>
    sql<number>`coalesce(sum(case when s.on_date >= ${from} and s.on_date < ${to} and s.kind = ${kind} then s.quantity_milli else 0 end), 0)`
  // Costs are summed as reals (`* 1.0`): SQLite's integer sum() raises on overflow, and a
  // report must not fail on an absurd receipt; any real clinic's totals stay exact below 2^53.
  const rows = await db
    .selectFrom('materials as m')
    .leftJoin('stock_movements as s', (j) =>
      j.onRef('s.material_id', '=', 'm.id').on('s.on_date', '<', to),
    )
    .select([
      'm.id as material_id',
      'm.name',
      'm.unit',
      'm.active',
      sql<number>`coalesce(sum(case when s.on_date < ${from} then s.quantity_milli else 0 end), 0)`.as(
        'opening',
      ),
      inMonth('receipt').as('receipts'),
      inMonth('procedure').as('procedures'),
      inMonth('reversal').as('reversals'),
      inMonth('write_off').as('write_offs'),
      inMonth('stocktake').as('stocktake'),
      sql<number>`count(case when s.on_date >= ${from} then 1 end)`.as('moves'),
      sql<number>`coalesce(sum(case when s.on_date >= ${from} and s.kind = 'receipt' then s.quantity_milli * 1.0 * s.unit_cost_kopecks else 0 end), 0)`.as(
        'receipts_cost_milli',
      ),
      sql<number>`coalesce(sum(case when s.kind = 'receipt' then s.quantity_milli * 1.0 * s.unit_cost_kopecks else 0 end), 0)`.as(
        'all_cost_milli',
      ),
      sql<number>`coalesce(sum(case when s.kind = 'receipt' then s.quantity_milli else 0 end), 0)`.as(
        'all_received',
      ),
    ])
    .groupBy(['m.id', 'm.name', 'm.unit', 'm.active'])
    .orderBy('m.name')
    .execute()
  const lines: ReportLine[] = rows
    // An inactive material with nothing in stock and nothing this month has no place in it.
    .filter((r) => r.active === 1 || r.opening !== 0 || r.moves > 0)
    .map((r) => {
      // `0 - x`, not `-x`: no negative zeros in a report.
      const procedures = 0 - (r.procedures + r.reversals)
      const writeOffs = 0 - r.write_offs
      const avg = r.all_received > 0 ? r.all_cost_milli / r.all_received : null
      return {
        material_id: r.material_id,
        name: r.name,
        unit: r.unit,
        opening_milli: r.opening,
        receipts_milli: r.receipts,
        procedures_milli: procedures,
        write_offs_milli: writeOffs,
        stocktake_milli: r.stocktake,
        closing_milli: r.opening + r.receipts - procedures - writeOffs + r.stocktake,
        receipts_cost_kopecks: Math.round(r.receipts_cost_milli / 1000),
        used_cost_kopecks:
          avg === null ? null : Math.round(((procedures + writeOffs) * avg) / 1000),
      }
    })
  return {
    month,
    from,
    to,
    lines,
    totals: {
      receipts_cost_kopecks: lines.reduce((a, l) => a + l.receipts_cost_kopecks, 0),
      used_cost_kopecks: lines.reduce((a, l) => a + (l.used_cost_kopecks ?? 0), 0),
    },
  }
}
