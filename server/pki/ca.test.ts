import { spawnSync } from 'node:child_process'
import { createPrivateKey, generateKeyPairSync, X509Certificate } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createCa, loadCa, saveCa } from './ca.js'
import { readCertFields } from './der.js'
import { pkiPaths, type PkiPaths } from './paths.js'
import type { CaMaterial } from './types.js'

function openssl(...args: string[]): string {
  const run = spawnSync('/usr/bin/openssl', args, { encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${run.stderr}`)
  return run.stdout + run.stderr
}

const mode = (path: string) => statSync(path).mode & 0o777
const pkcs8Der = (pem: string) => createPrivateKey(pem).export({ type: 'pkcs8', format: 'der' })

// Cyrillic on purpose: the primary market is Russia, and non-ASCII names and passphrases are
// where encoding bugs hide
const CLINIC = 'Стоматология «Улыбка»'
const PASSPHRASE = 'пароль владельца 2025'

let ca: CaMaterial
let paths: PkiPaths
const now = new Date('2025-03-01T10:00:00Z')

beforeAll(() => {
  ca = createCa({ clinicName: CLINIC, now })
  paths = pkiPaths(mkdtempSync(join(tmpdir(), 'enamel-ca-')))
  saveCa(paths, ca, PASSPHRASE)
})

describe('createCa', () => {
  it('has a positive random serial of at least 64 bits', () => {
    const raw = Buffer.from(readCertFields(new X509Certificate(ca.certPem).raw).serialHex, 'hex')
    expect(raw[0]! & 0x80).toBe(0) // DER INTEGER sign bit
    // 127 random bits: below 2^64 only with probability 2^-63
    expect(BigInt(`0x${raw.toString('hex')}`) >= 2n ** 64n).toBe(true)
  })

  it('is a critical CA:true pathlen 0 that signs only certificates and CRLs', () => {
    expect(new X509Certificate(ca.certPem).ca).toBe(true)
    const ext = openssl('x509', '-in', paths.caCert, '-noout', '-ext', 'basicConstraints,keyUsage')
    expect(ext).toMatch(/Basic Constraints: critical\s+CA:TRUE, pathlen:0/)
    expect(ext).toMatch(/Key Usage: critical\s+Certificate Sign, CRL Sign\n/)
    expect(openssl('x509', '-in', paths.caCert, '-noout', '-ext', 'subjectKeyIdentifier')).toMatch(
      /Subject Key Identifier:\s+([0-9A-F]{2}:){19}[0-9A-F]{2}/,
    )
  })

  it('names the clinic, lasts 20 years and is a self-signed RSA 3072 SHA-256 certificate', () => {
    const x509 = new X509Certificate(ca.certPem)
    expect(x509.subject).toBe(`O=${CLINIC}\nCN=${CLINIC} Enamel CA`)
    expect(x509.issuer).toBe(x509.subject)
    expect(new Date(x509.validTo).toISOString()).toBe('2045-03-01T10:00:00.000Z')
    expect(x509.publicKey.asymmetricKeyDetails?.modulusLength).toBe(3072)
    expect(x509.verify(x509.publicKey)).toBe(true)
    expect(openssl('x509', '-in', paths.caCert, '-noout', '-text')).toContain(
      'Signature Algorithm: sha256WithRSAEncryption',
    )
  })

  it('rejects an empty or over-long clinic name', () => {
    expect(() => createCa({ clinicName: '  ' })).toThrow(/must not be empty/)
    expect(() => createCa({ clinicName: 'x'.repeat(55) })).toThrow(/at most 54 characters/)
  })
})

describe('saveCa / loadCa', () => {
  it('round-trips the certificate and key', () => {
    const loaded = loadCa(paths, PASSPHRASE)
    expect(loaded.certPem).toBe(ca.certPem)
    expect(pkcs8Der(loaded.keyPem).equals(pkcs8Der(ca.keyPem))).toBe(true)
  })

  it('stores the key encrypted (PBES2, SHA-256, AES-256), 0600, in a 0700 directory', () => {
    expect(mode(paths.dir)).toBe(0o700)
    expect(mode(paths.caKey)).toBe(0o600)
    expect(mode(paths.caCert)).toBe(0o644)
    const stored = readFileSync(paths.caKey, 'utf8')
    expect(stored).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/)
    expect(stored).not.toContain('\r')
    const asn1 = openssl('asn1parse', '-in', paths.caKey)
    expect(asn1).toContain('PBES2')
    expect(asn1).toContain('hmacWithSHA256')
    expect(asn1).toContain('aes-256-cbc')
    expect(readdirSync(paths.dir).sort()).toEqual(['ca.crt', 'ca.key']) // no temp files left
  })

  it('is readable by openssl pkey with the passphrase, and only with it', () => {
    openssl('pkey', '-in', paths.caKey, '-passin', `pass:${PASSPHRASE}`, '-noout')
    expect(() => openssl('pkey', '-in', paths.caKey, '-passin', 'pass:wrong', '-noout')).toThrow()
  })

  it('throws a clear error on a wrong passphrase', () => {
    expect(() => loadCa(paths, 'wrong')).toThrow(/wrong passphrase or damaged file/)
    expect(() => loadCa(paths, '')).toThrow(/wrong passphrase or damaged file/)
  })

  it('throws a clear error when a file is missing', () => {
    const empty = pkiPaths(mkdtempSync(join(tmpdir(), 'enamel-ca-')))
    expect(() => loadCa(empty, PASSPHRASE)).toThrow(/^CA certificate not found: .*ca\.crt$/)
  })

  it('refuses a key file that is not encrypted', () => {
    const swapped = pkiPaths(mkdtempSync(join(tmpdir(), 'enamel-ca-')))
    mkdirSync(swapped.dir)
    writeFileSync(swapped.caCert, ca.certPem)
    writeFileSync(swapped.caKey, ca.keyPem)
    expect(() => loadCa(swapped, PASSPHRASE)).toThrow(/is not an encrypted PKCS#8 key/)
  })

  it('refuses to overwrite an existing CA and leaves it intact', () => {
    const before = readFileSync(paths.caKey, 'utf8')
    expect(() => saveCa(paths, ca, 'another')).toThrow(/Refusing to overwrite the CA/)
    expect(readFileSync(paths.caKey, 'utf8')).toBe(before)
  })

  it('refuses an empty passphrase or a key that is not the CA key, writing nothing', () => {
    const fresh = pkiPaths(mkdtempSync(join(tmpdir(), 'enamel-ca-')))
    expect(() => saveCa(fresh, ca, '')).toThrow(/must not be empty/)
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const stranger = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    expect(() => saveCa(fresh, { ...ca, keyPem: stranger }, PASSPHRASE)).toThrow(/does not match/)
    expect(() => statSync(fresh.dir)).toThrow(/ENOENT/)
  })
})
