import type { Locale } from '../config.js'
import type { Translate } from '../i18n/i18n.js'
import type { StockUnit } from './stock.table.js'

// Quantities are integer thousandths of a material's unit, so "0,5 мл" is 500 exactly and sums
// never drift. They become decimals only at the edges: parsed from forms, formatted for people.

/** A million units of anything: far above a clinic's stock, far below Number's exact range. */
export const MAX_MILLI = 1_000_000_000

const intlLocale: Record<Locale, string> = { ru: 'ru-RU', en: 'en-GB' }

/**
 * "2", "0,5", "1.25", "1 000" → thousandths (2000, 500, 1250, 1000000); a sign, four decimals,
 * letters or more than MAX_MILLI → undefined. Zero is allowed (a stock-take may count none).
 */
export function parseQuantity(input: string): number | undefined {
  const s = input.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.')
  const m = /^(\d{1,7})(?:\.(\d{1,3}))?$/.exec(s)
  if (!m) return undefined
  const milli = Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0'))
  return milli <= MAX_MILLI ? milli : undefined
}

/** 1500 → "1,5" (ru) or "1.5": what a quantity field shows when re-rendered. */
export function milliToInput(milli: number, locale: Locale): string {
  const sign = milli < 0 ? '-' : ''
  const abs = Math.abs(milli)
  const frac = String(abs % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '')
  const s = `${sign}${Math.floor(abs / 1000)}${frac ? `.${frac}` : ''}`
  return locale === 'ru' ? s.replace('.', ',') : s
}

export type FormatQuantity = (milli: number, unit: StockUnit) => string

/** "0,5 мл", "1 200 шт", "−3 г" in the clinic's locale; up to three decimals, none padded. */
export function quantityFormatter(locale: Locale, t: Translate): FormatQuantity {
  const f = new Intl.NumberFormat(intlLocale[locale], { maximumFractionDigits: 3 })
  // `+ 0` turns a negative zero into zero: "-0 мл" would read as a shortage.
  return (milli, unit) => `${f.format(milli / 1000 + 0)}\u00a0${t(`stock.unit_short.${unit}`)}`
}
