import { readFileSync } from 'node:fs'
import type { Server } from 'node:https'
import { createServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import type { TLSSocket } from 'node:tls'
import { createAdaptorServer } from '@hono/node-server'
import type { Hono } from 'hono'
import { assertCrlFresh, readCrl, type PkiPaths } from '../pki/index.js'
import type { AppEnv } from '../http/app-env.js'
import { peerOf } from '../http/peer.js'

// TLS 1.2 with ECDHE key exchange and AEAD ciphers only, plus the TLS 1.3 suites (all AEAD).
// Node's defaults also allow static-RSA and CBC suites (checklist 27).
export const CIPHERS = [
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'TLS_AES_128_GCM_SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
].join(':')

/**
 * The TLS options of the main listener: client certificate required and verified against the
 * clinic CA and its CRL at the handshake. No `ticketKeys`: each secure context gets fresh
 * random ones, so replacing the context after a revocation also voids every resumable session.
 * @throws Error when the CRL on disk is stale (it would lock every terminal out).
 */
export function tlsOptions(pki: PkiPaths, now = new Date()) {
  const crl = readFileSync(pki.crl, 'utf8')
  assertCrlFresh(readCrl(crl), now)
  return {
    key: readFileSync(pki.serverKey),
    cert: readFileSync(pki.serverCert),
    ca: [readFileSync(pki.caCert)],
    crl: [crl],
    requestCert: true,
    rejectUnauthorized: true,
    minVersion: 'TLSv1.2' as const,
    ciphers: CIPHERS,
    honorCipherOrder: true,
    ecdhCurve: 'X25519:P-256:P-384',
  }
}

export interface HttpsServer {
  server: Server
  url: string
  /** Loads the CRL and certificates again into a new secure context (new connections). */
  reloadTls(): void
  /** Closes every live connection made with a certificate of this serial. */
  closeSockets(serial: string): number
  close(): Promise<void>
}

/**
 * Starts the mutual-TLS HTTPS listener for the app and tracks live sockets by the client
 * certificate's serial, so a revocation can cut kept-alive connections.
 */
export async function startHttpsServer(
  app: Hono<AppEnv>,
  pki: PkiPaths,
  listen: { host: string; port: number },
): Promise<HttpsServer> {
  const server = createAdaptorServer({
    fetch: app.fetch,
    createServer,
    serverOptions: { ...tlsOptions(pki), keepAliveTimeout: 30_000 },
  }) as Server
  const bySerial = new Map<string, Set<TLSSocket>>()
  server.on('secureConnection', (socket: TLSSocket) => {
    const peer = peerOf(socket)
    if (!peer) return socket.destroy()
    let set = bySerial.get(peer.serial)
    if (!set) bySerial.set(peer.serial, (set = new Set()))
    set.add(socket)
    socket.once('close', () => {
      set.delete(socket)
      if (set.size === 0) bySerial.delete(peer.serial)
    })
  })
  // A TLS failure (no certificate, foreign CA, revoked) is the client's problem, not ours.
  server.on('tlsClientError', () => {})
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(listen.port, listen.host, () => resolve())
  })
  const addr = server.address() as AddressInfo
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address
  return {
    server,
    url: `https://${host}:${addr.port}`,
    reloadTls: () => server.setSecureContext(tlsOptions(pki)),
    closeSockets: (serial) => {
      const set = bySerial.get(serial)
      if (!set) return 0
      for (const s of set) s.destroy()
      return set.size
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
