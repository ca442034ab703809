import { describe, expect, it } from 'vitest'
import { book, DAY, scheduleClinic } from './schedule.fixtures.js'

// What open terminals poll (and that it never keeps a session awake), the printed day list
// and a patient's visit history for reception.

const HTMX = { 'hx-request': 'true' }

describe('live refresh, print and visit history', () => {
  it('changes the version after a booking: 204 while unchanged, then HX-Trigger', async () => {
    const k = await scheduleClinic()
    const poll = (v: string | number, date = DAY) =>
      k.desk.request(`/schedule/version?date=${date}&v=${v}`, {
        headers: { ...HTMX, 'x-enamel-background': '1' },
      })
    const first = await poll(0)
    expect(first.status).toBe(204)
    const v0 = first.headers.get('x-schedule-version')!
    const page = await (await k.desk.request(`/schedule?date=${DAY}`)).text()
    expect(page).toContain(`/schedule/version?date=${DAY}&amp;span=day&amp;v=${v0}`)
    await book(k, k.desk)
    const changed = await poll(v0)
    expect(changed.status).toBe(200)
    expect(changed.headers.get('hx-trigger')).toBe('schedule-changed')
    const v1 = changed.headers.get('x-schedule-version')!
    expect(Number(v1)).toBeGreaterThan(Number(v0))
    expect((await poll(v1)).status).toBe(204)
    // Another day's terminals are not disturbed; the week containing the day is.
    expect((await poll(0, '2026-11-30')).status).toBe(204)
    const week = await k.desk.request(`/schedule/version?date=${DAY}&span=week&v=0`, {
      headers: HTMX,
    })
    expect(week.status).toBe(200)
    // The refresh asks for the live region only.
    const live = await k.desk.request(`/schedule?date=${DAY}`, {
      headers: { ...HTMX, 'hx-target': 'schedule-live' },
    })
    const html = await live.text()
    expect(html.startsWith('<div id="schedule-live"')).toBe(true)
    expect(html).toContain('Иванова М. П.')
  })

  it('polls in the background: a terminal left on the schedule still locks when idle', async () => {
    const k = await scheduleClinic()
    const page = await (await k.desk.request(`/schedule?date=${DAY}`)).text()
    // Only the poller and the refresher carry the header; the grid's links do not.
    expect(
      page.match(/hx-headers="\{&quot;x-enamel-background&quot;:&quot;1&quot;\}"/g),
    ).toHaveLength(2)
    for (let i = 0; i < 4; i++) {
      k.clock.advance(4 * 60_000)
      const poll = await k.desk.request(`/schedule/version?date=${DAY}&v=0`, {
        headers: { ...HTMX, 'x-enamel-background': '1' },
      })
      expect(poll.status).toBeLessThan(300)
    }
    const res = await k.desk.request(`/schedule?date=${DAY}`)
    expect(res.headers.get('location')).toBe('/lock')
  })

  it('prints a doctor’s day list with full names, and records the print', async () => {
    const k = await scheduleClinic()
    await book(k, k.desk)
    await book(k, k.desk, {
      patient_id: String(k.petrov),
      doctor_id: String(k.doc2),
      chair_id: String(k.chair2),
    })
    const res = await k.desk.request(`/schedule/print?date=${DAY}&doctor=${k.doc}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Список приёма: Test doc')
    expect(html).toContain('Иванова Мария Петровна')
    expect(html).toContain('Болит зуб слева')
    expect(html).not.toContain('Петров Олег')
    const audit = await k.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'schedule.print')
      .executeTakeFirstOrThrow()
    expect(JSON.parse(audit.details)).toEqual({ doctor: k.doc, date: DAY, appointments: 1 })
  })

  it('lists a patient’s visits for reception: date, doctor, status, reason; audited', async () => {
    const k = await scheduleClinic()
    const id = await book(k, k.desk)
    await k.desk.post(`/schedule/appointments/${id}/status`, { to: 'arrived' })
    await book(k, k.desk, { patient_id: String(k.petrov), start: '15:00', reason: 'Чистка' })
    const res = await k.desk.request(`/patients/${k.ivanova}/visits`, { headers: HTMX })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html.startsWith('<section id="visit-history"')).toBe(true)
    expect(html).toContain('29.11.2026')
    expect(html).toContain('Test doc')
    expect(html).toContain('Пришёл')
    expect(html).toContain('Болит зуб слева')
    expect(html).not.toContain('Чистка')
    const audit = await k.db
      .selectFrom('audit_events')
      .select('patient_id')
      .where('action', '=', 'schedule.visits.view')
      .execute()
    expect(audit).toEqual([{ patient_id: k.ivanova }])
  })
})
