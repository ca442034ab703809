import { createHash, createPublicKey, X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createSecureContext } from 'node:tls'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { refusedWithin } from '../server/enrollment/testing/enroll-client.js'
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  deviceContext,
  LAUNCH_TIMEOUT_MS,
  watchConsole,
  type ConsoleWatch,
} from './support/browser.js'
import {
  expectAccessible,
  openWatchedPage,
  skipStepsAfterFailure,
  startBrowserClinic,
  type BrowserClinic,
} from './support/clinic.js'

// Enrolling a reception terminal, end to end in Chromium (issue 3 item 4): the owner issues
// a certificate and opens a window on the office PC; a new terminal with no certificate
// downloads the bundle from the enrollment listener with the PIN; with that bundle a
// receptionist signs in at the reception clinic.staff.desk.

const STEP_MS = 120_000
const OWNER_PASSWORD = 'Зубная-щётка-2026-весна'
const DESK_PASSWORD = 'Регистратура-утро-2026'

let clinic: BrowserClinic<never, 'desk'>
let office: BrowserContext

beforeAll(async () => {
  clinic = await startBrowserClinic({
    name: 'enroll-browser',
    staff: { desk: { login: 'anna', fullName: 'Анна Регистратор', role: 'receptionist' } },
  })
  office = await clinic.context(clinic.init.device)
}, STEP_MS)

afterAll(() => clinic?.close(), STEP_MS)

/** Base64 SHA-256 of the server certificate's public key, as Chromium's SPKI list wants it. */
function serverSpki(): string {
  const der = createPublicKey(readFileSync(clinic.rt.pki.serverCert)).export({
    type: 'spki',
    format: 'der',
  })
  return createHash('sha256').update(der).digest('base64')
}

/**
 * The new terminal: a separate Chromium with no client certificate. It cannot be made to
 * trust the clinic CA per context (Playwright has no such option; Chromium reads roots from
 * an NSS database we have no tool to write), and ignoreHTTPSErrors would accept any
 * certificate at all. What a person at a new terminal does is check the server fingerprint
 * shown on the owner's screen and accept that one certificate; Chromium's launch flag
 * --ignore-certificate-errors-spki-list does exactly that, for the server's key and no
 * other. A control below shows the same page refused without it.
 */
function launchTerminal(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    timeout: LAUNCH_TIMEOUT_MS,
  })
}

