import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { get } from 'node:https'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createSecureContext } from 'node:tls'
import pino from 'pino'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { AuditActor } from '../audit/audit.service.js'
import { loadConfig } from '../config.js'
import { issueDevice, type DeviceDeps } from '../devices/devices.service.js'
import { createI18n } from '../i18n/i18n.js'
import { initDataDir } from '../system/init.service.js'
import { openRuntime, type Runtime } from '../system/runtime.js'
import { testClock, type TestClock } from '../testing/test-app.js'
import { createEnrollmentListener, type EnrollmentListener } from './enrollment.listener.js'
import {
  closeEnrollmentsOfDevice,
  ENROLLMENT_WINDOW_MS,
  MAX_PIN_ATTEMPTS,
  openEnrollment,
  pinKeyFrom,
  type EnrollmentDeps,
} from './enrollment.service.js'
import { listUnclosedEnrollments } from './enrollment.queries.js'
import { enrollRequest, refusedWithin } from './testing/enroll-client.js'

// The enrollment listener over real TLS on loopback (DESIGN.md §2, issue 3 item 4): a client
// with no certificate that trusts only the clinic CA, as a new terminal's browser would.

const DELAY_MS = 150
const OWNER: AuditActor = { staffId: 1, deviceId: 1, zone: 'office' }

let dir: string
let rt: Runtime
let ca: string
let clock: TestClock
let listener: EnrollmentListener
let deviceDeps: DeviceDeps
let deps: EnrollmentDeps
const logLines: string[] = []

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'enamel-enroll-'))
  const config = loadConfig({
    ENAMEL_DATA_DIR: dir,
    ENAMEL_PUBLIC_NAMES: '127.0.0.1,localhost',
    ENAMEL_LOG_LEVEL: 'silent',
  })
  const init = await initDataDir(config)
  ca = readFileSync(init.caCert, 'utf8')
  rt = await openRuntime(config)
  clock = testClock(new Date())
  deviceDeps = {
    db: rt.db,
    auditKey: rt.keys.audit,
    ca: rt.ca,
    pki: rt.pki,
    dataDir: dir,
    now: clock.now,
  }
  deps = {
    db: rt.db,
    auditKey: rt.keys.audit,
    pinKey: pinKeyFrom(rt.keys.secrets),
    dataDir: dir,
    now: clock.now,
  }
  listener = createEnrollmentListener({
    ...deps,
    log: pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) }),
    i18n: createI18n('ru', 'Europe/Moscow'),
    pki: rt.pki,
    listen: { host: '127.0.0.1', port: 0 },
    publicName: '127.0.0.1',
    failureDelayMs: DELAY_MS,
    syncIntervalMs: 100,
  })
})

afterEach(async () => {
  // Each test leaves no window behind, so the next starts with the listener off.
  for (const w of await listUnclosedEnrollments(rt.db)) {
    await closeEnrollmentsOfDevice(rt.db, rt.keys.audit, OWNER, w.device_id, 'owner', clock.now())
  }
  await listener.sync()
})

afterAll(async () => {
  await listener?.stop()
  await rt?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

let n = 0
async function newWindow(zone: 'reception' | 'surgery' = 'reception') {
  const device = await issueDevice(deviceDeps, OWNER, {
    name: `Регистратура ${++n}`,
    zone,
    issuedBy: 1,
  })
  const w = await openEnrollment(deps, OWNER, device.id)
  if (!w.ok) throw new Error(`window not opened: ${w.reason}`)
  const { url: base } = await listener.ensureRunning()
  return { device, window: w, base, url: `${base}/enroll/${w.token}`, pin: w.pin }
}

async function audit(action: string) {
  const rows = await rt.db
    .selectFrom('audit_events')
    .select(['action', 'outcome', 'details', 'staff_id', 'zone'])
    .where('action', '=', action)
    .orderBy('id')
    .execute()
  return rows.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }))
}

const wrongPin = (pin: string) => String((Number(pin) + 1) % 1e8).padStart(8, '0')

