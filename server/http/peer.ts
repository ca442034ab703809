import type { TLSSocket } from 'node:tls'

/** What the TLS layer proved about the client: its certificate's serial and fingerprint. */
export interface PeerCertificate {
  serial: string
  fingerprint256: string
}

/** The part of a TLS socket we use; tests pass an object with this shape as a fake peer. */
export interface PeerSocket {
  authorized?: boolean
  getPeerCertificate?: TLSSocket['getPeerCertificate']
}

// Resolved once per TLS connection and kept with the socket: getPeerCertificate() builds a
// full JS object each time, which cost 20-60 % of keep-alive throughput when called per request.
const cache = new WeakMap<object, PeerCertificate | null>()

/**
 * The verified client certificate of a connection, or null when the handshake did not
 * authorize one (never happens with requestCert + rejectUnauthorized, but we fail closed).
 */
export function peerOf(socket: PeerSocket | undefined): PeerCertificate | null {
  if (!socket) return null
  const hit = cache.get(socket)
  if (hit !== undefined) return hit
  let peer: PeerCertificate | null = null
  if (socket.authorized === true && typeof socket.getPeerCertificate === 'function') {
    const cert = socket.getPeerCertificate()
    if (cert && cert.serialNumber && cert.fingerprint256) {
      peer = { serial: cert.serialNumber.toUpperCase(), fingerprint256: cert.fingerprint256 }
    }
  }
  cache.set(socket, peer)
  return peer
}
