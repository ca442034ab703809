import type { DbOrTrx } from '../database.js'
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
import { datesOf, monthBounds, type Period } from './period.js'
import { share, type Report, type ReportId } from './report.js'

/** A diagnosis code shown only when at least this many distinct patients have it. */
export const MIN_PATIENTS_PER_CODE = 5

export interface ReportContext {
  db: DbOrTrx
  period: Period
  timeZone: string
}

const METHODS = ['cash', 'card', 'transfer'] as const

function range(ctx: ReportContext): UtcRange {
  const r = utcRange(ctx.period.from, ctx.period.to, ctx.timeZone)
  return { from: r.from!, to: r.to! }
}

/** Accrued and received side by side, for every date (or month) that has either. */
async function revenueOver(ctx: ReportContext, unit: 'day' | 'month'): Promise<Report> {
  const [accrued, cash] = await Promise.all([
    revenueBy(ctx.db, ctx.period, unit),
    cashBy(ctx.db, ctx.period, unit),
  ])
  const keys = [...new Set([...accrued.map((r) => r.key), ...cash.map((r) => r.key)])].sort()
  const a = new Map(accrued.map((r) => [r.key, r.amount]))
  const c = new Map(cash.map((r) => [r.key, r.amount]))
  const rows = keys.map((k) => [k, a.get(k) ?? 0, c.get(k) ?? 0])
  return {
    id: unit === 'day' ? 'revenue_day' : 'revenue_month',
    title: unit === 'day' ? 'analytics.report.revenue_day' : 'analytics.report.revenue_month',
    columns: [
      { label: unit === 'day' ? 'analytics.col.date' : 'analytics.col.month', kind: 'text' },
      { label: 'analytics.col.accrued', kind: 'money' },
      { label: 'analytics.col.received', kind: 'money' },
    ],
    rows,
    total: [null, sumOf(rows, 1), sumOf(rows, 2)],
    chart: { type: unit === 'day' ? 'line' : 'bar', series: [1, 2] },
    notes: ['analytics.note.accrual', 'analytics.note.cash'],
  }
}

const sumOf = (rows: (string | number | null)[][], col: number) =>
  rows.reduce((s, r) => s + Number(r[col] ?? 0), 0)

async function revenueDoctor(ctx: ReportContext): Promise<Report> {
  const rows = (await revenueByDoctor(ctx.db, ctx.period)).map((r) => [
    r.full_name,
    r.quantity,
    r.amount,
  ])
  return {
    id: 'revenue_doctor',
    title: 'analytics.report.revenue_doctor',
    columns: [
      { label: 'analytics.col.doctor', kind: 'text' },
      { label: 'analytics.col.services', kind: 'int' },
      { label: 'analytics.col.accrued', kind: 'money' },
    ],
    rows,
    total: [null, sumOf(rows, 1), sumOf(rows, 2)],
    chart: { type: 'bar', series: [2], horizontal: true },
    notes: ['analytics.note.accrual'],
  }
}

async function revenueService(ctx: ReportContext): Promise<Report> {
  const rows = (await revenueByService(ctx.db, ctx.period)).map((r) => [
    `${r.code} ${r.name}`,
    r.quantity,
    r.amount,
  ])
  return {
    id: 'revenue_service',
    title: 'analytics.report.revenue_service',
    columns: [
      { label: 'analytics.col.service', kind: 'text' },
      { label: 'analytics.col.quantity', kind: 'int' },
      { label: 'analytics.col.accrued', kind: 'money' },
    ],
    rows,
    total: [null, sumOf(rows, 1), sumOf(rows, 2)],
    chart: { type: 'bar', series: [2], horizontal: true },
    notes: ['analytics.note.accrual'],
  }
}

