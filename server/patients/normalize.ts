// Text forms used for searching and comparing patients. Pure functions, no I/O.

/**
 * Lower case, ё → е (people type either), anything but letters and digits → one space.
 * "Петрова-Водкина  Алёна" → "петрова водкина алена".
 */
export function normalizeText(value: string): string {
  return value
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** The derived search columns of a patient row (see the T0900 migration). */
export function patientSearchColumns(p: {
  surname: string
  name: string
  patronymic: string | null
  phone: string | null
  phone_extra: string | null
}) {
  const surname = normalizeText(p.surname)
  const name = normalizeText(p.name)
  const patronymic = normalizeText(p.patronymic ?? '')
  return {
    search_surname: surname,
    search_name: name,
    search_patronymic: patronymic,
    search_fio: [surname, name, patronymic].filter(Boolean).join(' '),
    search_phones: phoneSearchText([p.phone, p.phone_extra]),
  }
}

/**
 * Digits of each phone twice, as "7…" and "8…": a run typed with either trunk prefix
 * ("8916…" or "7916…") is then a plain substring of the indexed text.
 */
export function phoneSearchText(phones: readonly (string | null)[]): string {
  const out: string[] = []
  for (const phone of phones) {
    if (!phone) continue
    const digits = phone.replace(/\D/g, '')
    if (digits.length === 11 && digits.startsWith('7')) out.push(digits, `8${digits.slice(1)}`)
    else if (digits) out.push(digits)
  }
  return out.join(' ')
}
