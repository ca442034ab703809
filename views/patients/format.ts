import type { I18n } from '../../server/i18n/i18n.js'

export { formatPhone } from '../../server/patients/phone.js'
export { formatSnils } from '../../server/patients/snils.js'

/** "Иванова Мария Петровна". */
export function fullName(p: { surname: string; name: string; patronymic: string | null }): string {
  return [p.surname, p.name, p.patronymic].filter(Boolean).join(' ')
}

/**
 * A calendar date (YYYY-MM-DD) in the clinic's locale. Noon UTC falls on the same calendar
 * day in every time zone Russia uses, so the clinic's zone never shifts it.
 */
export function showDate(i18n: I18n, day: string): string {
  return i18n.date(`${day}T12:00:00Z`)
}
