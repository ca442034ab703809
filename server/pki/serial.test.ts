import { describe, expect, it } from 'vitest'
import { normalizeSerial, positiveIntegerBytes, randomSerial } from './serial.js'

describe('normalizeSerial', () => {
  it("matches OpenSSL's BN_bn2hex: uppercase, whole bytes, no leading zero bytes", () => {
    expect(normalizeSerial('0a1b')).toBe('0A1B')
    expect(normalizeSerial('a1b')).toBe('0A1B')
    expect(normalizeSerial('008f01')).toBe('8F01')
    expect(normalizeSerial('00000a')).toBe('0A')
    expect(normalizeSerial('7F:00:01')).toBe('7F0001')
    expect(normalizeSerial('00')).toBe('0')
  })

  it('is idempotent', () => {
    for (const hex of ['0a1b', '008f01', 'DEADBEEF', '0']) {
      expect(normalizeSerial(normalizeSerial(hex))).toBe(normalizeSerial(hex))
    }
  })

  it('rejects non-hex input', () => {
    expect(() => normalizeSerial('')).toThrow(/Not a hexadecimal serial/)
    expect(() => normalizeSerial('12g4')).toThrow(/Not a hexadecimal serial/)
    expect(() => normalizeSerial('-01')).toThrow(/Not a hexadecimal serial/)
  })
})

describe('randomSerial', () => {
  it('is a positive, minimally encoded DER INTEGER of up to 16 bytes', () => {
    for (let i = 0; i < 500; i++) {
      const serial = randomSerial()
      expect(serial.length).toBeLessThanOrEqual(16)
      expect(serial[0]! & 0x80).toBe(0)
      if (serial.length > 1 && serial[0] === 0) expect(serial[1]! & 0x80).toBe(0x80)
    }
  })
})

describe('positiveIntegerBytes', () => {
  it('drops redundant zero bytes and keeps the sign byte a high bit needs', () => {
    const hex = (...bytes: number[]) => positiveIntegerBytes(Uint8Array.from(bytes)).toString('hex')
    expect(hex(0x00, 0x05, 0x01)).toBe('0501')
    expect(hex(0x00, 0x8f, 0x01)).toBe('008f01')
    expect(hex(0x00, 0x00, 0x8f)).toBe('008f')
    expect(hex(0x8f)).toBe('008f')
    expect(hex(0x00)).toBe('00')
    expect(hex()).toBe('00')
  })
})
