import type { Locale } from '../config.js'

// Money is whole kopecks everywhere (integers: no float rounding in sums); roubles appear
// only at the edges, parsed from forms and formatted for people.

/** 10 million roubles: above any dental service, below Number's exact integer range. */
export const MAX_KOPECKS = 1_000_000_000

const intlLocale: Record<Locale, string> = { ru: 'ru-RU', en: 'en-GB' }

export type FormatMoney = (kopecks: number) => string

/** "1 500,00 ₽" in Russian, "RUB 1,500.00" in English. */
export function moneyFormatter(locale: Locale): FormatMoney {
  const f = new Intl.NumberFormat(intlLocale[locale], {
    style: 'currency',
    currency: 'RUB',
    minimumFractionDigits: 2,
  })
  return (kopecks) => f.format(kopecks / 100)
}

/**
 * "1 500", "1500,5", "1500.50" → 150050 kopecks; anything else (a minus, three decimals,
 * letters, more than MAX_KOPECKS) → undefined.
 */
export function parseRoubles(input: string): number | undefined {
  const s = input.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.')
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(s)
  if (!m) return undefined
  const kopecks = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
  return kopecks <= MAX_KOPECKS ? kopecks : undefined
}

/** 150050 → "1500,50" (ru) or "1500.50": what a price field shows when re-rendered. */
export function kopecksToInput(kopecks: number, locale: Locale): string {
  const s = `${Math.floor(kopecks / 100)}.${String(kopecks % 100).padStart(2, '0')}`
  return locale === 'ru' ? s.replace('.', ',') : s
}
