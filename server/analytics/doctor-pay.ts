import { payFor, ruleFor, type PayRule } from '../billing/payroll.service.js'
import type { DbOrTrx } from '../database.js'
import type { Period } from './period.js'

// Doctors' pay over any period, for every doctor at once. The rules and the arithmetic are
// billing's own (`ruleFor`, `payFor`), applied exactly as its payroll statement applies them
// (a reversal is paid back under the rule of its original's date), so a month here equals the
// sum of the doctors' payroll statements for that month.

export interface PayLine {
  doctorId: number
  doctor: string
  revenue: number
  pay: number
}

/** Revenue and pay per doctor who performed services in the period, by name. */
export async function doctorPayFor(db: DbOrTrx, p: Period): Promise<PayLine[]> {
  const [services, rules] = await Promise.all([
    db
      .selectFrom('visit_services as v')
      .innerJoin('staff as s', 's.id', 'v.doctor_id')
      .leftJoin('visit_services as o', 'o.id', 'v.reverses_id')
      .select([
        'v.doctor_id',
        's.full_name',
        'v.price_item_id',
        'v.performed_on',
        'o.performed_on as original_on',
        'v.quantity',
        'v.amount_kopecks',
      ])
      .where('v.performed_on', '>=', p.from)
      .where('v.performed_on', '<=', p.to)
      .execute(),
    db
      .selectFrom('doctor_pay_rules')
      .select([
        'id',
        'doctor_id',
        'price_item_id',
        'kind',
        'percent_bp',
        'fixed_kopecks',
        'valid_from',
      ])
      .where('valid_from', '<=', p.to)
      .execute() as Promise<PayRule[]>,
  ])
  const lines = new Map<number, PayLine>()
  for (const s of services) {
    const line = lines.get(s.doctor_id) ?? {
      doctorId: s.doctor_id,
      doctor: s.full_name,
      revenue: 0,
      pay: 0,
    }
    line.revenue += s.amount_kopecks
    const rule = ruleFor(rules, s.doctor_id, s.price_item_id, s.original_on ?? s.performed_on)
    line.pay += payFor(rule, s)
    lines.set(s.doctor_id, line)
  }
  return [...lines.values()].sort((a, b) => a.doctor.localeCompare(b.doctor))
}
