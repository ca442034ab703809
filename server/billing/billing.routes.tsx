import { Hono, type Context } from 'hono'
import { z } from 'zod'
import {
  PatientBillingPage,
  type FormState,
  type PatientBillingProps,
} from '../../views/billing/patient-billing.page.js'
import type { RowForm } from '../../views/billing/billing-tables.js'
import { recordAudit } from '../audit/audit.service.js'
import { allow, auditActor, can } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { notFound } from '../http/errors.js'
import { form } from '../http/forms.js'
import { formatDay } from '../plans/fields.js'
import { findPatientHeader, fullName, medicalPatient, pathId } from '../plans/medical-access.js'
import { patientTabs } from '../patients/patient-tabs.js'
import { moneyFormatter } from '../prices/money.js'
import { listPriceItems } from '../prices/prices.queries.js'
import { addDays, clinicRange, clinicToday, toClinic } from '../schedule/clinic-time.js'
import {
  balanceOf,
  listAppointmentsForBilling,
  listDoctors,
  listPaymentsForPatient,
  listServicesForPatient,
} from './billing.queries.js'
import {
  addServiceFromPriceList,
  printFiscalReceipt,
  reverseService,
  takePayment,
  takeRefund,
  type BillingDeps,
} from './billing.service.js'
import { fiscalRegister } from './fiscal.js'

// Who does what (permission matrix): the front desk reads and takes money (billing.read,
// billing.write). A procedure not in a plan is added either at the desk (billing.write) or at
// the chair by whoever may mark a plan item done (medical.write, through /visit-services, with
// the card's own visibility check). Nothing here reads a medical table: the receptionist sees
// service names and prices, never a diagnosis.

type Ctx = Context<AppEnv>
const field = (max: number) => z.string().max(max).default('')

const paymentForm = z.object({
  method: field(20),
  amount: field(50),
  payer_name: field(1000),
  appointment_id: field(20),
})
const refundForm = z.object({ amount: field(50), reason: field(2000) })
const serviceForm = z.object({
  price_item_id: field(20),
  quantity: field(10),
  discount: field(50),
  doctor_id: field(20),
  appointment_id: field(20),
})
const reasonForm = z.object({ reason: field(2000) })

export function billingDeps(c: Ctx): BillingDeps {
  const s = c.get('services')
  return { db: s.db, auditKey: s.keys.audit, now: s.now, timeZone: s.config.timeZone }
}
const actorOf = (c: Ctx) => ({ ...auditActor(c), staffId: c.get('session')!.staffId })

/** The patient of `:patientId` for money pages: exists, or 404. */
export async function billingPatient(c: Ctx) {
  const p = await findPatientHeader(c.get('services').db, pathId(c, 'patientId'))
  if (!p) throw notFound()
  return p
}

type Extra = Partial<
  Pick<PatientBillingProps, 'notice' | 'payment' | 'service' | 'refund' | 'reversal'>
>

async function renderPage(c: Ctx, patient: { id: number }, extra: Extra = {}) {
  const s = c.get('services')
  const i18n = c.get('i18n')
  const header = (await findPatientHeader(s.db, patient.id))!
  const today = clinicToday(s.now(), s.config.timeZone)
  // Visits from two months back to a week ahead: enough to tie a payment to one.
  const range = {
    from: clinicRange(addDays(today, -60), 1, s.config.timeZone).from,
    to: clinicRange(addDays(today, 7), 1, s.config.timeZone).to,
  }
  const appts = await listAppointmentsForBilling(s.db, patient.id, range)
  const canTakeMoney = await can(c, 'billing.write')
  const canEditServices = canTakeMoney || (await can(c, 'medical.write'))
  const body = (
    <PatientBillingPage
      i18n={i18n}
      csrfToken={c.get('csrfToken')}
      money={moneyFormatter(i18n.locale)}
      patient={{ ...header, full_name: fullName(header) }}
      tabs={await patientTabs(c)}
      balance={await balanceOf(s.db, patient.id)}
      services={await listServicesForPatient(s.db, patient.id)}
      payments={await listPaymentsForPatient(s.db, patient.id)}
      appointments={appts.map((a) => {
        const local = toClinic(a.starts_at, s.config.timeZone)
        const hh = String(Math.floor(local.minutes / 60)).padStart(2, '0')
        const mm = String(local.minutes % 60).padStart(2, '0')
        return {
          value: String(a.id),
          label: i18n.t('billing.appointment_label', {
            date: `${formatDay(i18n.locale, local.date)} ${hh}:${mm}`,
            doctor: a.doctor_name,
          }),
        }
      })}
      priceItems={
        canEditServices
          ? (await listPriceItems(s.db, { activeOnly: true })).map((p) => ({
              value: String(p.id),
              label: `${p.code} ${p.name} — ${moneyFormatter(i18n.locale)(p.price_kopecks)}`,
            }))
          : []
      }
      doctors={(await listDoctors(s.db)).map((d) => ({ value: String(d.id), label: d.full_name }))}
      canTakeMoney={canTakeMoney}
      canEditServices={canEditServices}
      servicesBase={
        canTakeMoney
          ? `/patients/${patient.id}/billing/services`
          : `/patients/${patient.id}/visit-services`
      }
      {...extra}
    />
  )
  return c.render(body, { title: i18n.t('billing.patient_title', { name: fullName(header) }) })
}

