import type { PlanStatus } from './plans.table.js'

// Totals in whole kopecks. A cancelled item stays on the plan (history) but costs nothing.

export interface PricedItem {
  stage_id: number | null
  unit_price_kopecks: number
  quantity: number
  status: PlanStatus | null
}

export interface PlanTotals {
  /** Everything not cancelled: what the plan costs. */
  total: number
  /** Done items: what has been carried out. */
  done: number
  /** Not cancelled, per stage id ('none' for items outside any stage). */
  byStage: Map<number | 'none', number>
}

export const itemCost = (i: PricedItem) => i.unit_price_kopecks * i.quantity

export function planTotals(items: readonly PricedItem[]): PlanTotals {
  const totals: PlanTotals = { total: 0, done: 0, byStage: new Map() }
  for (const i of items) {
    if (i.status === 'cancelled') continue
    const cost = itemCost(i)
    totals.total += cost
    if (i.status === 'done') totals.done += cost
    const key = i.stage_id ?? 'none'
    totals.byStage.set(key, (totals.byStage.get(key) ?? 0) + cost)
  }
  return totals
}
