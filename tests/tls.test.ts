import { X509Certificate } from 'node:crypto'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { Agent } from 'node:https'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLI_ACTOR } from '../server/audit/audit.service.js'
import { loadConfig } from '../server/config.js'
import { issueDevice, revokeDevice, type DeviceDeps } from '../server/devices/devices.service.js'
import {
  buildCrl,
  createCa,
  issueDeviceCert,
  pkiPaths,
  readCrl,
  type Zone,
} from '../server/pki/index.js'
import { tlsOptions } from '../server/system/https-server.js'
import { initDataDir } from '../server/system/init.service.js'
import { openRuntime, type Runtime } from '../server/system/runtime.js'
import { startEnamel, type RunningEnamel } from '../server/system/server.service.js'
import {
  closedWithin,
  forgeLeaf,
  httpsGet,
  plainHttp,
  pollUntil,
  refusedAtHandshake,
  tlsGet,
  type Identity,
  type Outcome,
  type Target,
} from './support/tls-support.js'

// The first wall (DESIGN.md §2, checklist 7, 8, 9, 27): the real HTTPS listener on loopback
// with the clinic's own CA. A refused client must get no HTTP response at all, which is what
// tells a handshake refusal apart from the device middleware's 403.

const DAY_MS = 24 * 3_600_000
const REVOCATION_BUDGET_MS = 5000
const CLINIC = 'Стоматология «Улыбка»'

let dir: string
let rt: Runtime
let running: RunningEnamel
let target: Target
let owner: Identity
let staleCrl: string
let crlAfterStart: string
/** Handshakes the server let through to HTTP ('secureConnection' events). */
let accepted = 0
const latencies: Record<string, number> = {}

function deviceDeps(): DeviceDeps {
  return {
    db: rt.db,
    auditKey: rt.keys.audit,
    ca: rt.ca,
    pki: rt.pki,
    dataDir: rt.config.dataDir,
    now: () => new Date(),
  }
}

async function newDevice(name: string, zone: Zone = 'surgery') {
  const d = await issueDevice(deviceDeps(), CLI_ACTOR, { name, zone, issuedBy: null })
  return { id: d.id, identity: { pfx: readFileSync(d.p12), passphrase: d.passphrase } }
}

type Attempt = Outcome & { accepted: boolean }

/**
 * Runs one client connection and notes whether the server completed the handshake on its
 * side. Race-free: a refusal is the server closing the socket, which happens before our
 * client sees the close; an acceptance is signalled before any HTTP response.
 */
async function attempt(connect: () => Promise<Outcome>): Promise<Attempt> {
  const before = accepted
  const out = await connect()
  return { ...out, accepted: accepted > before }
}

const get = (path: string, opts?: Parameters<typeof httpsGet>[2]) =>
  attempt(() => httpsGet(target, path, opts))
const handshake = (opts?: Parameters<typeof tlsGet>[1]) => attempt(() => tlsGet(target, opts))

function refused(out: Attempt): boolean {
  return refusedAtHandshake(out) && !out.accepted
}

function describeOutcome(out: Outcome): string {
  return out.error ? `${out.error.code ?? ''} ${out.error.message}` : `HTTP ${out.status}`
}

/**
 * Refused at the TLS layer: the server never completed the handshake, and the client got an
 * error and no HTTP response (never a 403 from the device check).
 */
function expectRefused(out: Attempt): void {
  expect(out.status, describeOutcome(out)).toBeUndefined()
  expect(out.accepted, 'the server completed the handshake').toBe(false)
  expect(out.error).toBeDefined()
  // not a client-side failure to trust the server (that would prove nothing about the server)
  expect(out.error?.code ?? '').not.toMatch(/CERT_ALTNAME|UNABLE_TO_|SELF_SIGNED|CERT_HAS_EXPIRED/)
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'enamel-tls-'))
  const config = loadConfig({
    ENAMEL_DATA_DIR: dir,
    ENAMEL_PUBLIC_NAMES: '127.0.0.1,localhost',
    ENAMEL_CLINIC_NAME: CLINIC,
    ENAMEL_LOG_LEVEL: 'silent',
  })
  const init = await initDataDir(config)
  owner = { pfx: readFileSync(init.device.p12), passphrase: init.device.passphrase }
  rt = await openRuntime(config)
  // The box was off for a month: the CRL on disk is stale. Start-up must issue a fresh one
  // rather than load this one (checklist 9; checked in the last describe block).
  staleCrl = await buildCrl(rt.ca, [], { now: new Date(Date.now() - 30 * DAY_MS) })
  writeFileSync(rt.pki.crl, staleCrl)
  running = await startEnamel(rt, pino({ level: 'silent' }), { host: '127.0.0.1', port: 0 })
  running.https.server.on('secureConnection', () => accepted++)
  crlAfterStart = readFileSync(rt.pki.crl, 'utf8')
  target = {
    host: '127.0.0.1',
    port: Number(new URL(running.url).port),
    ca: readFileSync(init.caCert, 'utf8'),
  }
})

