import type { Zone } from '../../config.js'
import { sampleJpeg, samplePdf } from '../../medical-files/sample-files.js'
import { insertAppointment, insertTestPatient, visitForm } from '../../medical/medical-testing.js'
import { seedPrices, type Clinic } from '../../plans/plan-fixtures.js'
import { hashPassword } from '../../auth/password.js'
import { effectivePermissions, type Role } from '../../policy/permissions.js'
import { routeAccessTable, type Access } from '../../http/access.js'
import { createTestApp, ORIGIN, PASSWORD, type TestApp } from '../test-app.js'
import { extractForms, extractLinks, type FormField, type FoundForm } from './html-scan.js'

// The clinic the hostile-input fuzz test works on: a terminal per zone, one person per role,
// patients with appointments, a visit record, a plan from the price list, an x-ray, a document
// scan, a consent and a note; then a crawl of every page each role can reach, which finds the
// forms and links the test fires at, and real ids for every route's path parameters.
// Not a test file itself; it never imports the test runner.

export type Browser = ReturnType<TestApp['browser']>

export const ACTORS: { role: Role; zone: Zone }[] = [
  { role: 'owner', zone: 'office' },
  { role: 'doctor', zone: 'surgery' },
  { role: 'receptionist', zone: 'reception' },
  { role: 'assistant', zone: 'surgery' },
]

export interface Route {
  method: string
  path: string
  access: Access
  regex: RegExp
  params: string[]
}

