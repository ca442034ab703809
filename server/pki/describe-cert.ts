import { X509Certificate } from 'node:crypto'
import { nameAttribute, OID, readCertFields } from './der.js'
import { normalizeSerial } from './serial.js'

export interface CertDescription {
  /** Normalised (see normalizeSerial). */
  serialHex: string
  commonName: string
  organizationalUnit?: string
  notAfter: Date
  /** Uppercase colon-separated SHA-256 of the DER, as in getPeerCertificate().fingerprint256. */
  fingerprint256: string
}

/**
 * Reads the identifying fields of a certificate PEM (any key type). Side effects: none.
 * @throws Error when the PEM is not a certificate or the subject has no CN.
 */
export function describeCert(pem: string): CertDescription {
  const x509 = new X509Certificate(pem)
  const fields = readCertFields(x509.raw)
  const commonName = nameAttribute(fields.subject, OID.commonName)
  if (commonName === undefined) throw new Error('Certificate subject has no common name (CN)')
  const organizationalUnit = nameAttribute(fields.subject, OID.organizationalUnitName)
  return {
    serialHex: normalizeSerial(fields.serialHex),
    commonName,
    ...(organizationalUnit === undefined ? {} : { organizationalUnit }),
    notAfter: fields.notAfter,
    fingerprint256: x509.fingerprint256,
  }
}
