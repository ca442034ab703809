import { Hono } from 'hono'
import { MarketingPage } from '../../views/patients/marketing.page.js'
import { recordAudit } from '../audit/audit.service.js'
import { allow, auditActor } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { addDays } from './dates.js'
import { hasAppointments, listBirthdays, listLapsed } from './marketing.queries.js'
import { today } from './patient-access.js'

const MAX_DAYS = 31
const LAPSED_LIMIT = 500

/** The month-days (MM-DD) from `from` for `days` days; 29 February joins 28th in other years. */
export function monthDaysAhead(from: string, days: number): string[] {
  const out: string[] = []
  for (let i = 0; i < days; i++) {
    const d = addDays(from, i)
    out.push(d.slice(5))
    const year = Number(d.slice(0, 4))
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
    if (d.slice(5) === '02-28' && !leap) out.push('02-29')
  }
  return out
}

/**
 * Marketing lists: only patients whose consent to mailings on a channel is in force today
 * (38-ФЗ ст.18, 152-ФЗ). Nothing personal in the URL: only the number of days.
 */
export function marketingRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/marketing/birthdays', allow('marketing.lists'), async (c) => {
    const s = c.get('services')
    const asked = Number.parseInt(c.req.query('days') ?? '7', 10)
    const days = Number.isFinite(asked) ? Math.min(Math.max(asked, 1), MAX_DAYS) : 7
    const day = today(c)
    const order = monthDaysAhead(day, days)
    const rows = (await listBirthdays(s.db, order, day)).sort(
      (a, b) => order.indexOf(a.birth_date.slice(5)) - order.indexOf(b.birth_date.slice(5)),
    )
    await recordAudit(
      s.db,
      s.keys.audit,
      auditActor(c),
      {
        action: 'marketing.list',
        category: 'contacts',
        details: { list: 'birthdays', days, count: rows.length },
      },
      s.now(),
    )
    return c.render(
      <MarketingPage i18n={c.get('i18n')} list="birthdays" days={days} rows={rows} />,
      {
        title: c.get('i18n').t('marketing.birthdays.title', { days }),
      },
    )
  })

  app.get('/marketing/lapsed', allow('marketing.lists'), async (c) => {
    const s = c.get('services')
    const day = today(c)
    const available = await hasAppointments(s.db)
    const rows = available
      ? await listLapsed(s.db, {
          seenBefore: `${addDays(day, -365)}T00:00:00.000Z`,
          now: s.now().toISOString(),
          day,
          limit: LAPSED_LIMIT,
        })
      : []
    await recordAudit(
      s.db,
      s.keys.audit,
      auditActor(c),
      {
        action: 'marketing.list',
        category: 'contacts',
        details: { list: 'lapsed', count: rows.length },
      },
      s.now(),
    )
    return c.render(
      <MarketingPage i18n={c.get('i18n')} list="lapsed" rows={rows} unavailable={!available} />,
      { title: c.get('i18n').t('marketing.lapsed.title') },
    )
  })

  return app
}
