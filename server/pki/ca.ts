import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto'
import { existsSync, rmSync } from 'node:fs'
import forge from 'node-forge'
import { readTextFile, writeFileAtomic } from './files.js'
import {
  certificateToPem,
  checkName,
  CLOCK_SKEW_MS,
  generateRsaKey,
  utf8Name,
  wholeSeconds,
} from './forge-cert.js'
import { ensurePkiDir, type PkiPaths } from './paths.js'
import { randomSerial } from './serial.js'
import type { CaMaterial } from './types.js'

const CA_YEARS = 20
// OWASP 2023 figure for PBKDF2-HMAC-SHA256. forge derives in pure JS (~4 s, paid once when
// the CA is created); loadCa derives natively through OpenSSL (~0.2 s).
const KEY_KDF_ITERATIONS = 600_000
const CA_SUFFIX = ' Enamel CA'
const CN_MAX = 64

/**
 * Creates the clinic CA: RSA 3072, 20 years, CA:true pathlen 0 (it signs only end-entity
 * certificates), keyCertSign + cRLSign. Pure: writes nothing (see saveCa).
 * @throws Error when the clinic name is empty, too long for the CN, or has control characters.
 */
export function createCa(opts: { clinicName: string; now?: Date }): CaMaterial {
  const clinicName = checkName(opts.clinicName, 'Clinic name', CN_MAX - CA_SUFFIX.length)
  const now = opts.now ?? new Date()
  const key = generateRsaKey(3072)
  const cert = forge.pki.createCertificate()
  cert.serialNumber = randomSerial().toString('hex')
  cert.publicKey = key.publicKey
  cert.validity.notBefore = wholeSeconds(now.getTime() - CLOCK_SKEW_MS)
  const notAfter = new Date(now)
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + CA_YEARS)
  cert.validity.notAfter = wholeSeconds(notAfter.getTime())
  const name = () =>
    utf8Name([
      { shortName: 'O', value: clinicName },
      { shortName: 'CN', value: `${clinicName}${CA_SUFFIX}` },
    ])
  cert.setSubject(name())
  cert.setIssuer(name())
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ])
  cert.sign(key.privateKey, forge.md.sha256.create())
  return { certPem: certificateToPem(cert), keyPem: key.keyPem }
}

/**
 * Writes ca.crt (0644) and ca.key (0600) into the pki directory (created 0700). The key is
 * stored as encrypted PKCS#8 (PBES2: PBKDF2-HMAC-SHA256, AES-256-CBC), readable by
 * `openssl pkey -passin`. Each file is written atomically.
 * @throws Error if either file already exists (a CA is never silently replaced: every device
 *   certificate hangs off it), if the passphrase is empty, or if key and certificate do not
 *   match. Nothing is written in those cases.
 */
export function saveCa(paths: PkiPaths, ca: CaMaterial, passphrase: string): void {
  if (passphrase.length === 0) throw new Error('CA passphrase must not be empty')
  for (const path of [paths.caCert, paths.caKey]) {
    if (existsSync(path)) throw new Error(`Refusing to overwrite the CA: ${path} already exists`)
  }
  const key = createPrivateKey(ca.keyPem)
  if (!new X509Certificate(ca.certPem).checkPrivateKey(key)) {
    throw new Error('CA key does not match the CA certificate')
  }
  const encrypted = forge.pki
    // forge reads the password as a byte string; OpenSSL and Node use its UTF-8 bytes, so a
    // Cyrillic passphrase must be encoded here or the key could never be opened again
    .encryptRsaPrivateKey(
      forge.pki.privateKeyFromPem(ca.keyPem),
      forge.util.encodeUtf8(passphrase),
      {
        algorithm: 'aes256',
        prfAlgorithm: 'sha256',
        count: KEY_KDF_ITERATIONS,
        saltSize: 16,
      },
    )
    .replace(/\r\n/g, '\n')
  ensurePkiDir(paths)
  writeFileAtomic(paths.caKey, encrypted, 0o600, { overwrite: false })
  try {
    writeFileAtomic(paths.caCert, ca.certPem, 0o644, { overwrite: false })
  } catch (err) {
    // a key without its certificate would make the next saveCa refuse forever
    rmSync(paths.caKey, { force: true })
    throw err
  }
}

/**
 * Reads ca.crt and ca.key and decrypts the key. Side effects: none.
 * @throws Error('CA certificate not found: …' / 'CA key not found: …') when a file is missing;
 *   Error('Cannot decrypt the CA key …: wrong passphrase or damaged file') on a bad
 *   passphrase; Error when the key file is not encrypted or does not belong to the certificate.
 */
export function loadCa(paths: PkiPaths, passphrase: string): CaMaterial {
  const certPem = readTextFile(paths.caCert, 'CA certificate')
  const encrypted = readTextFile(paths.caKey, 'CA key')
  // createPrivateKey would ignore the passphrase and accept a plain key someone swapped in
  if (!encrypted.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----')) {
    throw new Error(`CA key ${paths.caKey} is not an encrypted PKCS#8 key; refusing to use it`)
  }
  let key: KeyObject
  try {
    // OpenSSL's PBKDF2 here; forge's decrypt would run the 600k rounds in JS
    key = createPrivateKey({ key: encrypted, format: 'pem', passphrase })
  } catch (err) {
    throw new Error(`Cannot decrypt the CA key ${paths.caKey}: wrong passphrase or damaged file`, {
      cause: err,
    })
  }
  if (!new X509Certificate(certPem).checkPrivateKey(key)) {
    throw new Error(`CA key ${paths.caKey} does not match the CA certificate ${paths.caCert}`)
  }
  return { certPem, keyPem: key.export({ type: 'pkcs8', format: 'pem' }).toString() }
}
