import { isoWeekday, parseTime } from '../schedule/clinic-time.js'
import type { PlanStatus } from '../plans/plans.table.js'

// The arithmetic of chair utilisation and plan acceptance, kept apart from SQL so that it can
// be read against the definitions in the page's footnotes.

export interface ChairRow {
  id: number
  name: string
  active: number
}

export interface HoursRow {
  doctor_id: number
  weekday: number
  starts: string
  ends: string
  chair_id: number | null
}

export interface ChairUse {
  chair: string
  openMinutes: number
  bookedMinutes: number
}

/** Minutes covered by a set of [start, end) intervals, overlaps counted once. */
export function unionMinutes(intervals: [number, number][]): number {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0])
  let total = 0
  let end = -1
  for (const [s, e] of sorted) {
    if (e <= end) continue
    total += e - Math.max(s, end)
    end = e
  }
  return total
}

/**
 * Chair utilisation. Open time of a chair on a date: the union of the working hours that name
 * this chair on that weekday, of doctors not on a day off that date. Booked time: the length
 * of every appointment in the chair starting in the period, except cancelled ones; no-shows
 * count, since the chair was held for them and could not be offered to anyone else.
 */
export function chairUtilisation(input: {
  dates: string[]
  chairs: ChairRow[]
  hours: HoursRow[]
  daysOff: { doctor_id: number; date: string }[]
  booked: { chair_id: number; minutes: number }[]
}): ChairUse[] {
  const off = new Set(input.daysOff.map((d) => `${d.doctor_id}|${d.date}`))
  const open = new Map<number, number>()
  for (const date of input.dates) {
    const weekday = isoWeekday(date)
    const perChair = new Map<number, [number, number][]>()
    for (const h of input.hours) {
      if (h.chair_id === null || h.weekday !== weekday || off.has(`${h.doctor_id}|${date}`))
        continue
      const list = perChair.get(h.chair_id) ?? []
      list.push([parseTime(h.starts) ?? 0, parseTime(h.ends) ?? 0])
      perChair.set(h.chair_id, list)
    }
    for (const [chair, list] of perChair) {
      open.set(chair, (open.get(chair) ?? 0) + unionMinutes(list))
    }
  }
  const booked = new Map(input.booked.map((b) => [b.chair_id, b.minutes]))
  return input.chairs
    .filter((c) => c.active === 1 || open.has(c.id) || booked.has(c.id))
    .map((c) => ({
      chair: c.name,
      openMinutes: open.get(c.id) ?? 0,
      bookedMinutes: booked.get(c.id) ?? 0,
    }))
}

export interface PlanFunnelRow {
  stage: 'proposed' | 'accepted' | 'done' | 'cancelled'
  plans: number
  amount: number
}

/**
 * Plan acceptance for the plans drawn up in the period. Proposed: every plan, at the cost of
 * all its items as offered. Accepted: plans that were ever accepted (accepted, in progress or
 * done, even if cancelled later), at the cost of their items not cancelled. Done: plans whose
 * status is done; the amount is every item marked done, in any plan of the period.
 * Cancelled: plans whose current status is cancelled, at their offered cost.
 */
export function planFunnel(input: {
  plans: { id: number; status: PlanStatus | null; ever_accepted: number | boolean }[]
  items: {
    plan_id: number
    unit_price_kopecks: number
    quantity: number
    status: PlanStatus | null
  }[]
}): PlanFunnelRow[] {
  const offered = new Map<number, number>()
  const kept = new Map<number, number>()
  let doneItems = 0
  for (const i of input.items) {
    const cost = i.unit_price_kopecks * i.quantity
    offered.set(i.plan_id, (offered.get(i.plan_id) ?? 0) + cost)
    if (i.status !== 'cancelled') kept.set(i.plan_id, (kept.get(i.plan_id) ?? 0) + cost)
    if (i.status === 'done') doneItems += cost
  }
  const sum = (ids: number[], m: Map<number, number>) =>
    ids.reduce((s, id) => s + (m.get(id) ?? 0), 0)
  const all = input.plans.map((p) => p.id)
  const accepted = input.plans.filter((p) => Boolean(p.ever_accepted)).map((p) => p.id)
  const done = input.plans.filter((p) => p.status === 'done').map((p) => p.id)
  const cancelled = input.plans.filter((p) => p.status === 'cancelled').map((p) => p.id)
  return [
    { stage: 'proposed', plans: all.length, amount: sum(all, offered) },
    { stage: 'accepted', plans: accepted.length, amount: sum(accepted, kept) },
    { stage: 'done', plans: done.length, amount: doneItems },
    { stage: 'cancelled', plans: cancelled.length, amount: sum(cancelled, offered) },
  ]
}
