import { beforeAll, describe, expect, it } from 'vitest'
import { sampleJpeg } from '../medical-files/sample-files.js'
import { setSetting } from '../policy/policy.js'
import { clinic, events, postMultipart, seedPrices, type Clinic } from './plan-fixtures.js'

// Negative first (DESIGN.md §7): who must not see plans and medical files, and ids that do not
// belong together.

let k: Clinic
let plan: number
let item: number
let file: number

const SECRET_TITLE = 'Секретный план имплантации'

beforeAll(async () => {
  k = await clinic()
  const prices = await seedPrices(k)
  const doctor = await k.as('doctor', k.surgery)
  const created = await doctor.post(`/patients/${k.patientA}/plans`, { title: SECRET_TITLE })
  plan = Number(created.headers.get('location')!.split('/').pop())
  await doctor.post(`/patients/${k.patientA}/plans/${plan}/items`, {
    price_item_id: String(prices['A16.07.002.001']),
    tooth: '36',
    quantity: '1',
    stage_id: '',
  })
  item = (await k.db.selectFrom('plan_items').select('id').executeTakeFirstOrThrow()).id
  const up = await postMultipart(
    k,
    doctor,
    `/patients/${k.patientA}/files`,
    { kind: 'xray' },
    { field: 'file', name: 'ortho.jpg', bytes: sampleJpeg(), type: 'image/jpeg' },
  )
  expect(up.status).toBe(303)
  file = (await k.db.selectFrom('medical_files').select('id').executeTakeFirstOrThrow()).id
})

function routes(patient: number) {
  const p = `/patients/${patient}/plans/${plan}`
  return [
    ['GET', `/patients/${patient}/plans`],
    ['POST', `/patients/${patient}/plans`],
    ['GET', p],
    ['GET', `${p}/print`],
    ['GET', `${p}/ids/print?template=1`],
    ['POST', `${p}/stages`],
    ['POST', `${p}/items`],
    ['POST', `${p}/status`],
    ['POST', `${p}/items/${item}/status`],
    ['POST', `${p}/ids`],
    ['GET', `/patients/${patient}/files`],
    ['POST', `/patients/${patient}/files`],
    ['GET', `/patients/${patient}/files/${file}`],
    ['GET', `/patients/${patient}/files/${file}/thumbnail`],
  ] as const
}

describe('plans and medical files: refusals', () => {
  it.each([
    ['receptionist at reception', 'anna', 'reception'],
    ['doctor at a reception terminal', 'doctor', 'reception'],
    ['receptionist at a surgery terminal', 'anna', 'surgery'],
  ] as const)('%s gets 403 on every route, with no medical text', async (_label, login, zone) => {
    const b = await k.as(login, zone === 'reception' ? k.reception : k.surgery)
    const before = (await events(k, 'access.denied')).length
    for (const [method, url] of routes(k.patientA)) {
      const res = method === 'GET' ? await b.request(url) : await b.post(url, { title: 'x' })
      expect(res.status, `${method} ${url}`).toBe(403)
      const html = await res.text()
      expect(html).not.toContain(SECRET_TITLE)
      expect(html).not.toContain('Лечение кариеса')
      expect(html).not.toContain('Иванова')
    }
    expect((await events(k, 'access.denied')).length - before).toBe(routes(k.patientA).length)
    for (const action of ['plan.open', 'plan.print', 'medical_file.view', 'medical_file.list']) {
      const mine = (await events(k, action)).filter(
        (e) => e.staff_id !== null && e.outcome === 'ok',
      )
      expect(mine.every((e) => e.patient_id === k.patientA)).toBe(true)
    }
  })

  it("a plan, item or file of patient A under patient B's URL is 404 (IDOR), and nothing changes", async () => {
    const doctor = await k.as('doctor', k.surgery)
    const countBefore = await k.db.selectFrom('plan_status_changes').select('id').execute()
    for (const [method, url] of routes(k.patientB)) {
      if (url.endsWith(`/patients/${k.patientB}/plans`) || url.endsWith('/files')) continue
      const res =
        method === 'GET'
          ? await doctor.request(url)
          : await doctor.post(url, { status: 'cancelled', reason: 'попытка', title: 'x' })
      expect(res.status, `${method} ${url}`).toBe(404)
      expect(await res.text()).not.toContain(SECRET_TITLE)
    }
    expect(await k.db.selectFrom('plan_status_changes').select('id').execute()).toEqual(countBefore)
    expect((await doctor.request(`/patients/999999/plans`)).status).toBe(404)
    expect((await doctor.request(`/patients/abc/plans`)).status).toBe(404)
    expect((await doctor.request(`/patients/${k.patientA}/plans/1e3`)).status).toBe(404)
  })

  it('when doctors see only their own patients, another patient is 403 and recorded', async () => {
    await setSetting(k.db, 'medical_visibility', 'own')
    try {
      const doctor = await k.as('doctor', k.surgery)
      const res = await doctor.request(`/patients/${k.patientA}/plans/${plan}`)
      expect(res.status).toBe(403)
      expect(await res.text()).not.toContain(SECRET_TITLE)
      const denied = (await events(k, 'access.denied')).at(-1)!
      expect(denied.patient_id).toBe(k.patientA)
      expect(denied.outcome).toBe('denied')
      // With an appointment, the patient is the doctor's own.
      const at = k.clock.now().toISOString()
      const staff = await k.db
        .selectFrom('staff')
        .select('id')
        .where('login', '=', 'doctor')
        .executeTakeFirstOrThrow()
      const chair = await k.db
        .insertInto('chairs')
        .values({ name: 'Кресло 1', active: 1, created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow()
      await k.db
        .insertInto('appointments')
        .values({
          patient_id: k.patientA,
          doctor_id: staff.id,
          chair_id: chair.id,
          starts_at: at,
          ends_at: '2026-11-29T10:00:00.000Z',
          status: 'booked',
          reason: '',
          created_by: null,
          created_at: at,
          updated_at: at,
        })
        .execute()
      expect((await doctor.request(`/patients/${k.patientA}/plans/${plan}`)).status).toBe(200)
      expect((await doctor.request(`/patients/${k.patientB}/plans`)).status).toBe(403)
    } finally {
      await setSetting(k.db, 'medical_visibility', 'all')
    }
  })

  it('price editing is the owner’s, from the office only', async () => {
    const doctor = await k.as('doctor', k.surgery)
    const ownerAtChair = await k.as('owner', k.surgery)
    const anna = await k.as('anna', k.reception)
    for (const b of [doctor, ownerAtChair, anna]) {
      expect((await b.request('/admin/prices')).status).toBe(403)
      expect((await b.post('/admin/prices/groups', { name: 'Хирургия' })).status).toBe(403)
      expect((await b.request('/admin/ids-templates')).status).toBe(403)
    }
    // Reading prices needs billing.read: the front desk and doctors, not an assistant.
    expect((await anna.request('/prices')).status).toBe(200)
    expect((await (await k.as('assistant', k.surgery)).request('/prices')).status).toBe(403)
  })
})
