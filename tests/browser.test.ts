import { readFileSync } from 'node:fs'
import forge from 'node-forge'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { InitResult } from '../server/system/init.service.js'
import { watchConsole, type ConsoleWatch } from './support/browser.js'
import {
  expectAccessible,
  openWatchedPage,
  skipStepsAfterFailure,
  startBrowserClinic,
  type BrowserClinic,
} from './support/clinic.js'

// The owner's first day, in a real Chromium over real mutual TLS (DESIGN.md §5, §7):
// one-time password → own password → home page → sign out → a mistyped password.

const NEW_PASSWORD = 'Зубная-щётка-2026-весна'
const STEP_MS = 120_000

let clinic: BrowserClinic<never, never>
let init: InitResult
let context: BrowserContext

beforeAll(async () => {
  // No `enrollPort`: this server keeps the configured enrollment port, as main.ts does.
  clinic = await startBrowserClinic({ name: 'browser', enrollPort: null })
  init = clinic.init
  context = await clinic.context(init.device)
}, STEP_MS)

afterAll(() => clinic?.close(), STEP_MS)

describe('the owner in Chromium with the office bundle', { timeout: STEP_MS }, () => {
  let page: Page
  let watch: ConsoleWatch

  beforeAll(async () => {
    ;({ page, watch } = await openWatchedPage(context))
  })
  skipStepsAfterFailure()

  /** Clicks a submit button and returns the response to the form's POST. */
  async function submit(button: string, action: string) {
    const [response] = await Promise.all([
      page.waitForResponse(
        (r) => r.request().method() === 'POST' && r.url() === `${clinic.url}${action}`,
      ),
      page.getByRole('button', { name: button, exact: true }).click(),
    ])
    await page.waitForLoadState('load')
    return response
  }

  /** A plain form POST must get past the CSRF check; say what the browser sent when it did not. */
  async function expectRedirect(response: Awaited<ReturnType<typeof submit>>) {
    const origin = await response.request().headerValue('origin')
    const fetchSite = await response.request().headerValue('sec-fetch-site')
    expect(
      response.status(),
      `POST ${new URL(response.url()).pathname} from Chromium (Origin: ${origin}, ` +
        `Sec-Fetch-Site: ${fetchSite}) answered: ${await page.textContent('body')}`,
    ).toBe(303)
  }

  async function heading() {
    return page.getByRole('heading', { level: 1 }).textContent()
  }

  it('opens the sign-in page of the office terminal', async () => {
    const response = await page.goto(`${clinic.url}/login`)
    expect(response?.status()).toBe(200)
    expect(await heading()).toBe('Вход')
    expect(await page.getAttribute('html', 'lang')).toBe('ru')
    expect(await page.textContent('main')).toContain('Терминал: owner-office (Офис)')
    await expectAccessible(page, '/login')
  })

  it('signs in with the one-time password and is sent to change it', async () => {
    await page.getByLabel('Логин').fill(init.owner.login)
    await page.getByLabel('Пароль').fill(init.owner.password)
    await expectRedirect(await submit('Войти', '/login'))
    expect(page.url()).toBe(`${clinic.url}/password`)
    expect(await heading()).toBe('Смена пароля')
    await expectAccessible(page, '/password')
  })

  it('is told when the repeat differs, and app.js moves focus to that field', async () => {
    await page.getByLabel('Текущий пароль').fill(init.owner.password)
    await page.getByLabel('Новый пароль', { exact: true }).fill(NEW_PASSWORD)
    await page.getByLabel('Повторите новый пароль').fill(`${NEW_PASSWORD}!`)
    const response = await submit('Сохранить пароль', '/password')
    expect(response.status()).toBe(422)
    expect(await page.textContent('#repeat-error')).toBe('Пароли не совпадают.')
    // `autofocus` is on «Текущий пароль»; only app.js (focusFirstError) puts focus here.
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe(
      'repeat',
    )
    await expectAccessible(page, '/password with an error')
  })

  it('sets a strong password of their own and lands on the home page', async () => {
    await page.getByLabel('Текущий пароль').fill(init.owner.password)
    await page.getByLabel('Новый пароль', { exact: true }).fill(NEW_PASSWORD)
    await page.getByLabel('Повторите новый пароль').fill(NEW_PASSWORD)
    await expectRedirect(await submit('Сохранить пароль', '/password'))
    expect(page.url()).toBe(`${clinic.url}/`)
    expect(await page.getByTestId('who').textContent()).toBe(
      'Вы вошли как Владелец клиники (Владелец).',
    )
    expect(await page.getByTestId('where').textContent()).toBe(
      'Терминал: owner-office, зона «Офис».',
    )
    await expectAccessible(page, '/')
  })

  it('runs htmx under the strict CSP, configured by the layout', async () => {
    const htmx = await page.evaluate(
      `typeof htmx === 'object' ? { allowEval: htmx.config.allowEval, history: htmx.config.historyCacheSize } : null`,
    )
    expect(htmx).toEqual({ allowEval: false, history: 0 })
  })

  it('signs out and gets a sign-in link back', async () => {
    const response = await submit('Выйти', '/logout')
    expect(response.status()).toBe(200)
    expect(await heading()).toBe('Вы вышли из системы.')
    expect(await page.getByRole('link', { name: 'Войти' }).getAttribute('href')).toBe('/login')
    await expectAccessible(page, 'signed out')
    // The session is over: the home page sends the browser back to the sign-in form.
    await page.goto(`${clinic.url}/`)
    expect(page.url()).toBe(`${clinic.url}/login`)
  })

  it('sees the Russian error for a wrong password', async () => {
    await page.getByLabel('Логин').fill(init.owner.login)
    await page.getByLabel('Пароль').fill(init.owner.password) // the spent one-time password
    const response = await submit('Войти', '/login')
    expect(response.status()).toBe(401)
    expect(await page.getByRole('alert').textContent()).toBe('Неверный логин или пароль.')
    expect(await page.getByLabel('Логин').inputValue()).toBe(init.owner.login)
    await expectAccessible(page, '/login with an error')
  })

  it('saw no CSP violation and no script error on any of these pages', () => {
    expect(watch.cspViolations()).toEqual([])
    expect(watch.pageErrors).toEqual([])
    // What is left may only be the network log of expected statuses (401, 422, favicon 404).
    expect(watch.errors.filter((m) => !m.includes('Failed to load resource'))).toEqual([])
  })
})

