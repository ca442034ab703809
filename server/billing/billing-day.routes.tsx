import { Hono } from 'hono'
import { z } from 'zod'
import { BillingDayPage } from '../../views/billing/billing-day.page.js'
import { RequisitesPage } from '../../views/billing/requisites.page.js'
import { recordAudit } from '../audit/audit.service.js'
import { allow, auditActor, can } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { form } from '../http/forms.js'
import { isoDate } from '../plans/fields.js'
import { fullName } from '../plans/medical-access.js'
import { moneyFormatter } from '../prices/money.js'
import { clinicToday, toClinic } from '../schedule/clinic-time.js'
import { listDebtors, listPaymentsOfDay, servicesTotalOfDay } from './billing.queries.js'
import { checkRequisites, loadRequisites, REQUISITE_FIELDS, saveRequisites } from './requisites.js'

// The front desk's day and the clinic's legal details. The day is a query parameter: a date is
// not patient data, and a bookmarkable day is what the desk expects.

const requisitesForm = z.object(
  Object.fromEntries(REQUISITE_FIELDS.map((f) => [f, z.string().max(2000).default('')])) as Record<
    (typeof REQUISITE_FIELDS)[number],
    z.ZodDefault<z.ZodString>
  >,
)

export function billingDayRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/billing', allow('billing.read'), async (c) => {
    const s = c.get('services')
    const i18n = c.get('i18n')
    const date = isoDate(c.req.query('date') ?? '') ?? clinicToday(s.now(), s.config.timeZone)
    const ops = await listPaymentsOfDay(s.db, date)
    const debtors = await listDebtors(s.db)
    await recordAudit(s.db, s.keys.audit, auditActor(c), {
      action: 'billing.day',
      category: 'billing',
      details: { date, operations: ops.length, debtors: debtors.length },
    })
    const links = []
    if (await can(c, 'billing.payroll')) {
      links.push({ href: '/payroll', label: i18n.t('billing.payroll_link') })
    }
    if (await can(c, 'admin.staff')) {
      links.push({ href: '/admin/requisites', label: i18n.t('billing.requisites_link') })
    }
    return c.render(
      <BillingDayPage
        i18n={i18n}
        money={moneyFormatter(i18n.locale)}
        date={date}
        operations={ops.map((o) => {
          const m = toClinic(o.created_at, s.config.timeZone).minutes
          return {
            ...o,
            patient_name: fullName(o),
            time: `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`,
          }
        })}
        servicesTotal={await servicesTotalOfDay(s.db, date)}
        debtors={debtors.map((d) => ({ id: d.id, name: fullName(d), debt: -d.balance }))}
        links={links}
      />,
      { title: i18n.t('billing.title') },
    )
  })

  // --- the clinic's legal details (owner, office) ---
  app.get('/admin/requisites', allow('admin.staff'), async (c) => {
    const values = await loadRequisites(c.get('services').db)
    const saved = c.req.query('done') === 'saved'
    return c.render(
      <RequisitesPage
        i18n={c.get('i18n')}
        csrfToken={c.get('csrfToken')}
        values={values}
        notice={saved ? c.get('i18n').t('billing.req.saved') : undefined}
      />,
      { title: c.get('i18n').t('billing.req.title') },
    )
  })

  app.post('/admin/requisites', allow('admin.staff'), async (c) => {
    const s = c.get('services')
    const input = await form(c, requisitesForm)
    const { value, errors } = checkRequisites(input)
    if (Object.keys(errors).length === 0) {
      await saveRequisites({ db: s.db, auditKey: s.keys.audit, now: s.now }, auditActor(c), value)
      return c.redirect('/admin/requisites?done=saved', 303)
    }
    c.status(422)
    return c.render(
      <RequisitesPage
        i18n={c.get('i18n')}
        csrfToken={c.get('csrfToken')}
        values={input}
        errors={errors}
      />,
      { title: c.get('i18n').t('billing.req.title') },
    )
  })

  return app
}
