import { utcRange } from '../audit/period.js'
import {
  allChairs,
  attendanceByMonth,
  bookedMinutesByChair,
  chairHours,
  daysOffIn,
  diagnosesIn,
  patientsByMonth,
  planItemsIn,
  plansIn,
  type UtcRange,
} from './clinic.queries.js'
import { chairUtilisation, planFunnel } from './clinic-stats.js'
import {
  cashBy,
  cashByMethod,
  revenueBy,
  revenueByDoctor,
  revenueByService,
  stockConsumption,
} from './money.queries.js'
import { doctorPayFor } from './doctor-pay.js'
import { defineReport, sumOf, type ReportContext } from './define-report.js'
import { datesOf, monthBounds } from './period.js'
import { share, type Report, type ReportId } from './report.js'

export type { ReportContext }

/** A diagnosis code shown only when at least this many distinct patients have it. */
export const MIN_PATIENTS_PER_CODE = 5

const METHODS = ['cash', 'card', 'transfer'] as const

function range(ctx: ReportContext): UtcRange {
  const r = utcRange(ctx.period.from, ctx.period.to, ctx.timeZone)
  return { from: r.from!, to: r.to! }
}

/** Accrued and received side by side, for every date (or month) that has either. */
const revenueOver = (unit: 'day' | 'month') =>
  defineReport({
    id: unit === 'day' ? 'revenue_day' : 'revenue_month',
    async load(ctx) {
      const [accrued, cash] = await Promise.all([
        revenueBy(ctx.db, ctx.period, unit),
        cashBy(ctx.db, ctx.period, unit),
      ])
      const keys = [...new Set([...accrued.map((r) => r.key), ...cash.map((r) => r.key)])].sort()
      const a = new Map(accrued.map((r) => [r.key, r.amount]))
      const c = new Map(cash.map((r) => [r.key, r.amount]))
      return keys.map((key) => ({ key, accrued: a.get(key) ?? 0, received: c.get(key) ?? 0 }))
    },
    columns: [
      {
        label: unit === 'day' ? 'analytics.col.date' : 'analytics.col.month',
        kind: 'text',
        cell: (r) => r.key,
      },
      { label: 'analytics.col.accrued', kind: 'money', cell: (r) => r.accrued },
      { label: 'analytics.col.received', kind: 'money', cell: (r) => r.received },
    ],
    total: 'sum',
    chart: { type: unit === 'day' ? 'line' : 'bar', series: [1, 2] },
    notes: ['analytics.note.accrual', 'analytics.note.cash'],
  })

const revenueDoctor = defineReport({
  id: 'revenue_doctor',
  load: (ctx) => revenueByDoctor(ctx.db, ctx.period),
  columns: [
    { label: 'analytics.col.doctor', kind: 'text', cell: (r) => r.full_name },
    { label: 'analytics.col.services', kind: 'int', cell: (r) => r.quantity },
    { label: 'analytics.col.accrued', kind: 'money', cell: (r) => r.amount },
  ],
  total: 'sum',
  chart: { type: 'bar', series: [2], horizontal: true },
  notes: ['analytics.note.accrual'],
})

const revenueService = defineReport({
  id: 'revenue_service',
  load: (ctx) => revenueByService(ctx.db, ctx.period),
  columns: [
    { label: 'analytics.col.service', kind: 'text', cell: (r) => `${r.code} ${r.name}` },
    { label: 'analytics.col.quantity', kind: 'int', cell: (r) => r.quantity },
    { label: 'analytics.col.accrued', kind: 'money', cell: (r) => r.amount },
  ],
  total: 'sum',
  chart: { type: 'bar', series: [2], horizontal: true },
  notes: ['analytics.note.accrual'],
})

