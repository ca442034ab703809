import { randomInt, X509Certificate } from 'node:crypto'
import forge from 'node-forge'
import { checkName, DAY_MS, generateRsaKey, openCa, signLeaf, utf8Name } from './forge-cert.js'
import { randomSerial } from './serial.js'
import { ZONES, type CaMaterial, type Zone } from './types.js'

const DEFAULT_DAYS = 3 * 365
const CN_MAX = 64
// No 0/O, 1/I/L: the passphrase is read off the owner's screen and typed on the terminal
const PASSPHRASE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

export interface DeviceCertOptions {
  name: string
  zone: Zone
  days?: number
  now?: Date
}

export interface IssuedDeviceCert {
  /** Normalised (see normalizeSerial): what the server sees in getPeerCertificate(). */
  serialHex: string
  certPem: string
  /** Uppercase colon-separated SHA-256 of the DER, as in getPeerCertificate().fingerprint256. */
  fingerprint256: string
  notAfter: Date
  /** PKCS#12 with key, device certificate and CA certificate. */
  p12: Buffer
  passphrase: string
}

/** 4 groups of 4 from a 31-letter alphabet: ~79 bits, e.g. 'K7PQ-M2XD-9HWA-TR4C'. */
export function generatePassphrase(): string {
  const group = () =>
    Array.from(
      { length: 4 },
      () => PASSPHRASE_ALPHABET[randomInt(PASSPHRASE_ALPHABET.length)],
    ).join('')
  return [group(), group(), group(), group()].join('-')
}

/**
 * Issues a terminal's client certificate (RSA 2048, CN = device name, OU = zone, O = the
 * CA's clinic name, clientAuth only, default 3 years) and packs it as a PKCS#12 bundle under
 * a fresh random passphrase. Pure: writes nothing; the caller records serialHex.
 * @throws Error on an empty or over-long name, an unknown zone, a non-positive `days`, or a
 *   CA whose key does not match its certificate.
 */
export function issueDeviceCert(ca: CaMaterial, opts: DeviceCertOptions): IssuedDeviceCert {
  return issueDeviceCertWithSerial(ca, opts, randomSerial())
}

/**
 * issueDeviceCert with a chosen serial (DER INTEGER content, positive and minimal).
 * @internal Tests pin serials with leading zeros here; production code uses issueDeviceCert.
 */
export function issueDeviceCertWithSerial(
  ca: CaMaterial,
  opts: DeviceCertOptions,
  serial: Buffer,
): IssuedDeviceCert {
  const name = checkName(opts.name, 'Device name', CN_MAX)
  if (!ZONES.includes(opts.zone)) throw new Error(`Unknown zone: '${String(opts.zone)}'`)
  const days = opts.days ?? DEFAULT_DAYS
  if (!Number.isInteger(days) || days <= 0) {
    throw new Error(`Device certificate validity must be a positive number of days, got ${days}`)
  }
  const signer = openCa(ca)
  const now = opts.now ?? new Date()
  const key = generateRsaKey(2048)
  const issued = signLeaf(signer, {
    serial,
    subject: utf8Name([
      ...(signer.organization ? [{ shortName: 'O' as const, value: signer.organization }] : []),
      { shortName: 'OU', value: opts.zone },
      { shortName: 'CN', value: name },
    ]),
    publicKey: key.publicKey,
    now,
    notAfter: new Date(now.getTime() + days * DAY_MS),
    extensions: [
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', clientAuth: true },
    ],
  })
  const passphrase = generatePassphrase()
  const p12 = forge.pkcs12.toPkcs12Asn1(
    key.privateKey,
    [forge.pki.certificateFromPem(issued.certPem), signer.cert],
    passphrase,
    {
      // 3DES rather than AES: the one PBE every importer takes (Windows store, Chrome/Edge,
      // Firefox NSS) and still in OpenSSL 3's default provider, unlike RC2 which needs -legacy.
      // The MAC stays forge's SHA-1, which Windows requires.
      algorithm: '3des',
      friendlyName: `${name} (Enamel ${opts.zone})`,
      generateLocalKeyId: true,
    },
  )
  return {
    serialHex: issued.serialHex,
    certPem: issued.certPem,
    fingerprint256: new X509Certificate(issued.certPem).fingerprint256,
    notAfter: issued.notAfter,
    p12: Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'),
    passphrase,
  }
}
