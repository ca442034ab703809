import { beforeAll, describe, expect, it } from 'vitest'
import type { Zone } from '../config.js'
import { visitForm } from '../medical/medical-testing.js'
import { setSetting, MEDICAL_VISIBILITY_KEY } from '../policy/policy.js'
import { requestBreakGlass } from '../policy/break-glass.js'
import {
  attackClinic,
  auditSince,
  lastAuditId,
  MARKS,
  STAFF,
  ZONES,
  type AttackClinic,
  type PatientKey,
  type PatientObjects,
  type Session,
  watchStore,
} from '../testing/attack-support.js'
import { routeAccessTable, type Access } from './access.js'

// Walks of hundreds of requests: minutes on a loaded two-core machine, so a generous limit.
const HEAVY = 600_000

// The IDOR walker (checklist 17, ASVS 4.2.1): every route of the app with a path parameter,
// found in `app.routes`, is requested with ids that do not belong together, ids of a patient
// the person may not see, and ids that do not exist or are not ids at all. A new route joins
// the walk by itself; a new parameter name fails the first test until a seed is added below.
// Hand-picked cases of the same kind: medical/medical-access.test.ts, plans/plans-access.test.ts,
// patients/patients.access.test.ts.

/** What a path parameter names: a patient, an object of one patient, a thing of the clinic. */
type PatientKind = Exclude<keyof PatientObjects, 'appointment'>
type ClinicKind =
  | 'appointment'
  | 'chair'
  | 'workingHours'
  | 'dayOff'
  | 'staff'
  | 'device'
  | 'priceItem'
  | 'idsTemplate'
  | 'breakGlass'
  | 'visitTemplate'
  | 'material'
  | 'stocktake'
  | 'techCardLine'
type EnumKind = 'tooth' | 'consentKind'
type Kind = PatientKind | ClinicKind | EnumKind

const PATIENT_OWNED: readonly Kind[] = [
  'visit',
  'plan',
  'planItem',
  'medicalFile',
  'document',
  'consent',
  'payment',
  'service',
]
const ENUMS: Record<EnumKind, string> = { tooth: '36', consentKind: 'pd_processing' }

/**
 * How to fill each path parameter: the first rule whose name matches and whose `under` matches
 * the route pattern wins. A parameter no rule fills fails the walk: add a seed and a rule.
 */
