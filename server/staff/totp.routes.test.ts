import { Secret, TOTP } from 'otpauth'
import { describe, expect, it } from 'vitest'
import { createTestApp, PASSWORD } from '../testing/test-app.js'
import { findStaffById } from './staff.queries.js'
import { TOTP_MAX_FAILURES } from './totp.service.js'

async function setup() {
  const t = await createTestApp()
  const office = await t.addDevice('office')
  const ownerId = await t.addStaff('owner', 'owner')
  const owner = t.browser(office)
  await owner.login('owner')
  const code = (secret: string, offsetMs = 0) =>
    TOTP.generate({
      secret: Secret.fromBase32(secret),
      timestamp: t.clock.now().getTime() + offsetMs,
    })
  return { ...t, office, owner, ownerId, code }
}
type T = Awaited<ReturnType<typeof setup>>

const auditOf = (t: T, action: string) =>
  t.db
    .selectFrom('audit_events')
    .select(['outcome', 'details'])
    .where('action', '=', action)
    .orderBy('id')
    .execute()

/** Sets TOTP up for the signed-in owner and returns the secret shown on the page. */
async function enroll(t: T, b = t.owner): Promise<string> {
  expect((await b.post('/account/totp/setup')).status).toBe(303)
  const page = await (await b.request('/account/totp')).text()
  const secret = /data-testid="totp-secret">([A-Z2-7]+)</.exec(page)![1]!
  expect(page).toMatch(/otpauth:\/\/totp\/[^"<]*secret=/)
  expect((await b.post('/account/totp/enable', { code: t.code(secret) })).status).toBe(303)
  return secret
}

describe('TOTP: refusals first', () => {
  it('is office-only and for people with administration rights', async () => {
    const t = await setup()
    await t.addStaff('doc', 'doctor')
    const atChair = t.browser(await t.addDevice('surgery'))
    await atChair.login('owner')
    expect((await atChair.request('/account/totp')).status).toBe(403)
    expect((await atChair.post('/account/totp/setup')).status).toBe(403)
    const doc = t.browser(t.office)
    await doc.login('doc')
    expect((await doc.request('/account/totp')).status).toBe(403)
    expect((await doc.post('/account/totp/setup')).status).toBe(403)
    expect((await findStaffById(t.db, t.ownerId))!.totp_secret).toBeNull()
  })

  it('does not enable on a wrong code, and acts only on the session’s own account', async () => {
    const t = await setup()
    const other = await t.addStaff('owner2', 'owner')
    await t.owner.post('/account/totp/setup', { staff_id: String(other) })
    const res = await t.owner.post('/account/totp/enable', {
      code: '000000',
      staff_id: String(other),
    })
    expect(res.status).toBe(422)
    expect(await res.text()).toContain('Код неверен')
    expect((await findStaffById(t.db, t.ownerId))!.totp_enabled).toBe(0)
    expect((await findStaffById(t.db, other))!.totp_secret).toBeNull()
    expect((await auditOf(t, 'auth.totp')).map((e) => e.outcome)).toEqual(['failed'])
  })
})

describe('TOTP: set up, step-up, replay, turn off', () => {
  it('enables with a valid code, keeps the secret sealed, and audits', async () => {
    const t = await setup()
    const secret = await enroll(t)
    const row = (await findStaffById(t.db, t.ownerId))!
    expect(row.totp_enabled).toBe(1)
    expect(row.totp_secret).not.toContain(secret)
    expect(await auditOf(t, 'staff.totp_enable')).toHaveLength(1)
    // The enabling code proved the factor for this session already.
    expect((await t.owner.request('/admin/staff')).status).toBe(200)
    expect(await (await t.owner.request('/admin/staff')).text()).toContain('включена')
  })

  it('asks a new session for a code before admin pages, refuses a replayed code, accepts the next', async () => {
    const t = await setup()
    const secret = await enroll(t)
    const used = t.code(secret)
    const b = t.browser(t.office)
    await b.login('owner')
    const gate = await b.request('/admin/staff/matrix')
    expect(gate.status).toBe(303)
    expect(gate.headers.get('location')).toBe('/account/totp/verify?next=%2Fadmin%2Fstaff%2Fmatrix')
    const post = await b.post('/admin/staff', { login: 'x1', full_name: 'X', role: 'doctor' })
    expect(post.status).toBe(303)
    expect(await t.db.selectFrom('staff').select('id').where('login', '=', 'x1').execute()).toEqual(
      [],
    )
    const replay = await b.post('/account/totp/verify', { code: used, next: '/admin/staff/matrix' })
    expect(replay.status).toBe(422)
    t.clock.advance(30_000)
    const ok = await b.post('/account/totp/verify', {
      code: t.code(secret),
      next: '/admin/staff/matrix',
    })
    expect(ok.status).toBe(303)
    expect(ok.headers.get('location')).toBe('/admin/staff/matrix')
    expect((await b.request('/admin/staff/matrix')).status).toBe(200)
    const checks = (await auditOf(t, 'auth.totp')).map((e) => [
      e.outcome,
      JSON.parse(e.details).reason,
    ])
    expect(checks).toEqual([
      ['ok', undefined],
      ['failed', 'replay'],
      ['ok', undefined],
    ])
  })

  it('sends the verify page only back to admin pages', async () => {
    const t = await setup()
    const secret = await enroll(t)
    const b = t.browser(t.office)
    await b.login('owner')
    t.clock.advance(30_000)
    const res = await b.post('/account/totp/verify', {
      code: t.code(secret),
      next: 'https://evil.test/',
    })
    expect(res.headers.get('location')).toBe('/admin/staff')
  })

  it('forgets the second factor when the terminal locks', async () => {
    const t = await setup()
    await enroll(t)
    await t.owner.post('/lock')
    await t.owner.post('/unlock', { password: PASSWORD })
    const res = await t.owner.request('/admin/staff')
    expect(res.headers.get('location')).toMatch(/^\/account\/totp\/verify/)
  })

  it('throttles after repeated wrong codes, even the right one', async () => {
    const t = await setup()
    const secret = await enroll(t)
    const b = t.browser(t.office)
    await b.login('owner')
    for (let i = 0; i < TOTP_MAX_FAILURES; i++) {
      expect((await b.post('/account/totp/verify', { code: '12345' + i })).status).toBe(422)
    }
    t.clock.advance(30_000)
    expect((await b.post('/account/totp/verify', { code: t.code(secret) })).status).toBe(429)
    t.clock.advance(15 * 60_000)
    // The office terminal idle-locked meanwhile; the same person unlocks, then the code passes.
    await b.post('/unlock', { password: PASSWORD })
    expect((await b.post('/account/totp/verify', { code: t.code(secret) })).status).toBe(303)
  })

  it('turns off only with a current code', async () => {
    const t = await setup()
    const secret = await enroll(t)
    expect((await t.owner.post('/account/totp/disable', { code: '' })).status).toBe(422)
    expect((await findStaffById(t.db, t.ownerId))!.totp_enabled).toBe(1)
    t.clock.advance(30_000)
    expect((await t.owner.post('/account/totp/disable', { code: t.code(secret) })).status).toBe(303)
    const row = (await findStaffById(t.db, t.ownerId))!
    expect(row).toMatchObject({ totp_enabled: 0, totp_secret: null })
    expect(await auditOf(t, 'staff.totp_disable')).toHaveLength(1)
  })
})

describe('TOTP required for administration', () => {
  it('once required, a person without TOTP is sent to set it up; the change is audited', async () => {
    const t = await setup()
    await t.addStaff('owner2', 'owner')
    await enroll(t)
    const res = await t.owner.post('/admin/settings', {
      medical_visibility: 'all',
      require_totp_for_admin: '1',
    })
    expect(res.status).toBe(303)
    const [e] = await auditOf(t, 'settings.change')
    expect(JSON.parse(e!.details)).toEqual({
      setting: 'require_totp_for_admin',
      old: '0',
      new: '1',
    })
    const b = t.browser(t.office)
    await b.login('owner2')
    const gate = await b.request('/admin/staff')
    expect(gate.status).toBe(303)
    expect(gate.headers.get('location')).toBe('/account/totp')
    const page = await (await b.request('/account/totp')).text()
    expect(page).toContain('обязателен одноразовый код')
    const secret = await enroll(t, b)
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    expect((await b.request('/admin/staff')).status).toBe(200)
  })
})
