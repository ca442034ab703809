import { describe, expect, it } from 'vitest'
import {
  addDays,
  clinicRange,
  clinicToday,
  fromClinic,
  isIsoDate,
  isoWeekday,
  parseTime,
  toClinic,
  weekStart,
} from './clinic-time.js'
import { canTransition, TRANSITIONS } from './schedule.rules.js'
import { STATUSES } from './schedule.table.js'

describe('clinic time', () => {
  it('turns Moscow wall time into UTC and back', () => {
    expect(fromClinic('2026-11-29', 9 * 60, 'Europe/Moscow')).toBe('2026-11-29T06:00:00.000Z')
    expect(toClinic('2026-11-28T21:30:00Z', 'Europe/Moscow')).toEqual({
      date: '2026-11-29',
      minutes: 30,
    })
    expect(clinicToday(new Date('2026-11-28T21:30:00Z'), 'Europe/Moscow')).toBe('2026-11-29')
    expect(clinicRange('2026-11-29', 1, 'Europe/Moscow')).toEqual({
      from: '2026-11-28T21:00:00.000Z',
      to: '2026-11-29T21:00:00.000Z',
    })
  })

  it('uses the offset of the instant across a DST change (Berlin, 29 March 2026)', () => {
    expect(fromClinic('2026-03-28', 9 * 60, 'Europe/Berlin')).toBe('2026-03-28T08:00:00.000Z')
    expect(fromClinic('2026-03-29', 9 * 60, 'Europe/Berlin')).toBe('2026-03-29T07:00:00.000Z')
    // The day of the change is 23 hours long.
    const r = clinicRange('2026-03-29', 1, 'Europe/Berlin')
    expect(Date.parse(r.to) - Date.parse(r.from)).toBe(23 * 3_600_000)
  })

  it('validates dates and times, and counts weekdays from Monday', () => {
    expect(isIsoDate('2026-02-29')).toBe(false)
    expect(isIsoDate('2028-02-29')).toBe(true)
    expect(isIsoDate('29.11.2026')).toBe(false)
    expect(parseTime('09:15')).toBe(555)
    expect(parseTime('24:00')).toBeUndefined()
    expect(parseTime('9:15')).toBeUndefined()
    expect(isoWeekday('2026-11-29')).toBe(7)
    expect(isoWeekday('2026-11-30')).toBe(1)
    expect(weekStart('2026-11-29')).toBe('2026-11-23')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
  })
})

describe('status rules', () => {
  it('follow the chain, allow no-show only before arrival, and keep done and cancelled final', () => {
    expect(canTransition('booked', 'confirmed')).toBe(true)
    expect(canTransition('booked', 'arrived')).toBe(true)
    expect(canTransition('arrived', 'in_chair')).toBe(true)
    expect(canTransition('in_chair', 'done')).toBe(true)
    expect(canTransition('booked', 'in_chair')).toBe(false)
    expect(canTransition('arrived', 'no_show')).toBe(false)
    expect(canTransition('no_show', 'arrived')).toBe(true)
    for (const s of STATUSES) {
      expect(canTransition('done', s)).toBe(false)
      expect(canTransition('cancelled', s)).toBe(false)
    }
    for (const active of ['booked', 'confirmed', 'arrived', 'in_chair'] as const) {
      expect(TRANSITIONS[active]).toContain('cancelled')
    }
  })
})

describe('toClinic with its per-hour offset cache', () => {
  it('agrees with Intl at every sampled instant, across DST and half-hour zones', () => {
    const parts = (instant: number, timeZone: string) => {
      const f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      })
      const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, x.value]))
      return {
        date: `${p.year}-${p.month}-${p.day}`,
        minutes: Number(p.hour) * 60 + Number(p.minute),
      }
    }
    for (const tz of [
      'Europe/Moscow',
      'Europe/Berlin',
      'Australia/Lord_Howe',
      'America/St_Johns',
    ]) {
      // Twice, so the second pass answers from the cache.
      for (let pass = 0; pass < 2; pass++) {
        for (let t = Date.UTC(2010, 0, 1); t < Date.UTC(2027, 0, 1); t += 1_307 * 60_000 + 7_000) {
          expect(toClinic(new Date(t).toISOString(), tz)).toEqual(parts(t, tz))
        }
      }
    }
  })
})
