import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { routeAccessTable } from '../http/access.js'
import { requestBreakGlass } from '../policy/break-glass.js'
import {
  insertAppointment,
  medicalClinic,
  setVisibility,
  visitForm,
  type MedicalClinic,
} from './medical-testing.js'

// Refusals first (DESIGN.md §7): who must never see a medical card, and where.

const SECRET = 'СЕКРЕТ-АНАМНЕЗА-7731'
const ALLERGY = 'АЛЛЕРГИЯ-НА-ЛИДОКАИН-5521'

/** Every route of the card and the chart, with sample ids filled in. */
function medicalRoutes(t: MedicalClinic, ids: { record: number; template: number }) {
  return routeAccessTable(t.app.routes)
    .filter((r) => /^\/(patients\/:id\/(medical|chart)|medical\/)/.test(r.path))
    .map((r) => ({
      method: r.method,
      path: r.path
        .replace(':id', String(t.anna))
        .replace(':visitId', String(ids.record))
        .replace(':tooth', '36')
        .replace(':templateId', String(ids.template)),
      pattern: r.path,
    }))
}

describe('medical card and chart: refusals', () => {
  let t: MedicalClinic
  let record: number
  let template: number

  beforeAll(async () => {
    t = await medicalClinic()
    const doctor = await t.as('doctor', 'surgery')
    await doctor.post(`/patients/${t.anna}/medical/title`, {
      base_revision: '0',
      blood_group: 'A',
      rh: 'positive',
      allergies: ALLERGY,
      chronic_conditions: '',
      dispensary_conditions: '',
    })
    const created = await doctor.post(
      `/patients/${t.anna}/medical/visits`,
      visitForm(t.ids.doctor, { anamnesis_morbi: SECRET }),
    )
    record = Number(created.headers.get('location')!.split('/').pop())
    await doctor.post(`/patients/${t.anna}/medical/visits/${record}/sign`, { base_revision: '1' })
    await doctor.post(`/patients/${t.anna}/chart/teeth/36`, { base: '0', code: 'caries' })
    await doctor.post('/medical/templates', { name: 'Кариес', complaints: SECRET })
    template = (await t.db.selectFrom('visit_templates').select('id').executeTakeFirstOrThrow()).id
  })

  it('has the routes this test walks (a new route joins the walk by itself)', () => {
    expect(medicalRoutes(t, { record, template }).length).toBeGreaterThanOrEqual(28)
  })

  for (const [who, zone] of [
    ['receptionist', 'reception'],
    ['doctor', 'reception'],
    ['owner', 'reception'],
    ['assistant', 'reception'],
    ['receptionist', 'surgery'],
  ] as const) {
    it(`${who} at ${zone}: 403 on every medical and chart route, no medical text, each audited denied`, async () => {
      const b = await t.as(who, zone)
      for (const r of medicalRoutes(t, { record, template })) {
        const before = await t.lastEventId()
        const res =
          r.method === 'GET'
            ? await b.request(r.path)
            : await b.post(r.path, {
                base_revision: '2',
                reason: 'причина удаления',
                complaints: 'x',
              })
        const label = `${who}@${zone} ${r.method} ${r.pattern}`
        expect(res.status, label).toBe(403)
        const html = await res.text()
        for (const secret of [SECRET, ALLERGY, 'Смирнова', 'K02.1']) {
          expect(html, label).not.toContain(secret)
        }
        const events = (await t.eventsSince(before)).filter((e) => e.action !== 'auth.login')
        expect(
          events.map((e) => `${e.action}:${e.outcome}`),
          label,
        ).toEqual(['access.denied:denied'])
      }
      const rows = await t.db.selectFrom('medical_entries').select('id').execute()
      expect(rows).toHaveLength(2)
    })
  }
})

