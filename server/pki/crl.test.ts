import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createCa } from './ca.js'
import { assertCrlFresh, buildCrl, readCrl, saveCrl } from './crl.js'
import { issueDeviceCert } from './device-cert.js'
import { pkiPaths, type PkiPaths } from './paths.js'
import type { CaMaterial } from './types.js'

function openssl(...args: string[]): string {
  const run = spawnSync('/usr/bin/openssl', args, { encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${run.stderr}`)
  return run.stdout + run.stderr
}

const DAY_MS = 24 * 60 * 60 * 1000
const wholeSeconds = (date: Date) => new Date(Math.floor(date.getTime() / 1000) * 1000)
// Serials whose encoding differs from the normalised form: a sign byte, an odd nibble count
const REVOKED = [
  { serialHex: '008f0102030405060708090a0b0c0d0e', revokedAt: new Date('2025-02-01T08:00:00Z') },
  { serialHex: 'a0b0c0d0e0f', revokedAt: new Date('2025-02-02T09:30:00Z') },
]

let ca: CaMaterial
let paths: PkiPaths
let pem: string
const now = new Date()

beforeAll(async () => {
  ca = createCa({ clinicName: 'Стоматология «Улыбка»' })
  paths = pkiPaths(mkdtempSync(join(tmpdir(), 'enamel-crl-')))
  pem = await buildCrl(ca, REVOKED, { now })
  saveCrl(paths, pem)
  writeFileSync(paths.caCert, ca.certPem)
})

describe('buildCrl / readCrl', () => {
  it('lists the revoked serials, normalised, with thisUpdate now and nextUpdate in 7 days', () => {
    expect(readCrl(pem)).toEqual({
      thisUpdate: wholeSeconds(now),
      nextUpdate: new Date(wholeSeconds(now).getTime() + 7 * DAY_MS),
      serials: ['8F0102030405060708090A0B0C0D0E', '0A0B0C0D0E0F'],
    })
  })

  it('is signed by the CA, as openssl verifies', () => {
    expect(openssl('crl', '-in', paths.crl, '-CAfile', paths.caCert, '-noout')).toContain(
      'verify OK',
    )
  })

  it('carries the revocation dates, a CRL number and the CA key identifier', () => {
    const text = openssl('crl', '-in', paths.crl, '-noout', '-text')
    expect(text).toContain('Version 2 (0x1)')
    expect(text).toContain('Signature Algorithm: sha256WithRSAEncryption')
    expect(text).toMatch(
      /Serial Number: 8F0102030405060708090A0B0C0D0E\s+Revocation Date: Feb {2}1 08:00:00 2025 GMT/,
    )
    expect(text).toMatch(
      /Serial Number: 0A0B0C0D0E0F\s+Revocation Date: Feb {2}2 09:30:00 2025 GMT/,
    )
    expect(text).toMatch(/CRL Number:\s+\d+/)
    const caSki = openssl('x509', '-in', paths.caCert, '-noout', '-ext', 'subjectKeyIdentifier')
      .split('\n')[1]!
      .trim()
    expect(text).toMatch(new RegExp(`Authority Key Identifier:\\s+(keyid:)?${caSki}`))
  })

  it('makes openssl verify reject a revoked device certificate and accept another', async () => {
    const revoked = issueDeviceCert(ca, { name: 'Lost tablet', zone: 'surgery' })
    const kept = issueDeviceCert(ca, { name: 'Front desk', zone: 'reception' })
    const crlPath = join(paths.dir, 'with-device.pem')
    writeFileSync(crlPath, await buildCrl(ca, [{ serialHex: revoked.serialHex, revokedAt: now }]))
    for (const [name, cert] of Object.entries({ revoked, kept })) {
      writeFileSync(join(paths.dir, `${name}.crt`), cert.certPem)
    }
    const verify = (name: string) =>
      openssl('verify', '-crl_check', '-CAfile', paths.caCert, '-CRLfile', crlPath, name)
    expect(() => verify(join(paths.dir, 'revoked.crt'))).toThrow(/certificate revoked/)
    expect(verify(join(paths.dir, 'kept.crt'))).toMatch(/: OK\n$/)
  })

  it('omits the revoked list when nothing is revoked', async () => {
    const empty = await buildCrl(ca, [])
    expect(readCrl(empty).serials).toEqual([])
    const emptyPath = join(paths.dir, 'empty.pem')
    writeFileSync(emptyPath, empty)
    const text = openssl('crl', '-in', emptyPath, '-CAfile', paths.caCert, '-noout', '-text')
    expect(text).toContain('No Revoked Certificates.')
    expect(text).toContain('verify OK')
  })

  it('honours validDays and rejects duplicates and nonsense', async () => {
    const info = readCrl(await buildCrl(ca, [], { now, validDays: 1 }))
    expect(info.nextUpdate.getTime() - info.thisUpdate.getTime()).toBe(DAY_MS)
    await expect(buildCrl(ca, [], { validDays: 0 })).rejects.toThrow(/must be positive/)
    await expect(
      buildCrl(ca, [
        { serialHex: '0a0b', revokedAt: now },
        { serialHex: 'A0B', revokedAt: now },
      ]),
    ).rejects.toThrow(/listed twice/)
    await expect(buildCrl(ca, [{ serialHex: 'xyz', revokedAt: now }])).rejects.toThrow(
      /hexadecimal/,
    )
  })

  it('readCrl rejects something that is not a CRL', () => {
    expect(() => readCrl(ca.certPem)).toThrow(/No 'X509 CRL' PEM block/)
  })
})

describe('assertCrlFresh', () => {
  it('passes a current CRL', () => {
    expect(() => assertCrlFresh(readCrl(pem))).not.toThrow()
  })

  it('throws on a CRL whose nextUpdate is past', async () => {
    const old = readCrl(await buildCrl(ca, [], { now: new Date(now.getTime() - 30 * DAY_MS) }))
    expect(() => assertCrlFresh(old)).toThrow(
      new Error(`CRL is stale: nextUpdate ${old.nextUpdate.toISOString()} is in the past`),
    )
  })

  it('treats nextUpdate == now as stale', () => {
    const info = readCrl(pem)
    expect(() => assertCrlFresh(info, info.nextUpdate)).toThrow(/CRL is stale/)
    expect(() => assertCrlFresh(info, new Date(info.nextUpdate.getTime() - 1))).not.toThrow()
  })
})

describe('saveCrl', () => {
  it('writes crl.pem 0644 atomically, leaving no temp files', async () => {
    expect(readFileSync(paths.crl, 'utf8')).toBe(pem)
    expect(statSync(paths.crl).mode & 0o777).toBe(0o644)
    const next = await buildCrl(ca, REVOKED.slice(1))
    saveCrl(paths, next)
    expect(readFileSync(paths.crl, 'utf8')).toBe(next)
    expect(statSync(paths.crl).mode & 0o777).toBe(0o644)
    expect(readdirSync(paths.dir).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })

  it('refuses garbage and keeps the previous CRL', () => {
    const before = readFileSync(paths.crl, 'utf8')
    expect(() => saveCrl(paths, 'not a crl')).toThrow()
    expect(readFileSync(paths.crl, 'utf8')).toBe(before)
  })
})
