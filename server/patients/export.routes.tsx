import { Hono, type Context } from 'hono'
import { ExportPage, type ExportPart } from '../../views/patients/export.page.js'
import { fullName } from '../../views/patients/format.js'
import { allow, can } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import { exportSections } from './export.registry.js'
import './export.sections.js'
import { auditPatient, patientFromPath } from './patient-access.js'
import { patientTabs } from './patient-tabs.js'
import type { Patient } from './patients.table.js'

type Ctx = Context<AppEnv>

/**
 * Everything held on the patient that this person may see here: the sections allowed, and
 * the names of those left out (medical parts without medical.read at this terminal).
 */
async function collect(c: Ctx, patient: Patient, format: 'html' | 'json') {
  const s = c.get('services')
  const parts: ExportPart[] = []
  const omitted: { name: string; permission: string }[] = []
  for (const section of exportSections()) {
    if (!(await can(c, section.permission))) {
      omitted.push({ name: section.name, permission: section.permission })
      continue
    }
    parts.push({
      name: section.name,
      title: c.get('i18n').t(section.title),
      labels: Object.fromEntries(
        Object.entries(section.labels ?? {}).map(([k, key]) => [k, c.get('i18n').t(key)]),
      ),
      data: await section.load({ db: s.db, patientId: patient.id }),
    })
  }
  await auditPatient(c, s.db, {
    action: 'patient.export',
    patientId: patient.id,
    category: 'contacts',
    details: {
      format,
      sections: parts.map((p) => p.name).join(','),
      omitted: omitted.map((o) => o.name).join(','),
    },
  })
  return { parts, omitted, at: s.now().toISOString() }
}

/** The data-subject request (152-ФЗ ст.14): a printable page and a JSON bundle. */
export function exportRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/patients/:id/export', allow('patients.export'), async (c) => {
    const patient = await patientFromPath(c)
    const { parts, omitted, at } = await collect(c, patient, 'html')
    return c.render(
      <ExportPage
        i18n={c.get('i18n')}
        patient={patient}
        tabs={await patientTabs(c)}
        at={at}
        parts={parts}
        medicalOmitted={omitted.some((o) => o.permission.startsWith('medical.'))}
      />,
      { title: fullName(patient) },
    )
  })

  app.get('/patients/:id/export.json', allow('patients.export'), async (c) => {
    const patient = await patientFromPath(c)
    const { parts, omitted, at } = await collect(c, patient, 'json')
    const bundle = {
      format: 'enamel-patient-export',
      version: 1,
      exported_at: at,
      clinic: c.get('services').config.clinicName,
      patient_id: patient.id,
      sections: Object.fromEntries(parts.map((p) => [p.name, p.data])),
      omitted_sections: omitted.map((o) => o.name),
    }
    c.header('Content-Disposition', `attachment; filename="patient-${patient.id}-export.json"`)
    return c.json(bundle)
  })

  return app
}
