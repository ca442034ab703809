import { createTestApp } from '../testing/test-app.js'
import { recordAudit, type AuditActor, type AuditInput } from './audit.service.js'

// Shared set-up for the audit route tests (not a test file: it never imports the runner).
// An office, a surgery and a reception terminal; an owner, a doctor, an assistant and a
// receptionist; the owner signed in at the office.

const PATIENT = {
  surname: 'Тестова',
  name: 'Пациентка',
  patronymic: null,
  sex: 'female',
  birth_date: '1980-01-01',
  phone: null,
  phone_extra: null,
  email: null,
  address: null,
  snils: null,
  oms_policy: null,
  oms_insurer: null,
  dms_policy: null,
  dms_insurer: null,
  id_doc_type: null,
  id_doc_series: null,
  id_doc_number: null,
  id_doc_issued_by: null,
  id_doc_issued_on: null,
  guardian_id: null,
  guardian_relation: null,
  contact_channel: null,
  created_by: null,
} as const

export async function auditSetup() {
  const t = await createTestApp()
  const office = await t.addDevice('office', 'office-pc')
  const surgery = await t.addDevice('surgery', 'chair-1')
  const reception = await t.addDevice('reception', 'front-desk')
  const ownerId = await t.addStaff('owner', 'owner')
  const doctorId = await t.addStaff('doc', 'doctor')
  const assistantId = await t.addStaff('assist', 'assistant')
  const receptionistId = await t.addStaff('anna', 'receptionist')
  const owner = t.browser(office)
  await owner.login('owner')
  // The patients the tests name by id (break-glass and the report refuse unknown ones).
  for (const id of [7, 42]) {
    const at = t.clock.now().toISOString()
    await t.db
      .insertInto('patients')
      .values({ ...PATIENT, id, card_number: `P-${id}`, created_at: at, updated_at: at })
      .execute()
  }

  /** Appends an event at a given UTC time, as if recorded then. */
  const record = (actor: AuditActor, input: AuditInput, at: string) =>
    recordAudit(t.db, t.services.keys.audit, actor, input, new Date(at))

  const asDoctor: AuditActor = { staffId: doctorId, deviceId: surgery.id, zone: 'surgery' }
  const asOwner: AuditActor = { staffId: ownerId, deviceId: office.id, zone: 'office' }

  /** Audit events as stored, oldest first. */
  const events = () =>
    t.db
      .selectFrom('audit_events')
      .select(['id', 'action', 'outcome', 'patient_id', 'staff_id', 'details'])
      .orderBy('id')
      .execute()

  return {
    ...t,
    office,
    surgery,
    reception,
    ownerId,
    doctorId,
    assistantId,
    receptionistId,
    owner,
    record,
    asDoctor,
    asOwner,
    events,
  }
}

export type AuditSetup = Awaited<ReturnType<typeof auditSetup>>

/** Event ids of the rows shown in a trail page or partial, in page order. */
export function shownEventIds(html: string): number[] {
  return [...html.matchAll(/id="event-(\d+)"/g)].map((m) => Number(m[1]))
}

/** The href of a link with this text, attribute-unescaped. */
export function linkHref(html: string, text: string): string | undefined {
  const esc = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const m = new RegExp(`<a href="([^"]+)"[^>]*>${esc}</a>`).exec(html)
  return m?.[1]?.replace(/&amp;/g, '&')
}
