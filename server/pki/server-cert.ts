import { isIP } from 'node:net'
import { writeFileAtomic } from './files.js'
import { CLOCK_SKEW_MS, DAY_MS, generateRsaKey, openCa, signLeaf, utf8Name } from './forge-cert.js'
import { ensurePkiDir, type PkiPaths } from './paths.js'
import { randomSerial } from './serial.js'
import type { CaMaterial } from './types.js'

// Apple's cap for TLS server certificates, enforced for private CAs too; counted from
// notBefore, which is backdated by the clock-skew allowance.
const SERVER_CERT_DAYS = 825
const CN_MAX = 64
const DNS_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i

type AltName = { type: 2; value: string } | { type: 7; ip: string }

/**
 * Validates and de-duplicates the server's names (order kept: the first becomes the CN).
 * @throws Error when the list is empty or a name is neither an IP address nor a DNS name.
 */
function altNames(names: string[]): AltName[] {
  const unique = [...new Set(names.map((name) => name.trim()))]
  if (unique.length === 0) throw new Error('Server certificate needs at least one name')
  return unique.map((name): AltName => {
    if (isIP(name) !== 0) return { type: 7, ip: name }
    const labels = name.replace(/^\*\./, '').split('.')
    if (name.length > 253 || !labels.every((label) => DNS_LABEL.test(label))) {
      throw new Error(`Not a valid host name or IP address: '${name}'`)
    }
    return { type: 2, value: name }
  })
}

/**
 * Issues the server's TLS certificate: RSA 2048, CN = first name, every name in the SAN
 * (IPs as iPAddress, the rest as dNSName), serverAuth only, at most 825 days. Pure: writes
 * nothing (see saveServerCert).
 * @throws Error on bad names (see above), a CN longer than 64 characters, or a CA whose key
 *   does not match its certificate.
 */
export function issueServerCert(
  ca: CaMaterial,
  opts: { names: string[]; now?: Date },
): { certPem: string; keyPem: string; serialHex: string; notAfter: Date } {
  const sans = altNames(opts.names)
  const commonName = opts.names[0]?.trim() ?? ''
  if (commonName.length > CN_MAX) {
    throw new Error(`The first server name becomes the CN and must be at most ${CN_MAX} characters`)
  }
  const signer = openCa(ca)
  const now = opts.now ?? new Date()
  const key = generateRsaKey(2048)
  const issued = signLeaf(signer, {
    serial: randomSerial(),
    subject: utf8Name([{ shortName: 'CN', value: commonName }]),
    publicKey: key.publicKey,
    now,
    notAfter: new Date(now.getTime() - CLOCK_SKEW_MS + SERVER_CERT_DAYS * DAY_MS),
    extensions: [
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: sans },
    ],
  })
  return { ...issued, keyPem: key.keyPem }
}

/**
 * Writes server.key (0600) then server.crt (0644), each atomically, replacing any previous
 * pair: renewal when the names change. Creates the pki directory (0700) if needed.
 * @throws the fs error if a write fails.
 */
export function saveServerCert(paths: PkiPaths, cert: { certPem: string; keyPem: string }): void {
  ensurePkiDir(paths)
  writeFileAtomic(paths.serverKey, cert.keyPem, 0o600, { overwrite: true })
  writeFileAtomic(paths.serverCert, cert.certPem, 0o644, { overwrite: true })
}