async function cashMethod(ctx: ReportContext): Promise<Report> {
  const found = new Map((await cashByMethod(ctx.db, ctx.period)).map((r) => [r.method, r]))
  const rows = METHODS.map((m) => {
    const r = found.get(m)
    const paid = r?.paid ?? 0
    const refunded = r?.refunded ?? 0
    return [`analytics.method.${m}`, paid, refunded, paid - refunded]
  })
  return {
    id: 'cash_method',
    title: 'analytics.report.cash_method',
    columns: [
      { label: 'analytics.col.method', kind: 'key' },
      { label: 'analytics.col.paid', kind: 'money' },
      { label: 'analytics.col.refunded', kind: 'money' },
      { label: 'analytics.col.net', kind: 'money' },
    ],
    rows,
    total: [null, sumOf(rows, 1), sumOf(rows, 2), sumOf(rows, 3)],
    chart: { type: 'doughnut', series: [3] },
    notes: ['analytics.note.cash'],
  }
}

async function doctorPayReport(ctx: ReportContext): Promise<Report> {
  const rows = (await doctorPayFor(ctx.db, ctx.period)).map((r) => [r.doctor, r.revenue, r.pay])
  return {
    id: 'doctor_pay',
    title: 'analytics.report.doctor_pay',
    columns: [
      { label: 'analytics.col.doctor', kind: 'text' },
      { label: 'analytics.col.accrued', kind: 'money' },
      { label: 'analytics.col.pay', kind: 'money' },
    ],
    rows,
    total: [null, sumOf(rows, 1), sumOf(rows, 2)],
    chart: { type: 'bar', series: [1, 2], horizontal: true },
    notes: ['analytics.note.pay'],
  }
}

async function utilisation(ctx: ReportContext): Promise<Report> {
  const [chairs, hours, daysOff, booked] = await Promise.all([
    allChairs(ctx.db),
    chairHours(ctx.db),
    daysOffIn(ctx.db, ctx.period),
    bookedMinutesByChair(ctx.db, range(ctx)),
  ])
  const use = chairUtilisation({ dates: datesOf(ctx.period), chairs, hours, daysOff, booked })
  const rows = use.map((u) => [
    u.chair,
    u.openMinutes,
    u.bookedMinutes,
    share(u.bookedMinutes, u.openMinutes),
  ])
  const open = sumOf(rows, 1)
  const bookedTotal = sumOf(rows, 2)
  return {
    id: 'utilisation',
    title: 'analytics.report.utilisation',
    columns: [
      { label: 'analytics.col.chair', kind: 'text' },
      { label: 'analytics.col.open_time', kind: 'minutes' },
      { label: 'analytics.col.booked_time', kind: 'minutes' },
      { label: 'analytics.col.utilisation', kind: 'percent' },
    ],
    rows,
    total: [null, open, bookedTotal, share(bookedTotal, open)],
    chart: { type: 'bar', series: [3] },
    notes: ['analytics.note.utilisation', 'analytics.note.utilisation_hours'],
  }
}

async function patients(ctx: ReportContext): Promise<Report> {
  const b = monthBounds(ctx.period, ctx.timeZone)
  const { perMonth, total } = await patientsByMonth(ctx.db, b)
  const found = new Map(perMonth.map((r) => [r.month, r]))
  const row = (x: { patients: number; new: number } | undefined, label: string | null) => [
    label,
    x?.new ?? 0,
    (x?.patients ?? 0) - (x?.new ?? 0),
    x?.patients ?? 0,
  ]
  return {
    id: 'patients',
    title: 'analytics.report.patients',
    columns: [
      { label: 'analytics.col.month', kind: 'text' },
      { label: 'analytics.col.new', kind: 'int' },
      { label: 'analytics.col.returning', kind: 'int' },
      { label: 'analytics.col.patients', kind: 'int' },
    ],
    rows: b.months.map((m) => row(found.get(m.month), m.month)),
    total: row(total, null),
    chart: { type: 'bar', series: [1, 2], stacked: true },
    notes: ['analytics.note.new_patients', 'analytics.note.patients_total'],
  }
}

