import { describe, expect, it } from 'vitest'
import { book, booking, DAY, scheduleClinic } from './schedule.fixtures.js'

// Refusals first: who may not see or change the schedule, and ids that are not there.

describe('schedule: without a session', () => {
  it('sends pages to /login, refuses changes, and redirects htmx polling', async () => {
    const k = await scheduleClinic()
    const anon = k.browser(k.reception)
    for (const path of ['/schedule', `/schedule/week?date=${DAY}`, '/schedule/print']) {
      const res = await anon.request(path)
      expect(res.status, path).toBe(303)
      expect(res.headers.get('location')).toBe('/login')
    }
    const poll = await anon.request(`/schedule/version?date=${DAY}&v=0`, {
      headers: { 'hx-request': 'true', 'x-enamel-background': '1' },
    })
    expect(poll.status).toBe(204)
    expect(poll.headers.get('hx-redirect')).toBe('/login')
    const post = await anon.post('/schedule/appointments', booking(k))
    expect([401, 403]).toContain(post.status)
    expect(await k.db.selectFrom('appointments').select('id').execute()).toEqual([])
  })
})

describe('schedule: permissions', () => {
  it('lets an assistant read the schedule but not book, change or manage it (403)', async () => {
    const k = await scheduleClinic()
    const id = await book(k, k.desk)
    const asya = k.browser(k.surgery)
    await asya.login('asya')
    expect((await asya.request(`/schedule?date=${DAY}`)).status).toBe(200)
    expect((await asya.request(`/schedule/appointments/${id}`)).status).toBe(200)
    const refused = [
      await asya.request('/schedule/appointments/new'),
      await asya.request(`/schedule/appointments/${id}/edit`),
      await asya.request('/schedule/settings'),
      await asya.post('/schedule/appointments', booking(k, { start: '16:00' })),
      await asya.post(`/schedule/appointments/${id}/status`, { to: 'arrived' }),
      await asya.post(`/schedule/appointments/${id}/cancel`, { reason: 'x' }),
      await asya.post(`/schedule/appointments/${id}/move`, { date: DAY, start: '15:00' }),
      await asya.post('/schedule/patient-picker', { q: 'Иван' }),
      await asya.post('/schedule/chairs', { name: 'Кресло 9' }),
    ]
    expect(refused.map((r) => r.status)).toEqual(refused.map(() => 403))
    // The page offers no booking to whom cannot book.
    expect(await (await asya.request(`/schedule?date=${DAY}`)).text()).not.toContain(
      'Записать пациента',
    )
    const row = await k.db.selectFrom('appointments').selectAll().executeTakeFirstOrThrow()
    expect(row.status).toBe('booked')
    const denied = await k.db
      .selectFrom('audit_events')
      .select(['action', 'outcome'])
      .where('action', '=', 'access.denied')
      .execute()
    expect(denied.length).toBeGreaterThanOrEqual(refused.length)
  })

  it('refuses everything to a receptionist whose schedule.read is denied', async () => {
    const k = await scheduleClinic()
    const id = await book(k, k.desk)
    await k.db
      .insertInto('staff_permissions')
      .values({
        staff_id: k.anna,
        permission: 'schedule.read',
        effect: 'deny',
        changed_by: null,
        changed_at: k.clock.now().toISOString(),
      })
      .execute()
    for (const path of [
      `/schedule?date=${DAY}`,
      `/schedule/week?date=${DAY}`,
      `/schedule/version?date=${DAY}&v=0`,
      `/schedule/print?date=${DAY}&doctor=${k.doc}`,
      `/schedule/appointments/${id}`,
      `/patients/${k.ivanova}/visits`,
    ]) {
      expect((await k.desk.request(path)).status, path).toBe(403)
    }
    // The nav no longer offers the schedule either.
    expect(await (await k.desk.request('/')).text()).not.toContain('href="/schedule"')
  })
})

describe('schedule: object-level checks', () => {
  it('answers 404 for unknown or malformed appointment ids, for reading and for every change', async () => {
    const k = await scheduleClinic()
    await book(k, k.desk)
    for (const id of ['999', '0', 'abc', '1e3', '-1']) {
      const base = `/schedule/appointments/${id}`
      expect((await k.desk.request(base)).status, base).toBe(404)
      expect((await k.desk.request(`${base}/edit`)).status, base).toBe(404)
      for (const verb of ['status', 'cancel', 'move', 'resize']) {
        const res = await k.desk.post(`${base}/${verb}`, {
          to: 'arrived',
          reason: 'x',
          date: DAY,
          start: '10:00',
          doctor_id: String(k.doc),
          chair_id: String(k.chair1),
          duration: '30',
        })
        expect(res.status, `${verb} ${id}`).toBe(404)
      }
    }
    const rows = await k.db.selectFrom('appointments').select(['status', 'starts_at']).execute()
    expect(rows).toEqual([{ status: 'booked', starts_at: '2026-11-29T11:00:00.000Z' }])
  })

  it('answers 404 for unknown patients, doctors, chairs, hours and days off', async () => {
    const k = await scheduleClinic()
    expect((await k.desk.request('/patients/999/visits')).status).toBe(404)
    expect((await k.desk.request(`/schedule/print?date=${DAY}&doctor=999`)).status).toBe(404)
    // A receptionist is staff, but not a doctor: her "day list" does not exist.
    expect((await k.desk.request(`/schedule/print?date=${DAY}&doctor=${k.anna}`)).status).toBe(404)
    expect((await k.desk.post('/schedule/chairs/999/active', { active: '0' })).status).toBe(404)
    expect((await k.desk.post('/schedule/working-hours/999/delete')).status).toBe(404)
    expect((await k.desk.post('/schedule/days-off/999/delete')).status).toBe(404)
  })

  it('refuses a booking for a patient, doctor or chair that does not exist (422, nothing stored)', async () => {
    const k = await scheduleClinic()
    const cases: Record<string, string>[] = [
      { patient_id: '999', message: 'Выберите пациента.' },
      { doctor_id: String(k.anna), message: 'Выберите врача.' },
      { doctor_id: '999', message: 'Выберите врача.' },
      { chair_id: '999', message: 'Выберите кресло.' },
    ]
    for (const { message = '', ...over } of cases) {
      const res = await k.desk.post('/schedule/appointments', booking(k, over))
      expect(res.status, JSON.stringify(over)).toBe(422)
      expect(await res.text()).toContain(message)
    }
    expect(await k.db.selectFrom('appointments').select('id').execute()).toEqual([])
  })
})
