import { describe, expect, it } from 'vitest'
import type { AppointmentView } from './appointments.queries.js'
import { buildDay, type DayInput } from './day-model.js'

const TZ = 'Europe/Moscow'

function appt(over: Partial<AppointmentView>): AppointmentView {
  return {
    id: 1,
    patient_id: 1,
    doctor_id: 10,
    chair_id: 100,
    starts_at: '2026-11-29T06:00:00.000Z', // 09:00 in Moscow
    ends_at: '2026-11-29T06:45:00.000Z',
    status: 'booked',
    reason: '',
    cancel_reason: null,
    surname: 'Иванова',
    name: 'Мария',
    patronymic: null,
    card_number: '1',
    doctor_name: 'Доктор А',
    chair_name: 'Кресло 1',
    ...over,
  }
}

function input(over: Partial<DayInput>): DayInput {
  return {
    date: '2026-11-29',
    by: 'doctor',
    timeZone: TZ,
    doctors: [
      { id: 10, full_name: 'Доктор А' },
      { id: 11, full_name: 'Доктор Б' },
    ],
    chairs: [{ id: 100, name: 'Кресло 1', active: 1 }],
    hours: [],
    doctorsWithHours: new Set(),
    chairsWithHours: new Set(),
    daysOff: [],
    appointments: [],
    ...over,
  }
}

describe('the day grid model', () => {
  it('spans an appointment over its slots and covers the rows below it', () => {
    const m = buildDay(input({ appointments: [appt({})] }))
    expect(m.slots[0]).toBe(8 * 60)
    expect(m.slots.at(-1)).toBe(21 * 60 - 15)
    const col = m.columns[0]!.cells
    // 09:00 is the fifth row from 08:00.
    expect(col[4]).toMatchObject({ kind: 'block', rows: 3 })
    expect(col[5]).toEqual({ kind: 'covered' })
    expect(col[6]).toEqual({ kind: 'covered' })
    // No hours set up for anyone: nothing is shaded.
    expect(col[7]).toEqual({ kind: 'free', open: true })
    expect(m.columns[1]!.cells.every((c) => c.kind === 'free')).toBe(true)
  })

  it('widens the grid for early bookings and lists cancelled ones aside', () => {
    const early = appt({
      starts_at: '2026-11-29T03:30:00.000Z',
      ends_at: '2026-11-29T04:00:00.000Z',
    })
    const cancelled = appt({ id: 2, status: 'cancelled' })
    const m = buildDay(input({ appointments: [early, cancelled] }))
    expect(m.slots[0]).toBe(6 * 60) // 06:30 rounds down to 06:00
    expect(m.aside.map((b) => b.id)).toEqual([2])
  })

  it('shades working hours, marks days off, and hides doctors known not to work that day', () => {
    const m = buildDay(
      input({
        hours: [
          {
            id: 1,
            doctor_id: 10,
            weekday: 7,
            starts: '09:00',
            ends: '10:00',
            chair_id: null,
            chair_name: null,
          },
        ],
        doctorsWithHours: new Set([10, 11]),
        daysOff: [],
      }),
    )
    expect(m.columns.map((c) => c.id)).toEqual([10])
    const open = m.columns[0]!.cells.map((c) => c.kind === 'free' && c.open)
    expect(open.filter(Boolean)).toHaveLength(4)
    const off = buildDay(
      input({ daysOff: [{ id: 1, doctor_id: 11, date: '2026-11-29', reason: 'Отпуск' }] }),
    )
    expect(off.columns[1]!.dayOff).toEqual({ reason: 'Отпуск' })
  })

  it('never hides an overlap that should not exist: the second one goes aside', () => {
    const a = appt({})
    const b = appt({ id: 2, starts_at: '2026-11-29T06:15:00.000Z' })
    const m = buildDay(input({ appointments: [a, b] }))
    expect(m.aside.map((x) => x.id)).toEqual([2])
  })

  it('has a column per chair in the chair view', () => {
    const m = buildDay(input({ by: 'chair', appointments: [appt({})] }))
    expect(m.columns.map((c) => c.label)).toEqual(['Кресло 1'])
    expect(m.columns[0]!.cells[4]).toMatchObject({ kind: 'block' })
  })
})