describe('refusals first', () => {
  it('is off while no window is open, and answers nothing but /enroll/<token> when on', async () => {
    expect(listener.port()).toBeUndefined()
    const { base, url } = await newWindow()
    expect(listener.port()).toBe(Number(new URL(base).port))
    for (const p of ['/', '/login', '/healthz', '/static/app.css', '/admin/devices', '/enroll']) {
      const res = await enrollRequest(`${base}${p}`, { ca })
      expect(res.status, p).toBe(404)
      expect(res.headers['content-type'], p).not.toMatch(/pkcs12/)
    }
    expect((await enrollRequest(`${url}/x`, { ca })).status).toBe(404)
    expect((await enrollRequest(url, { ca, method: 'PUT' })).status).toBe(404)
    expect((await enrollRequest(url, { ca, method: 'DELETE' })).status).toBe(404)
  })

  it('refuses an unknown token (404), audits it, and delays the answer', async () => {
    const { base } = await newWindow()
    const get = await enrollRequest(`${base}/enroll/ABCDEFGHJK`, { ca })
    expect(get.status).toBe(404)
    const post = await enrollRequest(`${base}/enroll/ABCDEFGHJK`, { ca, form: { pin: '12345678' } })
    expect(post.status).toBe(404)
    expect(post.ms).toBeGreaterThanOrEqual(DELAY_MS - 5)
    const denied = (await audit('device.enroll')).filter(
      (e) => e.details.reason === 'unknown_window',
    )
    expect(denied.at(-1)).toMatchObject({ outcome: 'denied', zone: 'enrollment', staff_id: null })
  })

  it('throttles wrong PINs: each is delayed and audited, the last one closes the window', async () => {
    const { url, pin, window, device } = await newWindow()
    for (let i = 1; i < MAX_PIN_ATTEMPTS; i++) {
      const res = await enrollRequest(url, { ca, form: { pin: wrongPin(pin) } })
      expect(res.status).toBe(401)
      expect(res.ms).toBeGreaterThanOrEqual(DELAY_MS - 5)
      expect(res.body.toString()).toContain(`Осталось попыток: ${MAX_PIN_ATTEMPTS - i}`)
    }
    const last = await enrollRequest(url, { ca, form: { pin: wrongPin(pin) } })
    expect(last.status).toBe(410)
    // The window is spent: the right PIN no longer opens it.
    const right = await enrollRequest(url, { ca, form: { pin } })
    expect(right.status === 410 || right.error?.code === 'ECONNREFUSED').toBe(true)
    expect(right.headers['content-type'] ?? '').not.toMatch(/pkcs12/)
    const failed = (await audit('device.enroll')).filter((e) => e.details.window === window.id)
    expect(failed.slice(0, MAX_PIN_ATTEMPTS).map((e) => [e.outcome, e.details.attempt])).toEqual(
      Array.from({ length: MAX_PIN_ATTEMPTS }, (_, i) => ['failed', i + 1]),
    )
    const closes = (await audit('device.enroll_close')).filter(
      (e) => e.details.window === window.id,
    )
    expect(closes.map((e) => e.details.reason)).toEqual(['too_many_attempts'])
    // Nobody got the bundle, and it is still on the server for a new window.
    expect(existsSync(device.p12)).toBe(true)
    expect(await refusedWithin(url, ca, 3000)).toBe(true)
  })

  it('does not count an empty PIN, and refuses a cross-site form without counting it', async () => {
    const { url, window } = await newWindow()
    expect((await enrollRequest(url, { ca, form: { pin: '' } })).status).toBe(422)
    const cross = await enrollRequest(url, {
      ca,
      form: { pin: '00000000' },
      headers: { 'sec-fetch-site': 'cross-site' },
    })
    expect(cross.status).toBe(403)
    expect((await audit('device.enroll')).filter((e) => e.details.window === window.id)).toEqual([])
  })

  it('refuses an expired window (410) and closes the port once no window is left', async () => {
    const first = await newWindow()
    clock.advance(ENROLLMENT_WINDOW_MS - 60_000)
    const second = await newWindow()
    clock.advance(2 * 60_000) // the first is past its 10 minutes, the second is not
    const late = await enrollRequest(first.url, { ca, form: { pin: first.pin } })
    expect(late.status).toBe(410)
    expect(late.headers['content-type']).not.toMatch(/pkcs12/)
    // Refused whether the once-a-second sweep or this request noticed the expiry first.
    const denied = (await audit('device.enroll')).filter(
      (e) => e.details.window === first.window.id,
    )
    expect(denied.map((e) => e.outcome)).toEqual(['denied'])
    expect(['expired', 'closed']).toContain(denied[0]!.details.reason)
    const firstClosed = (await audit('device.enroll_close')).filter(
      (e) => e.details.window === first.window.id,
    )
    expect(firstClosed.map((e) => e.details.reason)).toEqual(['expired'])
    // The second window still holds the port open; when it expires too, the port closes.
    expect((await enrollRequest(second.url, { ca })).status).toBe(200)
    clock.advance(ENROLLMENT_WINDOW_MS)
    expect(await refusedWithin(second.url, ca, 3000)).toBe(true)
    expect(listener.port()).toBeUndefined()
    const closes = (await audit('device.enroll_close')).filter(
      (e) => e.details.window === second.window.id,
    )
    expect(closes.map((e) => e.details.reason)).toEqual(['expired'])
  })
})

