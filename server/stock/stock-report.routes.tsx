import { Hono } from 'hono'
import { StockReportPage } from '../../views/stock/report.page.js'
import { allow } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { canWrite, formatters } from './stock-context.js'
import { monthReport } from './stock-report.queries.js'
import { clinicToday } from '../schedule/clinic-time.js'

// The month's materials report (`?month=YYYY-MM`, the clinic's current month by default).

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/

function shift(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const d = new Date(Date.UTC(y, m - 1 + by, 1))
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
}

export function stockReportRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/stock/report', allow('stock.read'), async (c) => {
    const s = c.get('services')
    const current = clinicToday(s.now(), s.config.timeZone).slice(0, 7)
    const raw = c.req.query('month')
    const valid = raw !== undefined && MONTH.test(raw) && Number(raw.slice(0, 4)) >= 1900
    const month = valid ? raw : current
    if (raw !== undefined && !valid) c.status(422)
    const [y, m] = month.split('-').map(Number) as [number, number]
    const monthLabel = new Intl.DateTimeFormat(c.get('i18n').locale === 'ru' ? 'ru-RU' : 'en-GB', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(Date.UTC(y, m - 1, 1)))
    const f = formatters(c)
    return c.render(
      <StockReportPage
        i18n={c.get('i18n')}
        report={await monthReport(s.db, month)}
        monthLabel={monthLabel}
        prev={shift(month, -1)}
        next={shift(month, 1)}
        quantity={f.quantity}
        money={f.money}
        canWrite={await canWrite(c)}
        monthError={raw !== undefined && !valid ? c.get('i18n').t('stock.error.month') : undefined}
      />,
      { title: c.get('i18n').t('stock.report_title', { month: monthLabel }) },
    )
  })

  return app
}