const state = (values: Record<string, string>, errors: FormState['errors']): FormState => ({
  values,
  errors,
})

export function billingRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/patients/:patientId/billing', allow('billing.read'), async (c) => {
    const s = c.get('services')
    const patient = await billingPatient(c)
    await recordAudit(s.db, s.keys.audit, auditActor(c), {
      action: 'billing.open',
      patientId: patient.id,
      category: 'billing',
    })
    const done = c.req.query('done')
    const notice =
      done === 'payment'
        ? c.get('i18n').t('billing.payment_done')
        : done === 'refund'
          ? c.get('i18n').t('billing.refund_done')
          : undefined
    return renderPage(c, patient, { notice })
  })

  app.post('/patients/:patientId/billing/payments', allow('billing.write'), async (c) => {
    const patient = await billingPatient(c)
    const input = await form(c, paymentForm)
    const deps = billingDeps(c)
    const result = await takePayment(deps, actorOf(c), patient.id, input)
    if (!result.ok) {
      c.status(422)
      return renderPage(c, patient, { payment: state(input, result.errors) })
    }
    const settlement = result.balanceBefore < 0 ? 'full' : 'advance'
    await printFiscalReceipt(deps, actorOf(c), fiscalRegister(), result.id, settlement)
    return c.redirect(`/patients/${patient.id}/billing?done=payment`, 303)
  })

  app.post(
    '/patients/:patientId/billing/payments/:paymentId/refund',
    allow('billing.write'),
    async (c) => {
      const patient = await billingPatient(c)
      const paymentId = pathId(c, 'paymentId')
      const input = await form(c, refundForm)
      const deps = billingDeps(c)
      const result = await takeRefund(deps, actorOf(c), patient.id, paymentId, input)
      // Another patient's payment under this patient's path: not found (IDOR).
      if (!result) throw notFound()
      if (!result.ok) {
        c.status(422)
        const refund: RowForm = { id: paymentId, values: input, errors: result.errors }
        return renderPage(c, patient, { refund })
      }
      await printFiscalReceipt(deps, actorOf(c), fiscalRegister(), result.id, 'full')
      return c.redirect(`/patients/${patient.id}/billing?done=refund`, 303)
    },
  )

  const addService = (resolve: (c: Ctx) => Promise<{ id: number }>) => async (c: Ctx) => {
    const patient = await resolve(c)
    const input = await form(c, serviceForm)
    const result = await addServiceFromPriceList(billingDeps(c), actorOf(c), patient.id, input)
    if (result.ok) return c.redirect(`/patients/${patient.id}/billing`, 303)
    c.status(422)
    return renderPage(c, patient, { service: state(input, result.errors) })
  }
  const reverse = (resolve: (c: Ctx) => Promise<{ id: number }>) => async (c: Ctx) => {
    const patient = await resolve(c)
    const serviceId = pathId(c, 'serviceId')
    const input = await form(c, reasonForm)
    const result = await reverseService(billingDeps(c), actorOf(c), patient.id, serviceId, input)
    if (!result) throw notFound()
    if (result.ok) return c.redirect(`/patients/${patient.id}/billing`, 303)
    c.status(422)
    return renderPage(c, patient, {
      reversal: { id: serviceId, values: input, errors: result.errors },
    })
  }
  // At the desk.
  app.post(
    '/patients/:patientId/billing/services',
    allow('billing.write'),
    addService(billingPatient),
  )
  app.post(
    '/patients/:patientId/billing/services/:serviceId/reverse',
    allow('billing.write'),
    reverse(billingPatient),
  )
  // At the chair: whoever may mark a plan item done may record a procedure outside a plan.
  app.post(
    '/patients/:patientId/visit-services',
    allow('medical.write'),
    addService(medicalPatient),
  )
  app.post(
    '/patients/:patientId/visit-services/:serviceId/reverse',
    allow('medical.write'),
    reverse(medicalPatient),
  )

  return app
}
