import { describe, expect, it } from 'vitest'
import { createTestApp, ORIGIN } from '../../testing/test-app.js'

async function loggedIn() {
  const t = await createTestApp()
  const device = await t.addDevice('reception')
  await t.addStaff('anna', 'receptionist')
  const b = t.browser(device)
  await b.login('anna')
  const token = await b.csrfToken('/')
  return { t, b, token }
}

describe('CSRF: refusals', () => {
  it('refuses an unsafe request without a token', async () => {
    const { b } = await loggedIn()
    const res = await b.request('/language', { form: { locale: 'en' } })
    expect(res.status).toBe(403)
    expect(await res.text()).toContain('Запрос отклонён')
  })

  it('refuses a foreign Origin even with the right token', async () => {
    const { b, token } = await loggedIn()
    const res = await b.request('/language', {
      form: { locale: 'en', _csrf: token },
      headers: { origin: 'https://evil.example' },
    })
    expect(res.status).toBe(403)
  })

  it('refuses a missing Origin', async () => {
    const { t, b, token } = await loggedIn()
    const headers = new Headers({
      cookie: [...b.jar].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': 'application/x-www-form-urlencoded',
    })
    const res = await t.app.request(
      `${ORIGIN}/language`,
      { method: 'POST', headers, body: `locale=en&_csrf=${token}` },
      { incoming: { socket: b.device.socket } } as never,
    )
    expect(res.status).toBe(403)
  })

  it('refuses a cross-site fetch (Sec-Fetch-Site) and a wrong token', async () => {
    const { b, token } = await loggedIn()
    const crossSite = await b.request('/language', {
      form: { locale: 'en', _csrf: token },
      headers: { 'sec-fetch-site': 'cross-site' },
    })
    expect(crossSite.status).toBe(403)
    const wrong = await b.request('/language', { form: { locale: 'en', _csrf: token + 'x' } })
    expect(wrong.status).toBe(403)
  })

  it('refuses the login form without the pre-login cookie token', async () => {
    const t = await createTestApp()
    const device = await t.addDevice('office')
    await t.addStaff('owner', 'owner')
    const b = t.browser(device)
    const res = await b.request('/login', {
      form: { login: 'owner', password: 'correct horse battery staple', _csrf: 'guess' },
    })
    expect(res.status).toBe(403)
    expect(b.jar.has('__Host-enamel-session')).toBe(false)
  })

  it('changes nothing when refused', async () => {
    const { t, b } = await loggedIn()
    await b.request('/language', { form: { locale: 'en' } })
    const staff = await t.db.selectFrom('staff').select('locale').executeTakeFirstOrThrow()
    expect(staff.locale).toBeNull()
  })
})

describe('CSRF: accepted', () => {
  it('accepts the form field and the X-CSRF-Token header (htmx)', async () => {
    const { b, token } = await loggedIn()
    expect((await b.request('/language', { form: { locale: 'en', _csrf: token } })).status).toBe(
      303,
    )
    const viaHeader = await b.request('/language', {
      form: { locale: 'ru' },
      headers: { 'x-csrf-token': token, 'sec-fetch-site': 'same-origin' },
    })
    expect(viaHeader.status).toBe(303)
  })

  it('accepts Origin: null (sent under no-referrer) only with Sec-Fetch-Site: same-origin', async () => {
    const { b, token } = await loggedIn()
    const nullOrigin = { origin: 'null' }
    const refused = await b.request('/language', {
      form: { locale: 'en', _csrf: token },
      headers: nullOrigin,
    })
    expect(refused.status).toBe(403)
    const accepted = await b.request('/language', {
      form: { locale: 'en', _csrf: token },
      headers: { ...nullOrigin, 'sec-fetch-site': 'same-origin' },
    })
    expect(accepted.status).toBe(303)
  })

  it('sets the pre-login token cookie as __Host-, Secure, HttpOnly, SameSite=Strict', async () => {
    const t = await createTestApp()
    const b = t.browser(await t.addDevice('office'))
    const res = await b.request('/login')
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-enamel-csrf='))!
    expect(cookie).toMatch(/Path=\/; HttpOnly; Secure; SameSite=Strict/)
  })
})
