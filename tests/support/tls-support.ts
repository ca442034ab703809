import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { request, type Agent } from 'node:https'
import { connect as netConnect } from 'node:net'
import { connect, type ConnectionOptions, type TLSSocket } from 'node:tls'
import forge from 'node-forge'
import type { CaMaterial } from '../../server/pki/index.js'

// Clients for the integration tests over real TLS. Every client verifies the server
// certificate against the clinic CA (explicit `ca`, never rejectUnauthorized: false).

/** A client certificate as a PKCS#12 bundle (what a terminal gets) or as PEMs. */
export type Identity = { pfx: Buffer; passphrase: string } | { cert: string; key: string }

export interface Outcome {
  /** HTTP status; undefined when no HTTP response came back. */
  status?: number
  body?: string
  error?: NodeJS.ErrnoException
  /** True when the TLS handshake completed on the client side. */
  secured: boolean
  protocol?: string | null
  cipher?: string
  /** Key exchange: e.g. { type: 'ECDH', name: 'X25519' }. */
  ephemeral?: { type?: string; name?: string }
  reused?: boolean
  /** The last TLS session (ticket) the server gave us, for resumption. */
  session?: Buffer
  socket?: TLSSocket
}

export interface Target {
  host: string
  port: number
  ca: string
}

const IO_TIMEOUT_MS = 5000

function recordTls(out: Outcome, socket: TLSSocket): void {
  out.secured = true
  out.protocol = socket.getProtocol()
  out.cipher = socket.getCipher().name
  const eph = socket.getEphemeralKeyInfo()
  out.ephemeral = eph && 'type' in eph ? { type: eph.type, name: eph.name } : {}
  out.reused = socket.isSessionReused()
}

/**
 * GET `path` through node:https. Resolves (never rejects) with what happened: a status and
 * body, or the error when the connection was refused. `agent` false (default) means a fresh
 * connection with no cached TLS session.
 */
export function httpsGet(
  target: Target,
  path: string,
  opts: { identity?: Identity; tls?: ConnectionOptions; agent?: Agent | false } = {},
): Promise<Outcome> {
  return new Promise((resolve) => {
    const out: Outcome = { secured: false }
    const req = request({
      host: target.host,
      port: target.port,
      path,
      method: 'GET',
      ca: target.ca,
      agent: opts.agent ?? false,
      ...opts.identity,
      ...opts.tls,
    })
    req.setTimeout(IO_TIMEOUT_MS, () => req.destroy(new Error('client timeout')))
    req.on('socket', (socket) => {
      const tlsSocket = socket as TLSSocket
      out.socket = tlsSocket
      // a kept-alive socket handed out again is already connected
      if (tlsSocket.encrypted && !tlsSocket.connecting && tlsSocket.getProtocol()) {
        recordTls(out, tlsSocket)
      } else {
        tlsSocket.once('secureConnect', () => recordTls(out, tlsSocket))
      }
    })
    req.on('error', (error: NodeJS.ErrnoException) => {
      out.error = error
      resolve(out)
    })
    req.on('response', (res) => {
      out.status = res.statusCode
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => {
        out.body = body
        resolve(out)
      })
      res.on('error', (error: NodeJS.ErrnoException) => {
        out.error = error
        resolve(out)
      })
    })
    req.end()
  })
}

/**
 * GET /healthz over a raw tls.connect (so sessions and protocol versions are under our
 * control), `Connection: close`. Resolves with the status if an HTTP response came back,
 * the session tickets received, whether the session was resumed, or the error.
 */
export function tlsGet(
  target: Target,
  opts: { identity?: Identity; session?: Buffer; tls?: ConnectionOptions } = {},
): Promise<Outcome> {
  return new Promise((resolve) => {
    const out: Outcome = { secured: false }
    const socket = connect({
      host: target.host,
      port: target.port,
      ca: target.ca,
      ...opts.identity,
      ...(opts.session ? { session: opts.session } : {}),
      ...opts.tls,
    })
    out.socket = socket
    let data = ''
    const timer = setTimeout(() => socket.destroy(new Error('client timeout')), IO_TIMEOUT_MS)
    socket.setEncoding('utf8')
    socket.on('secureConnect', () => {
      recordTls(out, socket)
      // TLS 1.2 has its session at the handshake; 1.3 tickets arrive later ('session').
      // Only ask while connected: getSession() on a socket whose handshake failed and that
      // has closed crashes Node 20 (segmentation fault).
      out.session = socket.getSession()
      socket.write(`GET /healthz HTTP/1.1\r\nHost: ${target.host}\r\nConnection: close\r\n\r\n`)
    })
    socket.on('session', (session: Buffer) => (out.session = session))
    socket.on('data', (chunk: string) => (data += chunk))
    socket.on('error', (error: NodeJS.ErrnoException) => (out.error = error))
    socket.on('close', () => {
      clearTimeout(timer)
      const m = /^HTTP\/1\.1 (\d{3}) /.exec(data)
      if (m) {
        out.status = Number(m[1])
        out.body = data.slice(data.indexOf('\r\n\r\n') + 4)
      } else if (!out.error) {
        // TLS 1.3: our side finished the handshake before the server judged our certificate;
        // Node's server then just closes the connection, without an alert.
        out.error = Object.assign(new Error('closed by the server without an HTTP response'), {
          code: 'ECONNCLOSED',
        })
      }
      resolve(out)
    })
  })
}

