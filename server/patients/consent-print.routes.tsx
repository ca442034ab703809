import { Hono } from 'hono'
import { ConsentPrintPage } from '../../views/patients/consent-print.page.js'
import { fullName, showDate } from '../../views/patients/format.js'
import { allow } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { notFound } from '../http/errors.js'
import { fillTemplate } from './consent-text.js'
import { currentTemplate } from './consents.queries.js'
import { auditPatient, patientFromPath, today } from './patient-access.js'
import { findPatientBrief } from './patients.queries.js'
import type { TemplateKind } from './patients.table.js'

const KINDS: readonly TemplateKind[] = ['pd_processing', 'marketing']

/** The consent form to print and sign, filled from the card with the current template. */
export function consentPrintRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/patients/:id/consents/print/:kind', allow('patients.consents.write'), async (c) => {
    const s = c.get('services')
    const i18n = c.get('i18n')
    const patient = await patientFromPath(c)
    const kind = c.req.param('kind') as TemplateKind
    const template = KINDS.includes(kind) ? await currentTemplate(s.db, kind) : undefined
    if (!template) throw notFound()
    const guardian =
      patient.guardian_id === null ? undefined : await findPatientBrief(s.db, patient.guardian_id)
    const blank = '____________________'
    const doc = patient.id_doc_type
      ? [
          i18n.t(`patients.doc.${patient.id_doc_type}`),
          patient.id_doc_series,
          patient.id_doc_number,
          patient.id_doc_issued_by,
          patient.id_doc_issued_on && showDate(i18n, patient.id_doc_issued_on),
        ]
          .filter(Boolean)
          .join(' ')
      : blank
    const text = fillTemplate(template.body, {
      patient: fullName(patient),
      birth_date: showDate(i18n, patient.birth_date),
      document: doc,
      address: patient.address ?? blank,
      representative: guardian
        ? i18n.t('patients.print.representative', { name: fullName(guardian) })
        : i18n.t('patients.print.self'),
      clinic: s.config.clinicName,
      date: showDate(i18n, today(c)),
    })
    await auditPatient(c, s.db, {
      action: 'patient.consent.print',
      patientId: patient.id,
      category: 'consents',
      details: { kind, version: template.version },
    })
    return c.render(
      <ConsentPrintPage
        i18n={i18n}
        title={template.title}
        text={text}
        version={template.version}
        back={`/patients/${patient.id}/consents`}
      />,
      { title: template.title },
    )
  })

  return app
}
