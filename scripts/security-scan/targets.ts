import type { Browser } from './session.js'
import { formFields } from './session.js'
import type { SqlTarget } from './sqlmap.js'

// Synthetic patients (made up, never real people) and the requests sqlmap replays with
// every parameter in turn: the search box, the lists, and the forms that write.

const PATIENTS = [
  {
    surname: 'Сканова',
    name: 'Анна',
    patronymic: 'Игоревна',
    sex: 'female',
    birth_date: '1984-03-12',
  },
  {
    surname: 'Проверкин',
    name: 'Олег',
    patronymic: 'Петрович',
    sex: 'male',
    birth_date: '1979-11-02',
  },
  { surname: 'Тестова', name: "Д'Арси", patronymic: '', sex: 'female', birth_date: '2001-07-30' },
]

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10)
}

/** Creates the synthetic patients through the real form; returns their card ids. */
export async function seedPatients(reception: Browser): Promise<number[]> {
  const page = await reception.get('/patients/new')
  if (page.status !== 200) throw new Error(`GET /patients/new answered ${page.status}`)
  const blank = formFields(page.body, '/patients')
  const ids: number[] = []
  for (const [i, p] of PATIENTS.entries()) {
    const res = await reception.post('/patients', {
      ...blank,
      ...p,
      phone: `+7 900 000-00-0${i}`,
      email: `scan${i}@example.test`,
      address: 'г. Тестовск, ул. Проверочная, д. 1',
      contact_channel: 'phone',
      confirm_duplicate: '1',
    })
    const id = /^\/patients\/(\d+)(?:\?|$)/.exec(res.location ?? '')?.[1]
    if (res.status !== 303 || !id) {
      throw new Error(`creating a synthetic patient answered ${res.status} ${res.location ?? ''}`)
    }
    ids.push(Number(id))
  }
  return ids
}

/** The reception desk: search, registry, card, patient create/edit, schedule, booking. */
export async function receptionTargets(
  reception: Browser,
  patientId: number,
  today: Date,
): Promise<SqlTarget[]> {
  const date = isoDate(today)
  const edit = await reception.get(`/patients/${patientId}/edit`)
  if (edit.status !== 200)
    throw new Error(`GET /patients/${patientId}/edit answered ${edit.status}`)
  const card = formFields(edit.body, `/patients/${patientId}/update`)
  const newPage = await reception.get('/patients/new')
  const blank = formFields(newPage.body, '/patients')
  const booking = await reception.get(`/schedule/appointments/new?date=${date}`)
  const bookingForm =
    booking.status === 200 ? formFields(booking.body, '/schedule/appointments') : {}
  const strip = (f: Record<string, string>) => {
    const { _csrf: _, ...rest } = f
    return rest
  }
  return [
    {
      label: 'patient search (the box on every page)',
      method: 'POST',
      url: '/patients/search',
      fields: { q: 'Сканова' },
    },
    { label: 'patient registry', method: 'GET', url: '/patients' },
    { label: 'patient card (id in the path)', method: 'GET', url: `/patients/${patientId}*` },
    {
      label: 'new patient form',
      method: 'POST',
      url: '/patients',
      fields: {
        ...strip(blank),
        surname: 'Инъекциев',
        name: 'Пётр',
        sex: 'male',
        birth_date: '1990-01-15',
        phone: '+7 900 111-22-33',
        email: 'p.inj@example.test',
        contact_channel: 'phone',
        confirm_duplicate: '1',
      },
    },
    {
      label: 'patient edit form',
      method: 'POST',
      url: `/patients/${patientId}/update`,
      fields: strip(card),
    },
    { label: 'day schedule', method: 'GET', url: `/schedule?date=${date}` },
    { label: 'week schedule', method: 'GET', url: `/schedule/week?date=${date}` },
    {
      label: 'booking: patient picker search',
      method: 'POST',
      url: '/schedule/patient-picker',
      fields: { q: 'Проверкин' },
    },
    {
      label: 'booking form',
      method: 'POST',
      url: '/schedule/appointments',
      fields: {
        ...strip(bookingForm),
        intent: 'book',
        q: '',
        patient_id: String(patientId),
        date,
        start: '10:00',
        duration: '30',
        reason: 'Осмотр',
      },
    },
  ]
}

/** The owner's office: price list (read and write) and the audit filters (GET query). */
export function officeTargets(today: Date): SqlTarget[] {
  const date = isoDate(today)
  return [
    { label: 'price list', method: 'GET', url: '/prices' },
    {
      label: 'price group form',
      method: 'POST',
      url: '/admin/prices/groups',
      fields: { name: 'Терапия' },
    },
    {
      label: 'price item form',
      method: 'POST',
      url: '/admin/prices/items',
      fields: { group_id: '1', code: 'A16.07.002', name: 'Пломба', price: '3500,00', active: '1' },
    },
    {
      label: 'audit trail filters',
      method: 'GET',
      url: `/audit?from=${date}&to=${date}&staff=1&action=auth.login&outcome=ok`,
    },
  ]
}

/** The dental chair: the МКБ-10 picker (free text) and the medical card (id in the path). */
export function surgeryTargets(patientId: number): SqlTarget[] {
  return [
    {
      label: 'ICD-10 picker search',
      method: 'POST',
      url: '/medical/icd10',
      fields: { icd_q: 'кариес', diagnosis_code: 'K02.1' },
    },
    {
      label: 'medical card (id in the path)',
      method: 'GET',
      url: `/patients/${patientId}*/medical`,
    },
  ]
}
