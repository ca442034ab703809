import { beforeAll, describe, expect, it } from 'vitest'
import { events, reception, register, type Browser, type Reception } from './patients.fixtures.js'

// Mailing lists contain only patients whose consent on that channel is in force today
// (the test clock's today is 29.11.2026 in Moscow).

let t: Reception
let rita: Browser
const ids = { sms: 0, none: 0, withdrawn: 0, noEmail: 0, later: 0, email: 0 }

async function giveConsent(id: number, kind: string, given_on: string, withdrawn_on?: string) {
  const res = await rita.post(`/patients/${id}/consents/add`, {
    kind,
    given_on,
    signed_by: 'patient',
  })
  if (res.status !== 303) throw new Error(`consent ${res.status}`)
  if (withdrawn_on) {
    const row = await t.db
      .selectFrom('consents')
      .select('id')
      .where('patient_id', '=', id)
      .where('kind', '=', kind as never)
      .executeTakeFirstOrThrow()
    await rita.post(`/patients/${id}/consents/${row.id}/withdraw`, { withdrawn_on })
  }
}

beforeAll(async () => {
  t = await reception()
  rita = await t.as('rita', 'reception')
  const person = (surname: string, birth: string, extra: Record<string, string> = {}) =>
    register(rita, { surname, birth_date: birth, phone: '', email: '', ...extra })
  ids.sms = await person('Смсова', '1990-12-02', { phone: '+7 916 000 00 01' })
  ids.none = await person('Безсогласия', '1990-12-01', { phone: '+7 916 000 00 02' })
  ids.withdrawn = await person('Отозвавшая', '1990-11-30', { phone: '+7 916 000 00 03' })
  ids.noEmail = await person('Безпочты', '1990-12-03')
  ids.later = await person('Позже', '1990-12-20', { phone: '+7 916 000 00 04' })
  ids.email = await person('Почтова', '1985-11-29', { email: 'p@example.ru' })
  await giveConsent(ids.sms, 'marketing_sms', '2026-01-01')
  await giveConsent(ids.withdrawn, 'marketing_sms', '2026-01-01', '2026-11-15')
  await giveConsent(ids.noEmail, 'marketing_email', '2026-01-01')
  await giveConsent(ids.later, 'marketing_sms', '2026-01-01')
  await giveConsent(ids.email, 'marketing_email', '2026-01-01')
})

describe('birthdays', () => {
  it('lists the coming week’s birthdays with a consent in force today, in date order', async () => {
    const res = await rita.request('/marketing/birthdays?days=7')
    expect(res.status).toBe(200)
    const html = await res.text()
    const listed = [...html.matchAll(/href="\/patients\/(\d+)"/g)].map((m) => Number(m[1]))
    expect(listed).toEqual([ids.email, ids.sms])
    expect(html).toContain('SMS: +7 916 000-00-01')
    expect(html).toContain('Электронная почта: p@example.ru')
    const longer = await (await rita.request('/marketing/birthdays?days=31')).text()
    expect(longer).toContain(`href="/patients/${ids.later}"`)
    expect(longer).not.toContain(`href="/patients/${ids.none}"`)
    expect(longer).not.toContain(`href="/patients/${ids.withdrawn}"`)
    expect((await rita.request('/marketing/birthdays?days=<script>')).status).toBe(200)
    expect((await events(t, 'marketing.list'))[0]).toMatchObject({
      category: 'contacts',
      patient_id: null,
    })
  })
})

describe('patients not seen for a year', () => {
  it('come from the schedule: last seen over a year ago, nothing booked, consent in force', async () => {
    const at = '2026-01-01T00:00:00.000Z'
    const chair = await t.db
      .insertInto('chairs')
      .values({ name: 'Кресло 1', active: 1, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow()
    const visit = (patient_id: number, starts_at: string, status: string) =>
      t.db
        .insertInto('appointments')
        .values({
          patient_id,
          doctor_id: t.staff.dima,
          chair_id: chair.id,
          starts_at,
          ends_at: starts_at.replace('T09', 'T10'),
          status,
          reason: '',
          created_at: at,
          updated_at: at,
        } as never)
        .execute()
    await visit(ids.sms, '2025-06-01T09:00:00.000Z', 'done')
    await visit(ids.later, '2025-06-01T09:00:00.000Z', 'done')
    await visit(ids.later, '2026-12-10T09:00:00.000Z', 'booked')
    await visit(ids.email, '2026-10-01T09:00:00.000Z', 'done')
    await visit(ids.none, '2025-01-01T09:00:00.000Z', 'done')
    const html = await (await rita.request('/marketing/lapsed')).text()
    const listed = [...html.matchAll(/href="\/patients\/(\d+)"/g)].map((m) => Number(m[1]))
    expect(listed).toEqual([ids.sms])
    expect(html).toContain('01.06.2025')
  })
})
