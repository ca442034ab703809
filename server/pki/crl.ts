import { sign, X509Certificate } from 'node:crypto'
import forge from 'node-forge'
import {
  children,
  fromPem,
  integer,
  isTime,
  isUniversal,
  octetString,
  oid,
  OID,
  parseDer,
  primitive,
  readCertFields,
  readTime,
  sequence,
  toDer,
  toPem,
  writeTime,
} from './der.js'
import { writeFileAtomic } from './files.js'
import { DAY_MS, openCa, wholeSeconds } from './forge-cert.js'
import { ensurePkiDir, type PkiPaths } from './paths.js'
import { normalizeSerial, positiveIntegerBytes } from './serial.js'
import type { CaMaterial } from './types.js'

// The CRL is assembled with forge's ASN.1 codec and signed by node:crypto. @peculiar/x509's
// X509CrlGenerator would do it, but that package throws at import time unless a Reflect
// metadata polyfill (reflect-metadata) is loaded first, and none is installed.

const { asn1 } = forge
const DEFAULT_VALID_DAYS = 7

export interface CrlInfo {
  thisUpdate: Date
  nextUpdate: Date
  /** Normalised (see normalizeSerial). */
  serials: string[]
}

function sha256WithRsa(): forge.asn1.Asn1 {
  return sequence([
    oid(OID.sha256WithRsa),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, ''),
  ])
}

function extension(extnId: string, value: forge.asn1.Asn1): forge.asn1.Asn1 {
  return sequence([oid(extnId), octetString(toDer(value))])
}

function serialInteger(serialHex: string): forge.asn1.Asn1 {
  return integer(positiveIntegerBytes(Buffer.from(normalizeSerial(serialHex), 'hex')))
}

/**
 * Builds a v2 CRL signed by the CA (sha256WithRSAEncryption) listing `revoked`, with
 * thisUpdate = now, nextUpdate = now + validDays (default 7), an authorityKeyIdentifier and a
 * CRL number. The CRL number is thisUpdate in milliseconds: increasing without a counter to
 * store, as long as the clock is. Signing runs on the libuv thread pool. Side effects: none.
 * @throws Error on a malformed or duplicate serial, a non-positive validDays, or CA material
 *   whose key does not match its certificate.
 */
export async function buildCrl(
  ca: CaMaterial,
  revoked: { serialHex: string; revokedAt: Date }[],
  opts: { now?: Date; validDays?: number } = {},
): Promise<string> {
  const validDays = opts.validDays ?? DEFAULT_VALID_DAYS
  if (!(validDays > 0)) throw new Error(`CRL validity must be positive, got ${validDays} days`)
  const thisUpdate = wholeSeconds((opts.now ?? new Date()).getTime())
  const nextUpdate = new Date(thisUpdate.getTime() + validDays * DAY_MS)
  const signer = openCa(ca)
  const seen = new Set<string>()
  const entries = revoked.map(({ serialHex, revokedAt }) => {
    const serial = normalizeSerial(serialHex)
    if (seen.has(serial)) throw new Error(`Serial ${serial} is listed twice`)
    seen.add(serial)
    return sequence([serialInteger(serial), writeTime(wholeSeconds(revokedAt.getTime()))])
  })
  const crlNumber = positiveIntegerBytes(
    Buffer.from(BigInt(thisUpdate.getTime()).toString(16).padStart(16, '0'), 'hex'),
  )
  const tbs = sequence([
    integer(Buffer.from([1])), // v2, required once there are extensions
    sha256WithRsa(),
    readCertFields(new X509Certificate(ca.certPem).raw).subject,
    writeTime(thisUpdate),
    writeTime(nextUpdate),
    // RFC 5280 5.1.2.6: absent, not empty, when nothing is revoked
    ...(entries.length > 0 ? [sequence(entries)] : []),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [
      sequence([
        extension(
          OID.authorityKeyIdentifier,
          sequence([asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, false, signer.keyId)]),
        ),
        extension(OID.crlNumber, integer(crlNumber)),
      ]),
    ]),
  ])
  const tbsDer = toDer(tbs)
  const signature = await new Promise<Buffer>((resolve, reject) =>
    sign('sha256', tbsDer, ca.keyPem, (err, sig) => (err ? reject(err) : resolve(sig))),
  )
  const crl = sequence([
    tbs,
    sha256WithRsa(),
    // leading 0x00: no unused bits in the BIT STRING
    asn1.create(
      asn1.Class.UNIVERSAL,
      asn1.Type.BITSTRING,
      false,
      `\u0000${signature.toString('binary')}`,
    ),
  ])
  return toPem('X509 CRL', toDer(crl))
}

/**
 * Parses a CRL PEM. Does not check the signature (OpenSSL does when the CRL is loaded into a
 * TLS context).
 * @throws Error when the PEM holds no X509 CRL, is malformed, or has no nextUpdate.
 */
export function readCrl(pem: string): CrlInfo {
  const list = children(parseDer(fromPem(pem, 'X509 CRL')), 'CertificateList')
  const tbs = children(list[0], 'tbsCertList')
  let i = isUniversal(tbs[0], asn1.Type.INTEGER) ? 1 : 0 // optional version
  i += 2 // signature, issuer
  const thisUpdate = readTime(tbs[i++], 'thisUpdate')
  if (!isTime(tbs[i])) throw new Error('CRL has no nextUpdate')
  const nextUpdate = readTime(tbs[i++], 'nextUpdate')
  const revoked = isUniversal(tbs[i], asn1.Type.SEQUENCE) ? children(tbs[i], 'revoked') : []
  const serials = revoked.map((entry) => {
    const raw = primitive(children(entry, 'revoked entry')[0], 'userCertificate')
    return normalizeSerial(Buffer.from(raw, 'binary').toString('hex'))
  })
  return { thisUpdate, nextUpdate, serials }
}

/**
 * Guards against loading a stale CRL: OpenSSL would then fail every client handshake
 * (X509_V_ERR_CRL_HAS_EXPIRED), locking out every terminal.
 * @throws Error('CRL is stale: nextUpdate <iso> is in the past') when nextUpdate <= now.
 */
export function assertCrlFresh(info: CrlInfo, now: Date = new Date()): void {
  if (info.nextUpdate.getTime() <= now.getTime()) {
    throw new Error(`CRL is stale: nextUpdate ${info.nextUpdate.toISOString()} is in the past`)
  }
}

/**
 * Replaces crl.pem atomically (mode 0644), so a server reloading it never reads half a file.
 * @throws Error if `pem` does not parse as a CRL (nothing is written); the fs error if the
 *   write fails.
 */
export function saveCrl(paths: PkiPaths, pem: string): void {
  readCrl(pem)
  ensurePkiDir(paths)
  writeFileAtomic(paths.crl, pem, 0o644, { overwrite: true })
}
