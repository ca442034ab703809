import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pino from 'pino'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { CLI_ACTOR } from '../server/audit/audit.service.js'
import { loadConfig } from '../server/config.js'
import { issueDevice } from '../server/devices/devices.service.js'
import { hostileFiles, samplePng } from '../server/files/test-files.js'
import { clinicToday } from '../server/patients/dates.js'
import { addStaff } from '../server/staff/staff.service.js'
import { initDataDir } from '../server/system/init.service.js'
import { openRuntime, type Runtime } from '../server/system/runtime.js'
import { startEnamel, type RunningEnamel } from '../server/system/server.service.js'
import {
  axeScan,
  describeViolations,
  deviceContext,
  launchChromium,
  seriousViolations,
  watchConsole,
  type ConsoleWatch,
} from './support/browser.js'

// The receptionist's patients in a real Chromium over mutual TLS (issue 4, items 1–4):
// register a patient (a wrong СНИЛС first), find them through the top-bar search box as she
// types, record the processing consent, upload a passport scan and see it.

const STEP_MS = 120_000
const DESK_PASSWORD = 'Регистратура-вечер-2026'

let dataDir: string
let rt: Runtime
let enamel: RunningEnamel
let browser: Browser
let context: BrowserContext
let desk: { login: string; password: string }
let today: string

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'enamel-patients-browser-'))
  const config = loadConfig({
    ENAMEL_DATA_DIR: dataDir,
    ENAMEL_PUBLIC_NAMES: '127.0.0.1,localhost',
    ENAMEL_LOG_LEVEL: 'silent',
  })
  await initDataDir(config)
  rt = await openRuntime(config)
  enamel = await startEnamel(rt, pino({ level: 'silent' }), {
    host: '127.0.0.1',
    port: 0,
    enrollPort: 0,
  })
  const now = () => new Date()
  const device = await issueDevice(
    { db: rt.db, auditKey: rt.keys.audit, ca: rt.ca, pki: rt.pki, dataDir, now },
    CLI_ACTOR,
    { name: 'reception-1', zone: 'reception', issuedBy: null },
  )
  desk = await addStaff({ db: rt.db, auditKey: rt.keys.audit, now }, CLI_ACTOR, {
    login: 'vera',
    fullName: 'Вера Администратор',
    role: 'receptionist',
  })
  today = clinicToday(now(), config.timeZone)
  browser = await launchChromium()
  context = await deviceContext(browser, enamel.url, device)
}, STEP_MS)

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await enamel?.stop()
  await rt?.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
}, STEP_MS)

