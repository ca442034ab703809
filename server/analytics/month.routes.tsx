import { Hono } from 'hono'
import { MonthPage } from '../../views/analytics/month.page.js'
import { recordAudit } from '../audit/audit.service.js'
import { allow, auditActor, can } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { clinicToday } from '../schedule/clinic-time.js'
import { monthReport } from '../stock/stock-report.queries.js'
import { cellFormatter } from './format.js'
import { monthOf, monthPeriod } from './period.js'
import type { Report, ReportId } from './report.js'
import { buildReports } from './reports.service.js'
import { periodQueryString, visibleReports } from './request.js'

// Closing a month from Enamel alone: revenue, money by method, doctors' pay, materials used.

const MONTH_REPORTS: readonly ReportId[] = [
  'revenue_day',
  'revenue_doctor',
  'cash_method',
  'doctor_pay',
  'stock',
]

// The detailed reports the summary leads to (billing's payroll, stock's month report).
const PAYROLL_HREF = (month: string) => `/payroll?month=${month}`
const STOCK_HREF = (month: string) => `/stock/report?month=${month}`

const totalOf = (r: Report | undefined, col: number) => Number(r?.total?.[col] ?? 0)

export function monthRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/analytics/month', allow('analytics.read'), async (c) => {
    const s = c.get('services')
    const i18n = c.get('i18n')
    // A month is closed once it is over: the previous month unless another is asked for.
    const asked = (c.req.query('month') ?? '').slice(0, 7)
    const fallback = monthOf(clinicToday(s.now(), s.config.timeZone), -1)
    const valid = monthPeriod(asked) !== undefined
    const month = valid ? asked : fallback
    const period = monthPeriod(month)!
    if (asked !== '' && !valid) c.status(422)
    const ids = await visibleReports(c, MONTH_REPORTS)
    const reports = await buildReports({ db: s.db, period, timeZone: s.config.timeZone }, ids)
    const byId = new Map(reports.map((r) => [r.id, r]))
    const [cash] = await buildReports({ db: s.db, period, timeZone: s.config.timeZone }, [
      'revenue_month',
    ])
    const stock = await monthReport(s.db, month)
    await recordAudit(
      s.db,
      s.keys.audit,
      auditActor(c),
      { action: 'analytics.month', category: 'analytics', details: { month } },
      s.now(),
    )
    const [y, m] = month.split('-').map(Number) as [number, number]
    const monthLabel = new Intl.DateTimeFormat(i18n.locale === 'ru' ? 'ru-RU' : 'en-GB', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(Date.UTC(y, m - 1, 1)))
    return c.render(
      <MonthPage
        i18n={i18n}
        month={month}
        monthLabel={monthLabel}
        error={asked !== '' && !valid ? 'analytics.error.period' : undefined}
        summary={{
          accrued: totalOf(cash, 1),
          received: totalOf(cash, 2),
          pay: byId.has('doctor_pay') ? totalOf(byId.get('doctor_pay'), 2) : undefined,
          materials: stock.totals.used_cost_kopecks,
        }}
        reports={reports}
        format={cellFormatter(i18n)}
        csvHref={(id) => `/analytics/export.csv?report=${id}&${periodQueryString(period)}`}
        links={{
          prev: `/analytics/month?month=${monthOf(period.from, -1)}`,
          next: `/analytics/month?month=${monthOf(period.from, 1)}`,
          all: `/analytics?${periodQueryString(period)}`,
          payroll: (await can(c, 'billing.payroll')) ? PAYROLL_HREF(month) : undefined,
          stock: (await can(c, 'stock.read')) ? STOCK_HREF(month) : undefined,
        }}
      />,
      { title: i18n.t('analytics.month_title', { month: monthLabel }) },
    )
  })

  return app
}
