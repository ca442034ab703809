import { spawnSync } from 'node:child_process'
import { createPrivateKey, X509Certificate } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createCa } from './ca.js'
import { describeCert } from './describe-cert.js'
import { pkiPaths, type PkiPaths } from './paths.js'
import { issueServerCert, saveServerCert } from './server-cert.js'
import type { CaMaterial } from './types.js'

function openssl(...args: string[]): string {
  const run = spawnSync('/usr/bin/openssl', args, { encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${run.stderr}`)
  return run.stdout + run.stderr
}

const DAY_MS = 24 * 60 * 60 * 1000
const NAMES = ['enamel.local', 'localhost', '127.0.0.1', '192.168.1.10', '::1']

let ca: CaMaterial
let paths: PkiPaths
let issued: ReturnType<typeof issueServerCert>
const now = new Date()

beforeAll(() => {
  ca = createCa({ clinicName: 'Клиника Тест' })
  paths = pkiPaths(mkdtempSync(join(tmpdir(), 'enamel-server-')))
  issued = issueServerCert(ca, { names: NAMES, now })
  saveServerCert(paths, issued)
  writeFileSync(paths.caCert, ca.certPem)
})

describe('issueServerCert', () => {
  it('chains to the CA for the sslserver purpose', () => {
    expect(
      openssl('verify', '-CAfile', paths.caCert, '-purpose', 'sslserver', paths.serverCert),
    ).toBe(`${paths.serverCert}: OK\n`)
  })

  it('puts DNS names and IP addresses in the SAN, the first name in the CN', () => {
    const san = openssl('x509', '-in', paths.serverCert, '-noout', '-ext', 'subjectAltName')
    expect(san).toContain(
      'DNS:enamel.local, DNS:localhost, IP Address:127.0.0.1, IP Address:192.168.1.10, ' +
        'IP Address:0:0:0:0:0:0:0:1',
    )
    expect(describeCert(issued.certPem).commonName).toBe('enamel.local')
  })

  it('is for serverAuth only, with digitalSignature + keyEncipherment, linked to the CA key', () => {
    const ext = openssl(
      'x509',
      '-in',
      paths.serverCert,
      '-noout',
      '-ext',
      'extendedKeyUsage,keyUsage,basicConstraints,authorityKeyIdentifier',
    )
    expect(ext).toMatch(/Extended Key Usage:\s+TLS Web Server Authentication\n/)
    expect(ext).toMatch(/Key Usage: critical\s+Digital Signature, Key Encipherment\n/)
    expect(ext).toMatch(/Basic Constraints: critical\s+CA:FALSE/)
    const caSki = openssl('x509', '-in', paths.caCert, '-noout', '-ext', 'subjectKeyIdentifier')
      .split('\n')[1]!
      .trim()
    expect(ext).toContain(caSki)
  })

  it('lasts at most 825 days and uses an RSA 2048 key', () => {
    const x509 = new X509Certificate(issued.certPem)
    const lifetime = new Date(x509.validTo).getTime() - new Date(x509.validFrom).getTime()
    expect(lifetime).toBeLessThanOrEqual(825 * DAY_MS)
    expect(lifetime).toBeGreaterThan(824 * DAY_MS)
    expect(issued.notAfter.toISOString()).toBe(new Date(x509.validTo).toISOString())
    expect(createPrivateKey(issued.keyPem).asymmetricKeyDetails?.modulusLength).toBe(2048)
    expect(x509.checkPrivateKey(createPrivateKey(issued.keyPem))).toBe(true)
  })

  it('returns the serial the way Node reports it', () => {
    expect(issued.serialHex).toBe(new X509Certificate(issued.certPem).serialNumber)
  })

  it('rejects an empty list and names that are neither host names nor IPs', () => {
    expect(() => issueServerCert(ca, { names: [] })).toThrow(/at least one name/)
    expect(() => issueServerCert(ca, { names: ['bad name'] })).toThrow(/Not a valid host name/)
    expect(() => issueServerCert(ca, { names: ['-x.local'] })).toThrow(/Not a valid host name/)
  })
})

describe('saveServerCert', () => {
  it('writes the key 0600 and the certificate 0644, leaving no temp files', () => {
    expect(statSync(paths.serverKey).mode & 0o777).toBe(0o600)
    expect(statSync(paths.serverCert).mode & 0o777).toBe(0o644)
    expect(statSync(paths.dir).mode & 0o777).toBe(0o700)
    expect(readdirSync(paths.dir).sort()).toEqual(['ca.crt', 'server.crt', 'server.key'])
  })

  it('overwrites the previous pair on renewal', () => {
    const renewed = issueServerCert(ca, { names: ['clinic.example'] })
    saveServerCert(paths, renewed)
    expect(readFileSync(paths.serverCert, 'utf8')).toBe(renewed.certPem)
    expect(readFileSync(paths.serverKey, 'utf8')).toBe(renewed.keyPem)
    expect(statSync(paths.serverKey).mode & 0o777).toBe(0o600)
  })
})
