import type { I18n } from '../../server/i18n/i18n.js'

// Names, times and dates as the schedule shows them, in the clinic's locale and time zone.

const INTL_LOCALE = { ru: 'ru-RU', en: 'en-GB' } as const

// Building an Intl formatter costs far more than using one, and the day view formats two
// times per appointment: one formatter per kind, locale and zone for the process.
const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(
  kind: string,
  i18n: I18n,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
) {
  const key = `${kind} ${i18n.locale} ${timeZone}`
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(INTL_LOCALE[i18n.locale], { ...options, timeZone })
    formatters.set(key, f)
  }
  return f
}

export interface PersonName {
  surname: string
  name: string
  patronymic: string | null
}

/** "Иванова М. П." — how Russian schedules name a patient. */
export function shortName(p: PersonName): string {
  return `${p.surname}${initial(p.name)}${initial(p.patronymic)}`
}

function initial(s: string | null): string {
  const t = s?.trim()
  // The first code point (a letter outside the BMP is two UTF-16 units).
  return t ? ` ${String.fromCodePoint(t.codePointAt(0)!).toUpperCase()}.` : ''
}

export function fullName(p: PersonName): string {
  return [p.surname, p.name, p.patronymic].filter(Boolean).join(' ')
}

/** 555 → "09:15"; 1440 → "24:00". */
export function hhmm(minutes: number): string {
  const h = Math.floor(minutes / 60)
  return `${String(h).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

export function minutesRange(from: number, to: number): string {
  return `${hhmm(from)}–${hhmm(to)}`
}

/** A UTC instant's clinic-local time, "09:15". */
export function clock(i18n: I18n, iso: string): string {
  return formatter('clock', i18n, i18n.timeZone, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso))
}

export function clockRange(i18n: I18n, from: string, to: string): string {
  return `${clock(i18n, from)}–${clock(i18n, to)}`
}

// Calendar dates are not instants: format them at UTC noon so no zone shifts the day.
const calendar = (date: string) => new Date(`${date}T12:00:00Z`)

const longDates = new Map<string, string>()

/** "понедельник, 30 ноября 2026 г." */
export function longDate(i18n: I18n, date: string): string {
  // The day view shows it three times per page (title, heading, caption).
  const key = `${i18n.locale} ${date}`
  let s = longDates.get(key)
  if (s === undefined) {
    s = formatter('long', i18n, 'UTC', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }).format(calendar(date))
    if (longDates.size >= 5_000) longDates.clear()
    longDates.set(key, s)
  }
  return s
}

/** "30 ноября 2026 г." */
export function dayMonthYear(i18n: I18n, date: string): string {
  return formatter('dmy', i18n, 'UTC', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(calendar(date))
}

/** "пн, 30.11" */
export function shortDate(i18n: I18n, date: string): string {
  return formatter('short', i18n, 'UTC', {
    weekday: 'short',
    day: '2-digit',
    month: '2-digit',
  }).format(calendar(date))
}

/** "30.11.2026" */
export function numericDate(i18n: I18n, date: string): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[i18n.locale], {
    timeZone: 'UTC',
    dateStyle: 'short',
  }).format(calendar(date))
}

/** Weekday name for ISO weekday 1..7 ("понедельник"). */
export function weekdayName(i18n: I18n, weekday: number): string {
  // 2026-11-30 is a Monday.
  const monday = Date.parse('2026-11-30T12:00:00Z')
  return new Intl.DateTimeFormat(INTL_LOCALE[i18n.locale], {
    timeZone: 'UTC',
    weekday: 'long',
  }).format(new Date(monday + (weekday - 1) * 86_400_000))
}

/** 90 → "1 ч 30 мин". */
export function durationLabel(i18n: I18n, minutes: number): string {
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  if (h === 0) return i18n.t('schedule.dur_m', { m })
  if (m === 0) return i18n.t('schedule.dur_h', { h })
  return i18n.t('schedule.dur_hm', { h, m })
}
