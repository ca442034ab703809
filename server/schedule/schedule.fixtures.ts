import type { DbOrTrx } from '../database.js'
import { insertPatient } from '../patients/patients.queries.js'
import { createTestApp } from '../testing/test-app.js'
import { insertChair } from './settings.queries.js'

// Test support for the schedule's route tests: a clinic with two doctors, two chairs, a
// receptionist, an assistant and two patients. Not a test file; never imports the runner.

/** 2026-11-29 is a Sunday; the test clock starts there at 12:00 Moscow time. */
export const DAY = '2026-11-29'

export async function addPatient(
  db: DbOrTrx,
  p: { surname: string; name: string; patronymic?: string; card: string; birth?: string },
) {
  const at = '2026-11-01T09:00:00.000Z'
  return insertPatient(db, {
    card_number: p.card,
    surname: p.surname,
    name: p.name,
    patronymic: p.patronymic ?? null,
    sex: 'female',
    birth_date: p.birth ?? '1985-04-12',
    phone: '+79161234567',
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
    created_at: at,
    updated_at: at,
    created_by: null,
  })
}

export async function scheduleClinic() {
  const t = await createTestApp()
  const reception = await t.addDevice('reception')
  const surgery = await t.addDevice('surgery')
  const anna = await t.addStaff('anna', 'receptionist')
  const doc = await t.addStaff('doc', 'doctor')
  const doc2 = await t.addStaff('doc2', 'doctor')
  const asya = await t.addStaff('asya', 'assistant')
  const at = t.clock.now().toISOString()
  const chair1 = await insertChair(t.db, 'Кресло 1', at)
  const chair2 = await insertChair(t.db, 'Кресло 2', at)
  const ivanova = await addPatient(t.db, {
    surname: 'Иванова',
    name: 'Мария',
    patronymic: 'Петровна',
    card: '1001',
  })
  const petrov = await addPatient(t.db, {
    surname: 'Петров',
    name: 'Олег',
    patronymic: 'Ильич',
    card: '1002',
  })
  const desk = t.browser(reception)
  await desk.login('anna')
  return { ...t, reception, surgery, anna, doc, doc2, asya, chair1, chair2, ivanova, petrov, desk }
}

export type Clinic = Awaited<ReturnType<typeof scheduleClinic>>
type Browser = Clinic['desk']

/** A booking form as the receptionist sends it; override any field. */
export function booking(k: Clinic, over: Record<string, string> = {}): Record<string, string> {
  return {
    patient_id: String(k.ivanova),
    doctor_id: String(k.doc),
    chair_id: String(k.chair1),
    date: DAY,
    start: '14:00',
    duration: '30',
    reason: 'Болит зуб слева',
    ...over,
  }
}

/** Books through the route and returns the new appointment's id. */
export async function book(k: Clinic, b: Browser, over: Record<string, string> = {}) {
  const res = await b.post('/schedule/appointments', booking(k, over))
  if (res.status !== 303) throw new Error(`booking failed: ${res.status} ${await res.text()}`)
  const row = await k.db
    .selectFrom('appointments')
    .select('id')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow()
  return row.id
}