describe('the receptionist registers and finds a patient', { timeout: STEP_MS }, () => {
  let page: Page
  let watch: ConsoleWatch
  let failed: string | undefined
  let cardUrl = ''

  beforeAll(async () => {
    page = await context.newPage()
    page.setDefaultTimeout(30_000)
    watch = watchConsole(page)
  })
  beforeEach((ctx) => {
    if (failed) ctx.skip(`an earlier step failed: ${failed}`)
  })
  afterEach((ctx) => {
    if (ctx.task.result?.state === 'fail') failed ??= ctx.task.name
  })

  async function expectAccessible(where: string) {
    const serious = seriousViolations(await axeScan(page))
    expect(serious, `${where}: axe violations\n${describeViolations(serious)}`).toEqual([])
  }

  /** Clicks a submit button and returns the response to the form's POST. */
  async function submit(button: string, action: string | RegExp) {
    const [response] = await Promise.all([
      page.waitForResponse(
        (r) => r.request().method() === 'POST' && new URL(r.url()).pathname.match(action) !== null,
      ),
      page.getByRole('button', { name: button, exact: true }).click(),
    ])
    await page.waitForLoadState('load')
    return response
  }

  it('signs in, changes the one-time password and opens «Пациенты» from the top bar', async () => {
    await page.goto(`${enamel.url}/login`)
    await page.getByLabel('Логин').fill(desk.login)
    await page.getByLabel('Пароль').fill(desk.password)
    await page.getByRole('button', { name: 'Войти', exact: true }).click()
    await page.waitForURL(`${enamel.url}/password`)
    await page.getByLabel('Текущий пароль').fill(desk.password)
    await page.getByLabel('Новый пароль', { exact: true }).fill(DESK_PASSWORD)
    await page.getByLabel('Повторите новый пароль').fill(DESK_PASSWORD)
    await page.getByRole('button', { name: 'Сохранить пароль', exact: true }).click()
    await page.waitForURL(`${enamel.url}/`)
    expect(await page.locator('#patient-search-q').count()).toBe(1)
    await page.getByRole('link', { name: 'Пациенты', exact: true }).click()
    await page.waitForURL(`${enamel.url}/patients`)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Пациенты')
    await expectAccessible('/patients')
  })

  it('registers a patient: a wrong СНИЛС is refused with the input kept, then saved', async () => {
    await page.getByRole('link', { name: 'Новый пациент' }).click()
    await page.waitForURL(`${enamel.url}/patients/new`)
    await page.getByLabel('Фамилия', { exact: true }).fill('Ёлкина')
    await page.getByLabel('Имя', { exact: true }).fill('Алёна')
    await page.getByLabel('Отчество', { exact: true }).fill('Вениаминовна')
    await page.getByLabel('Пол', { exact: true }).selectOption({ label: 'Женский' })
    await page.getByLabel('Дата рождения', { exact: true }).fill('1987-03-12')
    await page.getByLabel('Телефон', { exact: true }).fill('8 (916) 123-45-67')
    await page.getByLabel('СНИЛС', { exact: true }).fill('112-233-445 96')
    await expectAccessible('/patients/new')
    const refused = await submit('Сохранить', /^\/patients$/)
    expect(refused.status()).toBe(422)
    expect(await page.locator('#patient-snils-error').textContent()).toContain('Неверный СНИЛС')
    expect(await page.getByLabel('Отчество', { exact: true }).inputValue()).toBe('Вениаминовна')
    // app.js puts the focus on the first field with an error.
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe(
      'patient-snils',
    )
    await expectAccessible('/patients/new with an error')
    await page.getByLabel('СНИЛС', { exact: true }).fill('112-233-445 95')
    const saved = await submit('Сохранить', /^\/patients$/)
    expect(saved.status()).toBe(303)
    expect(page.url()).toMatch(/\/patients\/\d+\?saved=1$/)
    cardUrl = page.url().replace(/\?.*$/, '')
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Ёлкина Алёна Вениаминовна',
    )
    expect(await page.locator('main').textContent()).toContain('+7 916 123-45-67')
    await expectAccessible('the card')
  })

  it('finds her through the search box as she types: a fragment of the patronymic, then the phone', async () => {
    await page.goto(`${enamel.url}/`)
    const box = page.locator('#patient-search-q')
    const results = page.locator('#patient-search-results')
    await box.pressSequentially('ниамин', { delay: 40 })
    await results.getByRole('link', { name: /Ёлкина Алёна Вениаминовна/ }).waitFor()
    await box.fill('')
    await box.pressSequentially('4567', { delay: 40 })
    const hit = results.getByRole('link', { name: /Ёлкина Алёна Вениаминовна/ })
    await hit.waitFor()
    // The query went in a POST body, never into the address bar.
    expect(page.url()).toBe(`${enamel.url}/`)
    await hit.click()
    await page.waitForURL(cardUrl)
  })

  it('records the consent to personal-data processing', async () => {
    await page.getByRole('link', { name: 'Согласия', exact: true }).click()
    await page.waitForURL(`${cardUrl}/consents`)
    expect(await page.locator('[data-consent="pd_processing"]').textContent()).toContain(
      'не получено',
    )
    await page.locator('#consent-kind').selectOption('pd_processing')
    expect(await page.locator('#consent-given_on').inputValue()).toBe(today)
    await expectAccessible('/consents')
    const res = await submit('Записать согласие', /\/consents\/add$/)
    expect(res.status()).toBe(303)
    expect(await page.locator('[data-consent="pd_processing"]').textContent()).toMatch(
      /^действует с \d\d\.\d\d\.\d{4}/,
    )
  })

  it('refuses a renamed .exe as a passport scan, then uploads the real scan and shows it', async () => {
    await page.getByRole('link', { name: 'Документы', exact: true }).click()
    await page.waitForURL(`${cardUrl}/documents`)
    await page.locator('#document-kind').selectOption('passport')
    await page.locator('#document-file').setInputFiles({
      name: 'passport.jpg',
      mimeType: 'image/jpeg',
      buffer: hostileFiles()['renamed .exe']!,
    })
    const refused = await submit('Загрузить', /\/documents\/upload$/)
    expect(refused.status()).toBe(422)
    expect(await page.locator('#document-file-error').textContent()).toContain(
      'Это не JPEG, PNG или PDF.',
    )
    await page
      .locator('#document-file')
      .setInputFiles({ name: 'паспорт.png', mimeType: 'image/png', buffer: samplePng(64) })
    const saved = await submit('Загрузить', /\/documents\/upload$/)
    expect(saved.status()).toBe(303)
    await expectAccessible('/documents')
    await page.getByRole('link', { name: 'Паспорт', exact: true }).click()
    const image = page.locator('img.document-image')
    await image.waitFor()
    await expect
      .poll(() =>
        image.evaluate(
          (img: { complete: boolean; naturalWidth: number }) => img.complete && img.naturalWidth,
        ),
      )
      .toBe(64)
    await expectAccessible('the scan')
  })

  it('saw no CSP violation and no script error on any of these pages', () => {
    expect(watch.cspViolations()).toEqual([])
    expect(watch.pageErrors).toEqual([])
    expect(watch.errors.filter((m) => !m.includes('Failed to load resource'))).toEqual([])
  })
})
