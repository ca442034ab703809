import { describe, expect, it } from 'vitest'
import { book, DAY, scheduleClinic } from './schedule.fixtures.js'

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
