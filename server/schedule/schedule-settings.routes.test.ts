import { describe, expect, it } from 'vitest'
import { book, DAY, scheduleClinic } from './schedule.fixtures.js'

// Chairs, working hours and days off: kept by the front desk (schedule.write), audited, and
// shown on the day grid (shaded hours, marked days off).

describe('schedule settings', () => {
  it('adds a chair, refuses a duplicate or empty name with 422, and takes a chair out of use', async () => {
    const k = await scheduleClinic()
    expect((await k.desk.request('/schedule/settings')).status).toBe(200)
    const added = await k.desk.post('/schedule/chairs', { name: '  Кресло 3 ' })
    expect(added.status).toBe(303)
    expect(added.headers.get('location')).toBe('/schedule/settings')
    const dup = await k.desk.post('/schedule/chairs', { name: 'Кресло 3' })
    expect(dup.status).toBe(422)
    expect(await dup.text()).toContain('Кресло с таким названием уже есть.')
    const empty = await k.desk.post('/schedule/chairs', { name: ' ' })
    expect(empty.status).toBe(422)
    const html = await k.desk.post('/schedule/chairs', { name: '<b>x</b>' })
    expect(html.status).toBe(303)
    expect(await (await k.desk.request('/schedule/settings')).text()).toContain(
      '&lt;b&gt;x&lt;/b&gt;',
    )
    const off = await k.desk.post(`/schedule/chairs/${k.chair2}/active`, { active: '0' })
    expect(off.status).toBe(303)
    // An inactive chair cannot be booked any more.
    const res = await k.desk.post('/schedule/appointments', {
      patient_id: String(k.ivanova),
      doctor_id: String(k.doc),
      chair_id: String(k.chair2),
      date: DAY,
      start: '10:00',
      duration: '30',
    })
    expect(res.status).toBe(422)
    const actions = await k.db
      .selectFrom('audit_events')
      .select('action')
      .where('category', '=', 'schedule')
      .execute()
    expect(actions.map((a) => a.action)).toEqual([
      'schedule.chair.create',
      'schedule.chair.create',
      'schedule.chair.update',
    ])
  })

  it('keeps working hours per doctor and weekday, refusing bad or overlapping ones', async () => {
    const k = await scheduleClinic()
    const hours = (over: Record<string, string>) =>
      k.desk.post('/schedule/working-hours', {
        doctor_id: String(k.doc),
        weekday: '7',
        starts: '09:00',
        ends: '13:00',
        chair_id: String(k.chair1),
        ...over,
      })
    expect((await hours({})).status).toBe(303)
    const overlap = await hours({ starts: '12:00', ends: '15:00' })
    expect(overlap.status).toBe(422)
    expect(await overlap.text()).toContain('Пересекается с уже заданными часами 09:00–13:00.')
    const backwards = await hours({ starts: '15:00', ends: '14:00' })
    expect(backwards.status).toBe(422)
    expect(await backwards.text()).toContain('Окончание должно быть позже начала.')
    const notDoctor = await hours({ doctor_id: String(k.anna), starts: '14:00', ends: '18:00' })
    expect(notDoctor.status).toBe(422)
    expect((await hours({ starts: '14:00', ends: '18:00', chair_id: '' })).status).toBe(303)
    // The grid shades the hours: 09:00 is open for the doctor, 13:15 is not.
    const day = await (await k.desk.request(`/schedule?date=${DAY}`)).text()
    expect(day).toContain('class="slot open"')
    expect(day).toContain('class="slot closed"')
    const rows = await k.db.selectFrom('working_hours').select(['id', 'starts']).execute()
    expect(rows.map((r) => r.starts)).toEqual(['09:00', '14:00'])
    const removed = await k.desk.post(`/schedule/working-hours/${rows[0]!.id}/delete`)
    expect(removed.status).toBe(303)
    expect(await k.db.selectFrom('working_hours').select('id').execute()).toHaveLength(1)
  })

  it('marks a day off on the grid and warns when booking on it', async () => {
    const k = await scheduleClinic()
    const res = await k.desk.post('/schedule/days-off', {
      doctor_id: String(k.doc),
      date: DAY,
      reason: 'Отпуск',
    })
    expect(res.status).toBe(303)
    const again = await k.desk.post('/schedule/days-off', { doctor_id: String(k.doc), date: DAY })
    expect(again.status).toBe(422)
    const day = await (await k.desk.request(`/schedule?date=${DAY}`)).text()
    expect(day).toContain('Выходной: Отпуск')
    const warned = await k.desk.post('/schedule/appointments', {
      patient_id: String(k.ivanova),
      doctor_id: String(k.doc),
      chair_id: String(k.chair1),
      date: DAY,
      start: '10:00',
      duration: '30',
    })
    expect(warned.status).toBe(422)
    expect(await warned.text()).toContain('У врача в этот день выходной.')
    await book(k, k.desk, { start: '10:00', outside_ok: '1' })
    const row = await k.db.selectFrom('days_off').select('id').executeTakeFirstOrThrow()
    expect((await k.desk.post(`/schedule/days-off/${row.id}/delete`)).status).toBe(303)
    expect(await (await k.desk.request(`/schedule?date=${DAY}`)).text()).not.toContain(
      'Выходной: Отпуск',
    )
  })

  it('bumps every day’s version on a settings change, so open grids redraw the shading', async () => {
    const k = await scheduleClinic()
    const first = await k.desk.request(`/schedule/version?date=${DAY}&v=0`)
    const v0 = first.headers.get('x-schedule-version')
    await k.desk.post('/schedule/chairs', { name: 'Кресло 5' })
    const after = await k.desk.request(`/schedule/version?date=2027-01-15&v=${v0}`)
    expect(after.status).toBe(200)
  })
})
