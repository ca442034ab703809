import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import type { Permission } from '../policy/permissions.js'
import { createTestApp, ORIGIN, type TestApp } from '../testing/test-app.js'

// Test support for the patient registry: a clinic with a reception, a surgery and an office
// terminal and one person per role, plus helpers. Not a test file; it never imports vitest.

export type Browser = ReturnType<TestApp['browser']>

/** A valid adult patient as the form sends it. */
export const ADULT = {
  surname: 'Смирнова',
  name: 'Алёна',
  patronymic: 'Вениаминовна',
  sex: 'female',
  birth_date: '1987-03-12',
  phone: '8 (916) 123-45-67',
  email: 'alena@example.ru',
  address: 'Москва, ул. Ленина, д. 1, кв. 2',
  snils: '112-233-445 95',
  oms_policy: '7700 0000 0000 0001',
  oms_insurer: 'СОГАЗ-Мед',
  id_doc_type: 'passport_ru',
  id_doc_series: '45 10',
  id_doc_number: '123456',
  id_doc_issued_by: 'ОВД Тверского района',
  id_doc_issued_on: '2007-04-01',
  contact_channel: 'sms',
} as const

export async function reception(env: NodeJS.ProcessEnv = {}) {
  const t = await createTestApp({ env })
  const devices = {
    reception: await t.addDevice('reception'),
    surgery: await t.addDevice('surgery'),
    office: await t.addDevice('office'),
  }
  const staff = {
    rita: await t.addStaff('rita', 'receptionist'),
    rosa: await t.addStaff('rosa', 'receptionist'),
    dima: await t.addStaff('dima', 'doctor'),
    asya: await t.addStaff('asya', 'assistant'),
    olga: await t.addStaff('olga', 'owner'),
  }
  const as = async (login: keyof typeof staff, zone: keyof typeof devices) => {
    const b = t.browser(devices[zone])
    await b.login(login)
    return b
  }
  /** A deny row for one person (the owner's per-employee override). */
  const deny = (login: keyof typeof staff, permission: Permission) =>
    t.db
      .insertInto('staff_permissions')
      .values({
        staff_id: staff[login],
        permission,
        effect: 'deny',
        changed_by: staff.olga,
        changed_at: t.clock.now().toISOString(),
      })
      .execute()
  return { ...t, devices, staff, as, deny }
}

export type Reception = Awaited<ReturnType<typeof reception>>

/** Registers a patient through the form (confirming a duplicate); returns the new id. */
export async function register(b: Browser, fields: Record<string, string> = {}): Promise<number> {
  const res = await b.post('/patients', { ...ADULT, confirm_duplicate: '1', ...fields })
  const to = res.headers.get('location') ?? ''
  const m = /^\/patients\/(\d+)\?saved=1$/.exec(to)
  if (res.status !== 303 || !m) {
    throw new Error(`register failed: ${res.status} ${to} ${(await res.text()).slice(0, 2000)}`)
  }
  return Number(m[1])
}

/** A multipart POST as this browser, the CSRF token in the header as htmx sends it. */
export async function postMultipart(
  t: Reception,
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
  return t.app.request(`${ORIGIN}${url}`, { method: 'POST', headers, body }, {
    incoming: { socket: b.device.socket },
  } as never)
}

/** Files under <dataDir>/files (blobs and any temp files). */
export function storedFiles(t: Reception): string[] {
  const dir = path.join(t.dataDir, 'files')
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((name) => statSync(path.join(dir, name)).isFile())
}

/** Audit events, optionally of one action, oldest first. */
export function events(t: Reception, action?: string) {
  let q = t.db
    .selectFrom('audit_events')
    .select(['action', 'outcome', 'patient_id', 'category', 'staff_id', 'device_id', 'details'])
    .orderBy('id')
  if (action) q = q.where('action', '=', action)
  return q.execute()
}
