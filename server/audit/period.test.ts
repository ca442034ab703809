import { describe, expect, it } from 'vitest'
import { dayStartUtc, parseIsoDate, utcRange } from './period.js'

describe('clinic dates → UTC', () => {
  it('starts a Moscow day at 21:00 UTC the day before', () => {
    expect(dayStartUtc('2026-11-29', 'Europe/Moscow').toISOString()).toBe(
      '2026-11-28T21:00:00.000Z',
    )
    expect(utcRange('2026-11-29', '2026-11-29', 'Europe/Moscow')).toEqual({
      from: '2026-11-28T21:00:00.000Z',
      to: '2026-11-29T21:00:00.000Z',
    })
  })

  it('follows DST in zones that have it, and month and year ends', () => {
    // Berlin: CET (+1) until 29.03.2026 02:00, CEST (+2) after.
    expect(dayStartUtc('2026-03-29', 'Europe/Berlin').toISOString()).toBe(
      '2026-03-28T23:00:00.000Z',
    )
    expect(dayStartUtc('2026-03-30', 'Europe/Berlin').toISOString()).toBe(
      '2026-03-29T22:00:00.000Z',
    )
    expect(utcRange(undefined, '2026-12-31', 'Asia/Vladivostok').to).toBe(
      '2026-12-31T14:00:00.000Z',
    )
    expect(utcRange('2026-01-01', undefined, 'UTC')).toEqual({ from: '2026-01-01T00:00:00.000Z' })
  })

  it('accepts only real calendar dates', () => {
    expect(parseIsoDate('2028-02-29')).toEqual([2028, 2, 29])
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-1', '29.11.2026', '0001-01-01', '']) {
      expect(parseIsoDate(bad), bad).toBeUndefined()
    }
    expect(() => dayStartUtc('2026-02-30', 'Europe/Moscow')).toThrow(RangeError)
  })
})