/** Every route of the app with its access rule and a matcher for concrete URLs. */
export function routesOf(t: TestApp): Route[] {
  const seen = new Set<string>()
  return routeAccessTable(t.app.routes)
    .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`))
    .map((r) => {
      const params = [...r.path.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1]!)
      const source = r.path
        .split(/(:[A-Za-z_]+|\*)/)
        .map((part) =>
          part === '*'
            ? '.*'
            : part.startsWith(':')
              ? '([^/]+)'
              : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
        )
        .join('')
      return { ...r, params, regex: new RegExp(`^${source}$`) }
    })
}

/** The most specific route a concrete path belongs to (fewest parameters wins). */
export function routeFor(routes: Route[], method: string, path: string): Route | undefined {
  return routes
    .filter((r) => r.method === method && r.regex.test(path))
    .sort((a, b) => a.params.length - b.params.length || b.path.length - a.path.length)[0]
}

async function expectOk(res: Promise<Response> | Response, what: string) {
  const r = await res
  if (r.status >= 400) throw new Error(`seeding ${what}: ${r.status}`)
  return r
}

/** A POST with a file, the token in the header as htmx sends it. */
export async function sendMultipart(
  t: TestApp,
  b: Browser,
  url: string,
  body: FormData,
  headers: Record<string, string> = {},
) {
  const h = new Headers({
    origin: ORIGIN,
    'x-csrf-token': await tokenOf(b),
    cookie: [...b.jar].map(([n, v]) => `${n}=${v}`).join('; '),
    ...headers,
  })
  return t.app.request(`${ORIGIN}${url}`, { method: 'POST', headers: h, body }, {
    incoming: { socket: b.device.socket },
  } as never)
}

const tokens = new WeakMap<Browser, string>()
/** The session's CSRF token, read once per browser. */
export async function tokenOf(b: Browser): Promise<string> {
  let token = tokens.get(b)
  if (!token) {
    token = await b.csrfToken('/')
    tokens.set(b, token)
  }
  return token
}

export async function fuzzClinic(env: NodeJS.ProcessEnv = {}) {
  const t = await createTestApp({ withCa: true, env })
  const devices = {
    reception: await t.addDevice('reception', 'front-desk'),
    surgery: await t.addDevice('surgery', 'chair-1'),
    office: await t.addDevice('office', 'owner-pc'),
  }
  const staff: Record<Role, number> = {
    owner: await t.addStaff('owner', 'owner'),
    doctor: await t.addStaff('doctor', 'doctor'),
    receptionist: await t.addStaff('receptionist', 'receptionist'),
    assistant: await t.addStaff('assistant', 'assistant'),
  }
  // Someone for the staff pages to act on, so fuzzing "deactivate" hits a colleague.
  await t.addStaff('colleague', 'assistant')
  const sessions = new Map<string, Browser>()

  /** A signed-in browser for this actor, made again if the fuzzing ended or broke it. */
  async function as(role: Role, zone: Zone): Promise<Browser> {
    const key = `${role}@${zone}`
    const b = sessions.get(key)
    if (b && (await b.request('/')).status === 200) return b
    // The fuzz may have locked, deactivated or re-passworded the person, or revoked the
    // terminal: put them back the way a clean clinic has them, on a fresh terminal if needed.
    await t.db
      .updateTable('staff')
      .set({
        active: 1,
        failed_logins: 0,
        locked_until: null,
        must_change_password: 0,
        password_hash: await hashPassword(PASSWORD),
      })
      .where('id', '=', staff[role])
      .execute()
    let fresh = t.browser(devices[zone])
    try {
      await fresh.login(role)
    } catch {
      devices[zone] = await t.addDevice(zone)
      fresh = t.browser(devices[zone])
      await fresh.login(role)
    }
    sessions.set(key, fresh)
    return fresh
  }

  const owner = await as('owner', 'office')
  const chair = await t.db
    .insertInto('chairs')
    .values({ name: 'Кресло 1', active: 1, created_at: t.clock.now().toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow()
  const prices = await seedPrices({
    ...t,
    office: devices.office,
    as: async (login: string) => {
      void login
      return owner
    },
  } as unknown as Clinic)
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
  await insertAppointment(t, staff.doctor, anna)
  await insertAppointment(t, staff.doctor, boris)
  const p = `/patients/${anna}`
  await expectOk(
    owner.post(`${p}/medical/title`, {
      base_revision: '0',
      blood_group: 'A',
      rh: 'positive',
      allergies: 'Пенициллин',
      chronic_conditions: '',
      dispensary_conditions: '',
    }),
    'title page',
  )
  await expectOk(owner.post(`${p}/medical/visits`, visitForm(staff.doctor)), 'visit')
  await expectOk(owner.post(`${p}/chart/teeth/36`, { base: '0', code: 'caries' }), 'tooth')
  const plan = await expectOk(owner.post(`${p}/plans`, { title: 'Санация' }), 'plan')
  const planUrl = plan.headers.get('location')!
  await expectOk(owner.post(`${planUrl}/stages`, { title: 'Терапия' }), 'stage')
  await expectOk(
    owner.post(`${planUrl}/items`, {
      price_item_id: String(Object.values(prices)[0]),
      tooth: '36',
      quantity: '1',
      stage_id: '',
    }),
    'plan item',
  )
  const upload = (url: string, fields: Record<string, string>, field: string, name: string) => {
    const body = new FormData()
    for (const [k, v] of Object.entries(fields)) body.set(k, v)
    const bytes = name.endsWith('.pdf') ? samplePdf() : sampleJpeg(64, 48)
    body.set(field, new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), name)
    return sendMultipart(t, owner, url, body)
  }
  await expectOk(upload(`${p}/files`, { kind: 'xray' }, 'file', 'xray.jpg'), 'x-ray')
  await expectOk(upload(`${p}/files`, { kind: 'lab' }, 'file', 'lab.pdf'), 'lab')
  await expectOk(
    upload(`${p}/documents/upload`, { kind: 'passport' }, 'file', 'passport.jpg'),
    'document',
  )
  await expectOk(
    upload(
      `${p}/consents/add`,
      { kind: 'pd_processing', given_on: '2026-11-29', signed_by: 'patient' },
      'scan',
      'consent.pdf',
    ),
    'consent',
  )
  await expectOk(owner.post(`${p}/notes/add`, { body: 'Предпочитает утро' }), 'note')
  await expectOk(owner.post('/medical/templates', { name: 'Кариес' }), 'template')
  const doctor = await as('doctor', 'surgery')
  const visit = await t.db.selectFrom('medical_entries').select('id').executeTakeFirstOrThrow()
  await expectOk(
    doctor.post(`${p}/medical/visits/${visit.id}/sign`, { base_revision: '1' }),
    'sign',
  )
  // A second visit left unsigned, so its edit and sign forms exist too.
  await expectOk(owner.post(`${p}/medical/visits`, visitForm(staff.doctor)), 'draft visit')
  await expectOk(
    owner.post('/schedule/working-hours', {
      doctor_id: String(staff.doctor),
      weekday: '1',
      starts: '09:00',
      ends: '13:00',
      chair_id: String(chair.id),
    }),
    'working hours',
  )
  await expectOk(
    owner.post('/schedule/days-off', {
      doctor_id: String(staff.doctor),
      date: '2026-12-07',
      reason: 'Отпуск',
    }),
    'day off',
  )

  return { ...t, devices, staff, as, anna, boris, routes: routesOf(t) }
}

export type FuzzClinic = Awaited<ReturnType<typeof fuzzClinic>>

export interface Crawl {
  /** Concrete URLs seen for each route (`METHOD path`), first seen first. */
  bindings: Map<string, string[]>
  /** Forms found for each POST/GET route, with the actor whose page offered them. */
  forms: Map<string, { form: FoundForm; actor: string; page: string }[]>
  /** Query parameter names used in links, per GET route. */
  queries: Map<string, Set<string>>
  /** Pages fetched, with their status, per actor. */
  pages: { actor: string; url: string; status: number; html: string }[]
}

/** Is this actor allowed the route by the role templates and zone ceilings? */
export function allowed(route: Route, actor: { role: Role; zone: Zone }): boolean {
  if (['public', 'session', 'staff'].includes(route.access)) return true
  return effectivePermissions(actor.role, { grants: [], denials: [] }, actor.zone).has(
    route.access as never,
  )
}

/**
 * Visits every page each actor can reach from the home page by links and htmx gets (up to
 * `limit` pages each), and remembers forms, query parameters and concrete URLs per route.
 */
export async function crawl(k: FuzzClinic, limit = 120): Promise<Crawl> {
  const out: Crawl = { bindings: new Map(), forms: new Map(), queries: new Map(), pages: [] }
  const bind = (key: string, url: string) => {
    const list = out.bindings.get(key) ?? []
    if (!list.includes(url)) list.push(url)
    out.bindings.set(key, list)
  }
  for (const actor of [undefined, ...ACTORS]) {
    const label = actor ? `${actor.role}@${actor.zone}` : 'anonymous'
    const b = actor ? await k.as(actor.role, actor.zone) : k.browser(k.devices.reception)
    const seenRoutes = new Map<string, number>()
    const queue = actor ? ['/', `/patients/${k.anna}`, `/patients/${k.boris}`] : ['/login']
    const done = new Set<string>()
    while (queue.length > 0 && done.size < limit) {
      const url = queue.shift()!
      if (done.has(url)) continue
      done.add(url)
      const path = url.split('?')[0]!
      const route = routeFor(k.routes, 'GET', path)
      if (!route) continue
      // A route seen through many URLs (every day of the schedule…) needs only a few visits.
      const visits = seenRoutes.get(route.path) ?? 0
      if (visits >= 3) continue
      seenRoutes.set(route.path, visits + 1)
      const res = await b.request(url)
      const type = res.headers.get('content-type') ?? ''
      const html = type.includes('html') ? await res.text() : ''
      if (!type.includes('html')) await res.body?.cancel()
      out.pages.push({ actor: label, url, status: res.status, html })
      if (res.status !== 200) continue
      bind(`GET ${route.path}`, path)
      for (const link of extractLinks(html, url)) {
        const [lp, q] = link.split('?')
        const r = routeFor(k.routes, 'GET', lp!)
        if (!r) continue
        bind(`GET ${r.path}`, lp!)
        if (q) {
          const names = out.queries.get(`GET ${r.path}`) ?? new Set()
          for (const name of new URLSearchParams(q).keys()) names.add(name)
          out.queries.set(`GET ${r.path}`, names)
        }
        if (!done.has(link)) queue.push(link)
      }
      for (const form of extractForms(html, url)) {
        const [fp] = form.action.split('?')
        const r = routeFor(k.routes, form.method, fp!)
        if (!r) continue
        const key = `${form.method} ${r.path}`
        bind(key, fp!)
        const list = out.forms.get(key) ?? []
        // One form per distinct field set is enough.
        const sig = form.fields.map((f) => f.name).join(',')
        if (!list.some((x) => x.form.fields.map((f) => f.name).join(',') === sig)) {
          list.push({ form, actor: label, page: url })
        }
        out.forms.set(key, list)
        if (form.method === 'GET') {
          const names = out.queries.get(key) ?? new Set()
          for (const f of form.fields) names.add(f.name)
          out.queries.set(key, names)
        }
      }
    }
  }
  return out
}

/**
 * A concrete URL for a route: one the crawl saw, else the pattern with the ids of things the
 * parameter names suggest (a patient for :id/:patientId, the first row of a matching table).
 */
export async function concreteUrl(k: FuzzClinic, route: Route, c: Crawl): Promise<string> {
  const seen = c.bindings.get(`${route.method} ${route.path}`)
  if (seen?.length) return seen[0]!
  // The same path under the other method (a POST to the page it was shown on, and back).
  const other = c.bindings.get(`${route.method === 'GET' ? 'POST' : 'GET'} ${route.path}`)
  if (other?.length) return other[0]!
  let url = route.path.replace('*', 'x')
  for (const name of route.params) {
    const guess = /^(id|patientId)$/.test(name) ? String(k.anna) : name === 'tooth' ? '36' : '1'
    url = url.replace(`:${name}`, guess)
  }
  return url
}

/**
 * The value a person would type into an empty required field, so that runs changing one
 * other field get past "this field is required" and reach the code that stores.
 */
export function plausible(f: FormField): string {
  if (f.value !== '' || f.kind === 'hidden') return f.value
  if (f.kind === 'select') return f.options.find((o) => o !== '') ?? ''
  if (!f.required) return ''
  const n = f.name.toLowerCase()
  if (f.kind === 'date' || /date|_on$|birth|day/.test(n)) return '2026-11-28'
  if (f.kind === 'time' || /^(start|starts|ends?|time)$/.test(n)) return '10:00'
  if (f.kind === 'email') return 'test@example.ru'
  if (f.kind === 'tel' || /phone/.test(n)) return '+7 900 123-45-67'
  if (f.kind === 'number' || /quantity|duration|count|weekday/.test(n)) return '1'
  if (/price|amount|sum/.test(n)) return '1000'
  if (f.kind === 'password') return 'correct horse battery staple'
  return 'Проверка ввода'
}
