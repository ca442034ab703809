import { normalizeText } from './normalize.js'
import { fromLatinLayout, hasLatin, transliterate } from './translit.js'

/** What a search box query asks for; every part present must match. */
export interface SearchPlan {
  /** The query as a possible card number (card numbers are looked up exactly first). */
  cardExact: string | undefined
  /** Name words as typed, then as transliterated and as re-keyed from the Latin layout. */
  variants: string[][]
  /** Runs of digits: phone fragments or card numbers. */
  digits: string[]
  /** YYYY-MM-DD from "дд.мм.гггг". */
  date: string | undefined
  /** Ids matching each digit run, once looked up (see resolveDigitRuns). */
  digitIds?: ReadonlyMap<string, readonly number[]>
}

const MAX_QUERY = 200
const MAX_WORDS = 5

/** Splits a search box query into name words, digit runs and a birth date; undefined if empty. */
export function parseSearchQuery(q: string): SearchPlan | undefined {
  const raw = q
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .trim()
    .slice(0, MAX_QUERY)
  if (!raw) return undefined
  const cardExact = raw.length <= 32 ? raw : undefined
  // A phone typed with spaces and brackets, "8 (916) 123-45-67", is one run of digits.
  if (/^[\d\s()+-]+$/.test(raw)) {
    const digits = raw.replace(/\D/g, '')
    return digits ? { cardExact, variants: [], digits: [digits], date: undefined } : undefined
  }
  let date: string | undefined
  const digits: string[] = []
  const words: string[] = []
  for (const token of raw.split(/[\s,]+/)) {
    const d = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(token)
    if (d) {
      date = isoDate(Number(d[3]), Number(d[2]), Number(d[1])) ?? date
      continue
    }
    const bare = token.replace(/[()+-]/g, '')
    if (/^\d+$/.test(bare)) digits.push(bare)
    else if (token) words.push(token)
  }
  const variants: string[][] = []
  const push = (convert: (w: string) => string) => {
    const v = words
      .flatMap((w) => normalizeText(convert(w)).split(' '))
      .filter(Boolean)
      .slice(0, MAX_WORDS)
    if (v.length > 0 && !variants.some((x) => x.join(' ') === v.join(' '))) variants.push(v)
  }
  push((w) => w)
  // Only words typed entirely on the Latin keys are re-read as Russian ("S1234" is a code).
  const latin = (w: string) => hasLatin(w) && /^[a-z;',.[\]`]+$/i.test(w)
  if (words.some(latin)) {
    push((w) => (latin(w) ? transliterate(w) : w))
    push((w) => (latin(w) ? fromLatinLayout(w) : w))
  }
  if (variants.length === 0 && digits.length === 0 && !date) return undefined
  return { cardExact, variants, digits, date }
}

/** YYYY-MM-DD for a real calendar date, else undefined. */
export function isoDate(year: number, month: number, day: number): string | undefined {
  const d = new Date(Date.UTC(year, month - 1, day))
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    return undefined
  }
  return d.toISOString().slice(0, 10)
}
