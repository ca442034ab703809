import type { KyselyPlugin, QueryResult, UnknownRow } from 'kysely'
import { describe, expect, it } from 'vitest'
import { book, DAY, scheduleClinic, type Clinic } from './schedule.fixtures.js'

// The day view reads the doctors' and chairs' names from its own lists rather than joining
// them into every appointment row (bench), and only this weekday's hours: what it shows must
// not change for that.

describe('the day view', () => {
  it('still names a doctor and a chair deactivated since the booking', async () => {
    const k = await scheduleClinic()
    await book(k, k.desk)
    await k.db.updateTable('staff').set({ active: 0 }).where('id', '=', k.doc).execute()
    await k.db.updateTable('chairs').set({ active: 0 }).where('id', '=', k.chair1).execute()
    const byDoctor = await (await k.desk.request(`/schedule?date=${DAY}`)).text()
    // The column of the inactive doctor, and the chair inside his block.
    expect(byDoctor).toContain('<th scope="col">Test doc</th>')
    expect(byDoctor).toContain('<span class="appt-where">Кресло 1</span>')
    const byChair = await (await k.desk.request(`/schedule?date=${DAY}&by=chair`)).text()
    expect(byChair).toContain('<th scope="col">Кресло 1</th>')
    expect(byChair).toContain('<span class="appt-where">Test doc</span>')
    // Control: a day without the booking has neither.
    const next = await (await k.desk.request('/schedule?date=2026-11-30')).text()
    expect(next).not.toContain('Test doc</th>')
    expect(next).not.toContain('Кресло 1</th>')
  })

  it("shades this weekday's hours only, and knows who has hours on other days", async () => {
    const k = await scheduleClinic()
    const at = k.clock.now().toISOString()
    await k.db
      .insertInto('working_hours')
      .values([
        // Sunday (DAY) for doc; Monday only for doc2, who is then hidden on Sunday.
        {
          doctor_id: k.doc,
          weekday: 7,
          starts: '09:00',
          ends: '10:00',
          chair_id: k.chair1,
          created_at: at,
        },
        {
          doctor_id: k.doc,
          weekday: 1,
          starts: '12:00',
          ends: '18:00',
          chair_id: k.chair1,
          created_at: at,
        },
        {
          doctor_id: k.doc2,
          weekday: 1,
          starts: '08:00',
          ends: '20:00',
          chair_id: k.chair2,
          created_at: at,
        },
      ])
      .execute()
    const sunday = await (await k.desk.request(`/schedule?date=${DAY}`)).text()
    expect(sunday).toContain('<th scope="col">Test doc</th>')
    expect(sunday).not.toContain('Test doc2')
    expect(sunday.match(/class="slot open"/g)).toHaveLength(4)
    const monday = await (await k.desk.request('/schedule?date=2026-11-30')).text()
    expect(monday).toContain('<th scope="col">Test doc2</th>')
    // 6 hours of doc and 12 of doc2, four slots an hour.
    expect(monday.match(/class="slot open"/g)).toHaveLength(4 * 6 + 4 * 12)
    // By chair: chair 2 has hours on Monday only, so on Sunday it is closed all day.
    const chairs = await (await k.desk.request(`/schedule?date=${DAY}&by=chair`)).text()
    expect(chairs.match(/class="slot open"/g)).toHaveLength(4)
  })
})