/** Every method, even one nobody paid by. */
const cashMethod = defineReport({
  id: 'cash_method',
  async load(ctx) {
    const found = new Map((await cashByMethod(ctx.db, ctx.period)).map((r) => [r.method, r]))
    return METHODS.map((method) => ({
      method,
      paid: found.get(method)?.paid ?? 0,
      refunded: found.get(method)?.refunded ?? 0,
    }))
  },
  columns: [
    { label: 'analytics.col.method', kind: 'key', cell: (r) => `analytics.method.${r.method}` },
    { label: 'analytics.col.paid', kind: 'money', cell: (r) => r.paid },
    { label: 'analytics.col.refunded', kind: 'money', cell: (r) => r.refunded },
    { label: 'analytics.col.net', kind: 'money', cell: (r) => r.paid - r.refunded },
  ],
  total: 'sum',
  chart: { type: 'doughnut', series: [3] },
  notes: ['analytics.note.cash'],
})

const doctorPay = defineReport({
  id: 'doctor_pay',
  load: (ctx) => doctorPayFor(ctx.db, ctx.period),
  columns: [
    { label: 'analytics.col.doctor', kind: 'text', cell: (r) => r.doctor },
    { label: 'analytics.col.accrued', kind: 'money', cell: (r) => r.revenue },
    { label: 'analytics.col.pay', kind: 'money', cell: (r) => r.pay },
  ],
  total: 'sum',
  chart: { type: 'bar', series: [1, 2], horizontal: true },
  notes: ['analytics.note.pay'],
})

const utilisation = defineReport({
  id: 'utilisation',
  async load(ctx) {
    const [chairs, hours, daysOff, booked] = await Promise.all([
      allChairs(ctx.db),
      chairHours(ctx.db),
      daysOffIn(ctx.db, ctx.period),
      bookedMinutesByChair(ctx.db, range(ctx)),
    ])
    return chairUtilisation({ dates: datesOf(ctx.period), chairs, hours, daysOff, booked })
  },
  columns: [
    { label: 'analytics.col.chair', kind: 'text', cell: (u) => u.chair },
    { label: 'analytics.col.open_time', kind: 'minutes', cell: (u) => u.openMinutes },
    { label: 'analytics.col.booked_time', kind: 'minutes', cell: (u) => u.bookedMinutes },
    {
      label: 'analytics.col.utilisation',
      kind: 'percent',
      cell: (u) => share(u.bookedMinutes, u.openMinutes),
    },
  ],
  total: (use) => ({
    chair: '',
    openMinutes: sumOf(use, (u) => u.openMinutes),
    bookedMinutes: sumOf(use, (u) => u.bookedMinutes),
  }),
  chart: { type: 'bar', series: [3] },
  notes: ['analytics.note.utilisation', 'analytics.note.utilisation_hours'],
})

/** Every month of the period, even an empty one; the total counts each patient once. */
const patients = defineReport({
  id: 'patients',
  async load(ctx) {
    const b = monthBounds(ctx.period, ctx.timeZone)
    const { perMonth, total } = await patientsByMonth(ctx.db, b)
    const found = new Map(perMonth.map((r) => [r.month, r]))
    return {
      rows: b.months.map((m) => found.get(m.month) ?? { month: m.month, patients: 0, new: 0 }),
      total: { month: null, ...total },
    }
  },
  columns: [
    { label: 'analytics.col.month', kind: 'text', cell: (x) => x.month },
    { label: 'analytics.col.new', kind: 'int', cell: (x) => x.new },
    { label: 'analytics.col.returning', kind: 'int', cell: (x) => x.patients - x.new },
    { label: 'analytics.col.patients', kind: 'int', cell: (x) => x.patients },
  ],
  chart: { type: 'bar', series: [1, 2], stacked: true },
  notes: ['analytics.note.new_patients', 'analytics.note.patients_total'],
})

