import { Hono, type Context } from 'hono'
import { z } from 'zod'
import {
  PayrollPage,
  PayStatementPage,
  PayStatementPrint,
  type RuleFormState,
} from '../../views/billing/payroll.page.js'
import { recordAudit } from '../audit/audit.service.js'
import { allow, auditActor } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { notFound } from '../http/errors.js'
import { form } from '../http/forms.js'
import { pathId } from '../plans/medical-access.js'
import { moneyFormatter } from '../prices/money.js'
import { listPriceItems } from '../prices/prices.queries.js'
import { clinicToday } from '../schedule/clinic-time.js'
import { listDoctors } from './billing.queries.js'
import { addRule, doctorStatement, listRules, monthBounds } from './payroll.service.js'

// Doctors' pay is the owner's business: `billing.payroll`, which the zone ceiling keeps to the
// office terminal. Rules are append-only rows from a date; a statement is computed, not stored.

type Ctx = Context<AppEnv>
const field = (max: number) => z.string().max(max).default('')
const ruleForm = z.object({
  price_item_id: field(20),
  kind: field(20),
  value: field(50),
  valid_from: field(20),
})

function monthOf(c: Ctx): string {
  const s = c.get('services')
  const q = c.req.query('month') ?? ''
  return monthBounds(q) ? q : clinicToday(s.now(), s.config.timeZone).slice(0, 7)
}

async function payrollPage(c: Ctx, formState?: RuleFormState) {
  const s = c.get('services')
  const i18n = c.get('i18n')
  const money = moneyFormatter(i18n.locale)
  const today = clinicToday(s.now(), s.config.timeZone)
  return c.render(
    <PayrollPage
      i18n={i18n}
      csrfToken={c.get('csrfToken')}
      money={money}
      month={today.slice(0, 7)}
      doctors={await listDoctors(s.db)}
      rules={await listRules(s.db)}
      priceItems={(await listPriceItems(s.db, { activeOnly: false })).map((p) => ({
        value: String(p.id),
        label: `${p.code} ${p.name}`,
      }))}
      form={formState}
      today={today}
    />,
    { title: i18n.t('billing.pay.title') },
  )
}

async function doctorOf(c: Ctx) {
  const id = pathId(c, 'doctorId')
  const doctor = (await listDoctors(c.get('services').db)).find((d) => d.id === id)
  if (!doctor) throw notFound()
  return doctor
}

async function statementFor(c: Ctx) {
  const s = c.get('services')
  const doctor = await doctorOf(c)
  const month = monthOf(c)
  const stmt = (await doctorStatement(s.db, doctor.id, month))!
  await recordAudit(s.db, s.keys.audit, auditActor(c), {
    action: 'billing.payroll_view',
    category: 'billing',
    details: { doctor: doctor.id, month, pay_kopecks: stmt.payTotal },
  })
  return {
    i18n: c.get('i18n'),
    money: moneyFormatter(c.get('i18n').locale),
    doctor,
    ...stmt,
  }
}

export function payrollRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/payroll', allow('billing.payroll'), (c) => payrollPage(c))

  app.post('/payroll/:doctorId/rules', allow('billing.payroll'), async (c) => {
    const s = c.get('services')
    const doctor = await doctorOf(c)
    const input = await form(c, ruleForm)
    const actor = { ...auditActor(c), staffId: c.get('session')!.staffId }
    const result = await addRule(
      { db: s.db, auditKey: s.keys.audit, now: s.now },
      actor,
      doctor.id,
      input,
    )
    if (result.ok) return c.redirect('/payroll', 303)
    c.status(422)
    return payrollPage(c, { doctorId: doctor.id, values: input, errors: result.errors })
  })

  app.get('/payroll/:doctorId', allow('billing.payroll'), async (c) => {
    const props = await statementFor(c)
    return c.render(<PayStatementPage {...props} />, {
      title: c.get('i18n').t('billing.pay.stmt_title', {
        name: props.doctor.full_name,
        month: props.month,
      }),
    })
  })

  app.get('/payroll/:doctorId/print', allow('billing.payroll'), async (c) => {
    const props = await statementFor(c)
    await recordAudit(c.get('services').db, c.get('services').keys.audit, auditActor(c), {
      action: 'billing.print',
      category: 'billing',
      details: { document: 'pay_statement', doctor: props.doctor.id, month: props.month },
    })
    const page = <PayStatementPrint {...props} clinicName={c.get('services').config.clinicName} />
    return c.html(`<!DOCTYPE html>${await page.toString()}`)
  })

  return app
}