async function attendanceReport(ctx: ReportContext): Promise<Report> {
  const b = monthBounds(ctx.period, ctx.timeZone)
  const found = new Map((await attendanceByMonth(ctx.db, b)).map((r) => [r.month, r]))
  const row = (x: { all: number; no_shows: number; cancelled: number }, label: string | null) => [
    label,
    x.all,
    x.no_shows,
    share(x.no_shows, x.all),
    x.cancelled,
    share(x.cancelled, x.all),
  ]
  const months = b.months.map((m) => found.get(m.month) ?? { all: 0, no_shows: 0, cancelled: 0 })
  const total = months.reduce(
    (t, x) => ({
      all: t.all + x.all,
      no_shows: t.no_shows + x.no_shows,
      cancelled: t.cancelled + x.cancelled,
    }),
    { all: 0, no_shows: 0, cancelled: 0 },
  )
  return {
    id: 'attendance',
    title: 'analytics.report.attendance',
    columns: [
      { label: 'analytics.col.month', kind: 'text' },
      { label: 'analytics.col.appointments', kind: 'int' },
      { label: 'analytics.col.no_shows', kind: 'int' },
      { label: 'analytics.col.no_show_rate', kind: 'percent' },
      { label: 'analytics.col.cancelled', kind: 'int' },
      { label: 'analytics.col.cancel_rate', kind: 'percent' },
    ],
    rows: months.map((x, i) => row(x, b.months[i]!.month)),
    total: row(total, null),
    chart: { type: 'bar', series: [2, 4] },
    notes: ['analytics.note.attendance'],
  }
}

async function plans(ctx: ReportContext): Promise<Report> {
  const r = range(ctx)
  const [list, items] = await Promise.all([plansIn(ctx.db, r), planItemsIn(ctx.db, r)])
  const funnel = planFunnel({ plans: list, items })
  const proposed = funnel[0]!.plans
  return {
    id: 'plans',
    title: 'analytics.report.plans',
    columns: [
      { label: 'analytics.col.stage', kind: 'key' },
      { label: 'analytics.col.plans', kind: 'int' },
      { label: 'analytics.col.share_of_proposed', kind: 'percent' },
      { label: 'analytics.col.amount', kind: 'money' },
    ],
    rows: funnel.map((f) => [
      `analytics.stage.${f.stage}`,
      f.plans,
      share(f.plans, proposed),
      f.amount,
    ]),
    chart: { type: 'bar', series: [1] },
    notes: ['analytics.note.plans'],
  }
}

async function diagnoses(ctx: ReportContext): Promise<Report> {
  const rows = (await diagnosesIn(ctx.db, ctx.period, MIN_PATIENTS_PER_CODE)).map((r) => [
    r.code,
    r.patients,
  ])
  return {
    id: 'diagnoses',
    title: 'analytics.report.diagnoses',
    columns: [
      { label: 'analytics.col.icd10', kind: 'text' },
      { label: 'analytics.col.patients', kind: 'int' },
    ],
    rows,
    // No total: it would reveal how many patients the hidden small codes hold.
    chart: { type: 'bar', series: [1], horizontal: true },
    notes: ['analytics.note.diagnoses', 'analytics.note.suppressed'],
  }
}

async function stock(ctx: ReportContext): Promise<Report> {
  const rows = (await stockConsumption(ctx.db, ctx.period)).map((r) => [
    r.name,
    `analytics.unit.${r.unit}`,
    r.procedures,
    r.written_off,
    r.procedures + r.written_off,
  ])
  return {
    id: 'stock',
    title: 'analytics.report.stock',
    columns: [
      { label: 'analytics.col.material', kind: 'text' },
      { label: 'analytics.col.unit', kind: 'key' },
      { label: 'analytics.col.in_procedures', kind: 'milli' },
      { label: 'analytics.col.written_off', kind: 'milli' },
      { label: 'analytics.col.used', kind: 'milli' },
    ],
    rows,
    chart: { type: 'bar', series: [2, 3], horizontal: true, stacked: true },
    notes: ['analytics.note.stock'],
  }
}

const BUILDERS: Record<ReportId, (ctx: ReportContext) => Promise<Report>> = {
  revenue_day: (ctx) => revenueOver(ctx, 'day'),
  revenue_month: (ctx) => revenueOver(ctx, 'month'),
  revenue_doctor: revenueDoctor,
  revenue_service: revenueService,
  cash_method: cashMethod,
  doctor_pay: doctorPayReport,
  utilisation,
  patients,
  attendance: attendanceReport,
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