/** Every month of the period, even an empty one. */
const attendance = defineReport({
  id: 'attendance',
  async load(ctx) {
    const b = monthBounds(ctx.period, ctx.timeZone)
    const found = new Map((await attendanceByMonth(ctx.db, b)).map((r) => [r.month, r]))
    return b.months.map(
      (m) => found.get(m.month) ?? { month: m.month, all: 0, no_shows: 0, cancelled: 0 },
    )
  },
  columns: [
    { label: 'analytics.col.month', kind: 'text', cell: (x) => x.month },
    { label: 'analytics.col.appointments', kind: 'int', cell: (x) => x.all },
    { label: 'analytics.col.no_shows', kind: 'int', cell: (x) => x.no_shows },
    { label: 'analytics.col.no_show_rate', kind: 'percent', cell: (x) => share(x.no_shows, x.all) },
    { label: 'analytics.col.cancelled', kind: 'int', cell: (x) => x.cancelled },
    {
      label: 'analytics.col.cancel_rate',
      kind: 'percent',
      cell: (x) => share(x.cancelled, x.all),
    },
  ],
  total: (months) => ({
    month: null,
    all: sumOf(months, (x) => x.all),
    no_shows: sumOf(months, (x) => x.no_shows),
    cancelled: sumOf(months, (x) => x.cancelled),
  }),
  chart: { type: 'bar', series: [2, 4] },
  notes: ['analytics.note.attendance'],
})

const plans = defineReport({
  id: 'plans',
  async load(ctx) {
    const r = range(ctx)
    const [list, items] = await Promise.all([plansIn(ctx.db, r), planItemsIn(ctx.db, r)])
    const funnel = planFunnel({ plans: list, items })
    const proposed = funnel[0]!.plans
    return funnel.map((f) => ({ ...f, ofProposed: share(f.plans, proposed) }))
  },
  columns: [
    { label: 'analytics.col.stage', kind: 'key', cell: (f) => `analytics.stage.${f.stage}` },
    { label: 'analytics.col.plans', kind: 'int', cell: (f) => f.plans },
    { label: 'analytics.col.share_of_proposed', kind: 'percent', cell: (f) => f.ofProposed },
    { label: 'analytics.col.amount', kind: 'money', cell: (f) => f.amount },
  ],
  chart: { type: 'bar', series: [1] },
  notes: ['analytics.note.plans'],
})

const diagnoses = defineReport({
  id: 'diagnoses',
  load: (ctx) => diagnosesIn(ctx.db, ctx.period, MIN_PATIENTS_PER_CODE),
  columns: [
    { label: 'analytics.col.icd10', kind: 'text', cell: (r) => r.code },
    { label: 'analytics.col.patients', kind: 'int', cell: (r) => r.patients },
  ],
  // No total: it would reveal how many patients the hidden small codes hold.
  chart: { type: 'bar', series: [1], horizontal: true },
  notes: ['analytics.note.diagnoses', 'analytics.note.suppressed'],
})

const stock = defineReport({
  id: 'stock',
  load: (ctx) => stockConsumption(ctx.db, ctx.period),
  columns: [
    { label: 'analytics.col.material', kind: 'text', cell: (r) => r.name },
    { label: 'analytics.col.unit', kind: 'key', cell: (r) => `analytics.unit.${r.unit}` },
    { label: 'analytics.col.in_procedures', kind: 'milli', cell: (r) => r.procedures },
    { label: 'analytics.col.written_off', kind: 'milli', cell: (r) => r.written_off },
    { label: 'analytics.col.used', kind: 'milli', cell: (r) => r.procedures + r.written_off },
  ],
  chart: { type: 'bar', series: [2, 3], horizontal: true, stacked: true },
  notes: ['analytics.note.stock'],
})

const BUILDERS: Record<ReportId, (ctx: ReportContext) => Promise<Report>> = {
  revenue_day: revenueOver('day'),
  revenue_month: revenueOver('month'),
  revenue_doctor: revenueDoctor,
  revenue_service: revenueService,
  cash_method: cashMethod,
  doctor_pay: doctorPay,
  utilisation,
  patients,
  attendance,
  plans,
  diagnoses,
  stock,
}

/** One report over the period. */
export function buildReport(ctx: ReportContext, id: ReportId): Promise<Report> {
  return BUILDERS[id](ctx)
}

/** Several reports, one after another (SQLite has one connection anyway). */
export async function buildReports(ctx: ReportContext, ids: readonly ReportId[]) {
  const out: Report[] = []
  for (const id of ids) out.push(await buildReport(ctx, id))
  return out
}
