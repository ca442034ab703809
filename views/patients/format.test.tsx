import { describe, expect, it } from 'vitest'
import { createI18n } from '../../server/i18n/i18n.js'
import { showDate } from './format.js'

describe('showDate', () => {
  const days = ['1900-01-01', '1987-03-12', '1999-12-31', '2000-02-29', '2026-11-30', '2101-07-04']

  it('writes a day as Intl writes a date in that language', () => {
    for (const locale of ['ru', 'en'] as const) {
      const i18n = createI18n(locale, 'Europe/Moscow')
      for (const day of days) {
        expect(showDate(i18n, day), `${locale} ${day}`).toBe(i18n.date(`${day}T12:00:00Z`))
      }
    }
    expect(showDate(createI18n('ru', 'Europe/Moscow'), '1987-03-12')).toBe('12.03.1987')
    expect(showDate(createI18n('en', 'Europe/Moscow'), '1987-03-12')).toBe('12/03/1987')
  })

  it('never moves a calendar day by the clinic time zone, Kamchatka (UTC+12) included', () => {
    for (const zone of ['Europe/Kaliningrad', 'Asia/Yekaterinburg', 'Asia/Kamchatka']) {
      const i18n = createI18n('ru', zone)
      for (const day of days) {
        const [y, m, d] = day.split('-')
        expect(showDate(i18n, day), `${zone} ${day}`).toBe(`${d}.${m}.${y}`)
      }
    }
  })
})