const RULES: readonly { param: string; under?: RegExp; kind: Kind }[] = [
  { param: 'id', under: /^\/patients\/:id/, kind: 'patient' },
  { param: 'id', under: /^\/audit\/patients\/:id/, kind: 'patient' },
  { param: 'patientId', kind: 'patient' },
  { param: 'visitId', kind: 'visit' },
  { param: 'planId', kind: 'plan' },
  { param: 'itemId', under: /\/plans\/:planId\/items\//, kind: 'planItem' },
  { param: 'itemId', under: /^\/admin\/prices\/items\//, kind: 'priceItem' },
  { param: 'fileId', kind: 'medicalFile' },
  { param: 'docId', kind: 'document' },
  { param: 'consentId', kind: 'consent' },
  { param: 'tooth', kind: 'tooth' },
  {
    param: 'kind',
    under: /\/consents\/print\/:kind$|^\/admin\/consent-templates\//,
    kind: 'consentKind',
  },
  { param: 'templateId', under: /^\/medical\/templates\//, kind: 'visitTemplate' },
  { param: 'templateId', under: /^\/admin\/ids-templates\//, kind: 'idsTemplate' },
  { param: 'id', under: /^\/schedule\/appointments\//, kind: 'appointment' },
  { param: 'id', under: /^\/schedule\/chairs\//, kind: 'chair' },
  { param: 'id', under: /^\/schedule\/working-hours\//, kind: 'workingHours' },
  { param: 'id', under: /^\/schedule\/days-off\//, kind: 'dayOff' },
  { param: 'id', under: /^\/admin\/staff\//, kind: 'staff' },
  { param: 'id', under: /^\/admin\/devices\//, kind: 'device' },
  { param: 'id', under: /^\/audit\/break-glass\//, kind: 'breakGlass' },
  // --- money ---
  { param: 'paymentId', kind: 'payment' },
  { param: 'serviceId', kind: 'service' },
  { param: 'doctorId', under: /^\/payroll\//, kind: 'staff' },
  // --- stock ---
  { param: 'materialId', kind: 'material' },
  { param: 'stocktakeId', kind: 'stocktake' },
  { param: 'priceItemId', under: /^\/stock\/tech-cards\//, kind: 'priceItem' },
  { param: 'lineId', under: /^\/stock\/tech-cards\//, kind: 'techCardLine' },
]

/**
 * Parameters deliberately left out of the walk, each with the reason. Keep it empty unless a
 * parameter truly cannot name an object (a free-form slug); an id never belongs here.
 */
const NOT_WALKED: Readonly<Record<string, string>> = {}

interface Route {
  method: string
  path: string
  access: Access
  params: string[]
}

function paramsOf(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)(\{[^}]*\})?\??/g)].map((m) => m[1]!)
}

function ruleFor(path: string, param: string) {
  return RULES.find((r) => r.param === param && (!r.under || r.under.test(path)))
}

/** Query strings a route needs to do anything at all, so that a refusal is the id's doing. */
const QUERIES: Readonly<Record<string, () => string>> = {
  '/patients/:patientId/plans/:planId/ids/print': () => `?template=${clinic.idsTemplate}`,
}

function fill(path: string, values: Record<string, string>): string {
  const filled = path.replace(
    /:([A-Za-z_][A-Za-z0-9_]*)(\{[^}]*\})?\??/g,
    (_, name: string) => values[name] ?? `:${name}`,
  )
  return filled + (QUERIES[path]?.() ?? '')
}

/**
 * What a GET with matching ids answers when it is not 200, and why: the handler was reached
 * past every object check and refused for a reason of its own.
 */
const NOT_200: Readonly<Record<string, number>> = {
  // The seeded visit is a draft: a draft is edited, only a signed record is corrected.
  '/patients/:id/medical/visits/:visitId/correct': 409,
}

/** Every route with at least one path parameter, whose parameters all have a rule. */
function walkable(k: AttackClinic): Route[] {
  return routeAccessTable(k.app.routes)
    .map((r) => ({ ...r, params: paramsOf(r.path) }))
    .filter((r) => r.params.length > 0)
    .filter((r) => r.params.every((p) => ruleFor(r.path, p) || NOT_WALKED[`${r.path} :${p}`]))
}

const isPatientRoute = (r: Route) => r.params.some((p) => ruleFor(r.path, p)?.kind === 'patient')
const isMedical = (r: Route) => typeof r.access === 'string' && r.access.startsWith('medical.')
// The break-glass request form is the way in for a patient one may not see: it must open.
const isBreakGlass = (r: Route) => r.path.startsWith('/break-glass/')

/** A form that would pass most handlers' validation, so a missing object check shows as a 303. */
function hostileForm(k: AttackClinic): Record<string, string> {
  return {
    ...visitForm(k.ids.doctor),
    base_revision: '1',
    base: '1',
    reason: 'Исправление ошибки в записи осмотра',
    code: 'caries',
    note: 'подменённый id',
    title: 'Подменённый заголовок',
    name: 'Подменённое имя',
    body: 'Подменённый текст',
    status: 'accepted',
    price_item_id: String(k.priceItem),
    tooth: '36',
    quantity: '1',
    stage_id: '',
    withdrawn_on: '2026-11-29',
    kind: 'xray',
    blood_group: 'B',
    rh: 'negative',
    allergies: '',
    chronic_conditions: '',
    dispensary_conditions: '',
  }
}

let k: AttackClinic
let clinic: Record<ClinicKind, number>
/** One signed-in browser per role per zone: 5 × 3. */
let sessions: Session[]

function valueOf(kind: Kind, of: PatientKey): string {
  if (kind in ENUMS) return ENUMS[kind as EnumKind]
  if (kind in clinic) return String(clinic[kind as ClinicKind])
  return String(k.patients[of][kind as PatientKind])
}

function valuesFor(r: Route, of: PatientKey, override: Record<string, string> = {}) {
  const values: Record<string, string> = {}
  for (const p of r.params) values[p] = override[p] ?? valueOf(ruleFor(r.path, p)!.kind, of)
  return values
}

async function send(b: Session, method: string, path: string, form: Record<string, string>) {
  return method === 'GET' ? b.request(path) : b.post(path, form)
}

const CSRF_REFUSAL = 'Запрос отклонён'

beforeAll(async () => {
  k = await attackClinic()
  const owner = k.owner
  const desk = await k.as('receptionist', 'reception')
  const expect303 = async (res: Promise<Response>, what: string) => {
    const r = await res
    if (r.status !== 303) throw new Error(`seeding ${what}: ${r.status}`)
  }
  await expect303(
    desk.post('/schedule/working-hours', {
      doctor_id: String(k.ids.doctor),
      weekday: '7',
      starts: '09:00',
      ends: '13:00',
      chair_id: '',
    }),
    'working hours',
  )
  await expect303(
    desk.post('/schedule/days-off', {
      doctor_id: String(k.ids.doctor),
      date: '2026-12-31',
      reason: 'Отпуск',
    }),
    'day off',
  )
  const doctor = await k.as('doctor', 'surgery')
  await expect303(
    doctor.post('/medical/templates', { name: 'Кариес', complaints: 'Жалобы' }),
    'tpl',
  )
  const doctor2 = await k.as('doctor2', 'surgery')
  await expect303(doctor2.post('/medical/templates', { name: 'Чужой', complaints: 'Чужие' }), 'tpl')
  const templates = await k.db
    .selectFrom('visit_templates')
    .select(['id', 'staff_id'])
    .orderBy('id')
    .execute()
  // An assistant's grant on patient A: an object for the review routes that leaves C untouched.
  const grant = await requestBreakGlass(
    { db: k.db, auditKey: k.services.keys.audit, now: k.clock.now },
    { staffId: k.ids.assistant, deviceId: k.devices.surgery.id, zone: 'surgery' },
    {
      staffId: k.ids.assistant,
      deviceId: k.devices.surgery.id,
      patientId: k.patients.A.patient,
      reason: 'Пациент с острой болью, врач на выезде',
    },
  )
  // Stock, when the feature is in the app: a material, a line of a tech card, a stocktake.
  const stock = { material: 0, stocktake: 0, techCardLine: 0 }
  if (k.hasRoute('POST', '/stock/materials')) {
    await expect303(
      owner.post('/stock/materials', { name: 'Гель травильный', unit: 'ml', min_quantity: '0' }),
      'material',
    )
    stock.material = (await k.db.selectFrom('materials').select('id').executeTakeFirstOrThrow()).id
    await expect303(
      owner.post(`/stock/tech-cards/${k.priceItem}/lines`, {
        material_id: String(stock.material),
        quantity: '0,25',
      }),
      'tech card line',
    )
    stock.techCardLine = (
      await k.db.selectFrom('tech_card_lines').select('id').executeTakeFirstOrThrow()
    ).id
    await expect303(
      owner.post('/stock/stocktakes', { step: 'post', [`counted_${stock.material}`]: '1' }),
      'stocktake',
    )
    stock.stocktake = (
      await k.db.selectFrom('stocktakes').select('id').executeTakeFirstOrThrow()
    ).id
  }
  const one = async (table: 'working_hours' | 'days_off' | 'ids_templates') =>
    (await k.db.selectFrom(table).select('id').orderBy('id').executeTakeFirstOrThrow()).id
  clinic = {
    appointment: k.patients.A.appointment!,
    chair: k.chair,
    workingHours: await one('working_hours'),
    dayOff: await one('days_off'),
    staff: k.ids.doctor,
    device: k.devices.surgery.id,
    priceItem: k.priceItem,
    idsTemplate: await one('ids_templates'),
    breakGlass: grant.id,
    visitTemplate: templates.find((t) => t.staff_id === k.ids.doctor)!.id,
    ...stock,
  }
  sessions = [owner]
  for (const login of STAFF) {
    for (const zone of ZONES) {
      if (login === 'owner' && zone === 'office') continue
      sessions.push(await k.as(login, zone))
    }
  }
}, HEAVY)

describe('IDOR walker: the routes', { timeout: HEAVY }, () => {
  it('knows how to fill every path parameter of every route (a new route needs a seed here)', () => {
    const missing: string[] = []
    for (const r of routeAccessTable(k.app.routes)) {
      for (const p of paramsOf(r.path)) {
        if (!ruleFor(r.path, p) && !NOT_WALKED[`${r.path} :${p}`]) {
          missing.push(
            `${r.method} ${r.path} — no seed for :${p}; add one to RULES in idor.test.ts`,
          )
        }
      }
    }
    expect(missing).toEqual([])
    // The walk covers the app, not a handful of routes.
    expect(walkable(k).length).toBeGreaterThanOrEqual(70)
  })

  it('reaches every walked GET route with matching ids (the seeds are real objects), and no GET writes', async () => {
    const failures: string[] = []
    const store = await watchStore(k)
    // Visit templates are their author's: the doctor who wrote it opens it, even the owner cannot.
    const doctor = sessions.find((s) => s.who === 'doctor' && s.zone === 'surgery')!
    for (const r of walkable(k).filter((r) => r.method === 'GET')) {
      const path = fill(r.path, valuesFor(r, 'A'))
      const mine = r.params.some((p) => ruleFor(r.path, p)!.kind === 'visitTemplate')
      const res = await (mine ? doctor : k.owner).request(path)
      if (res.status !== (NOT_200[r.path] ?? 200)) failures.push(`${path} → ${res.status}`)
      // Checklist 15: nothing changes on GET (audit events and sessions aside).
      if (await store.changed()) failures.push(`${path} → changed stored data`)
    }
    expect(failures).toEqual([])
  })
})

describe('IDOR walker: objects of another patient', { timeout: HEAVY }, () => {
  it("patient B's object under patient A's path (and back) is refused for every role at every terminal, nothing changes, nothing leaks", async () => {
    const routes = walkable(k).filter(
      (r) =>
        isPatientRoute(r) && r.params.some((p) => PATIENT_OWNED.includes(ruleFor(r.path, p)!.kind)),
    )
    expect(routes.length).toBeGreaterThanOrEqual(20)
    const form = hostileForm(k)
    const failures: string[] = []
    const store = await watchStore(k)
    let cases = 0
    for (const b of sessions) {
      for (const r of routes) {
        for (const [host, guest] of [
          ['A', 'B'],
          ['B', 'A'],
        ] as const) {
          for (const p of r.params) {
            const kind = ruleFor(r.path, p)!.kind
            if (!PATIENT_OWNED.includes(kind)) continue
            const path = fill(r.path, valuesFor(r, host, { [p]: valueOf(kind, guest) }))
            const res = await send(b, r.method, path, form)
            const body = await res.text()
            cases++
            const who = `${b.who}@${b.zone} ${r.method} ${r.path} [${host} with ${guest}'s :${p}] ${path}`
            if (res.status !== 404 && res.status !== 403) failures.push(`${who} → ${res.status}`)
            else if (body.includes(CSRF_REFUSAL))
              failures.push(`${who} → refused by CSRF, not by id`)
            if (body.includes(MARKS[guest].medical) || body.includes(MARKS[guest].surname)) {
              failures.push(`${who} → leaks ${guest}'s data`)
            }
            if (r.method !== 'GET' && (await store.changed())) {
              failures.push(`${who} → changed stored data`)
            }
          }
        }
      }
    }
    if (await store.changed()) failures.push('a GET changed stored data')
    expect(failures).toEqual([])
    expect(cases).toBeGreaterThanOrEqual(700)
  })

  it("a doctor's visit templates are refused to another doctor on every template route", async () => {
    const doctor2 = sessions.find((s) => s.who === 'doctor2' && s.zone === 'surgery')!
    const routes = walkable(k).filter((r) =>
      r.params.some((p) => ruleFor(r.path, p)!.kind === 'visitTemplate'),
    )
    expect(routes.length).toBeGreaterThanOrEqual(3)
    const store = await watchStore(k)
    for (const r of routes) {
      const path = fill(r.path, valuesFor(r, 'A'))
      const res = await send(doctor2, r.method, path, hostileForm(k))
      expect(res.status, `${r.method} ${path}`).toBe(404)
      expect(await store.changed(), `${r.method} ${path}`).toBe(false)
    }
  })
})

describe('IDOR walker: objects of another parent outside patients', { timeout: HEAVY }, () => {
  it("a tech card's line under another service's path is refused on every line route", async (ctx) => {
    if (!k.hasRoute('POST', '/stock/tech-cards/:priceItemId/lines')) return ctx.skip()
    const group = await k.db.selectFrom('price_groups').select('id').executeTakeFirstOrThrow()
    const added = await k.owner.post('/admin/prices/items', {
      group_id: String(group.id),
      code: 'B01.065.001',
      name: 'Осмотр',
      price: '1000',
    })
    expect(added.status).toBe(303)
    const other = (
      await k.db
        .selectFrom('price_items')
        .select('id')
        .where('code', '=', 'B01.065.001')
        .executeTakeFirstOrThrow()
    ).id
    const routes = walkable(k).filter((r) =>
      r.params.some((p) => ruleFor(r.path, p)!.kind === 'techCardLine'),
    )
    expect(routes.length).toBeGreaterThanOrEqual(1)
    const store = await watchStore(k)
    for (const r of routes) {
      // The seeded line belongs to the seeded service; here it travels under another one.
      const path = fill(r.path, valuesFor(r, 'A', { priceItemId: String(other) }))
      const res = await send(k.owner, r.method, path, { material_id: '1', quantity: '1' })
      expect(res.status, `${r.method} ${path}`).toBe(404)
      expect(await store.changed(), `${r.method} ${path}`).toBe(false)
    }
  })
})

describe('IDOR walker: ids that are not ids', { timeout: HEAVY }, () => {
  // 1e9 is an id no table holds; the rest are not ids at all. '../1' travels encoded, as a
  // browser would send it inside a segment; the raw form is normalised away by the URL parser.
  const BAD = [
    '0',
    '-1',
    '1e9',
    '1000000000',
    'abc',
    '1;drop',
    '..%2F1',
    '%00',
    '1.5',
    '99999999999999999999',
  ]

  it('answers 4xx, never 5xx or 2xx, for every parameter of every route, and changes nothing', async () => {
    const form = hostileForm(k)
    const failures: string[] = []
    const store = await watchStore(k)
    let cases = 0
    // The owner at the office holds every permission: each request reaches its handler.
    for (const b of [k.owner]) {
      for (const r of walkable(k)) {
        for (const p of r.params) {
          for (const bad of BAD) {
            const path = fill(r.path, valuesFor(r, 'A', { [p]: bad }))
            const res = await send(b, r.method, path, form)
            cases++
            if (res.status < 400 || res.status >= 500) {
              failures.push(`${b.who}@${b.zone} ${r.method} ${path} → ${res.status}`)
            }
            if (r.method !== 'GET' && (await store.changed())) {
              failures.push(`${b.who}@${b.zone} ${r.method} ${path} → changed stored data`)
            }
          }
        }
      }
    }
    if (await store.changed()) failures.push('a GET changed stored data')
    expect(failures).toEqual([])
    expect(cases).toBeGreaterThanOrEqual(1000)
  })
})

describe(
  'IDOR walker: medical data of a patient one does not treat ("own" visibility)',
  { timeout: HEAVY },
  () => {
    beforeAll(async () => {
      await setSetting(k.db, MEDICAL_VISIBILITY_KEY, 'own')
    })

    const medicalRoutes = () =>
      walkable(k).filter((r) => isPatientRoute(r) && isMedical(r) && !isBreakGlass(r))

    it('refuses every medical route of patient C to every role at every terminal, audited, changing nothing', async () => {
      const routes = medicalRoutes()
      expect(routes.length).toBeGreaterThanOrEqual(35)
      const form = hostileForm(k)
      const failures: string[] = []
      const store = await watchStore(k)
      for (const b of sessions) {
        for (const r of routes) {
          const path = fill(r.path, valuesFor(r, 'C'))
          const from = await lastAuditId(k)
          const res = await send(b, r.method, path, form)
          const who = `${b.who}@${b.zone} ${r.method} ${path}`
          if (res.status !== 403) failures.push(`${who} → ${res.status}`)
          if ((await res.text()).includes(MARKS.C.medical)) failures.push(`${who} → leaks`)
          const events = await auditSince(k, from)
          if (!events.some((e) => e.outcome === 'denied')) failures.push(`${who} → not audited`)
          else if (events.some((e) => e.outcome === 'ok')) failures.push(`${who} → audited as ok`)
          if (r.method !== 'GET' && (await store.changed())) {
            failures.push(`${who} → changed stored data`)
          }
        }
      }
      expect(failures).toEqual([])
    })

    it('shows no medical data of C on any other route with a patient id, to anyone', async () => {
      const routes = walkable(k).filter(
        (r) => r.method === 'GET' && isPatientRoute(r) && !isMedical(r),
      )
      expect(routes.length).toBeGreaterThanOrEqual(10)
      const failures: string[] = []
      for (const b of sessions) {
        for (const r of routes) {
          const path = fill(r.path, valuesFor(r, 'C'))
          const res = await b.request(path)
          if ((await res.text()).includes(MARKS.C.medical)) {
            failures.push(`${b.who}@${b.zone} ${path} → ${res.status} with C's medical data`)
          }
        }
      }
      expect(failures).toEqual([])
    })

    it('lets the treating doctor in to A, not to B, and break-glass opens C for one doctor at the chair only', async () => {
      const at = (login: string, zone: Zone) =>
        sessions.find((s) => s.who === login && s.zone === zone)!
      const gets = medicalRoutes().filter((r) => r.method === 'GET')
      const statuses = async (b: Session, of: PatientKey) => {
        const out: string[] = []
        for (const r of gets) {
          const res = await b.request(fill(r.path, valuesFor(r, of)))
          out.push(`${r.path} → ${res.status}`)
        }
        return out
      }
      const all = (status: number) =>
        gets.map((r) => `${r.path} → ${status === 200 ? (NOT_200[r.path] ?? 200) : status}`)
      expect(await statuses(at('doctor', 'surgery'), 'A')).toEqual(all(200))
      expect(await statuses(at('doctor', 'surgery'), 'B')).toEqual(all(403))

      const doctor2 = at('doctor2', 'surgery')
      const res = await doctor2.post(`/break-glass/${k.patients.C.patient}`, {
        reason: 'Острая боль, лечащий врач в отпуске',
      })
      expect(res.status).toBe(303)
      expect(await statuses(doctor2, 'C')).toEqual(all(200))
      // The grant is this person's, for this patient, and the zone still rules.
      expect(await statuses(at('doctor', 'surgery'), 'C')).toEqual(all(403))
      expect(await statuses(at('doctor2', 'reception'), 'C')).toEqual(all(403))
      expect(await statuses(doctor2, 'A')).toEqual(all(403))
    })
  },
)
