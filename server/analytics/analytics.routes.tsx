import { Hono } from 'hono'
import { AnalyticsPage, type PeriodLink } from '../../views/analytics/analytics.page.js'
import { recordAudit } from '../audit/audit.service.js'
import { allow, auditActor } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { UserFacingError } from '../http/errors.js'
import { clinicToday } from '../schedule/clinic-time.js'
import { cellFormatter, reportCsv } from './format.js'
import { monthOf, monthPeriod, parsePeriod, type Period } from './period.js'
import { isReportId, REPORT_IDS } from './report.js'
import { periodQueryString, readPeriodQuery, visibleReports, type Ctx } from './request.js'
import { buildReport, buildReports } from './reports.service.js'

// The owner's analytics (office zone, `analytics.read`): aggregates only, never a patient's
// name or id on the page, in the CSV or in the audit details. Only dates travel in the URL.

function presets(c: Ctx, current: Period): PeriodLink[] {
  const s = c.get('services')
  const today = clinicToday(s.now(), s.config.timeZone)
  const thisMonth = monthPeriod(monthOf(today))!
  const list: [PeriodLink['label'], Period][] = [
    ['analytics.preset.this_month', thisMonth],
    ['analytics.preset.last_month', monthPeriod(monthOf(today, -1))!],
    ['analytics.preset.last_3_months', { from: `${monthOf(today, -2)}-01`, to: thisMonth.to }],
    ['analytics.preset.this_year', { from: `${today.slice(0, 4)}-01-01`, to: today }],
  ]
  return list.map(([label, p]) => ({
    label,
    href: `/analytics?${periodQueryString(p)}`,
    current: p.from === current.from && p.to === current.to,
  }))
}

export function analyticsRoutes() {
  const app = new Hono<AppEnv>()

  // --- every report over a period ---
  app.get('/analytics', allow('analytics.read'), async (c) => {
    const s = c.get('services')
    const i18n = c.get('i18n')
    const input = readPeriodQuery(c)
    const parsed = parsePeriod(input, s.now(), s.config.timeZone)
    const format = cellFormatter(i18n)
    const title = i18n.t('analytics.title')
    if (!parsed.ok) {
      c.status(422)
      const fallback = parsePeriod({}, s.now(), s.config.timeZone)
      const current = fallback.ok ? fallback.period : { from: '', to: '' }
      return c.render(
        <AnalyticsPage
          i18n={i18n}
          values={{ from: input.from ?? '', to: input.to ?? '' }}
          error={parsed.error}
          presets={presets(c, current)}
          reports={[]}
          format={format}
          csvHref={() => ''}
        />,
        { title },
      )
    }
    const { period } = parsed
    const ids = await visibleReports(c, REPORT_IDS)
    const reports = await buildReports({ db: s.db, period, timeZone: s.config.timeZone }, ids)
    await recordAudit(
      s.db,
      s.keys.audit,
      auditActor(c),
      { action: 'analytics.view', category: 'analytics', details: { ...period } },
      s.now(),
    )
    return c.render(
      <AnalyticsPage
        i18n={i18n}
        values={period}
        presets={presets(c, period)}
        monthHref={parsed.month ? `/analytics/month?month=${parsed.month}` : undefined}
        reports={reports}
        format={format}
        csvHref={(id) => `/analytics/export.csv?report=${id}&${periodQueryString(period)}`}
      />,
      { title },
    )
  })

  // --- one report as a CSV file (an export: audited before the first byte) ---
  app.get('/analytics/export.csv', allow('analytics.read'), async (c) => {
    const s = c.get('services')
    const id = c.req.query('report') ?? ''
    if (!isReportId(id)) throw new UserFacingError(404, 'error.not_found')
    if ((await visibleReports(c, [id])).length === 0) {
      throw new UserFacingError(403, 'error.forbidden')
    }
    const parsed = parsePeriod(readPeriodQuery(c), s.now(), s.config.timeZone)
    if (!parsed.ok) throw new UserFacingError(422, parsed.error)
    const { period } = parsed
    const report = await buildReport({ db: s.db, period, timeZone: s.config.timeZone }, id)
    await recordAudit(
      s.db,
      s.keys.audit,
      auditActor(c),
      {
        action: 'analytics.export',
        category: 'analytics',
        details: { format: 'csv', report: id, ...period },
      },
      s.now(),
    )
    return c.body(reportCsv(report, c.get('i18n')), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="enamel-${id}-${period.from}-${period.to}.csv"`,
      'Cache-Control': 'no-store',
    })
  })

  return app
}