describe('the owner enrolls a reception terminal', { timeout: STEP_MS }, () => {
  let page: Page
  let watch: ConsoleWatch
  let passphrase = ''
  let enrollUrl = ''
  let pin = ''
  let bundle: Buffer | undefined

  beforeAll(async () => {
    ;({ page, watch } = await openWatchedPage(office))
  })
  skipStepsAfterFailure()

  async function submit(p: Page, button: string, action: string) {
    const [response] = await Promise.all([
      p.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(action)),
      p.getByRole('button', { name: button, exact: true }).click(),
    ])
    await p.waitForLoadState('load')
    return response
  }

  it('signs in at the office and opens «Терминалы»', async () => {
    await page.goto(`${clinic.url}/login`)
    await page.getByLabel('Логин').fill(clinic.init.owner.login)
    await page.getByLabel('Пароль').fill(clinic.init.owner.password)
    await submit(page, 'Войти', '/login')
    await page.getByLabel('Текущий пароль').fill(clinic.init.owner.password)
    await page.getByLabel('Новый пароль', { exact: true }).fill(OWNER_PASSWORD)
    await page.getByLabel('Повторите новый пароль').fill(OWNER_PASSWORD)
    await submit(page, 'Сохранить пароль', '/password')
    await page.getByRole('link', { name: 'Терминалы' }).click()
    expect(page.url()).toBe(`${clinic.url}/admin/devices`)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Терминалы')
    expect(await page.textContent('table')).toContain('owner-office (этот терминал)')
    await expectAccessible(page, '/admin/devices')
  })

  it('issues a certificate for «Регистратура 1» and sees its passphrase once', async () => {
    await page.getByLabel('Название терминала').fill('Регистратура 1')
    await page.getByLabel('Зона').selectOption({ label: 'Регистратура' })
    const response = await submit(page, 'Выпустить сертификат', '/admin/devices/issue')
    expect(response.status()).toBe(200)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Сертификат выпущен')
    passphrase = (await page.getByTestId('passphrase').textContent()) ?? ''
    expect(passphrase).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/)
    await expectAccessible(page, 'issued')
  })

  it('opens an enrollment window: address, PIN and the server fingerprint', async () => {
    const response = await submit(page, 'Открыть окно подключения', '/enroll')
    expect(response.status()).toBe(200)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Окно подключения открыто',
    )
    enrollUrl = (await page.getByTestId('enroll-url').textContent()) ?? ''
    pin = (await page.getByTestId('enroll-pin').textContent()) ?? ''
    expect(enrollUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/enroll\/[A-Z2-9]{10}$/)
    expect(new URL(enrollUrl).port).toBe(String(clinic.enamel.enrollment.port()))
    expect(pin).toMatch(/^\d{8}$/)
    const fingerprint = new X509Certificate(readFileSync(clinic.rt.pki.serverCert)).fingerprint256
    expect(await page.textContent('main')).toContain(fingerprint)
    await expectAccessible(page, 'enrollment window')
  })

  it('control: a terminal browser that did not accept the server key is refused', async () => {
    const plain = await launchTerminal()
    try {
      const p = await (await plain.newContext()).newPage()
      await expect(p.goto(enrollUrl)).rejects.toThrow(/ERR_CERT_AUTHORITY_INVALID/)
    } finally {
      await plain.close()
    }
  })

  it('the new terminal, without a certificate, mistypes the PIN once, then downloads the bundle', async () => {
    const terminal = await launchTerminal([`--ignore-certificate-errors-spki-list=${serverSpki()}`])
    try {
      const context = await terminal.newContext({ locale: 'ru-RU', acceptDownloads: true })
      const p = await context.newPage()
      const termWatch = watchConsole(p)
      expect((await p.goto(enrollUrl))?.status()).toBe(200)
      expect(await p.getByRole('heading', { level: 1 }).textContent()).toBe('Подключение терминала')
      await expectAccessible(p, 'enrollment page')
      const wrong = String((Number(pin) + 1) % 1e8).padStart(8, '0')
      await p.getByLabel('PIN-код').fill(wrong)
      const refused = await submit(p, 'Скачать сертификат', new URL(enrollUrl).pathname)
      expect(refused.status()).toBe(401)
      expect(await p.getByRole('alert').textContent()).toBe(
        'Неверный PIN-код. Осталось попыток: 4.',
      )
      await p.getByLabel('PIN-код').fill(pin)
      const [download] = await Promise.all([
        p.waitForEvent('download'),
        p.getByRole('button', { name: 'Скачать сертификат' }).click(),
      ])
      expect(download.suggestedFilename()).toMatch(/^enamel-.*\.p12$/)
      bundle = readFileSync((await download.path())!)
      expect(() => createSecureContext({ pfx: bundle, passphrase })).not.toThrow()
      expect(termWatch.cspViolations()).toEqual([])
      expect(termWatch.pageErrors).toEqual([])
    } finally {
      await terminal.close()
    }
  })

  it('after the download the window is over and the enrollment port is closed', async () => {
    expect(await refusedWithin(enrollUrl, readFileSync(clinic.init.caCert, 'utf8'), 5000)).toBe(
      true,
    )
    await page.goto(`${clinic.url}/admin/devices`)
    await page.getByRole('link', { name: 'Регистратура 1' }).click()
    expect(await page.textContent('main')).toContain('Файла сертификата на сервере нет')
    const events = await clinic.rt.db
      .selectFrom('audit_events')
      .select(['action', 'outcome'])
      .where('action', 'like', 'device.enroll%')
      .orderBy('id')
      .execute()
    expect(events.map((e) => `${e.action}:${e.outcome}`)).toEqual([
      'device.enroll_open:ok',
      'device.enroll:failed',
      'device.enroll:ok',
      'device.enroll_close:ok',
    ])
  })

  it('with the downloaded bundle, a receptionist signs in at the reception desk', async () => {
    const reception = await deviceContext(clinic.browser, clinic.url, { p12: bundle!, passphrase })
    try {
      const p = await reception.newPage()
      await p.goto(`${clinic.url}/login`)
      expect(await p.textContent('main')).toContain('Терминал: Регистратура 1 (Регистратура)')
      await p.getByLabel('Логин').fill(clinic.staff.desk.login)
      await p.getByLabel('Пароль').fill(clinic.staff.desk.password)
      await submit(p, 'Войти', '/login')
      await p.getByLabel('Текущий пароль').fill(clinic.staff.desk.password)
      await p.getByLabel('Новый пароль', { exact: true }).fill(DESK_PASSWORD)
      await p.getByLabel('Повторите новый пароль').fill(DESK_PASSWORD)
      await submit(p, 'Сохранить пароль', '/password')
      expect(p.url()).toBe(`${clinic.url}/`)
      expect(await p.getByTestId('who').textContent()).toBe(
        'Вы вошли как Анна Регистратор (Администратор).',
      )
      expect(await p.getByTestId('where').textContent()).toBe(
        'Терминал: Регистратура 1, зона «Регистратура».',
      )
      // The reception zone's ceiling: no «Терминалы» here, and the page itself is refused.
      expect(await p.getByRole('link', { name: 'Терминалы' }).count()).toBe(0)
      expect((await p.goto(`${clinic.url}/admin/devices`))?.status()).toBe(403)
    } finally {
      await reception.close()
    }
  })

  it('saw no CSP violation and no script error on the owner pages', () => {
    expect(watch.cspViolations()).toEqual([])
    expect(watch.pageErrors).toEqual([])
  })
})
