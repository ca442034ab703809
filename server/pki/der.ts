import forge from 'node-forge'

// Small DER helpers over forge's ASN.1 codec, for the structures forge has no API for
// (CRLs) and for reading names without forge's x509 parser, which mangles UTF8String values
// and only accepts RSA keys.

const { asn1 } = forge
type Asn1 = forge.asn1.Asn1

export const OID = {
  commonName: '2.5.4.3',
  organizationName: '2.5.4.10',
  organizationalUnitName: '2.5.4.11',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
  crlNumber: '2.5.29.20',
}

export function parseDer(der: Uint8Array): Asn1 {
  return asn1.fromDer(forge.util.createBuffer(Buffer.from(der).toString('binary')))
}

export function toDer(node: Asn1): Buffer {
  return Buffer.from(asn1.toDer(node).getBytes(), 'binary')
}

export function children(node: Asn1 | undefined, what: string): Asn1[] {
  if (!node || !Array.isArray(node.value)) throw new Error(`Malformed DER: ${what}`)
  return node.value
}

export function primitive(node: Asn1 | undefined, what: string): string {
  if (!node || typeof node.value !== 'string') throw new Error(`Malformed DER: ${what}`)
  return node.value
}

export function isUniversal(node: Asn1 | undefined, type: forge.asn1.Type): boolean {
  return node?.tagClass === asn1.Class.UNIVERSAL && node.type === type
}

export function isTime(node: Asn1 | undefined): boolean {
  return isUniversal(node, asn1.Type.UTCTIME) || isUniversal(node, asn1.Type.GENERALIZEDTIME)
}

export function readTime(node: Asn1 | undefined, what: string): Date {
  const value = primitive(node, what)
  if (isUniversal(node, asn1.Type.UTCTIME)) return asn1.utcTimeToDate(value)
  if (isUniversal(node, asn1.Type.GENERALIZEDTIME)) return asn1.generalizedTimeToDate(value)
  throw new Error(`Malformed DER: ${what} is not a Time`)
}

/** RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050 on. */
export function writeTime(date: Date): Asn1 {
  return date.getUTCFullYear() < 2050
    ? asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTCTIME, false, asn1.dateToUtcTime(date))
    : asn1.create(
        asn1.Class.UNIVERSAL,
        asn1.Type.GENERALIZEDTIME,
        false,
        asn1.dateToGeneralizedTime(date),
      )
}

export function sequence(items: Asn1[]): Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items)
}

export function oid(dotted: string): Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(dotted).getBytes())
}

export function integer(content: Buffer): Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, content.toString('binary'))
}

export function octetString(content: Buffer): Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, content.toString('binary'))
}

export interface CertFields {
  /** Raw INTEGER content as hex, before normalisation. */
  serialHex: string
  subject: Asn1
  notBefore: Date
  notAfter: Date
}

/**
 * Picks the fields Enamel needs out of a DER certificate, whatever its key type.
 * @throws Error('Malformed DER: …') if the structure is not a certificate.
 */
export function readCertFields(der: Uint8Array): CertFields {
  const tbs = children(children(parseDer(der), 'certificate')[0], 'tbsCertificate')
  // version is an optional [0] EXPLICIT field; v1 certificates omit it
  const i = tbs[0]?.tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0
  const validity = children(tbs[i + 3], 'validity')
  const subject = tbs[i + 4]
  if (!subject) throw new Error('Malformed DER: subject')
  return {
    serialHex: Buffer.from(primitive(tbs[i], 'serialNumber'), 'binary').toString('hex'),
    subject,
    notBefore: readTime(validity[0], 'notBefore'),
    notAfter: readTime(validity[1], 'notAfter'),
  }
}

/**
 * The first value of a name attribute (e.g. CN) as a JS string, or undefined if absent.
 * forge leaves UTF8String values as raw UTF-8 bytes (BMPString it already decodes).
 */
export function nameAttribute(name: Asn1, attributeOid: string): string | undefined {
  for (const rdn of children(name, 'Name')) {
    for (const atv of children(rdn, 'RelativeDistinguishedName')) {
      const [type, value] = children(atv, 'AttributeTypeAndValue')
      if (asn1.derToOid(primitive(type, 'AttributeType')) !== attributeOid) continue
      const raw = primitive(value, 'AttributeValue')
      return value?.type === asn1.Type.UTF8 ? forge.util.decodeUtf8(raw) : raw
    }
  }
  return undefined
}

/** PEM with LF line endings (forge writes CRLF, which makes diffs and `cat` ugly). */
export function toPem(label: string, der: Uint8Array): string {
  const lines =
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,64}/g) ?? []
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`
}

/**
 * The DER body of the first PEM block with the given label.
 * @throws Error when there is no such block.
 */
export function fromPem(pem: string, label: string): Buffer {
  const block = forge.pem.decode(pem).find((msg) => msg.type === label)
  if (!block) throw new Error(`No '${label}' PEM block found`)
  return Buffer.from(block.body, 'binary')
}