afterAll(async () => {
  await running?.stop()
  await rt?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
  if (Object.keys(latencies).length > 0) console.info('revocation latencies (ms)', latencies)
})

describe('only certificates from the clinic CA complete TLS (checklist 7)', () => {
  it('serves a registered device presenting its bundle', async () => {
    const out = await get('/healthz', { identity: owner })
    expect(out.status, describeOutcome(out)).toBe(200)
    expect(JSON.parse(out.body ?? '')).toEqual({ status: 'ok' })
    const login = await get('/login', { identity: owner })
    expect(login.status).toBe(200)
    expect(login.body).toContain('<html')
  })

  it('refuses a client without a certificate at the handshake', async () => {
    expectRefused(await get('/healthz'))
    expectRefused(await get('/login'))
  })

  it('refuses a certificate from a foreign CA with the same subject', async () => {
    const foreign = createCa({ clinicName: CLINIC })
    expect(new X509Certificate(foreign.certPem).subject).toBe(
      new X509Certificate(rt.ca.certPem).subject,
    )
    const cert = issueDeviceCert(foreign, { name: 'owner-office', zone: 'office' })
    expectRefused(
      await get('/healthz', {
        identity: { pfx: cert.p12, passphrase: cert.passphrase },
      }),
    )
  })

  it('refuses an expired certificate from the real CA', async () => {
    const cert = issueDeviceCert(rt.ca, {
      name: 'old-tablet',
      zone: 'surgery',
      now: new Date(Date.now() - 4 * 365 * DAY_MS),
      days: 30,
    })
    expect(cert.notAfter.getTime()).toBeLessThan(Date.now())
    const out = await get('/healthz', {
      identity: { pfx: cert.p12, passphrase: cert.passphrase },
    })
    expectRefused(out)
  })

  it('refuses a certificate from the real CA without the clientAuth usage', async () => {
    // Control: the same hand-built certificate with clientAuth completes the handshake and
    // only the device check answers (403, no devices row), so the builder itself is sound.
    const control = forgeLeaf(rt.ca, { commonName: 'handmade', eku: { clientAuth: true } })
    const ok = await get('/healthz', { identity: control })
    expect(ok.status, describeOutcome(ok)).toBe(403)
    expect(ok.accepted).toBe(true)

    const serverOnly = forgeLeaf(rt.ca, { commonName: 'handmade', eku: { serverAuth: true } })
    expectRefused(await get('/healthz', { identity: serverOnly }))
  })

  it('does not answer plain HTTP on the TLS port with the app', async () => {
    const before = accepted
    for (const p of ['/login', '/healthz']) {
      const { data } = await plainHttp(target, p)
      expect(data).not.toMatch(/^HTTP\/1\.[01] 200/)
      expect(data).not.toContain('<html')
      expect(data).not.toContain('"status":"ok"')
    }
    expect(accepted).toBe(before)
  })
})