describe('controls: the checks above can fail', { timeout: STEP_MS }, () => {
  it('the console watch sees a CSP violation', async () => {
    const page = await context.newPage()
    const watch = watchConsole(page)
    await page.goto(`${clinic.url}/login`)
    await page.evaluate(
      `{ const s = document.createElement('script'); s.textContent = 'window.inlineRan = true'; document.head.append(s) }`,
    )
    await page.waitForTimeout(200)
    expect(await page.evaluate('window.inlineRan === true')).toBe(false)
    expect(watch.cspViolations()).toHaveLength(1)
    await page.close()
  })

  it('the server certificate is verified: without the clinic CA in the bundle it is refused', async () => {
    const bare = await clinic.browser.newContext({
      clientCertificates: [{ origin: new URL(clinic.url).origin, ...leafOnly(init.device) }],
    })
    try {
      const page = await bare.newPage()
      const response = await page.goto(`${clinic.url}/login`)
      expect(response?.status()).toBe(503)
      expect(await page.textContent('body')).toMatch(
        /Playwright client-certificate error: .*(unable to (verify|get local issuer)|self-signed)/,
      )
    } finally {
      await bare.close()
    }
  })
})

/** The device's certificate and key as PEM, without the CA certificate the bundle carries. */
function leafOnly(device: InitResult['device']): { cert: Buffer; key: Buffer } {
  const der = readFileSync(device.p12).toString('binary')
  const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der), device.passphrase)
  const keyBag = forge.pki.oids.pkcs8ShroudedKeyBag!
  const certBag = forge.pki.oids.certBag!
  const key = p12.getBags({ bagType: keyBag })[keyBag]?.[0]?.key
  const certs = p12.getBags({ bagType: certBag })[certBag] ?? []
  // The CA is the self-issued one.
  const leaf = certs.find((bag) => bag.cert && !bag.cert.isIssuer(bag.cert))?.cert
  if (!key || !leaf) throw new Error('the bundle has no key or no device certificate')
  return {
    cert: Buffer.from(forge.pki.certificateToPem(leaf)),
    key: Buffer.from(forge.pki.privateKeyToPem(key)),
  }
}
