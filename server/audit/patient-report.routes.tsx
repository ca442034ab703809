import { Hono } from 'hono'
import { PatientReport } from '../../views/audit/patient-report.page.js'
import { allow, auditActor } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { notFound } from '../http/errors.js'
import { findPatientBrief } from '../patients/patients.queries.js'
import { parseAuditQuery, parsePositiveId } from './audit-filter.js'
import { listPatientEvents } from './audit.queries.js'
import { recordAudit } from './audit.service.js'

/** More than a patient's report will hold on paper; past it, the owner narrows the period. */
export const REPORT_LIMIT = 2000

/**
 * "Who accessed this patient": a printable page for a patient's request (152-ФЗ ст.14,
 * 323-ФЗ ст.13). Producing it is audited; printing happens in the browser from this page,
 * so producing it is the closest the server can see to printing it.
 */
export function patientReportRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/audit/patients/:id', allow('audit.read'), async (c) => {
    const s = c.get('services')
    const i18n = c.get('i18n')
    const session = c.get('session')!
    // Object check: a registered patient, like every other `/patients/:id` page.
    const patientId = parsePositiveId(c.req.param('id'))
    if (patientId === undefined || !(await findPatientBrief(s.db, patientId))) throw notFound()
    const q = parseAuditQuery({ from: c.req.query('from'), to: c.req.query('to') })
    const errors = Object.values(q.errors).map((key) => i18n.t(key))
    const generatedAt = s.now()
    const common = {
      i18n,
      patientId,
      clinicName: s.config.clinicName,
      generatedAt: generatedAt.toISOString(),
      generatedBy: session.fullName,
      from: q.values.from,
      to: q.values.to,
    }
    if (errors.length > 0) {
      c.status(422)
      return c.render(<PatientReport {...common} rows={[]} truncated={false} errors={errors} />, {
        title: i18n.t('audit.report.title', { id: patientId }),
      })
    }
    // The report shows the trail as it stood before this event, which it records.
    const reportId = await recordAudit(
      s.db,
      s.keys.audit,
      auditActor(c),
      {
        action: 'audit.patient_report',
        patientId,
        category: 'audit',
        details: { from: q.filter.from ?? null, to: q.filter.to ?? null },
      },
      generatedAt,
    )
    const rows = await listPatientEvents(
      s.db,
      patientId,
      { from: q.filter.from, to: q.filter.to, beforeId: reportId },
      s.config.timeZone,
      REPORT_LIMIT + 1,
    )
    return c.render(
      <PatientReport
        {...common}
        rows={rows.slice(0, REPORT_LIMIT)}
        truncated={rows.length > REPORT_LIMIT}
        limit={REPORT_LIMIT}
      />,
      { title: i18n.t('audit.report.title', { id: patientId }) },
    )
  })

  return app
}
