import { beforeAll, describe, expect, it } from 'vitest'
import {
  insertAppointment,
  medicalClinic,
  visitForm,
  type MedicalClinic,
} from '../server/medical/medical-testing.js'

// Medical secrecy at the front desk (issue 4, 323-ФЗ ст.13): a patient whose medical card is
// full of marker strings, and every page reception can reach shows none of them. The same
// flows then prove the logs hold no patient identity or session token (issue 8).

const MARK = 'МЕДТАЙНА'
const FIELDS = [
  'complaints',
  'anamnesis_morbi',
  'anamnesis_vitae',
  'objective',
  'oral_cavity',
  'dental_status',
  'diagnosis_text',
  'concomitant',
  'treatment',
  'recommendations',
]

describe('reception sees no medical text anywhere', () => {
  let t: MedicalClinic
  let appointmentId: number

  beforeAll(async () => {
    t = await medicalClinic()
    await t.db
      .updateTable('patients')
      .set({ phone: '+79161234567' })
      .where('id', '=', t.anna)
      .execute()
    await insertAppointment(t, t.ids.doctor, t.anna)
    appointmentId = (await t.db.selectFrom('appointments').select('id').executeTakeFirstOrThrow())
      .id
    const doctor = await t.as('doctor', 'surgery')
    const card = `/patients/${t.anna}/medical`
    const form = visitForm(
      t.ids.doctor,
      Object.fromEntries(FIELDS.map((f, i) => [f, `${MARK}-${i} ${f}`])),
    )
    expect((await doctor.post(`${card}/visits`, form)).status).toBe(303)
    const chart = `/patients/${t.anna}/chart`
    expect((await doctor.post(`${chart}/teeth/36`, { base: '0', code: 'caries' })).status).toBe(303)
    // The marker really is in the card for those who may read it.
    expect(await (await doctor.request(card)).text()).toContain(MARK)
  }, 120_000)

  async function crawl(who: Awaited<ReturnType<MedicalClinic['as']>>) {
    const id = t.anna
    const day = t.clock.now().toISOString().slice(0, 10)
    const pages = [
      '/',
      '/patients',
      `/patients/${id}`,
      `/patients/${id}/consents`,
      `/patients/${id}/documents`,
      `/patients/${id}/notes`,
      `/patients/${id}/visits`,
      `/patients/${id}/export`,
      `/patients/${id}/export.json`,
      `/patients/${id}/medical`,
      `/patients/${id}/medical/print`,
      `/patients/${id}/chart`,
      `/patients/${id}/plans`,
      `/patients/${id}/files`,
      `/schedule?date=${day}`,
      `/schedule/week?date=${day}`,
      `/schedule/appointments/${appointmentId}`,
      `/schedule/print?date=${day}&doctor=${t.ids.doctor}`,
      '/marketing/birthdays?days=365',
    ]
    const bodies: string[] = []
    for (const path of pages) {
      const res = await who.request(path)
      expect(res.status, path).toBeLessThan(500)
      bodies.push(`${path} ${res.status}\n${await res.text()}`)
    }
    for (const q of ['Смирнова', '4567']) {
      bodies.push(await (await who.post('/patients/search', { q })).text())
    }
    return bodies
  }

  for (const [login, label] of [
    ['receptionist', 'a receptionist at the reception desk'],
    ['doctor', 'a doctor signed in at the reception desk'],
  ] as const) {
    it(`${label} never sees the markers, the diagnosis or tooth states`, async () => {
      const who = await t.as(login, 'reception')
      for (const body of await crawl(who)) {
        const path = body.split('\n', 1)[0]
        expect(body, path).not.toContain(MARK)
        expect(body, path).not.toContain('K02.1')
        expect(body, path).not.toMatch(/Кариес дентина/)
      }
      // The medical routes themselves refuse, rather than render an empty page.
      expect((await who.request(`/patients/${t.anna}/medical`)).status).toBe(403)
      expect((await who.request(`/patients/${t.anna}/chart`)).status).toBe(403)
    })
  }

  it('the logs of all these flows hold no patient identity, marker or session token', async () => {
    const who = await t.as('receptionist', 'reception')
    await crawl(who)
    const log = t.logLines.join('\n')
    expect(log.length).toBeGreaterThan(1000) // the flows were logged at all
    for (const secret of [
      'Смирнова',
      'Анна',
      '9161234567',
      '123456',
      '11223344595',
      MARK,
      'K02.1',
    ]) {
      expect(log, secret).not.toContain(secret)
    }
    for (const value of who.jar.values()) expect(log).not.toContain(value)
    for (const line of t.logLines) expect(() => JSON.parse(line)).not.toThrow()
  })
})
