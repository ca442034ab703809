import { randomBytes } from 'node:crypto'

/**
 * A fresh certificate serial as the content bytes of a DER INTEGER: 16 random bytes with the
 * top bit cleared, so it is positive and carries >= 64 bits of entropy (CA/B BR 7.1), then
 * minimally encoded — OpenSSL rejects a non-minimal INTEGER ("illegal padding"), which a
 * leading 0x00 byte would otherwise produce once in 128 issuances.
 */
export function randomSerial(): Buffer {
  const bytes = randomBytes(16)
  bytes[0] = (bytes[0] ?? 0) & 0x7f
  return positiveIntegerBytes(bytes)
}

/**
 * The minimal DER INTEGER content for a non-negative big-endian number: leading zero bytes
 * dropped, one 0x00 kept or added when the next byte has its top bit set (else it would
 * read as negative).
 */
export function positiveIntegerBytes(bytes: Uint8Array): Buffer {
  let start = 0
  while (start < bytes.length - 1 && bytes[start] === 0) start++
  const trimmed = Buffer.from(bytes.subarray(start))
  if (trimmed.length === 0) return Buffer.from([0])
  return (trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed
}

/**
 * Normalises a serial number to the form Node's `getPeerCertificate().serialNumber` and
 * `X509Certificate#serialNumber` yield (OpenSSL's BN_bn2hex): uppercase hex, leading zero
 * bytes dropped but whole bytes kept, so 0x0A1B is "0A1B" and the DER content 00 8F 01 is
 * "8F01". Zero is "0". Accepts lower or upper case, with or without colons.
 * @throws Error when the input is not hexadecimal.
 */
export function normalizeSerial(hex: string): string {
  const digits = hex.replace(/:/g, '')
  if (!/^[0-9a-fA-F]+$/.test(digits)) throw new Error(`Not a hexadecimal serial number: '${hex}'`)
  const significant = digits.toUpperCase().replace(/^0+/, '')
  if (significant.length === 0) return '0'
  return significant.length % 2 === 1 ? `0${significant}` : significant
}
