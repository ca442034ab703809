import { describe, expect, it } from 'vitest'
import { book, booking, DAY, scheduleClinic, type Clinic } from './schedule.fixtures.js'

// The receptionist's day: book, move, refuse overlaps, mark arrival, cancel, print; and the
// version endpoint that makes every open terminal refresh.

const HTMX = { 'hx-request': 'true' }

async function scheduleAudit(k: Clinic) {
  return k.db
    .selectFrom('audit_events')
    .select(['action', 'patient_id', 'category', 'details', 'staff_id', 'device_id'])
    .where('category', '=', 'schedule')
    .orderBy('id')
    .execute()
}

describe('booking and the day view', () => {
  it('books from the form, then shows the block with short name, time, status and reason', async () => {
    const k = await scheduleClinic()
    const form = await k.desk.request(`/schedule/appointments/new?date=${DAY}`)
    expect(form.status).toBe(200)
    const formHtml = await form.text()
    expect(formHtml).toContain('Повод обращения (не диагноз)')
    expect(formHtml).toContain(`value="${DAY}"`)
    const res = await k.desk.post('/schedule/appointments', booking(k))
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/schedule?date=${DAY}`)
    const day = await (await k.desk.request(`/schedule?date=${DAY}`)).text()
    expect(day).toContain('Иванова М. П.')
    expect(day).toContain('14:00–14:30')
    expect(day).toContain('Записан')
    expect(day).toContain('Болит зуб слева')
    expect(day).toContain('Test doc')
    // Stored in UTC: 14:00 in Moscow is 11:00Z.
    const row = await k.db.selectFrom('appointments').selectAll().executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      starts_at: '2026-11-29T11:00:00.000Z',
      ends_at: '2026-11-29T11:30:00.000Z',
      status: 'booked',
      created_by: k.anna,
    })
    const audit = await scheduleAudit(k)
    expect(audit).toEqual([
      expect.objectContaining({ action: 'schedule.book', patient_id: k.ivanova, staff_id: k.anna }),
    ])
  })

  it('draws the day by chair and the week from the same blocks, with today as default date', async () => {
    const k = await scheduleClinic()
    await book(k, k.desk)
    const byChair = await (await k.desk.request(`/schedule?date=${DAY}&by=chair`)).text()
    expect(byChair).toContain('<th scope="col">Кресло 1</th>')
    expect(byChair).toContain('Иванова М. П.')
    const week = await (await k.desk.request(`/schedule/week?date=${DAY}`)).text()
    expect(week).toContain('Иванова М. П.')
    expect(week).toContain('Неделя с 23 ноября 2026 г.')
    // No date: today at the clinic (the test clock is 2026-11-29 12:00 in Moscow).
    expect(await (await k.desk.request('/schedule')).text()).toContain('Иванова М. П.')
  })

  it('keeps the input and says what is wrong per field (422), also for hostile input', async () => {
    const k = await scheduleClinic()
    const res = await k.desk.post(
      '/schedule/appointments',
      booking(k, { patient_id: '', start: '14:07', duration: '7', reason: 'x'.repeat(10_000) }),
    )
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('Выберите пациента.')
    expect(html).toContain('Введите время начала, кратное 15 минутам')
    expect(html).toContain('Выберите длительность')
    expect(html).toContain('Слишком длинный текст.')
    expect(html).toContain('value="14:07"')
    const control = await k.desk.post('/schedule/appointments', booking(k, { reason: 'a\u0007b' }))
    expect(control.status).toBe(422)
    expect(await control.text()).toContain('недопустимые символы')
    // HTML in the reason is kept as text and shown escaped.
    await book(k, k.desk, { reason: '<script>alert(1)</script>' })
    const day = await (await k.desk.request(`/schedule?date=${DAY}`)).text()
    expect(day).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(day).not.toContain('<script>alert(1)')
  })

  it('answers htmx with the partial: the card on success (with HX-Trigger), the form on 422', async () => {
    const k = await scheduleClinic()
    const bad = await k.desk.post('/schedule/appointments', booking(k, { start: '' }), HTMX)
    expect(bad.status).toBe(422)
    const badHtml = await bad.text()
    expect(badHtml.startsWith('<section id="booking-form"')).toBe(true)
    expect(badHtml).not.toContain('<html')
    const ok = await k.desk.post('/schedule/appointments', booking(k), HTMX)
    expect(ok.status).toBe(200)
    expect(ok.headers.get('hx-trigger')).toBe('schedule-changed')
    expect(await ok.text()).toContain('id="appointment-card"')
  })

  it('finds patients for the picker by POST, never by URL', async () => {
    const k = await scheduleClinic()
    const res = await k.desk.post('/schedule/patient-picker', { q: 'иванова' }, HTMX)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain(`value="${k.ivanova}"`)
    expect(html).toContain('Иванова М. П.')
    expect(html).not.toContain('Петров')
    // Without JS, «Найти» posts the whole form: hits shown, the rest of the input kept.
    const nojs = await k.desk.post(
      '/schedule/appointments',
      booking(k, { intent: 'search', q: 'Петров', patient_id: '', start: '15:45' }),
    )
    expect(nojs.status).toBe(200)
    const page = await nojs.text()
    expect(page).toContain(`value="${k.petrov}"`)
    expect(page).toContain('value="15:45"')
    expect(await k.db.selectFrom('appointments').select('id').execute()).toEqual([])
  })
})

describe('overlaps', () => {
  it('refuses the same doctor or the same chair at an overlapping time, naming the time', async () => {
    const k = await scheduleClinic()
    await book(k, k.desk)
    const doctor = await k.desk.post(
      '/schedule/appointments',
      booking(k, { patient_id: String(k.petrov), chair_id: String(k.chair2), start: '14:15' }),
    )
    expect(doctor.status).toBe(422)
    expect(await doctor.text()).toContain('Врач в это время уже занят: запись 14:00–14:30.')
    const chair = await k.desk.post(
      '/schedule/appointments',
      booking(k, { patient_id: String(k.petrov), doctor_id: String(k.doc2), start: '13:45' }),
    )
    expect(chair.status).toBe(422)
    expect(await chair.text()).toContain(
      'Кресло «Кресло 1» в это время уже занято: запись 14:00–14:30.',
    )
    // Touching ends do not overlap; another doctor in another chair at the same time is fine.
    await book(k, k.desk, { patient_id: String(k.petrov), start: '14:30' })
    await book(k, k.desk, {
      patient_id: String(k.petrov),
      doctor_id: String(k.doc2),
      chair_id: String(k.chair2),
    })
    expect(await k.db.selectFrom('appointments').select('id').execute()).toHaveLength(3)
  })

  it('does not count cancelled or no-show appointments', async () => {
    const k = await scheduleClinic()
    const first = await book(k, k.desk)
    const cancel = await k.desk.post(`/schedule/appointments/${first}/cancel`, {
      reason: 'Пациент заболел',
    })
    expect(cancel.status).toBe(303)
    const again = await book(k, k.desk, { patient_id: String(k.petrov) })
    const noShow = await k.desk.post(`/schedule/appointments/${again}/status`, { to: 'no_show' })
    expect(noShow.status).toBe(303)
    await book(k, k.desk, { start: '14:15' })
    // The no-show arriving late now collides with the new booking: refused, status kept.
    const late = await k.desk.post(`/schedule/appointments/${again}/status`, { to: 'arrived' })
    expect(late.status).toBe(422)
    expect(await late.text()).toContain('Врач в это время уже занят: запись 14:15–14:45.')
    const row = await k.db
      .selectFrom('appointments')
      .select('status')
      .where('id', '=', again)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('no_show')
    // The day lists what was cancelled or missed beside the grid.
    const day = await (await k.desk.request(`/schedule?date=${DAY}`)).text()
    expect(day).toContain('Отменённые записи и неявки')
  })
})
