import type { Locale } from '../config.js'
import { en, ru, type MessageKey } from './messages.js'

export type { MessageKey }
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string

export interface I18n {
  locale: Locale
  timeZone: string
  t: Translate
  /** Date and time in the clinic's time zone, e.g. "29.11.2026, 09:41". */
  dateTime(iso: string | Date): string
  date(iso: string | Date): string
}

const catalogues: Record<Locale, Record<MessageKey, string>> = { ru, en }
const intlLocale: Record<Locale, string> = { ru: 'ru-RU', en: 'en-GB' }

// One translator per locale and zone for the process: building the two Intl formatters cost
// more than the rest of a small page (bench profile), and the object holds no per-request state.
const made = new Map<string, I18n>()

/** A translator bound to one locale and the clinic's time zone. Unknown params stay visible. */
export function createI18n(locale: Locale, timeZone: string): I18n {
  const key = `${locale} ${timeZone}`
  let i18n = made.get(key)
  if (!i18n) made.set(key, (i18n = Object.freeze(buildI18n(locale, timeZone))))
  return i18n
}

function buildI18n(locale: Locale, timeZone: string): I18n {
  const messages = catalogues[locale]
  // Made by the first date shown: the first Intl formatter of a process loads ICU's data
  // (~25 ms), which server start-up need not wait for.
  let dt: Intl.DateTimeFormat | undefined
  let d: Intl.DateTimeFormat | undefined
  const dateTimeFormat = () =>
    (dt ??= new Intl.DateTimeFormat(intlLocale[locale], {
      timeZone,
      dateStyle: 'short',
      timeStyle: 'short',
    }))
  const dateFormat = () =>
    (d ??= new Intl.DateTimeFormat(intlLocale[locale], { timeZone, dateStyle: 'short' }))
  // Formatting a date through Intl costs microseconds and a list page shows dozens of them,
  // mostly the same ones (today's visits, birth dates on a results page): remembered, a few
  // thousand at most.
  const remembered = (format: () => Intl.DateTimeFormat) => {
    const seen = new Map<string, string>()
    return (v: string | Date) => {
      if (typeof v !== 'string') return format().format(v)
      let text = seen.get(v)
      if (text === undefined) {
        text = format().format(new Date(v))
        if (seen.size >= 5000) seen.clear()
        seen.set(v, text)
      }
      return text
    }
  }
  return {
    locale,
    timeZone,
    t: (key, params) => {
      const message = messages[key]
      if (!message.includes('{')) return message
      return message.replace(/\{(\w+)\}/g, (m, name: string) =>
        params && name in params ? String(params[name]) : m,
      )
    },
    dateTime: remembered(dateTimeFormat),
    date: remembered(dateFormat),
  }
}