/** Sends a plain-text HTTP request to the TLS port; resolves with whatever came back. */
export function plainHttp(target: Target, path: string): Promise<{ data: string; error?: Error }> {
  return new Promise((resolve) => {
    const socket = netConnect(target.port, target.host)
    let data = ''
    let error: Error | undefined
    const timer = setTimeout(() => socket.destroy(new Error('client timeout')), IO_TIMEOUT_MS)
    socket.setEncoding('latin1')
    socket.on('connect', () =>
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${target.host}\r\nConnection: close\r\n\r\n`),
    )
    socket.on('data', (chunk: string) => (data += chunk))
    socket.on('error', (err) => (error = err))
    socket.on('close', () => {
      clearTimeout(timer)
      resolve({ data, error })
    })
  })
}

/** True when the connection failed with no HTTP response: refused at the TLS layer. */
export function refusedAtHandshake(out: Outcome): boolean {
  return out.status === undefined && out.error !== undefined
}

/**
 * Calls `probe` every `intervalMs` until `done` holds or `timeoutMs` have passed since
 * `since`. Resolves with the last value and the time elapsed since `since`.
 */
export async function pollUntil<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  opts: { since?: number; timeoutMs?: number; intervalMs?: number } = {},
): Promise<{ value: T; elapsed: number }> {
  const since = opts.since ?? Date.now()
  const deadline = since + (opts.timeoutMs ?? 5000)
  for (;;) {
    const value = await probe()
    const elapsed = Date.now() - since
    if (done(value) || Date.now() >= deadline) return { value, elapsed }
    await new Promise((resolve) => setTimeout(resolve, opts.intervalMs ?? 50))
  }
}

/** Resolves with the ms elapsed since `since` when `socket` closes, or rejects at the deadline. */
export function closedWithin(socket: TLSSocket, since: number, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    if (socket.destroyed) return resolve(Date.now() - since)
    const timer = setTimeout(
      () => reject(new Error(`socket still open after ${timeoutMs} ms`)),
      timeoutMs - (Date.now() - since),
    )
    socket.once('close', () => {
      clearTimeout(timer)
      resolve(Date.now() - since)
    })
  })
}

const UTF8 = forge.asn1.Type.UTF8 as number

/**
 * An end-entity certificate built with node-forge directly (not through server/pki), signed
 * by `ca`, with the extended key usages asked for. The issuer is copied from the CA subject,
 * decoding forge's raw UTF-8 bytes so a Cyrillic clinic name is not encoded twice.
 */
export function forgeLeaf(
  ca: CaMaterial,
  opts: { commonName: string; eku: { serverAuth?: boolean; clientAuth?: boolean } },
): { cert: string; key: string } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
  const leafKey = forge.pki.privateKeyFromPem(keyPem)
  const caCert = forge.pki.certificateFromPem(ca.certPem)
  const caKey = forge.pki.privateKeyFromPem(ca.keyPem)
  const now = Date.now()
  const cert = forge.pki.createCertificate()
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`
  cert.publicKey = forge.pki.setRsaPublicKey(leafKey.n, leafKey.e)
  cert.validity.notBefore = new Date(now - 3_600_000)
  cert.validity.notAfter = new Date(now + 30 * 86_400_000)
  cert.setSubject([
    { shortName: 'OU', value: 'office' },
    { shortName: 'CN', value: opts.commonName },
  ])
  cert.setIssuer(
    caCert.subject.attributes.map((attr) =>
      (attr.valueTagClass as unknown as number) === UTF8 && typeof attr.value === 'string'
        ? { ...attr, value: forge.util.decodeUtf8(attr.value) }
        : { ...attr },
    ),
  )
  const ski = caCert.getExtension('subjectKeyIdentifier') as { subjectKeyIdentifier: string }
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', ...opts.eku },
    { name: 'subjectKeyIdentifier' },
    {
      name: 'authorityKeyIdentifier',
      keyIdentifier: forge.util.hexToBytes(ski.subjectKeyIdentifier),
    },
  ])
  cert.sign(caKey, forge.md.sha256.create())
  return { cert: forge.pki.certificateToPem(cert), key: keyPem }
}
