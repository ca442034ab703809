import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { connect, createServer, type Server } from 'node:tls'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCa } from './ca.js'
import { buildCrl } from './crl.js'
import { describeCert } from './describe-cert.js'
import { issueDeviceCert, issueDeviceCertWithSerial, type IssuedDeviceCert } from './device-cert.js'
import { normalizeSerial } from './serial.js'
import { issueServerCert } from './server-cert.js'
import type { CaMaterial } from './types.js'

// The real handshake the server will rely on: node:tls with the CA and CRL from this module,
// client certificates loaded from the PKCS#12 bundles it issues.
//
// Node checks the client certificate in JS after OpenSSL's handshake and, when rejecting,
// destroys the socket without a TLS alert: the client only sees a reset (or, in TLS 1.3, an
// EOF right after its side completed). So refusals are asserted on the strict server, and
// their reason on a lenient twin (rejectUnauthorized: false) that reports authorizationError.

interface Peer {
  authorizationError: string | null
  serialNumber: string
  fingerprint256: string
  cn: string
  ou: string
}

let ca: CaMaterial
let serverCert: { certPem: string; keyPem: string }
let server: Server
let port: number

function contextOptions(crl: string) {
  return { cert: serverCert.certPem, key: serverCert.keyPem, ca: ca.certPem, crl }
}

async function startServer(
  crl: string,
  rejectUnauthorized = true,
): Promise<{ server: Server; port: number }> {
  const tlsServer = createServer(
    { ...contextOptions(crl), requestCert: true, rejectUnauthorized },
    (socket) => {
      const peer = socket.getPeerCertificate()
      const reply: Peer = {
        authorizationError: socket.authorized ? null : String(socket.authorizationError),
        serialNumber: peer.serialNumber,
        fingerprint256: peer.fingerprint256,
        cn: String(peer.subject.CN),
        ou: String(peer.subject.OU),
      }
      socket.end(JSON.stringify(reply))
    },
  )
  await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve))
  return { server: tlsServer, port: (tlsServer.address() as AddressInfo).port }
}

/** Resolves with what the server saw of our certificate; rejects if the handshake is refused. */
function handshake(toPort: number, identity?: { p12: Buffer; passphrase: string }): Promise<Peer> {
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: '127.0.0.1', // also checks the server certificate's iPAddress SAN
      port: toPort,
      ca: ca.certPem,
      ...(identity ? { pfx: identity.p12, passphrase: identity.passphrase } : {}),
    })
    let data = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => (data += chunk))
    socket.on('error', reject)
    socket.on('end', () => {
      // with TLS 1.3 the server judges our certificate after our side finished the handshake
      if (data) resolve(JSON.parse(data) as Peer)
      else reject(new Error('server closed the connection without a reply'))
    })
  })
}

beforeAll(async () => {
  ca = createCa({ clinicName: 'Стоматология «Улыбка»' })
  serverCert = issueServerCert(ca, { names: ['localhost', '127.0.0.1'] })
  ;({ server, port } = await startServer(await buildCrl(ca, [])))
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
})

/** Why the strict server refuses `device` under `crl`, as OpenSSL's verify code. */
async function refusalReason(crl: string, device: IssuedDeviceCert): Promise<string | null> {
  const lenient = await startServer(crl, false)
  try {
    return (await handshake(lenient.port, device)).authorizationError
  } finally {
    await new Promise((resolve) => lenient.server.close(resolve))
  }
}

describe('mutual TLS with certificates from this module', () => {
  it('lets a device in and the server sees its serial exactly as normalizeSerial gives it', async () => {
    // pinned serials cover the encodings where hex forms diverge: a 0x00 sign byte
    // (DER 00 8F… is "8F…"), a leading zero nibble ("0A…") and a plain one
    const serials = [
      '008f' + randomBytes(14).toString('hex'),
      '0a' + randomBytes(15).toString('hex'),
    ]
    const devices = [
      ...serials.map((hex, i) =>
        issueDeviceCertWithSerial(
          ca,
          { name: `Pinned ${i}`, zone: 'surgery' },
          Buffer.from(hex, 'hex'),
        ),
      ),
      issueDeviceCert(ca, { name: 'Кресло 1', zone: 'surgery' }),
    ]
    expect(devices.map((device) => device.serialHex)).toEqual([
      normalizeSerial(serials[0]!),
      normalizeSerial(serials[1]!),
      devices[2]!.serialHex,
    ])
    expect(devices[0]!.serialHex).toMatch(/^8F/)
    expect(devices[1]!.serialHex).toMatch(/^0A/)
    for (const device of devices) {
      const peer = await handshake(port, device)
      expect(peer.authorizationError).toBeNull()
      expect(peer.serialNumber).toBe(normalizeSerial(device.serialHex))
      expect(peer.serialNumber).toBe(describeCert(device.certPem).serialHex)
      expect(peer.fingerprint256).toBe(device.fingerprint256)
      expect(peer.ou).toBe('surgery')
    }
    expect((await handshake(port, devices[2])).cn).toBe('Кресло 1')
  })

  it('refuses a client without a certificate', async () => {
    await expect(handshake(port)).rejects.toThrow(/certificate required/i)
  })

  it("refuses a device certificate from another clinic's CA", async () => {
    const foreign = issueDeviceCert(createCa({ clinicName: 'Other clinic' }), {
      name: 'Intruder',
      zone: 'office',
    })
    await expect(handshake(port, foreign)).rejects.toThrow()
    // OpenSSL keeps verifying past the untrusted root and reports the last failure
    // (UNABLE_TO_GET_CRL: no CRL from that CA), so only assert that there is one
    expect(await refusalReason(await buildCrl(ca, []), foreign)).not.toBeNull()
  })

  it('refuses a device revoked while the server runs, once the new CRL is loaded', async () => {
    const lost: IssuedDeviceCert = issueDeviceCert(ca, { name: 'Lost tablet', zone: 'surgery' })
    const kept = issueDeviceCert(ca, { name: 'Front desk', zone: 'reception' })
    await handshake(port, lost)
    const crl = await buildCrl(ca, [{ serialHex: lost.serialHex, revokedAt: new Date() }])
    server.setSecureContext(contextOptions(crl))
    await expect(handshake(port, lost)).rejects.toThrow()
    expect((await handshake(port, kept)).cn).toBe('Front desk')
    expect(await refusalReason(crl, lost)).toBe('CERT_REVOKED')
  })

  it('locks every device out when the CRL is stale, which is why assertCrlFresh exists', async () => {
    const device = issueDeviceCert(ca, { name: 'Office', zone: 'office' })
    const stale = await buildCrl(ca, [], { now: new Date(Date.now() - 30 * 24 * 3600 * 1000) })
    const staleServer = await startServer(stale)
    try {
      await expect(handshake(staleServer.port, device)).rejects.toThrow()
    } finally {
      await new Promise((resolve) => staleServer.server.close(resolve))
    }
    expect(await refusalReason(stale, device)).toBe('CRL_HAS_EXPIRED')
  })
})