describe('the one download', () => {
  it('serves the PIN form with the strict headers and no cookie', async () => {
    const { url } = await newWindow()
    // Typed by hand: lower case is the same token.
    const res = await enrollRequest(url.toLowerCase(), { ca })
    expect(res.status).toBe(200)
    const html = res.body.toString()
    expect(html).toMatch(/^<!DOCTYPE html>/i)
    expect(html).toContain('name="pin"')
    expect(html).not.toContain('/static/')
    expect(res.headers['content-security-policy']).toContain("default-src 'self'")
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.headers['x-frame-options']).toBe('DENY')
    expect(res.headers['set-cookie']).toBeUndefined()
  })

  it('trades the right PIN for a bundle that opens, once; the file leaves the server', async () => {
    const a = await newWindow()
    const b = await newWindow('surgery') // keeps the port open after a's download
    const res = await enrollRequest(a.url, { ca, form: { pin: a.pin } })
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('application/x-pkcs12')
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="enamel-.*\.p12"$/)
    expect(res.headers['cache-control']).toBe('no-store')
    expect(() =>
      createSecureContext({ pfx: res.body, passphrase: a.device.passphrase }),
    ).not.toThrow()
    expect(existsSync(a.device.p12)).toBe(false)

    const again = await enrollRequest(a.url, { ca, form: { pin: a.pin } })
    expect(again.status).toBe(410)
    expect(again.headers['content-type']).not.toMatch(/pkcs12/)
    const events = (await audit('device.enroll')).filter((e) => e.details.window === a.window.id)
    expect(events.map((e) => [e.outcome, e.details.reason ?? null])).toEqual([
      ['ok', null],
      ['denied', 'downloaded'],
    ])
    const closes = (await audit('device.enroll_close')).filter(
      (e) => e.details.window === a.window.id,
    )
    expect(closes.map((e) => e.details.reason)).toEqual(['downloaded'])

    // b's download is the last open window: the listener closes right after it.
    expect((await enrollRequest(b.url, { ca, form: { pin: b.pin } })).status).toBe(200)
    expect(await refusedWithin(b.url, ca, 3000)).toBe(true)
  })

  it('never writes a PIN to the audit trail or the log', async () => {
    const { url, pin } = await newWindow()
    await enrollRequest(url, { ca, form: { pin: wrongPin(pin) } })
    await enrollRequest(url, { ca, form: { pin } })
    const all = await rt.db.selectFrom('audit_events').select('details').execute()
    const text = all.map((r) => r.details).join('\n') + logLines.join('\n')
    expect(text).not.toContain(pin)
    expect(text).not.toContain(wrongPin(pin))
  })

  it('refuses TLS below 1.2 and CBC suites, like the main listener', async () => {
    const { url } = await newWindow()
    for (const tls of [
      { maxVersion: 'TLSv1.1', minVersion: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' },
      { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES128-SHA' },
    ] as const) {
      const res = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
        const req = get(url, { ca, agent: false, ...tls }, () => resolve(undefined))
        req.on('error', resolve)
      })
      // The server's alert, not our own inability to build a ClientHello.
      expect(`${res?.code} ${res?.message}`, JSON.stringify(tls)).toMatch(/alert/i)
    }
  })
})
