import { setSetting, MEDICAL_VISIBILITY_KEY } from '../policy/policy.js'
import { createTestApp, type TestApp } from '../testing/test-app.js'

// Test support for the medical card and chart route tests: a clinic with one terminal per
// zone, the four roles signed in where the test needs them, and two patients.
// Not a test file itself; it never imports the test runner.

export async function insertTestPatient(
  t: TestApp,
  p: { card: string; surname: string; name: string; birth: string; sex?: 'male' | 'female' },
): Promise<number> {
  const at = t.clock.now().toISOString()
  const row = await t.db
    .insertInto('patients')
    .values({
      card_number: p.card,
      surname: p.surname,
      name: p.name,
      patronymic: null,
      sex: p.sex ?? 'female',
      birth_date: p.birth,
      phone: null,
      phone_extra: null,
      email: null,
      address: 'г. Тверь, ул. Советская, 1',
      snils: '11223344595',
      oms_policy: '7700000000000000',
      oms_insurer: 'СОГАЗ-Мед',
      dms_policy: null,
      dms_insurer: null,
      id_doc_type: 'passport_ru',
      id_doc_series: '2800',
      id_doc_number: '123456',
      id_doc_issued_by: null,
      id_doc_issued_on: null,
      guardian_id: null,
      guardian_relation: null,
      contact_channel: null,
      created_at: at,
      updated_at: at,
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** A booked appointment of this doctor with this patient today at 10:00 UTC. */
export async function insertAppointment(t: TestApp, doctorId: number, patientId: number) {
  const at = t.clock.now().toISOString()
  const chair =
    (await t.db.selectFrom('chairs').select('id').executeTakeFirst()) ??
    (await t.db
      .insertInto('chairs')
      .values({ name: 'Кресло 1', active: 1, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow())
  const day = at.slice(0, 10)
  await t.db
    .insertInto('appointments')
    .values({
      patient_id: patientId,
      doctor_id: doctorId,
      chair_id: chair.id,
      starts_at: `${day}T10:00:00.000Z`,
      ends_at: `${day}T11:00:00.000Z`,
      status: 'booked',
      reason: '',
      cancel_reason: null,
      created_by: null,
      created_at: at,
      updated_at: at,
    })
    .execute()
}

export async function setVisibility(t: TestApp, mode: 'all' | 'own') {
  await setSetting(t.db, MEDICAL_VISIBILITY_KEY, mode)
}

/** The clinic: terminals in every zone, one person per role (and a second doctor), two patients. */
export async function medicalClinic() {
  const t = await createTestApp()
  const surgery = await t.addDevice('surgery', 'surgery-1')
  const reception = await t.addDevice('reception', 'front-desk')
  const office = await t.addDevice('office', 'owner-pc')
  const ids = {
    doctor: await t.addStaff('doctor', 'doctor'),
    doctor2: await t.addStaff('doctor2', 'doctor'),
    assistant: await t.addStaff('assistant', 'assistant'),
    receptionist: await t.addStaff('reception', 'receptionist'),
    owner: await t.addStaff('owner', 'owner'),
  }
  const anna = await insertTestPatient(t, {
    card: 'A-1',
    surname: 'Смирнова',
    name: 'Анна',
    birth: '1985-04-12',
  })
  const boris = await insertTestPatient(t, {
    card: 'B-2',
    surname: 'Борисов',
    name: 'Борис',
    birth: '2016-02-01',
    sex: 'male',
  })
  async function as(
    login: keyof typeof ids | 'reception',
    zone: 'surgery' | 'reception' | 'office',
  ) {
    const device = zone === 'surgery' ? surgery : zone === 'reception' ? reception : office
    const b = t.browser(device)
    await b.login(login === 'receptionist' ? 'reception' : login)
    return b
  }
  /** Audit events recorded after `fromId`, in order. */
  async function eventsSince(fromId: number) {
    return t.db
      .selectFrom('audit_events')
      .select(['id', 'action', 'category', 'outcome', 'patient_id', 'details', 'staff_id'])
      .where('id', '>', fromId)
      .orderBy('id')
      .execute()
  }
  async function lastEventId() {
    const r = await t.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.max('id').as('m'))
      .executeTakeFirst()
    return Number(r?.m ?? 0)
  }
  return { ...t, surgery, reception, office, ids, anna, boris, as, eventsSince, lastEventId }
}

export type MedicalClinic = Awaited<ReturnType<typeof medicalClinic>>

/** A valid visit record form, to vary one field at a time. */
export function visitForm(doctorId: number, patch: Record<string, string> = {}) {
  return {
    visit_date: '2026-11-29',
    doctor_id: String(doctorId),
    complaints: 'Боль от холодного в области 36 зуба',
    anamnesis_morbi: 'Беспокоит около месяца',
    anamnesis_vitae: 'Аллергии не отмечает',
    objective: 'Лицо симметрично',
    oral_cavity: 'Слизистая бледно-розовая',
    dental_status: '36 — кариозная полость на жевательной поверхности',
    diagnosis_code: 'K02.1',
    diagnosis_text: 'Кариес дентина 36',
    diagnosis_first: '1',
    concomitant: '',
    treatment: 'Препарирование, пломба из композита',
    recommendations: 'Не принимать пищу 2 часа',
    ...patch,
  }
}
