import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pino from 'pino'
import { hashPassword } from '../auth/password.js'
import { loadConfig, type Config, type Zone } from '../config.js'
import type { Database, Db } from '../database.js'
import { kyselyFor, openSqlite } from '../db/connection.js'
import { migrateToLatest } from '../db/migrate.js'
import { migrations } from '../db/migrations/index.js'
import { insertDevice } from '../devices/devices.queries.js'
import { createCa, pkiPaths } from '../pki/index.js'
import type { Services } from '../http/app-env.js'
import type { PeerSocket } from '../http/peer.js'
import { insertStaff } from '../staff/staff.queries.js'
import type { Role } from '../staff/staff.table.js'
import { createApp } from '../app.js'

// Test support for route tests: an in-memory database and fake TLS peers (DESIGN.md §7).
// Not a test file itself; it never imports the test runner.

export const ORIGIN = 'https://enamel.test'

/** An in-memory, migrated database. */
export async function memoryDb(): Promise<Db> {
  const db = kyselyFor<Database>(openSqlite(':memory:'))
  await migrateToLatest(db, migrations)
  return db
}

/** A socket-like object whose "verified" client certificate has this serial. */
export function fakePeer(serial: string, fingerprint256 = `FP:${serial}`): PeerSocket {
  return {
    authorized: true,
    getPeerCertificate: (() => ({ serialNumber: serial, fingerprint256 })) as never,
  }
}

export interface TestDevice {
  id: number
  serial: string
  zone: Zone
  socket: PeerSocket
}

export interface TestClock {
  now: () => Date
  advance(ms: number): void
  set(d: Date): void
}

export function testClock(start = new Date('2026-11-29T09:00:00Z')): TestClock {
  let t = start.getTime()
  return {
    now: () => new Date(t),
    advance: (ms) => void (t += ms),
    set: (d) => void (t = d.getTime()),
  }
}

export const PASSWORD = 'correct horse battery staple'

/**
 * A whole app over an in-memory database, with a controllable clock and helpers to add
 * devices and staff and to send requests as a given device with a given cookie jar.
 */
export async function createTestApp(
  overrides: { env?: NodeJS.ProcessEnv; withCa?: boolean; durable?: () => Promise<void> } = {},
) {
  const db = await memoryDb()
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'enamel-route-test-'))
  const clock = testClock()
  const logLines: string[] = []
  const log = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) })
  const config: Config = loadConfig({
    ENAMEL_DATA_DIR: dataDir,
    ENAMEL_PUBLIC_NAMES: 'enamel.test',
    ...overrides.env,
  })
  let pki: Services['pki']
  if (overrides.withCa) {
    // A real CA in a temporary data dir, for routes that issue or revoke certificates.
    const paths = pkiPaths(dataDir)
    const ca = createCa({ clinicName: 'Test clinic', now: clock.now() })
    mkdirSync(paths.dir, { recursive: true, mode: 0o700 })
    writeFileSync(paths.caCert, ca.certPem)
    pki = { ca, paths }
  }
  const services: Services = {
    config,
    db,
    keys: { audit: randomBytes(32), secrets: randomBytes(32), files: randomBytes(32) },
    log,
    now: clock.now,
    pki,
    durable: overrides.durable,
  }
  const app = createApp(services)
  let serialCounter = 0x1000

  async function addDevice(zone: Zone, name = `${zone}-${serialCounter}`): Promise<TestDevice> {
    const serial = (serialCounter++).toString(16).toUpperCase().padStart(16, 'A')
    const id = await insertDevice(db, {
      name,
      zone,
      serial,
      fingerprint256: `FP:${serial}`,
      issued_at: clock.now().toISOString(),
      not_after: '2030-01-01T00:00:00.000Z',
      issued_by: null,
    })
    return { id, serial, zone, socket: fakePeer(serial) }
  }

  async function addStaff(
    login: string,
    role: Role,
    opts: { password?: string; mustChange?: boolean; active?: boolean } = {},
  ) {
    const at = clock.now().toISOString()
    return insertStaff(db, {
      login,
      full_name: `Test ${login}`,
      role,
      password_hash: await hashPassword(opts.password ?? PASSWORD),
      must_change_password: opts.mustChange ? 1 : 0,
      locale: null,
      active: opts.active === false ? 0 : 1,
      failed_logins: 0,
      locked_until: null,
      created_at: at,
      updated_at: at,
    })
  }

  /** A browser on one device: keeps cookies between requests like a real one. */
  function browser(device: TestDevice) {
    const jar = new Map<string, string>()
    async function request(
      path: string,
      init: {
        method?: string
        form?: Record<string, string>
        headers?: Record<string, string>
      } = {},
    ) {
      const headers = new Headers(init.headers)
      const method = init.method ?? (init.form ? 'POST' : 'GET')
      if (jar.size > 0 && !headers.has('cookie')) {
        headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '))
      }
      let body: string | undefined
      if (init.form) {
        headers.set('content-type', 'application/x-www-form-urlencoded')
        body = new URLSearchParams(init.form).toString()
      }
      if (method !== 'GET' && !headers.has('origin')) headers.set('origin', ORIGIN)
      const res = await app.request(`${ORIGIN}${path}`, { method, headers, body }, {
        incoming: { socket: device.socket },
      } as never)
      for (const cookie of res.headers.getSetCookie()) {
        const [pair] = cookie.split(';')
        const [name, ...rest] = pair!.split('=')
        const value = rest.join('=')
        if (/max-age=0/i.test(cookie) || value === '') jar.delete(name!)
        else jar.set(name!, value)
      }
      return res
    }
    /** The CSRF token the server handed out (pre-login cookie or the page's hidden field). */
    async function csrfToken(path = '/'): Promise<string> {
      let res = await request(path)
      for (let hops = 0; res.status >= 300 && res.status < 400 && hops < 3; hops++) {
        res = await request(res.headers.get('location')!)
      }
      const m = (await res.text()).match(/name="_csrf" value="([^"]+)"/)
      if (!m) throw new Error(`no CSRF field on ${path}`)
      return m[1]!
    }
    async function post(
      path: string,
      form: Record<string, string> = {},
      headers?: Record<string, string>,
    ) {
      const token = form._csrf ?? (await csrfToken(path === '/login' ? '/login' : '/'))
      return request(path, { form: { _csrf: token, ...form }, headers })
    }
    async function login(login: string, password = PASSWORD) {
      const res = await post('/login', { login, password })
      if (res.status !== 303) throw new Error(`login ${login} failed: ${res.status}`)
      return res
    }
    return { request, post, login, csrfToken, jar, device }
  }

  return { app, db, services, clock, config, dataDir, logLines, addDevice, addStaff, browser }
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>
