// СНИЛС: 11 digits, the last two a checksum of the first nine (ПФР rules, 1998).

/** The 11 digits of a valid СНИЛС, or undefined (wrong length or checksum). */
export function normalizeSnils(value: string): string | undefined {
  if (!/^[\d\s-]+$/.test(value)) return undefined
  const digits = value.replace(/\D/g, '')
  if (digits.length !== 11) return undefined
  return snilsChecksum(digits.slice(0, 9)) === Number(digits.slice(9)) ? digits : undefined
}

/**
 * Σ digit × (9 − position) over the first nine digits; < 100 is itself, 100 and 101 are 00,
 * above that the remainder mod 101 (again 100 → 00). Numbers up to 001-001-998 carry no
 * checksum in practice and are not issued any more; they are refused here too.
 */
export function snilsChecksum(nine: string): number {
  if (Number(nine) <= 1001998) return -1
  let sum = 0
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (9 - i)
  if (sum > 101) sum %= 101
  return sum === 100 || sum === 101 ? 0 : sum
}

/** "11223344595" → "112-233-445 95". */
export function formatSnils(digits: string): string {
  return /^\d{11}$/.test(digits)
    ? `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6, 9)} ${digits.slice(9)}`
    : digits
}
