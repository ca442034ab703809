import { recordAudit, type AuditActor } from '../audit/audit.service.js'
import type { Db, DbOrTrx } from '../database.js'
import { formId, isoDate } from '../plans/fields.js'
import { parseRoubles } from '../prices/money.js'
import type { FieldErrors, Result } from './billing.service.js'
import type { PayRuleKind } from './billing.table.js'

// Doctors' pay: per service performed, a percentage of what the patient was charged (after the
// discount) or a fixed amount per unit. Rules are rows from a date; the latest row for
// (doctor, service) valid on the day wins, then the doctor's default (service null). A reversal
// takes back exactly what its original paid, in the month it was recorded.

export interface PayRule {
  id: number
  doctor_id: number
  price_item_id: number | null
  kind: PayRuleKind
  percent_bp: number | null
  fixed_kopecks: number | null
  valid_from: string
}

export function listRules(db: DbOrTrx, doctorId?: number) {
  let q = db
    .selectFrom('doctor_pay_rules as r')
    .leftJoin('price_items as i', 'i.id', 'r.price_item_id')
    .innerJoin('staff as s', 's.id', 'r.created_by')
    .select([
      'r.id',
      'r.doctor_id',
      'r.price_item_id',
      'r.kind',
      'r.percent_bp',
      'r.fixed_kopecks',
      'r.valid_from',
      'r.created_at',
      'i.code',
      'i.name',
      's.full_name as created_by_name',
    ])
  if (doctorId !== undefined) q = q.where('r.doctor_id', '=', doctorId)
  return q.orderBy('r.doctor_id').orderBy('r.valid_from', 'desc').orderBy('r.id', 'desc').execute()
}
export type RuleRow = Awaited<ReturnType<typeof listRules>>[number]

/** The rule in force for a doctor, a service and a day; undefined when none was set. */
export function ruleFor(
  rules: readonly PayRule[],
  doctorId: number,
  priceItemId: number,
  day: string,
): PayRule | undefined {
  const latest = (item: number | null) =>
    rules
      .filter((r) => r.doctor_id === doctorId && r.price_item_id === item && r.valid_from <= day)
      .sort((a, b) =>
        a.valid_from === b.valid_from ? b.id - a.id : a.valid_from < b.valid_from ? 1 : -1,
      )[0]
  return latest(priceItemId) ?? latest(null)
}

/** Pay for one service row under a rule: percent of the amount, or fixed × quantity (signed). */
export function payFor(
  rule: PayRule | undefined,
  row: { amount_kopecks: number; quantity: number },
): number {
  if (!rule) return 0
  if (rule.kind === 'percent')
    return Math.round((row.amount_kopecks * (rule.percent_bp ?? 0)) / 10000)
  return (rule.fixed_kopecks ?? 0) * row.quantity
}

/** First and last day of a month "YYYY-MM". */
export function monthBounds(month: string): { from: string; to: string } | undefined {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month)
  if (!m) return undefined
  const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate()
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` }
}

export interface StatementLine {
  id: number
  performed_on: string
  code: string
  name: string
  patient_card: string
  quantity: number
  amount_kopecks: number
  reverses_id: number | null
  rule: PayRule | undefined
  pay_kopecks: number
}

/** Every service the doctor performed in the month (reversals included) with the pay for it. */
export async function doctorStatement(db: DbOrTrx, doctorId: number, month: string) {
  const b = monthBounds(month)
  if (!b) return undefined
  const rules = (await db
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
    .where('doctor_id', '=', doctorId)
    .execute()) as PayRule[]
  const rows = await db
    .selectFrom('visit_services as v')
    .innerJoin('patients as p', 'p.id', 'v.patient_id')
    .leftJoin('visit_services as o', 'o.id', 'v.reverses_id')
    .select([
      'v.id',
      'v.performed_on',
      'v.code',
      'v.name',
      'v.price_item_id',
      'v.quantity',
      'v.amount_kopecks',
      'v.reverses_id',
      'o.performed_on as original_on',
      'p.card_number as patient_card',
    ])
    .where('v.doctor_id', '=', doctorId)
    .where('v.performed_on', '>=', b.from)
    .where('v.performed_on', '<=', b.to)
    .orderBy('v.performed_on')
    .orderBy('v.id')
    .execute()
  const lines: StatementLine[] = rows.map((r) => {
    // A reversal is paid back under the rule its original was paid under.
    const rule = ruleFor(rules, doctorId, r.price_item_id, r.original_on ?? r.performed_on)
    return {
      id: r.id,
      performed_on: r.performed_on,
      code: r.code,
      name: r.name,
      patient_card: r.patient_card,
      quantity: r.quantity,
      amount_kopecks: r.amount_kopecks,
      reverses_id: r.reverses_id,
      rule,
      pay_kopecks: payFor(rule, r),
    }
  })
  const total = (k: 'amount_kopecks' | 'pay_kopecks') => lines.reduce((s, l) => s + l[k], 0)
  return {
    month,
    lines,
    baseTotal: total('amount_kopecks'),
    payTotal: total('pay_kopecks'),
    unruled: lines.filter((l) => !l.rule).length,
  }
}

export interface RuleForm {
  price_item_id: string
  kind: string
  value: string
  valid_from: string
}

/** A new rule row from a date; the older rows stay as the history of what was paid. */
export async function addRule(
  deps: { db: Db; auditKey: Buffer; now: () => Date },
  actor: AuditActor & { staffId: number },
  doctorId: number,
  raw: RuleForm,
): Promise<Result> {
  const errors: FieldErrors = {}
  let priceItemId: number | null = null
  if (raw.price_item_id.trim() !== '') {
    const id = formId(raw.price_item_id)
    const item = id
      ? await deps.db.selectFrom('price_items').select('id').where('id', '=', id).executeTakeFirst()
      : undefined
    if (!item) errors.price_item_id = 'billing.error.service'
    else priceItemId = item.id
  }
  const kind = raw.kind === 'percent' || raw.kind === 'fixed' ? raw.kind : undefined
  if (!kind) errors.kind = 'billing.error.rule_kind'
  let percentBp: number | null = null
  let fixed: number | null = null
  if (kind === 'percent') {
    const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(raw.value.trim())
    const bp = m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : NaN
    if (!(bp >= 0 && bp <= 10000)) errors.value = 'billing.error.percent'
    else percentBp = bp
  } else if (kind === 'fixed') {
    const k = parseRoubles(raw.value)
    if (k === undefined) errors.value = 'billing.error.amount'
    else fixed = k
  }
  const validFrom = isoDate(raw.valid_from)
  if (!validFrom) errors.valid_from = 'billing.error.date'
  if (Object.keys(errors).length > 0 || !kind || !validFrom) return { ok: false, errors }
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('doctor_pay_rules')
      .values({
        doctor_id: doctorId,
        price_item_id: priceItemId,
        kind,
        percent_bp: percentBp,
        fixed_kopecks: fixed,
        valid_from: validFrom,
        created_by: actor.staffId,
        created_at: deps.now().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAudit(
      trx,
      deps.auditKey,
      actor,
      {
        action: 'billing.pay_rule',
        category: 'billing',
        details: {
          rule: row.id,
          doctor: doctorId,
          price_item: priceItemId,
          kind,
          percent_bp: percentBp,
          fixed_kopecks: fixed,
          valid_from: validFrom,
        },
      },
      deps.now(),
    )
    return row.id
  })
  return { ok: true, id }
}
