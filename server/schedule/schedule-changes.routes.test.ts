import { describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../audit/audit.service.js'
import { book, DAY, scheduleClinic, type Clinic } from './schedule.fixtures.js'

// Moving, resizing, status marks with their timestamps, and cancellation.

const HTMX = { 'hx-request': 'true' }

async function statusChanges(k: Clinic, id: number) {
  return k.db
    .selectFrom('appointment_status_changes')
    .select(['from_status', 'to_status', 'at', 'staff_id', 'device_id'])
    .where('appointment_id', '=', id)
    .orderBy('id')
    .execute()
}

async function appointment(k: Clinic, id: number) {
  return k.db.selectFrom('appointments').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

describe('move and resize', () => {
  it('moves to another time, doctor and chair, and refuses a move onto another booking', async () => {
    const k = await scheduleClinic()
    const id = await book(k, k.desk)
    const other = await book(k, k.desk, { patient_id: String(k.petrov), start: '16:00' })
    const edit = await k.desk.request(`/schedule/appointments/${id}/edit`)
    expect(edit.status).toBe(200)
    expect(await edit.text()).toContain('value="14:00"')
    const moved = await k.desk.post(`/schedule/appointments/${id}/move`, {
      date: DAY,
      start: '17:00',
      doctor_id: String(k.doc2),
      chair_id: String(k.chair2),
    })
    expect(moved.status).toBe(303)
    expect(await appointment(k, id)).toMatchObject({
      starts_at: '2026-11-29T14:00:00.000Z',
      ends_at: '2026-11-29T14:30:00.000Z',
      doctor_id: k.doc2,
      chair_id: k.chair2,
    })
    // Onto the other appointment's chair at its time: refused, the form keeps the input.
    const clash = await k.desk.post(`/schedule/appointments/${id}/move`, {
      date: DAY,
      start: '16:15',
      doctor_id: String(k.doc2),
      chair_id: String(k.chair1),
    })
    expect(clash.status).toBe(422)
    const html = await clash.text()
    expect(html).toContain('Кресло «Кресло 1» в это время уже занято: запись 16:00–16:30.')
    expect(html).toContain('value="16:15"')
    expect((await appointment(k, id)).starts_at).toBe('2026-11-29T14:00:00.000Z')
    // 16:00–17:30 for doctor 1 in chair 1: the moved one is now doctor 2 in chair 2 at 17:00.
    const longer = await k.desk.post(`/schedule/appointments/${other}/resize`, { duration: '90' })
    expect(longer.status).toBe(303)
    expect((await appointment(k, other)).ends_at).toBe('2026-11-29T14:30:00.000Z')
    const audit = await k.db
      .selectFrom('audit_events')
      .select(['action', 'patient_id'])
      .where('action', 'in', ['schedule.move', 'schedule.resize'])
      .execute()
    expect(audit).toEqual([
      { action: 'schedule.move', patient_id: k.ivanova },
      { action: 'schedule.resize', patient_id: k.petrov },
    ])
  })

  it('refuses a resize that runs into the next appointment of the doctor', async () => {
    const k = await scheduleClinic()
    const id = await book(k, k.desk)
    await book(k, k.desk, {
      patient_id: String(k.petrov),
      chair_id: String(k.chair2),
      start: '15:00',
    })
    const res = await k.desk.post(`/schedule/appointments/${id}/resize`, { duration: '120' }, HTMX)
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html.startsWith('<section id="appointment-edit"')).toBe(true)
    expect(html).toContain('Врач в это время уже занят: запись 15:00–15:30.')
    expect((await appointment(k, id)).ends_at).toBe('2026-11-29T11:30:00.000Z')
  })

  it('warns outside working hours and books once confirmed', async () => {
    const k = await scheduleClinic()
    const hours = await k.desk.post('/schedule/working-hours', {
      doctor_id: String(k.doc),
      weekday: '7',
      starts: '09:00',
      ends: '13:00',
      chair_id: '',
    })
    expect(hours.status).toBe(303)
    const warned = await k.desk.post('/schedule/appointments', {
      ...bookingOf(k),
      start: '14:00',
    })
    expect(warned.status).toBe(422)
    expect(await warned.text()).toContain('Это время вне часов работы врача.')
    expect(await k.db.selectFrom('appointments').select('id').execute()).toEqual([])
    const confirmed = await k.desk.post('/schedule/appointments', {
      ...bookingOf(k),
      outside_ok: '1',
    })
    expect(confirmed.status).toBe(303)
    // Inside the hours: no warning at all.
    await book(k, k.desk, { start: '10:00' })
  })
})

function bookingOf(k: Clinic) {
  return {
    patient_id: String(k.ivanova),
    doctor_id: String(k.doc),
    chair_id: String(k.chair1),
    date: DAY,
    start: '14:00',
    duration: '30',
    reason: 'Профосмотр',
  }
}

describe('statuses', () => {
  it('walks booked → confirmed → arrived → in chair → done, each change timestamped and audited', async () => {
    const k = await scheduleClinic()
    const id = await book(k, k.desk)
    const steps = ['confirmed', 'arrived', 'in_chair', 'done'] as const
    for (const to of steps) {
      k.clock.advance(5 * 60_000)
      const res = await k.desk.post(`/schedule/appointments/${id}/status`, { to })
      expect(res.status, to).toBe(303)
      expect(res.headers.get('location')).toBe(`/schedule/appointments/${id}`)
    }
    const changes = await statusChanges(k, id)
    expect(changes.map((c) => [c.from_status, c.to_status, c.at])).toEqual([
      [null, 'booked', '2026-11-29T09:00:00.000Z'],
      ['booked', 'confirmed', '2026-11-29T09:05:00.000Z'],
      ['confirmed', 'arrived', '2026-11-29T09:10:00.000Z'],
      ['arrived', 'in_chair', '2026-11-29T09:15:00.000Z'],
      ['in_chair', 'done', '2026-11-29T09:20:00.000Z'],
    ])
    expect(changes.every((c) => c.staff_id === k.anna && c.device_id === k.reception.id)).toBe(true)
    const card = await (await k.desk.request(`/schedule/appointments/${id}`)).text()
    expect(card).toContain('Пришёл')
    expect(card).toContain('29.11.2026, 12:10')
    const audit = await k.db
      .selectFrom('audit_events')
      .select(['patient_id', 'category', 'details'])
      .where('action', '=', 'schedule.status')
      .execute()
    expect(audit).toHaveLength(4)
    expect(audit.every((a) => a.patient_id === k.ivanova && a.category === 'schedule')).toBe(true)
    expect(JSON.parse(audit[1]!.details)).toEqual({
      appointment: id,
      from: 'confirmed',
      to: 'arrived',
    })
    expect((await verifyAuditChain(k.db, k.services.keys.audit)).ok).toBe(true)
  })

  it('refuses invalid transitions and marks before the day, keeping the status', async () => {
    const k = await scheduleClinic()
    const id = await book(k, k.desk)
    const skip = await k.desk.post(`/schedule/appointments/${id}/status`, { to: 'done' })
    expect(skip.status).toBe(422)
    expect(await skip.text()).toContain('Нельзя сменить статус «Записан» на «Приём завершён».')
    const bogus = await k.desk.post(`/schedule/appointments/${id}/status`, { to: 'deleted' })
    expect(bogus.status).toBe(422)
    // Cancelling needs its own form and a reason.
    const sneaky = await k.desk.post(`/schedule/appointments/${id}/status`, { to: 'cancelled' })
    expect(sneaky.status).toBe(422)
    const tomorrow = await book(k, k.desk, { date: '2026-11-30' })
    const early = await k.desk.post(`/schedule/appointments/${tomorrow}/status`, { to: 'arrived' })
    expect(early.status).toBe(422)
    expect(await early.text()).toContain('только в день приёма')
    // Confirming tomorrow's booking by phone today is fine.
    const confirm = await k.desk.post(`/schedule/appointments/${tomorrow}/status`, {
      to: 'confirmed',
    })
    expect(confirm.status).toBe(303)
    expect((await appointment(k, id)).status).toBe('booked')
  })

  it('cancels with a reason (required), keeps it, and refuses to move a cancelled one', async () => {
    const k = await scheduleClinic()
    const id = await book(k, k.desk)
    const none = await k.desk.post(`/schedule/appointments/${id}/cancel`, { reason: '  ' }, HTMX)
    expect(none.status).toBe(422)
    expect(await none.text()).toContain('Укажите причину отмены.')
    const ok = await k.desk.post(`/schedule/appointments/${id}/cancel`, {
      reason: 'Перенесёт сам',
    })
    expect(ok.status).toBe(303)
    expect(await appointment(k, id)).toMatchObject({
      status: 'cancelled',
      cancel_reason: 'Перенесёт сам',
    })
    const move = await k.desk.post(`/schedule/appointments/${id}/move`, {
      date: DAY,
      start: '15:00',
      doctor_id: String(k.doc),
      chair_id: String(k.chair1),
    })
    expect(move.status).toBe(422)
    expect(await move.text()).toContain('перенести нельзя')
  })
})
