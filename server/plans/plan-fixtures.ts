import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { createTestApp, ORIGIN, type TestApp } from '../testing/test-app.js'

// Test support for plans, prices and medical files: a clinic with a surgery, a reception and
// an office terminal, the four roles, two patients and a small price list. Not a test file.

export type Browser = ReturnType<TestApp['browser']>

export async function insertTestPatient(
  t: TestApp,
  v: { surname: string; name: string; birth_date: string; guardian_id?: number },
) {
  const at = t.clock.now().toISOString()
  const row = await t.db
    .insertInto('patients')
    .values({
      card_number: `T-${v.surname}-${Math.random().toString(36).slice(2, 8)}`,
      surname: v.surname,
      name: v.name,
      patronymic: null,
      sex: 'female',
      birth_date: v.birth_date,
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
      guardian_id: v.guardian_id ?? null,
      guardian_relation: v.guardian_id ? 'мать' : null,
      contact_channel: null,
      created_at: at,
      updated_at: at,
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function clinic(env: NodeJS.ProcessEnv = {}) {
  const t = await createTestApp({ env })
  const surgery = await t.addDevice('surgery')
  const reception = await t.addDevice('reception')
  const office = await t.addDevice('office')
  await t.addStaff('doctor', 'doctor')
  await t.addStaff('assistant', 'assistant')
  await t.addStaff('anna', 'receptionist')
  await t.addStaff('owner', 'owner')
  const as = async (login: string, device: typeof surgery) => {
    const b = t.browser(device)
    await b.login(login)
    return b
  }
  const patientA = await insertTestPatient(t, {
    surname: 'Иванова',
    name: 'Мария',
    birth_date: '1980-03-15',
  })
  const patientB = await insertTestPatient(t, {
    surname: 'Петров',
    name: 'Пётр',
    birth_date: '1975-07-01',
  })
  const child = await insertTestPatient(t, {
    surname: 'Иванов',
    name: 'Миша',
    birth_date: '2018-05-20',
    guardian_id: patientA,
  })
  return { ...t, surgery, reception, office, as, patientA, patientB, child }
}

export type Clinic = Awaited<ReturnType<typeof clinic>>

/** The owner fills a small price list from the office; returns the items' ids by code. */
export async function seedPrices(k: Clinic) {
  const owner = await k.as('owner', k.office)
  await owner.post('/admin/prices/groups', { name: 'Терапия' })
  const group = await k.db.selectFrom('price_groups').select('id').executeTakeFirstOrThrow()
  const items = [
    { code: 'A16.07.002.001', name: 'Лечение кариеса, пломба', price: '4500' },
    { code: 'A16.07.008.001', name: 'Лечение пульпита, один канал', price: '7800,50' },
    { code: 'B01.065.001', name: 'Осмотр стоматолога', price: '1000' },
  ]
  for (const i of items) {
    const res = await owner.post('/admin/prices/items', { group_id: String(group.id), ...i })
    if (res.status !== 303) throw new Error(`price item ${i.code}: ${res.status}`)
  }
  const rows = await k.db.selectFrom('price_items').select(['id', 'code']).execute()
  return Object.fromEntries(rows.map((r) => [r.code, r.id])) as Record<string, number>
}

/** A multipart POST as this browser, with the CSRF token in the header as htmx sends it. */
export async function postMultipart(
  k: Clinic,
  b: Browser,
  url: string,
  fields: Record<string, string>,
  file?: { field: string; name: string; bytes: Uint8Array; type?: string },
) {
  const token = await b.csrfToken('/')
  const body = new FormData()
  for (const [name, value] of Object.entries(fields)) body.set(name, value)
  if (file) {
    const blob = new Blob([file.bytes], { type: file.type ?? 'application/octet-stream' })
    body.set(file.field, blob, file.name)
  }
  const headers = new Headers({
    origin: ORIGIN,
    'x-csrf-token': token,
    cookie: [...b.jar].map(([n, v]) => `${n}=${v}`).join('; '),
  })
  return k.app.request(`${ORIGIN}${url}`, { method: 'POST', headers, body }, {
    incoming: { socket: b.device.socket },
  } as never)
}

/** Blob files (paths relative to the data directory's files/ folder), folders left out. */
export function storedBlobs(k: Clinic): string[] {
  const dir = path.join(k.dataDir, 'files')
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((name) => statSync(path.join(dir, name)).isFile())
}

/** Audit events of one action, in order. */
export function events(k: Clinic, action: string) {
  return k.db
    .selectFrom('audit_events')
    .select(['action', 'outcome', 'patient_id', 'details', 'staff_id'])
    .where('action', '=', action)
    .orderBy('id')
    .execute()
}
