import { sql } from 'kysely'
import type { DbOrTrx } from '../database.js'
import { registerExportSection, type ExportRecord } from './export.registry.js'
import { listNotes } from './notes.queries.js'
import { findPatientById } from './patients.queries.js'

// The sections this feature contributes to the data-subject export. Imported once by
// export.routes.tsx; other features register theirs from their own modules.

const CARD_LABELS = {
  card_number: 'patients.field.card_number',
  surname: 'patients.field.surname',
  name: 'patients.field.name',
  patronymic: 'patients.field.patronymic',
  sex: 'patients.field.sex',
  birth_date: 'patients.field.birth_date',
  phone: 'patients.field.phone',
  phone_extra: 'patients.field.phone_extra',
  email: 'patients.field.email',
  address: 'patients.field.address',
  snils: 'patients.field.snils',
  oms_policy: 'patients.field.oms_policy',
  oms_insurer: 'patients.field.oms_insurer',
  dms_policy: 'patients.field.dms_policy',
  dms_insurer: 'patients.field.dms_insurer',
  id_doc_type: 'patients.field.id_doc_type',
  id_doc_series: 'patients.field.id_doc_series',
  id_doc_number: 'patients.field.id_doc_number',
  id_doc_issued_by: 'patients.field.id_doc_issued_by',
  id_doc_issued_on: 'patients.field.id_doc_issued_on',
  guardian_card_number: 'patients.field.guardian_card',
  guardian_relation: 'patients.field.guardian_relation',
  contact_channel: 'patients.field.contact_channel',
} as const

registerExportSection({
  name: 'card',
  title: 'patients.export.section.card',
  permission: 'patients.contacts.read',
  labels: CARD_LABELS,
  async load({ db, patientId }) {
    const p = await findPatientById(db, patientId)
    if (!p) return {}
    const guardian = p.guardian_id === null ? undefined : await findPatientById(db, p.guardian_id)
    const out: ExportRecord = {}
    for (const key of Object.keys(CARD_LABELS) as (keyof typeof CARD_LABELS)[]) {
      out[key] = key === 'guardian_card_number' ? (guardian?.card_number ?? null) : p[key]
    }
    return { ...out, created_at: p.created_at, updated_at: p.updated_at }
  },
})

registerExportSection({
  name: 'notes',
  title: 'patients.export.section.notes',
  permission: 'patients.notes.read',
  async load({ db, patientId }) {
    return (await listNotes(db, patientId)).map((n) => ({
      created_at: n.created_at,
      author: n.author,
      body: n.body,
    }))
  },
})

registerExportSection({
  name: 'consents',
  title: 'patients.export.section.consents',
  permission: 'patients.contacts.read',
  load: ({ db, patientId }) =>
    db
      .selectFrom('consents')
      .innerJoin('consent_templates', 'consent_templates.id', 'consents.template_id')
      .leftJoin('files', 'files.id', 'consents.file_id')
      .select([
        'consents.kind',
        'consent_templates.version as text_version',
        'consents.signed_by',
        'consents.given_on',
        'consents.withdrawn_on',
        'files.sha256 as scan_sha256',
      ])
      .where('consents.patient_id', '=', patientId)
      .orderBy('consents.id')
      .execute(),
})

registerExportSection({
  name: 'documents',
  title: 'patients.export.section.documents',
  permission: 'patients.documents.read',
  load: ({ db, patientId }) =>
    db
      .selectFrom('patient_documents')
      .innerJoin('files', 'files.id', 'patient_documents.file_id')
      .select([
        'patient_documents.kind',
        'patient_documents.original_name',
        'patient_documents.uploaded_at',
        'patient_documents.removed_at',
        'files.media_type',
        'files.size',
        'files.sha256',
      ])
      .where('patient_documents.patient_id', '=', patientId)
      .orderBy('patient_documents.id')
      .execute(),
})

registerExportSection({
  name: 'visits',
  title: 'patients.export.section.visits',
  permission: 'schedule.read',
  load: ({ db, patientId }) => visitDates(db, patientId),
})

registerExportSection({
  name: 'access_log',
  title: 'patients.export.section.access_log',
  permission: 'patients.export',
  load: ({ db, patientId }) =>
    db
      .selectFrom('audit_events')
      .leftJoin('staff', 'staff.id', 'audit_events.staff_id')
      .leftJoin('devices', 'devices.id', 'audit_events.device_id')
      .select([
        'audit_events.at',
        'audit_events.action',
        'audit_events.category',
        'audit_events.outcome',
        'staff.full_name as staff',
        'devices.name as terminal',
        'audit_events.zone',
      ])
      .where('audit_events.patient_id', '=', patientId)
      .orderBy('audit_events.id')
      .execute(),
})

/**
 * Dates, doctor and status of the patient's appointments, read only if the schedule's table
 * exists (it is created by a later migration) and only from the columns present: no reason
 * text, nothing clinical.
 */
async function visitDates(db: DbOrTrx, patientId: number): Promise<ExportRecord[]> {
  const columns = await sql<{
    name: string
  }>`select name from pragma_table_info('appointments')`.execute(db)
  const have = new Set(columns.rows.map((r) => r.name))
  if (!have.has('patient_id') || !have.has('starts_at')) return []
  const wanted = ['starts_at', 'ends_at', 'status'].filter((c) => have.has(c))
  const doctor = have.has('doctor_id')
  const rows = await sql<ExportRecord>`select ${sql.join(wanted.map((c) => sql.ref(`a.${c}`)))}
      ${doctor ? sql`, s.full_name as doctor` : sql``}
    from appointments a ${doctor ? sql`left join staff s on s.id = a.doctor_id` : sql``}
    where a.patient_id = ${patientId} order by a.starts_at`.execute(db)
  return rows.rows
}