describe('TLS 1.2+ with ECDHE and AEAD suites only (checklist 27)', () => {
  it.each([
    ['a CBC suite with ECDHE', { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES128-SHA' }],
    ['a static-RSA CBC suite', { maxVersion: 'TLSv1.2', ciphers: 'AES128-SHA' }],
    ['a static-RSA AEAD suite', { maxVersion: 'TLSv1.2', ciphers: 'AES128-GCM-SHA256' }],
    ['TLS 1.1', { minVersion: 'TLSv1.1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' }],
    ['TLS 1.0', { minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' }],
  ] as const)('refuses %s offered alone', async (_label, tls) => {
    const out = await handshake({ identity: owner, tls })
    expectRefused(out)
    expect(out.secured).toBe(false)
    // the server's alert, not our own inability to build a ClientHello
    expect(out.error?.code, describeOutcome(out)).toMatch(/ALERT/)
  })

  it('negotiates an AEAD suite with ECDHE, TLS 1.3 by default and 1.2 when capped', async () => {
    const v13 = await handshake({ identity: owner })
    expect(v13.status, describeOutcome(v13)).toBe(200)
    expect(v13.protocol).toBe('TLSv1.3')
    expect(v13.cipher).toMatch(/GCM|CHACHA20/)
    expect(v13.ephemeral?.type).toBe('ECDH')

    const v12 = await handshake({ identity: owner, tls: { maxVersion: 'TLSv1.2' } })
    expect(v12.status, describeOutcome(v12)).toBe(200)
    expect(v12.protocol).toBe('TLSv1.2')
    expect(v12.cipher).toMatch(/^ECDHE-(RSA|ECDSA)-.*(GCM|CHACHA20)/)
    expect(v12.ephemeral?.type).toBe('ECDH')
  })
})

describe('revocation while the server runs holds within seconds (checklist 8)', () => {
  it('refuses new connections of a revoked device', async () => {
    const d = await newDevice('revoke-new')
    const before = await get('/healthz', { identity: d.identity })
    expect(before.status, describeOutcome(before)).toBe(200)

    const since = Date.now()
    await revokeDevice(deviceDeps(), CLI_ACTOR, d.id)
    const { value, elapsed } = await pollUntil(
      () => get('/healthz', { identity: d.identity }),
      refused,
      { since, timeoutMs: REVOCATION_BUDGET_MS },
    )
    latencies.newConnection = elapsed
    expectRefused(value)
    expect(elapsed).toBeLessThan(REVOCATION_BUDGET_MS)
    // other terminals are not affected
    expect((await get('/healthz', { identity: owner })).status).toBe(200)
  })

  it('closes kept-alive connections of a revoked device', async () => {
    const d = await newDevice('revoke-keepalive')
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    try {
      const first = await get('/healthz', { identity: d.identity, agent })
      expect(first.status, describeOutcome(first)).toBe(200)
      const socket = first.socket!
      // the same socket serves a second request: it really is kept alive
      const second = await get('/healthz', { identity: d.identity, agent })
      expect(second.status).toBe(200)
      expect(second.socket).toBe(socket)
      expect(socket.destroyed).toBe(false)

      const since = Date.now()
      await revokeDevice(deviceDeps(), CLI_ACTOR, d.id)
      const elapsed = await closedWithin(socket, since, REVOCATION_BUDGET_MS)
      latencies.keptAlive = elapsed
      expect(elapsed).toBeLessThan(REVOCATION_BUDGET_MS)

      // the agent reconnects offering its cached TLS session: refused too
      const after = await get('/healthz', { identity: d.identity, agent })
      expectRefused(after)
      expect(after.socket).not.toBe(socket)
    } finally {
      agent.destroy()
    }
  })

  it.each(['TLSv1.2', 'TLSv1.3'] as const)(
    'does not resume a %s session of a revoked device',
    async (version) => {
      const d = await newDevice(`revoke-resume-${version}`)
      const tls = { minVersion: version, maxVersion: version }
      const full = await handshake({ identity: d.identity, tls })
      expect(full.status, describeOutcome(full)).toBe(200)
      expect(full.protocol).toBe(version)
      expect(full.reused).toBe(false)
      const session = full.session
      expect(session).toBeInstanceOf(Buffer)

      // resumption works at all, so refusing it below means something
      const resumed = await handshake({ identity: d.identity, session, tls })
      expect(resumed.status, describeOutcome(resumed)).toBe(200)
      expect(resumed.reused).toBe(true)

      const ticketKeys = running.https.server.getTicketKeys()
      const since = Date.now()
      await revokeDevice(deviceDeps(), CLI_ACTOR, d.id)
      const { value, elapsed } = await pollUntil(
        () => handshake({ identity: d.identity, session, tls }),
        refused,
        { since, timeoutMs: REVOCATION_BUDGET_MS },
      )
      latencies[`resumed ${version}`] = elapsed
      expectRefused(value)
      expect(value.reused ?? false).toBe(false)
      expect(elapsed).toBeLessThan(REVOCATION_BUDGET_MS)
      // the new context has fresh ticket keys: no ticket from before the CRL is honoured
      expect(running.https.server.getTicketKeys().equals(ticketKeys)).toBe(false)

      // an unrevoked terminal still connects (a full handshake under the new context)
      const other = await handshake({ identity: owner, tls })
      expect(other.status, describeOutcome(other)).toBe(200)
    },
  )
})

describe('a stale CRL is never loaded (checklist 9)', () => {
  it('tlsOptions refuses a stale CRL on disk', () => {
    expect(readCrl(staleCrl).nextUpdate.getTime()).toBeLessThan(Date.now())
    const copy = mkdtempSync(path.join(tmpdir(), 'enamel-tls-pki-'))
    try {
      const paths = pkiPaths(copy)
      cpSync(rt.pki.dir, paths.dir, { recursive: true })
      expect(() => tlsOptions(paths)).not.toThrow()
      writeFileSync(paths.crl, staleCrl)
      expect(() => tlsOptions(paths)).toThrow(/stale/i)
    } finally {
      rmSync(copy, { recursive: true, force: true })
    }
  })

  it('startEnamel replaced the stale CRL with a fresh one', () => {
    const onDisk = readCrl(crlAfterStart)
    const now = Date.now()
    expect(onDisk.nextUpdate.getTime()).toBeGreaterThan(now)
    expect(onDisk.thisUpdate.getTime()).toBeGreaterThan(now - 5 * 60_000)
    expect(onDisk.thisUpdate.getTime()).toBeLessThanOrEqual(now)
  })
})