// The grid is cached by the versions the triggers of the T1200 migration bump. Every change
// below goes straight to the database, past the routes that bump the schedule's own versions:
// a cached grid must still never outlive what it shows.
describe('the cached day grid', () => {
  const grid = async (k: Clinic, query = '') =>
    (await k.desk.request(`/schedule?date=${DAY}${query}`)).text()

  /** Counts the appointment queries the app runs from now on. */
  function countAppointmentReads(k: Clinic) {
    let n = 0
    const plugin: KyselyPlugin = {
      transformQuery({ node }) {
        if (node.kind === 'SelectQueryNode' && JSON.stringify(node.from).includes('"appointments"'))
          n++
        return node
      },
      async transformResult({ result }): Promise<QueryResult<UnknownRow>> {
        return result
      },
    }
    k.services.db = k.db.withPlugin(plugin)
    return () => n
  }

  it('is drawn once, then served from memory while nothing it shows changes', async () => {
    const k = await scheduleClinic()
    await book(k, k.desk)
    const reads = countAppointmentReads(k)
    const first = await grid(k)
    expect(reads()).toBe(1)
    const again = await grid(k)
    expect(reads()).toBe(1)
    expect(again).toBe(first)
    // The live region alone (htmx refresh) is the same cached grid.
    const live = await k.desk.request(`/schedule?date=${DAY}`, {
      headers: { 'hx-request': 'true', 'hx-target': 'schedule-live' },
    })
    expect(reads()).toBe(1)
    expect(first).toContain(await live.text())
    // Another view of the day, and another day, are drawn.
    await grid(k, '&by=chair')
    await k.desk.request('/schedule?date=2026-11-30')
    expect(reads()).toBe(3)
  })

  it('shows every change to what it draws, whoever writes it', async () => {
    const k = await scheduleClinic()
    const id = await book(k, k.desk)
    expect(await grid(k)).toContain('Иванова')
    const changes: [string, () => Promise<unknown>, string][] = [
      [
        'patient renamed',
        () =>
          k.db
            .updateTable('patients')
            .set({ surname: 'Смирнова' })
            .where('id', '=', k.ivanova)
            .execute(),
        'Смирнова',
      ],
      [
        'doctor renamed',
        () =>
          k.db
            .updateTable('staff')
            .set({ full_name: 'Доктор Зубов' })
            .where('id', '=', k.doc)
            .execute(),
        'Доктор Зубов',
      ],
      [
        'chair renamed',
        () =>
          k.db
            .updateTable('chairs')
            .set({ name: 'Кресло у окна' })
            .where('id', '=', k.chair1)
            .execute(),
        'Кресло у окна',
      ],
      [
        'reason edited',
        () =>
          k.db
            .updateTable('appointments')
            .set({ reason: 'Контрольный осмотр' })
            .where('id', '=', id)
            .execute(),
        'Контрольный осмотр',
      ],
      [
        'day off added',
        () =>
          k.db
            .insertInto('days_off')
            .values({ doctor_id: k.doc2, date: DAY, reason: 'Конференция', created_at: DAY })
            .execute(),
        'Конференция',
      ],
    ]
    for (const [what, change, shows] of changes) {
      expect(await grid(k), what).not.toContain(shows)
      await change()
      expect(await grid(k), what).toContain(shows)
    }
    // Hours: doc has none on any day, so his whole day is open (doc2 is off); then one hour.
    const open = async () => ((await grid(k)).match(/class="slot open"/g) ?? []).length
    expect(await open()).toBeGreaterThan(4)
    await k.db
      .insertInto('working_hours')
      .values({
        doctor_id: k.doc,
        weekday: 7,
        starts: '09:00',
        ends: '10:00',
        chair_id: k.chair1,
        created_at: DAY,
      })
      .execute()
    expect(await open()).toBe(4)
    // A deleted appointment leaves the grid.
    await k.db.deleteFrom('appointment_status_changes').where('appointment_id', '=', id).execute()
    await k.db.deleteFrom('appointments').where('id', '=', id).execute()
    expect(await grid(k)).not.toContain('Смирнова')
  })

  it('keeps one copy per language', async () => {
    const k = await scheduleClinic()
    await book(k, k.desk)
    const ru = await grid(k)
    await k.db.updateTable('staff').set({ locale: 'en' }).where('id', '=', k.anna).execute()
    const en = await grid(k)
    expect(ru).toContain('Время')
    expect(en).not.toContain('Время')
    expect(en).toContain('Time')
  })
})
