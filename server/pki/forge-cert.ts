import { createPrivateKey, generateKeyPairSync, X509Certificate } from 'node:crypto'
import forge from 'node-forge'
import { nameAttribute, OID, readCertFields, toPem } from './der.js'
import { normalizeSerial } from './serial.js'
import type { CaMaterial } from './types.js'

const { pki } = forge

/** Terminals with a clock a little behind must still accept a certificate issued just now. */
export const CLOCK_SKEW_MS = 60 * 60 * 1000
export const DAY_MS = 24 * 60 * 60 * 1000

/** Certificates store whole seconds; returning the same value keeps callers' records exact. */
export function wholeSeconds(ms: number): Date {
  return new Date(Math.floor(ms / 1000) * 1000)
}

export interface RsaKey {
  keyPem: string
  privateKey: forge.pki.rsa.PrivateKey
  publicKey: forge.pki.rsa.PublicKey
}

/** Generates with OpenSSL through node:crypto: forge's pure-JS keygen takes seconds at 3072 bits. */
export function generateRsaKey(modulusLength: 2048 | 3072): RsaKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength })
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
  const forgeKey = pki.privateKeyFromPem(keyPem)
  return { keyPem, privateKey: forgeKey, publicKey: pki.setRsaPublicKey(forgeKey.n, forgeKey.e) }
}

// @types/node-forge types valueTagClass as asn1.Class, but forge compares it with asn1.Type
const UTF8 = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class

type NameAttr = { shortName: 'CN' | 'O' | 'OU'; value: string }

/** RFC 5280 4.1.2.4: UTF8String, so Cyrillic names survive (forge defaults to PrintableString). */
export function utf8Name(attrs: NameAttr[]): forge.pki.CertificateField[] {
  return attrs.map(({ shortName, value }) => ({ shortName, value, valueTagClass: UTF8 }))
}

/**
 * Checks a human-entered name that goes into a certificate.
 * @throws Error naming `what` when empty, too long or containing control characters.
 */
export function checkName(value: string, what: string, maxLength: number): string {
  const trimmed = value.trim()
  if (trimmed.length === 0) throw new Error(`${what} must not be empty`)
  // X.520 upper bounds count characters, not UTF-8 bytes
  if ([...trimmed].length > maxLength) {
    throw new Error(`${what} must be at most ${maxLength} characters`)
  }
  if (/\p{Cc}/u.test(trimmed)) throw new Error(`${what} must not contain control characters`)
  return trimmed
}

export function certificateToPem(cert: forge.pki.Certificate): string {
  return toPem(
    'CERTIFICATE',
    Buffer.from(forge.asn1.toDer(pki.certificateToAsn1(cert)).getBytes(), 'binary'),
  )
}

export interface CaSigner {
  cert: forge.pki.Certificate
  key: forge.pki.rsa.PrivateKey
  /** The CA's subject key identifier as a forge byte string, for authorityKeyIdentifier. */
  keyId: string
  organization: string | undefined
  notAfter: Date
}

/**
 * Parses CA material for signing.
 * @throws Error when the PEMs do not parse or the key does not belong to the certificate.
 */
export function openCa(ca: CaMaterial): CaSigner {
  const x509 = new X509Certificate(ca.certPem)
  if (!x509.checkPrivateKey(createPrivateKey(ca.keyPem))) {
    throw new Error('CA key does not match the CA certificate')
  }
  const cert = pki.certificateFromPem(ca.certPem)
  const ski = cert.getExtension('subjectKeyIdentifier') as
    { subjectKeyIdentifier?: string } | undefined
  const fields = readCertFields(x509.raw)
  return {
    cert,
    key: pki.privateKeyFromPem(ca.keyPem),
    keyId: ski?.subjectKeyIdentifier
      ? forge.util.hexToBytes(ski.subjectKeyIdentifier)
      : cert.generateSubjectKeyIdentifier().getBytes(),
    organization: nameAttribute(fields.subject, OID.organizationName),
    notAfter: fields.notAfter,
  }
}

/**
 * forge's parser leaves UTF8String values as raw UTF-8 bytes but its encoder UTF-8-encodes
 * them again, so copying `cert.subject.attributes` into an issuer double-encodes a Cyrillic
 * clinic name and the chain no longer links. Decode first.
 */
function issuerOf(cert: forge.pki.Certificate): forge.pki.CertificateField[] {
  return cert.subject.attributes.map((attr) =>
    attr.valueTagClass === UTF8 && typeof attr.value === 'string'
      ? { ...attr, value: forge.util.decodeUtf8(attr.value) }
      : { ...attr },
  )
}

export interface LeafSpec {
  serial: Buffer
  subject: forge.pki.CertificateField[]
  publicKey: forge.pki.rsa.PublicKey
  now: Date
  notAfter: Date
  /** forge extension objects, besides basicConstraints and the key identifiers added here. */
  extensions: object[]
}

/**
 * Signs an end-entity certificate with the CA (SHA-256). notBefore is backdated by an hour
 * for clock skew; notAfter is clamped to the CA's, since a certificate cannot outlive its
 * issuer in any useful way.
 */
export function signLeaf(
  ca: CaSigner,
  spec: LeafSpec,
): { certPem: string; serialHex: string; notAfter: Date } {
  const cert = pki.createCertificate()
  cert.serialNumber = spec.serial.toString('hex')
  cert.publicKey = spec.publicKey
  cert.validity.notBefore = wholeSeconds(spec.now.getTime() - CLOCK_SKEW_MS)
  cert.validity.notAfter = wholeSeconds(Math.min(spec.notAfter.getTime(), ca.notAfter.getTime()))
  cert.setSubject(spec.subject)
  cert.setIssuer(issuerOf(ca.cert))
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    ...spec.extensions,
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.keyId },
  ])
  cert.sign(ca.key, forge.md.sha256.create())
  return {
    certPem: certificateToPem(cert),
    serialHex: normalizeSerial(cert.serialNumber),
    notAfter: cert.validity.notAfter,
  }
}