describe('visibility "own": doctors see the patients they treat, others only by break-glass', () => {
  it('refuses a doctor without an appointment, audits it denied, and lets break-glass through', async () => {
    const t = await medicalClinic()
    await setVisibility(t, 'own')
    await insertAppointment(t, t.ids.doctor, t.anna)
    const mine = await t.as('doctor', 'surgery')
    expect((await mine.request(`/patients/${t.anna}/medical`)).status).toBe(200)
    expect((await mine.request(`/patients/${t.boris}/chart`)).status).toBe(403)

    const other = await t.as('doctor2', 'surgery')
    for (const path of [
      `/patients/${t.anna}/medical`,
      `/patients/${t.anna}/chart`,
      `/patients/${t.anna}/medical/print`,
    ]) {
      const before = await t.lastEventId()
      const res = await other.request(path)
      expect(res.status, path).toBe(403)
      expect(await res.text()).not.toContain('Смирнова')
      const events = await t.eventsSince(before)
      expect(events).toHaveLength(1)
      expect(events[0]).toMatchObject({
        outcome: 'denied',
        patient_id: t.anna,
        staff_id: t.ids.doctor2,
      })
    }
    const posted = await other.post(`/patients/${t.anna}/medical/visits`, visitForm(t.ids.doctor2))
    expect(posted.status).toBe(403)
    expect(await t.db.selectFrom('medical_entries').select('id').execute()).toHaveLength(0)

    await requestBreakGlass(
      { db: t.db, auditKey: t.services.keys.audit, now: t.clock.now },
      { staffId: t.ids.doctor2, deviceId: t.surgery.id, zone: 'surgery' },
      {
        staffId: t.ids.doctor2,
        deviceId: t.surgery.id,
        patientId: t.anna,
        reason: 'Острая боль, лечащий врач в отпуске',
      },
    )
    expect((await other.request(`/patients/${t.anna}/medical`)).status).toBe(200)
    // The grant is for one patient and a limited time.
    expect((await other.request(`/patients/${t.boris}/medical`)).status).toBe(403)
    t.clock.advance(31 * 60_000)
    const again = await t.as('doctor2', 'surgery')
    expect((await again.request(`/patients/${t.anna}/medical`)).status).toBe(403)
  })

  it('fails closed when the visibility check itself fails (checklist 18)', async () => {
    const t = await medicalClinic()
    await setVisibility(t, 'own')
    const doctor = await t.as('doctor', 'surgery')
    await sql`drop table break_glass`.execute(t.db)
    const before = await t.lastEventId()
    const res = await doctor.request(`/patients/${t.anna}/medical`)
    expect(res.status).toBe(403)
    const events = await t.eventsSince(before)
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ outcome: 'denied', patient_id: t.anna })
    expect(JSON.parse(events[0]!.details)).toMatchObject({ reason: 'policy_error' })
  })

  it('lets an assistant see the patients booked for today, and no one else', async () => {
    const t = await medicalClinic()
    await setVisibility(t, 'own')
    await insertAppointment(t, t.ids.doctor, t.anna)
    const assistant = await t.as('assistant', 'surgery')
    expect((await assistant.request(`/patients/${t.anna}/chart`)).status).toBe(200)
    expect((await assistant.request(`/patients/${t.boris}/chart`)).status).toBe(403)
  })
})

describe('object-level checks (no IDOR)', () => {
  it('answers 404 for a record of patient A under patient B, on every record route, changing nothing', async () => {
    const t = await medicalClinic()
    const doctor = await t.as('doctor', 'surgery')
    const created = await doctor.post(`/patients/${t.anna}/medical/visits`, visitForm(t.ids.doctor))
    const record = created.headers.get('location')!.split('/').pop()!
    const b = `/patients/${t.boris}/medical/visits/${record}`
    const form = { ...visitForm(t.ids.doctor), base_revision: '1', reason: 'Ошибка в дате осмотра' }
    for (const [method, path] of [
      ['GET', b],
      ['GET', `${b}/edit`],
      ['GET', `${b}/history`],
      ['GET', `${b}/print`],
      ['GET', `${b}/correct`],
      ['POST', b],
      ['POST', `${b}/sign`],
      ['POST', `${b}/correct`],
      ['POST', `${b}/delete`],
    ] as const) {
      const before = await t.lastEventId()
      const res = method === 'GET' ? await doctor.request(path) : await doctor.post(path, form)
      expect(res.status, `${method} ${path}`).toBe(404)
      expect(await res.text()).not.toContain('Кариес дентина 36')
      const events = await t.eventsSince(before)
      expect(
        events.map((e) => e.outcome),
        `${method} ${path}`,
      ).toEqual(['failed'])
    }
    for (const path of [
      `/patients/999999/medical`,
      `/patients/abc/chart`,
      `/patients/${t.anna}/medical/visits/1e99`,
      `/patients/${t.anna}/chart/teeth/19`,
      `/patients/${t.anna}/chart/teeth/99`,
    ]) {
      expect((await doctor.request(path)).status, path).toBe(404)
    }
    const rows = await t.db.selectFrom('medical_entries').select(['id', 'status']).execute()
    expect(rows).toEqual([{ id: Number(record), status: 'draft' }])
  })

  it('keeps each doctor to their own templates', async () => {
    const t = await medicalClinic()
    const doctor = await t.as('doctor', 'surgery')
    await doctor.post('/medical/templates', { name: 'Мой шаблон', complaints: 'Жалоб нет' })
    const id = (await t.db.selectFrom('visit_templates').select('id').executeTakeFirstOrThrow()).id
    const other = await t.as('doctor2', 'surgery')
    expect((await other.request(`/medical/templates/${id}`)).status).toBe(404)
    expect((await other.post(`/medical/templates/${id}`, { name: 'Чужой' })).status).toBe(404)
    expect((await other.post(`/medical/templates/${id}/delete`)).status).toBe(404)
    const compose = await other.post(`/patients/${t.anna}/medical/visits/compose`, {
      ...visitForm(t.ids.doctor2, { complaints: '' }),
      template: String(id),
      intent: 'template',
    })
    expect(compose.status).toBe(200)
    expect(await compose.text()).not.toContain('Жалоб нет')
    const row = await t.db.selectFrom('visit_templates').selectAll().executeTakeFirstOrThrow()
    expect(row).toMatchObject({ name: 'Мой шаблон', archived_at: null })
  })
})
