import argon2 from 'argon2'
import { describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../audit/audit.service.js'
import { createTestApp, PASSWORD } from '../testing/test-app.js'
import { LOCK_AFTER, THROTTLE_AFTER } from './auth.service.js'

async function setup() {
  const t = await createTestApp()
  const office = await t.addDevice('office')
  const reception = await t.addDevice('reception')
  await t.addStaff('anna', 'receptionist')
  return { ...t, office, reception }
}

async function auditActions(t: Awaited<ReturnType<typeof setup>>) {
  return t.db
    .selectFrom('audit_events')
    .select(['action', 'outcome', 'details'])
    .orderBy('id')
    .execute()
}

describe('login: refusals first', () => {
  it('an unknown login and a wrong password get the same status and body', async () => {
    const t = await setup()
    const b = t.browser(t.reception)
    const unknown = await b.post('/login', { login: 'nobody', password: PASSWORD })
    const wrong = await b.post('/login', { login: 'anna', password: 'wrong password 123' })
    expect(unknown.status).toBe(401)
    expect(wrong.status).toBe(401)
    const strip = (html: string) => html.replace(/value="[^"]*"/g, '')
    expect(strip(await unknown.text())).toBe(strip(await wrong.text()))
    expect(b.jar.has('__Host-enamel-session')).toBe(false)
    const events = await auditActions(t)
    expect(events.filter((e) => e.action === 'auth.login' && e.outcome === 'failed')).toHaveLength(
      2,
    )
  })

  it('throttles after repeated failures, then locks even the right password, for known and unknown logins alike', async () => {
    const t = await setup()
    const b = t.browser(t.reception)
    for (const login of ['anna', 'ghost']) {
      for (let i = 0; i < THROTTLE_AFTER; i++) {
        expect((await b.post('/login', { login, password: 'bad password ' + i })).status).toBe(401)
      }
      const throttled = await b.post('/login', { login, password: PASSWORD })
      expect(throttled.status).toBe(429)
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0)
      for (let i = THROTTLE_AFTER; i < LOCK_AFTER; i++) {
        // Past the growing wait (15 s doubling, at most 4 min here), inside the 30-min window.
        t.clock.advance(4.1 * 60_000)
        expect((await b.post('/login', { login, password: 'bad password ' + i })).status).toBe(401)
      }
      t.clock.advance(4.1 * 60_000)
      const locked = await b.post('/login', { login, password: PASSWORD })
      expect(locked.status).toBe(429)
      expect(await locked.text()).toContain('заблокирован')
    }
    const denied = (await auditActions(t)).filter((e) => e.outcome === 'denied')
    expect(denied.length).toBeGreaterThanOrEqual(4)
    // The lock lifts once the failure window has passed.
    t.clock.advance(31 * 60_000)
    expect((await b.post('/login', { login: 'anna', password: PASSWORD })).status).toBe(303)
  })

  it('refuses an inactive account with the same answer as a wrong password', async () => {
    const t = await setup()
    await t.addStaff('gone', 'doctor', { active: false })
    const res = await t.browser(t.office).post('/login', { login: 'gone', password: PASSWORD })
    expect(res.status).toBe(401)
  })

  it('keeps the typed login and asks for both fields when one is empty', async () => {
    const t = await setup()
    const res = await t.browser(t.office).post('/login', { login: '<b>anna</b>', password: '' })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('value="&lt;b&gt;anna&lt;/b&gt;"')
    expect(html).not.toContain('<b>anna</b>')
  })
})

