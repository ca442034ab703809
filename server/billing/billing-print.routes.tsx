import { Hono, type Context } from 'hono'
import { sql } from 'kysely'
import { z } from 'zod'
import { StatementPage } from '../../views/billing/statement.page.js'
import {
  TaxCertificateDocument,
  TaxCertificateFormPage,
  type Person,
  type TaxFormValues,
} from '../../views/billing/tax-certificate.page.js'
import { recordAudit } from '../audit/audit.service.js'
import type { DbOrTrx } from '../database.js'
import { allow, auditActor } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { form } from '../http/forms.js'
import type { I18n } from '../i18n/i18n.js'
import { formatDay, isoDate } from '../plans/fields.js'
import { fullName } from '../plans/medical-access.js'
import { moneyFormatter } from '../prices/money.js'
import { addDays, clinicToday } from '../schedule/clinic-time.js'
import { findStaffById } from '../staff/staff.queries.js'
import { balanceOf, listPaymentsForPatient, listServicesForPatient } from './billing.queries.js'
import type { FieldErrors } from './billing.service.js'
import { billingPatient } from './billing.routes.js'
import { loadRequisites } from './requisites.js'

// Printable money documents. Both are audited as `billing.print`. The tax certificate's choices
// (payer names, INNs) go by POST so that no name or INN lands in a URL or a log.

type Ctx = Context<AppEnv>
const field = (max: number) => z.string().max(max).default('')
const taxForm = z.object({
  year: field(4),
  code: field(1),
  payer: field(20),
  taxpayer_inn: field(20),
  patient_inn: field(20),
})

function docOf(i18n: I18n, p: PersonRow): string {
  if (!p.id_doc_type) return ''
  const parts = [
    i18n.t(`patients.doc.${p.id_doc_type}`),
    [p.id_doc_series, p.id_doc_number].filter(Boolean).join(' '),
    p.id_doc_issued_on ? formatDay(i18n.locale, p.id_doc_issued_on) : '',
  ]
  return parts.filter(Boolean).join(', ')
}

function findPerson(db: DbOrTrx, id: number) {
  return db
    .selectFrom('patients')
    .select([
      'id',
      'surname',
      'name',
      'patronymic',
      'birth_date',
      'guardian_id',
      'card_number',
      'id_doc_type',
      'id_doc_series',
      'id_doc_number',
      'id_doc_issued_on',
    ])
    .where('id', '=', id)
    .executeTakeFirst()
}
type PersonRow = NonNullable<Awaited<ReturnType<typeof findPerson>>>

/** Names recorded as payers other than the patient, in a stable order (the form's indices). */
async function payerNames(db: DbOrTrx, patientId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('payments')
    .select('payer_name')
    .distinct()
    .where('patient_id', '=', patientId)
    .where('payer_name', 'is not', null)
    .orderBy('payer_name')
    .execute()
  return rows.map((r) => r.payer_name!)
}

/** Paid in the year net of refunds, by one payer (null: the patient or their representative). */
async function paidInYear(db: DbOrTrx, patientId: number, year: string, payer: string | null) {
  let q = db
    .selectFrom('payments')
    .select(
      sql<number>`coalesce(sum(case kind when 'payment' then amount_kopecks else -amount_kopecks end), 0)`.as(
        's',
      ),
    )
    .where('patient_id', '=', patientId)
    .where('paid_on', '>=', `${year}-01-01`)
    .where('paid_on', '<=', `${year}-12-31`)
  q = payer === null ? q.where('payer_name', 'is', null) : q.where('payer_name', '=', payer)
  return Math.max(0, Number((await q.executeTakeFirstOrThrow()).s))
}

async function audited(c: Ctx, patientId: number, details: Record<string, string | number>) {
  const s = c.get('services')
  await recordAudit(s.db, s.keys.audit, auditActor(c), {
    action: 'billing.print',
    patientId,
    category: 'billing',
    details,
  })
}

