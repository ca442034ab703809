import type { I18n } from '../i18n/i18n.js'

/**
 * A calendar day (YYYY-MM-DD) as the clinic writes it, without going through a time zone:
 * a birth date or a visit date is a day, not an instant.
 */
export function formatDay(i18n: Pick<I18n, 'locale'>, day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!m) return day
  return i18n.locale === 'ru' ? `${m[3]}.${m[2]}.${m[1]}` : `${m[3]}/${m[2]}/${m[1]}`
}

/** Surname, name, patronymic as one line. */
export function fullName(p: { surname: string; name: string; patronymic: string | null }): string {
  return [p.surname, p.name, p.patronymic].filter(Boolean).join(' ')
}
