import { Hono } from 'hono'
import { IdsPrintPage } from '../../views/plans/ids-print.page.js'
import { recordAudit } from '../audit/audit.service.js'
import { allow, auditActor, can } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { notFound } from '../http/errors.js'
import { blobStoreFor } from '../medical-files/store.adapter.js'
import { checkUpload } from '../medical-files/upload-check.js'
import { formatDay, formId } from './fields.js'
import { findGuardian, findTemplate } from './ids.queries.js'
import { fillTemplate, interventionText } from './ids-templates.service.js'
import { isMinorOn, recordConsent, type ConsentInput } from './ids.service.js'
import { fullName, medicalPatient } from './medical-access.js'
import { actorOf, depsOf, planOf, renderPlan } from './plan-page.js'
import { listItems } from './plans.queries.js'
import { clinicToday } from '../schedule/clinic-time.js'

const str = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '')

/** ИДС of a plan: print a filled template, record the signed paper (and its scan). */
export function idsRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/patients/:patientId/plans/:planId/ids/print', allow('medical.read'), async (c) => {
    const s = c.get('services')
    const { t } = c.get('i18n')
    const patient = await medicalPatient(c)
    const plan = await planOf(c, patient)
    const templateId = formId(c.req.query('template') ?? '')
    const template = templateId ? await findTemplate(s.db, templateId) : undefined
    if (!template) throw notFound()
    const items = await listItems(s.db, plan.id)
    const itemId = formId(c.req.query('item') ?? '')
    if (itemId && !items.some((i) => i.id === itemId)) throw notFound()
    const today = clinicToday(s.now(), s.config.timeZone)
    const guardian = patient.guardian_id ? await findGuardian(s.db, patient.guardian_id) : undefined
    // Under 15 the representative signs; the patient card names them when it can.
    const minor = isMinorOn(patient, today)
    const signer = minor
      ? guardian
        ? fullName(guardian)
        : '______________________________'
      : fullName(patient)
    const relation = patient.guardian_relation ?? t('ids.relation_blank')
    const text = fillTemplate(template.body, {
      patient: fullName(patient),
      birth_date: formatDay(c.get('i18n').locale, patient.birth_date),
      card_number: patient.card_number,
      signer,
      signer_role: minor ? t('ids.role.representative', { relation }) : t('ids.role.patient'),
      intervention: interventionText(t, plan, items, itemId),
      doctor: c.get('session')!.fullName,
      date: formatDay(c.get('i18n').locale, today),
      clinic: s.config.clinicName,
    })
    await recordAudit(s.db, s.keys.audit, auditActor(c), {
      action: 'plan.ids_print',
      patientId: patient.id,
      category: 'medical',
      details: { plan: plan.id, template: template.id, item: itemId ?? null },
    })
    const page = (
      <IdsPrintPage
        i18n={c.get('i18n')}
        clinicName={s.config.clinicName}
        title={template.title}
        text={text}
        backHref={`/patients/${patient.id}/plans/${plan.id}`}
        signerName={signer}
        doctorName={c.get('session')!.fullName}
      />
    )
    return c.html(`<!DOCTYPE html>${await page.toString()}`)
  })

  app.post('/patients/:patientId/plans/:planId/ids', allow('medical.write'), async (c) => {
    const s = c.get('services')
    const { t } = c.get('i18n')
    const patient = await medicalPatient(c)
    const plan = await planOf(c, patient)
    const body = await c.req.parseBody()
    const input: ConsentInput = {
      template_id: str(body.template_id, 20),
      item_id: str(body.item_id, 20),
      signed_on: str(body.signed_on, 20),
      signer: str(body.signer, 20),
      representative_name: str(body.representative_name, 1000),
      representative_relation: str(body.representative_relation, 1000),
    }
    const values = { ...input }
    const fail = (errors: Record<string, string>) =>
      renderPlan(c, patient, plan, { failed: { form: 'consent', values, errors } })
    // A scan is optional; when given it must pass every check a medical file passes.
    const hasScan = body.scan instanceof File && body.scan.size > 0
    let scan
    if (hasScan) {
      if (!(await can(c, 'medical.files.write')))
        return fail({ scan: t('ids.error.scan_forbidden') })
      const checked = await checkUpload(body.scan, 'consent_scan', s.config.uploadMaxBytes)
      if (!checked.ok) {
        // A refused scan leaves a trace, as a refused X-ray does.
        await recordAudit(s.db, s.keys.audit, auditActor(c), {
          action: 'plan.ids_signed',
          outcome: 'failed',
          patientId: patient.id,
          category: 'medical',
          details: { plan: plan.id, reason: checked.problem },
        })
        const mb = Math.floor(s.config.uploadMaxBytes / (1024 * 1024))
        return fail({ scan: t(`files.error.${checked.problem}`, { mb }) })
      }
      scan = checked
    }
    const items = await listItems(s.db, plan.id)
    const today = clinicToday(s.now(), s.config.timeZone)
    const result = await recordConsent(
      { ...depsOf(c), store: blobStoreFor(s) },
      actorOf(c),
      { plan, patient, items, today },
      input,
      scan,
    )
    if (result.ok) return c.redirect(`/patients/${patient.id}/plans/${plan.id}`, 303)
    return fail(
      Object.fromEntries(Object.entries(result.errors).map(([k, key]) => [k, key ? t(key) : ''])),
    )
  })

  return app
}