export function billingPrintRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/patients/:patientId/billing/statement', allow('billing.read'), async (c) => {
    const s = c.get('services')
    const i18n = c.get('i18n')
    const patient = (await findPerson(s.db, (await billingPatient(c)).id))!
    const today = clinicToday(s.now(), s.config.timeZone)
    const to = isoDate(c.req.query('to') ?? '') ?? today
    const from = isoDate(c.req.query('from') ?? '') ?? `${to.slice(0, 4)}-01-01`
    const me = await findStaffById(s.db, c.get('session')!.staffId)
    await audited(c, patient.id, { document: 'statement', from, to })
    const page = (
      <StatementPage
        i18n={i18n}
        money={moneyFormatter(i18n.locale)}
        clinicName={s.config.clinicName}
        patient={{ ...patient, full_name: fullName(patient) }}
        from={from}
        to={to}
        opening={await balanceOf(s.db, patient.id, addDays(from, -1))}
        closing={await balanceOf(s.db, patient.id, to)}
        services={await listServicesForPatient(s.db, patient.id, from, to)}
        payments={await listPaymentsForPatient(s.db, patient.id, from, to)}
        today={today}
        issuedBy={me?.full_name ?? ''}
      />
    )
    return c.html(`<!DOCTYPE html>${await page.toString()}`)
  })

  const formPage = async (
    c: Ctx,
    patient: PersonRow,
    values?: TaxFormValues,
    errors?: FieldErrors,
  ) => {
    const s = c.get('services')
    const { t } = c.get('i18n')
    const year = Number(clinicToday(s.now(), s.config.timeZone).slice(0, 4))
    const guardian = patient.guardian_id ? await findPerson(s.db, patient.guardian_id) : undefined
    const payers = [
      { value: 'patient', label: t('billing.tax.payer_patient') },
      ...(guardian
        ? [
            {
              value: 'guardian',
              label: t('billing.tax.payer_guardian', { name: fullName(guardian) }),
            },
          ]
        : []),
      ...(await payerNames(s.db, patient.id)).map((n, i) => ({ value: `payer:${i}`, label: n })),
    ]
    const requisites = await loadRequisites(s.db)
    return c.render(
      <TaxCertificateFormPage
        i18n={c.get('i18n')}
        csrfToken={c.get('csrfToken')}
        patient={{ id: patient.id, full_name: fullName(patient) }}
        years={[0, 1, 2, 3, 4].map((d) => String(year - d))}
        payers={payers}
        values={
          values ?? {
            year: String(year - 1),
            code: '1',
            payer: 'patient',
            taxpayer_inn: '',
            patient_inn: '',
          }
        }
        errors={errors}
        requisitesMissing={!requisites.inn || !requisites.legal_name}
      />,
      { title: t('billing.tax.form_title') },
    )
  }

  app.get('/patients/:patientId/billing/tax-certificate', allow('billing.read'), async (c) => {
    const patient = (await findPerson(c.get('services').db, (await billingPatient(c)).id))!
    return formPage(c, patient)
  })

  app.post('/patients/:patientId/billing/tax-certificate', allow('billing.read'), async (c) => {
    const s = c.get('services')
    const i18n = c.get('i18n')
    const patient = (await findPerson(s.db, (await billingPatient(c)).id))!
    const input = await form(c, taxForm)
    const errors: FieldErrors = {}
    const thisYear = Number(clinicToday(s.now(), s.config.timeZone).slice(0, 4))
    const year = /^\d{4}$/.test(input.year) ? Number(input.year) : 0
    if (year < thisYear - 4 || year > thisYear) errors.year = 'billing.error.year'
    if (input.code !== '1' && input.code !== '2') errors.code = 'billing.error.year'
    const inn = (v: string) => v.trim() === '' || /^\d{12}$/.test(v.trim())
    if (!inn(input.taxpayer_inn)) errors.taxpayer_inn = 'billing.error.inn'
    if (!inn(input.patient_inn)) errors.patient_inn = 'billing.error.inn'
    const names = await payerNames(s.db, patient.id)
    const guardian = patient.guardian_id ? await findPerson(s.db, patient.guardian_id) : undefined
    let taxpayer: Person | undefined
    let payerName: string | null = null
    const asPerson = (p: PersonRow, innValue: string): Person => ({
      name: fullName(p),
      inn: innValue.trim(),
      birth_date: p.birth_date,
      document: docOf(i18n, p),
    })
    if (input.payer === 'patient') taxpayer = asPerson(patient, input.taxpayer_inn)
    else if (input.payer === 'guardian' && guardian) {
      taxpayer = asPerson(guardian, input.taxpayer_inn)
    } else {
      const m = /^payer:(\d{1,4})$/.exec(input.payer)
      const name = m ? names[Number(m[1])] : undefined
      if (name) {
        payerName = name
        taxpayer = { name, inn: input.taxpayer_inn.trim(), birth_date: null, document: '' }
      }
    }
    if (!taxpayer) errors.payer = 'billing.error.payer_choice'
    if (Object.keys(errors).length > 0 || !taxpayer) {
      c.status(422)
      return formPage(c, patient, input, errors)
    }
    const amount = await paidInYear(s.db, patient.id, String(year), payerName)
    const same = input.payer === 'patient'
    await audited(c, patient.id, { document: 'tax_certificate', year, code: input.code, amount })
    const doc = (
      <TaxCertificateDocument
        i18n={i18n}
        patientId={patient.id}
        number={`${patient.card_number}/${year}`}
        year={String(year)}
        code={input.code as '1' | '2'}
        amount={amount}
        requisites={await loadRequisites(s.db)}
        taxpayer={taxpayer}
        patient={same ? null : asPerson(patient, input.patient_inn)}
        today={clinicToday(s.now(), s.config.timeZone)}
      />
    )
    return c.html(`<!DOCTYPE html>${await doc.toString()}`)
  })

  return app
}
