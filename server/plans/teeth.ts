// FDI two-digit notation (ISO 3950): quadrant 1–4 permanent teeth 1–8, quadrant 5–8 primary
// teeth 1–5. "19" or "56" is no tooth at all.

export function isFdiTooth(n: number): boolean {
  if (!Number.isInteger(n)) return false
  const quadrant = Math.floor(n / 10)
  const tooth = n % 10
  if (quadrant >= 1 && quadrant <= 4) return tooth >= 1 && tooth <= 8
  if (quadrant >= 5 && quadrant <= 8) return tooth >= 1 && tooth <= 5
  return false
}

/** A form's tooth field: '' is "no tooth" (null), a valid FDI number, or undefined (refused). */
export function parseTooth(raw: string): number | null | undefined {
  const s = raw.trim()
  if (s === '') return null
  if (!/^\d{2}$/.test(s)) return undefined
  const n = Number(s)
  return isFdiTooth(n) ? n : undefined
}
