import type { I18n } from '../../server/i18n/i18n.js'

export { formatPhone } from '../../server/patients/phone.js'
export { formatSnils } from '../../server/patients/snils.js'

/** "Иванова Мария Петровна". */
export function fullName(p: { surname: string; name: string; patronymic: string | null }): string {
  return [p.surname, p.name, p.patronymic].filter(Boolean).join(' ')
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * A calendar date (YYYY-MM-DD) in the clinic's locale, as Intl writes a short date
 * ("12.03.1987", "12/03/1987"). Its own digits, never converted to an instant: noon UTC is
 * already the next day at UTC+12 (Kamchatka, Anadyr). A value of another shape is shown as
 * i18n.date makes it.
 */
export function showDate(i18n: I18n, day: string): string {
  const m = DAY.exec(day)
  if (!m || m[1]! < '1000') return i18n.date(`${day}T12:00:00Z`)
  return i18n.locale === 'ru' ? `${m[3]}.${m[2]}.${m[1]}` : `${m[3]}/${m[2]}/${m[1]}`
}