describe('login: success and sessions', () => {
  it('sets a __Host- session cookie with Secure, HttpOnly, SameSite=Strict, Path=/', async () => {
    const t = await setup()
    const b = t.browser(t.reception)
    const res = await b.post('/login', { login: 'Anna', password: PASSWORD })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/')
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-enamel-session='))!
    expect(cookie).toMatch(/; Path=\//)
    expect(cookie).toMatch(/; Secure/)
    expect(cookie).toMatch(/; HttpOnly/)
    expect(cookie).toMatch(/; SameSite=Strict/)
    expect(cookie).not.toMatch(/Domain=/i)
    const home = await b.request('/')
    expect(home.status).toBe(200)
    const html = await home.text()
    expect(html).toContain('Test anna')
    expect(html).toContain('Регистратура')
  })

  it('issues a new session id at every login and ends the previous one', async () => {
    const t = await setup()
    const b = t.browser(t.reception)
    await b.login('anna')
    const first = b.jar.get('__Host-enamel-session')
    await b.post('/login', { login: 'anna', password: PASSWORD })
    const second = b.jar.get('__Host-enamel-session')
    expect(second).not.toBe(first)
    const replay = t.browser(t.reception)
    replay.jar.set('__Host-enamel-session', first!)
    const res = await replay.request('/')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/login')
  })

  it('refuses the same cookie from another device and ends that session', async () => {
    const t = await setup()
    const b = t.browser(t.reception)
    await b.login('anna')
    const thief = t.browser(t.office)
    thief.jar.set('__Host-enamel-session', b.jar.get('__Host-enamel-session')!)
    const stolen = await thief.request('/')
    expect(stolen.status).toBe(303)
    expect(stolen.headers.get('location')).toBe('/login')
    // The replayed cookie is treated as compromised: the owner's terminal must sign in again.
    expect((await b.request('/')).status).toBe(303)
    const events = await auditActions(t)
    expect(events.some((e) => e.action === 'session.refused' && e.outcome === 'denied')).toBe(true)
  })

  it('logout ends the session on the server and sends Clear-Site-Data', async () => {
    const t = await setup()
    const b = t.browser(t.reception)
    await b.login('anna')
    const token = b.jar.get('__Host-enamel-session')!
    const res = await b.post('/logout')
    expect(res.status).toBe(200)
    expect(res.headers.get('clear-site-data')).toContain('"cache"')
    const again = t.browser(t.reception)
    again.jar.set('__Host-enamel-session', token)
    expect((await again.request('/')).status).toBe(303)
  })

  it('expires a session after its absolute lifetime even when active', async () => {
    const t = await setup()
    const b = t.browser(t.reception)
    await b.login('anna')
    // Active every 10 minutes for the whole 12-hour default lifetime: never idle-locked.
    for (let i = 0; i < 71; i++) {
      t.clock.advance(10 * 60_000)
      expect((await b.request('/')).status).toBe(200)
    }
    t.clock.advance(11 * 60_000)
    const res = await b.request('/')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/login')
  })
})

describe('password hashing', () => {
  it('stores argon2id with its parameters and rehashes at login when they changed', async () => {
    const t = await setup()
    const old = await argon2.hash(PASSWORD, {
      type: argon2.argon2id,
      memoryCost: 19456,
      timeCost: 2,
    })
    await t.db
      .updateTable('staff')
      .set({ password_hash: old })
      .where('login', '=', 'anna')
      .execute()
    await t.browser(t.reception).login('anna')
    const { password_hash } = await t.db
      .selectFrom('staff')
      .select('password_hash')
      .where('login', '=', 'anna')
      .executeTakeFirstOrThrow()
    expect(password_hash).not.toBe(old)
    expect(password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=3\$/)
    const login = (await auditActions(t)).find((e) => e.action === 'auth.login')!
    expect(JSON.parse(login.details)).toMatchObject({ rehashed: true })
  })
})

describe('idle lock', () => {
  it('locks after the zone idle time; the lock screen holds no data; the same person unlocks', async () => {
    const t = await setup()
    const b = t.browser(t.reception)
    await b.login('anna')
    t.clock.advance(14 * 60_000)
    expect((await b.request('/')).status).toBe(200)
    t.clock.advance(16 * 60_000)
    const locked = await b.request('/')
    expect(locked.status).toBe(303)
    expect(locked.headers.get('location')).toBe('/lock')
    const lock = await (await b.request('/lock')).text()
    expect(lock).toContain('Терминал заблокирован')
    const wrong = await b.post('/unlock', { password: 'not the password' }, undefined)
    expect(wrong.status).toBe(401)
    const ok = await b.post('/unlock', { password: PASSWORD })
    expect(ok.status).toBe(303)
    expect((await b.request('/')).status).toBe(200)
    const actions = (await auditActions(t)).map((e) => `${e.action}:${e.outcome}`)
    expect(actions).toContain('session.lock:ok')
    expect(actions).toContain('session.unlock:failed')
    expect(actions).toContain('session.unlock:ok')
  })

  it('does not count background polling as activity', async () => {
    const t = await setup()
    const b = t.browser(t.reception)
    await b.login('anna')
    for (let i = 0; i < 5; i++) {
      t.clock.advance(4 * 60_000)
      await b.request('/', { headers: { 'x-enamel-background': '1', 'hx-request': 'true' } })
    }
    const res = await b.request('/')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/lock')
  })

  it('uses a shorter idle time per zone from config', async () => {
    const t = await createTestApp({ env: { ENAMEL_IDLE_SURGERY_MINUTES: '2' } })
    const surgery = await t.addDevice('surgery')
    await t.addStaff('doc', 'doctor')
    const b = t.browser(surgery)
    await b.login('doc')
    t.clock.advance(3 * 60_000)
    expect((await b.request('/')).headers.get('location')).toBe('/lock')
  })
})

describe('first login', () => {
  it('forces the owner to replace the one-time password, refusing weak ones with 422', async () => {
    const t = await setup()
    await t.addStaff('owner', 'owner', { mustChange: true, password: 'one-time-pass-1234' })
    const b = t.browser(t.office)
    const res = await b.post('/login', { login: 'owner', password: 'one-time-pass-1234' })
    expect(res.headers.get('location')).toBe('/password')
    expect((await b.request('/')).headers.get('location')).toBe('/password')
    const weak = await b.post('/password', {
      current: 'one-time-pass-1234',
      password: 'password1234',
      repeat: 'password1234',
    })
    expect(weak.status).toBe(422)
    expect(await weak.text()).toContain('слишком распространён')
    const short = await b.post('/password', {
      current: 'one-time-pass-1234',
      password: 'Ab1!',
      repeat: 'Ab1!',
    })
    expect(short.status).toBe(422)
    const mismatch = await b.post('/password', {
      current: 'one-time-pass-1234',
      password: 'Зубная-щётка-2026',
      repeat: 'Зубная-щётка-2027',
    })
    expect(mismatch.status).toBe(422)
    expect(await mismatch.text()).toContain('Пароли не совпадают')
    const good = await b.post('/password', {
      current: 'one-time-pass-1234',
      password: 'Зубная-щётка-2026',
      repeat: 'Зубная-щётка-2026',
    })
    expect(good.status).toBe(303)
    expect((await b.request('/')).status).toBe(200)
    await b.post('/logout')
    expect(
      (await b.post('/login', { login: 'owner', password: 'Зубная-щётка-2026' })).headers.get(
        'location',
      ),
    ).toBe('/')
  })
})

describe('language', () => {
  it('switches the interface language per user', async () => {
    const t = await setup()
    const b = t.browser(t.reception)
    await b.login('anna')
    expect(await (await b.request('/')).text()).toContain('Здравствуйте')
    await b.post('/language', { locale: 'en' })
    const html = await (await b.request('/')).text()
    expect(html).toContain('Hello, Test anna!')
    expect(html).toContain('<html lang="en">')
  })
})

describe('audit trail of sign-ins', () => {
  it('records every login, failure, lock and logout in a verifiable chain', async () => {
    const t = await setup()
    const b = t.browser(t.reception)
    await b.post('/login', { login: 'anna', password: 'nope nope nope' })
    await b.login('anna')
    await b.post('/logout')
    const events = await auditActions(t)
    expect(events.map((e) => `${e.action}:${e.outcome}`)).toEqual([
      'auth.login:failed',
      'auth.login:ok',
      'auth.logout:ok',
    ])
    for (const e of events) expect(e.details).not.toContain(PASSWORD)
    const verify = await verifyAuditChain(t.db, t.services.keys.audit)
    expect(verify.ok).toBe(true)
  })
})
