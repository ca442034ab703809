/**
 * A Russian phone number as +7XXXXXXXXXX, or undefined when it is not one. Accepts what people
 * type: "8 (916) 123-45-67", "+7 916 1234567", "79161234567", "9161234567".
 */
export function normalizePhone(value: string): string | undefined {
  if (!/^[\d\s()+\-.]+$/.test(value)) return undefined
  if (value.includes('+') && !/^\s*\+7/.test(value)) return undefined
  const digits = value.replace(/\D/g, '')
  if (digits.length === 10 && digits.startsWith('9')) return `+7${digits}`
  if (digits.length === 11 && (digits.startsWith('7') || digits.startsWith('8'))) {
    return `+7${digits.slice(1)}`
  }
  return undefined
}

/** "+79161234567" → "+7 916 123-45-67" for reading. */
export function formatPhone(phone: string): string {
  const m = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(phone)
  return m ? `+7 ${m[1]} ${m[2]}-${m[3]}-${m[4]}` : phone
}
