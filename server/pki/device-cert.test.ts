import { spawnSync } from 'node:child_process'
import { X509Certificate } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSecureContext } from 'node:tls'
import forge from 'node-forge'
import { beforeAll, describe, expect, it } from 'vitest'
import { createCa } from './ca.js'
import { describeCert } from './describe-cert.js'
import { issueDeviceCert, type IssuedDeviceCert } from './device-cert.js'
import type { CaMaterial } from './types.js'

function openssl(...args: string[]): string {
  const run = spawnSync('/usr/bin/openssl', args, { encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${run.stderr}`)
  return run.stdout + run.stderr
}

const DAY_MS = 24 * 60 * 60 * 1000
const CLINIC = 'Стоматология «Улыбка»'

let ca: CaMaterial
let device: IssuedDeviceCert
let dir: string
const file = (name: string) => join(dir, name)
const now = new Date()

beforeAll(() => {
  ca = createCa({ clinicName: CLINIC })
  device = issueDeviceCert(ca, { name: 'Reception-1', zone: 'reception', now })
  dir = mkdtempSync(join(tmpdir(), 'enamel-device-'))
  writeFileSync(file('ca.crt'), ca.certPem)
  writeFileSync(file('device.crt'), device.certPem)
  writeFileSync(file('bundle.p12'), device.p12)
})

describe('issueDeviceCert: the PKCS#12 bundle', () => {
  it('opens in OpenSSL 3 without -legacy and holds the device and CA certificates', () => {
    const out = openssl(
      'pkcs12',
      '-in',
      file('bundle.p12'),
      '-passin',
      `pass:${device.passphrase}`,
      '-nokeys',
    )
    expect(out.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(2)
    expect(out).toContain('friendlyName: Reception-1 (Enamel reception)')
    expect(out).toContain(device.certPem.trim())
    expect(out).toContain(ca.certPem.trim())
  })

  it('uses 3DES for the key and a SHA-1 MAC, and rejects a wrong passphrase', () => {
    const info = openssl(
      'pkcs12',
      '-in',
      file('bundle.p12'),
      '-passin',
      `pass:${device.passphrase}`,
      '-info',
      '-noout',
    )
    expect(info).toContain('MAC: sha1')
    expect(info).toContain('Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC')
    expect(() =>
      openssl('pkcs12', '-in', file('bundle.p12'), '-passin', 'pass:WRONG', '-info', '-noout'),
    ).toThrow(/invalid password/)
  })

  it('is accepted by Node as a TLS client identity', () => {
    expect(() =>
      createSecureContext({ pfx: device.p12, passphrase: device.passphrase }),
    ).not.toThrow()
    expect(() => createSecureContext({ pfx: device.p12, passphrase: 'WRONG' })).toThrow()
  })

  it('has a passphrase of 4 groups of 4 unambiguous characters', () => {
    expect(device.passphrase).toMatch(/^[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){3}$/)
    expect(issueDeviceCert(ca, { name: 'x', zone: 'office' }).passphrase).not.toBe(
      device.passphrase,
    )
  })
})

describe('issueDeviceCert: the certificate', () => {
  it('chains to the CA for sslclient, and not for sslserver', () => {
    expect(
      openssl('verify', '-CAfile', file('ca.crt'), '-purpose', 'sslclient', file('device.crt')),
    ).toBe(`${file('device.crt')}: OK\n`)
    expect(() =>
      openssl('verify', '-CAfile', file('ca.crt'), '-purpose', 'sslserver', file('device.crt')),
    ).toThrow(/unsuitable certificate purpose/)
  })

  it('is for clientAuth only, with a critical digitalSignature key usage', () => {
    const ext = openssl(
      'x509',
      '-in',
      file('device.crt'),
      '-noout',
      '-ext',
      'extendedKeyUsage,keyUsage,basicConstraints',
    )
    expect(ext).toMatch(/Extended Key Usage:\s+TLS Web Client Authentication\n/)
    expect(ext).toMatch(/Key Usage: critical\s+Digital Signature\n/)
    expect(ext).toMatch(/Basic Constraints: critical\s+CA:FALSE/)
  })

  it('names the device in CN, the zone in OU and the clinic (from the CA) in O', () => {
    expect(new X509Certificate(device.certPem).subject).toBe(
      `O=${CLINIC}\nOU=reception\nCN=Reception-1`,
    )
    expect(describeCert(device.certPem)).toEqual({
      serialHex: device.serialHex,
      commonName: 'Reception-1',
      organizationalUnit: 'reception',
      notAfter: device.notAfter,
      fingerprint256: device.fingerprint256,
    })
  })

  it('lasts 3 years by default, or opts.days', () => {
    expect(device.notAfter.getTime()).toBe(
      Math.floor((now.getTime() + 3 * 365 * DAY_MS) / 1000) * 1000,
    )
    const short = issueDeviceCert(ca, { name: 'Temp', zone: 'surgery', days: 30, now })
    expect(short.notAfter.getTime()).toBe(Math.floor((now.getTime() + 30 * DAY_MS) / 1000) * 1000)
  })

  it('reports the SHA-256 fingerprint in the format of getPeerCertificate()', () => {
    expect(device.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)
    expect(device.fingerprint256).toBe(new X509Certificate(device.certPem).fingerprint256)
  })

  it('keeps a Cyrillic device name intact in the certificate and the friendlyName', () => {
    const cyrillic = issueDeviceCert(ca, { name: 'Кресло 2', zone: 'surgery' })
    expect(describeCert(cyrillic.certPem).commonName).toBe('Кресло 2')
    const p12 = forge.pkcs12.pkcs12FromAsn1(
      forge.asn1.fromDer(cyrillic.p12.toString('binary')),
      cyrillic.passphrase,
    )
    const bags = p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })
    const keyBag = bags[forge.pki.oids.pkcs8ShroudedKeyBag!]?.[0]
    expect(keyBag?.attributes.friendlyName).toEqual(['Кресло 2 (Enamel surgery)'])
    expect(keyBag?.attributes.localKeyId).toHaveLength(1) // pairs key and cert in Windows
    const certPath = file('cyrillic.crt')
    writeFileSync(certPath, cyrillic.certPem)
    openssl('verify', '-CAfile', file('ca.crt'), '-purpose', 'sslclient', certPath)
  })

  it('reports the serial exactly as Node does, over 20 issuances', () => {
    for (let i = 0; i < 20; i++) {
      const cert = issueDeviceCert(ca, { name: `Loop ${i}`, zone: 'office' })
      expect(cert.serialHex).toBe(new X509Certificate(cert.certPem).serialNumber)
      expect(describeCert(cert.certPem).serialHex).toBe(cert.serialHex)
    }
  }, 60_000) // 20 RSA keygens: ~5 s here, more on a loaded CI box

  it('rejects a bad name, zone or validity', () => {
    expect(() => issueDeviceCert(ca, { name: ' ', zone: 'office' })).toThrow(/must not be empty/)
    expect(() => issueDeviceCert(ca, { name: 'x'.repeat(65), zone: 'office' })).toThrow(
      /at most 64/,
    )
    expect(() => issueDeviceCert(ca, { name: 'a\nb', zone: 'office' })).toThrow(/control/)
    expect(() => issueDeviceCert(ca, { name: 'x', zone: 'lab' as 'office' })).toThrow(
      /Unknown zone/,
    )
    expect(() => issueDeviceCert(ca, { name: 'x', zone: 'office', days: 0 })).toThrow(/positive/)
  })
})
