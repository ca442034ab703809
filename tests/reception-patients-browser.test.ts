import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hostileFiles, samplePng } from '../server/files/test-files.js'
import type { ConsoleWatch } from './support/browser.js'
import {
  expectAccessible,
  openWatchedPage,
  skipStepsAfterFailure,
  startBrowserClinic,
  type BrowserClinic,
} from './support/clinic.js'
import { clinicToday } from '../server/schedule/clinic-time.js'

// The receptionist's patients in a real Chromium over mutual TLS (issue 4, items 1–4):
// register a patient (a wrong СНИЛС first), find them through the top-bar search box as she
// types, record the processing consent, upload a passport scan and see it.

const STEP_MS = 120_000
const DESK_PASSWORD = 'Регистратура-вечер-2026'

let clinic: BrowserClinic<'device', 'desk'>
let today: string

beforeAll(async () => {
  clinic = await startBrowserClinic({
    name: 'patients-browser',
    devices: { device: { name: 'reception-1', zone: 'reception' } },
    staff: { desk: { login: 'vera', fullName: 'Вера Администратор', role: 'receptionist' } },
  })
  const { now, config } = clinic
  today = clinicToday(now(), config.timeZone)
}, STEP_MS)

afterAll(() => clinic?.close(), STEP_MS)

describe('the receptionist registers and finds a patient', { timeout: STEP_MS }, () => {
  let page: Page
  let watch: ConsoleWatch
  let cardUrl = ''

  beforeAll(async () => {
    ;({ page, watch } = await openWatchedPage(clinic.contexts.device))
  })
  skipStepsAfterFailure()

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
    await clinic.firstSignIn(page, clinic.staff.desk, DESK_PASSWORD)
    expect(await page.locator('#patient-search-q').count()).toBe(1)
    await page.getByRole('link', { name: 'Пациенты', exact: true }).click()
    await page.waitForURL(`${clinic.url}/patients`)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Пациенты')
    await expectAccessible(page, '/patients')
  })

  it('registers a patient: a wrong СНИЛС is refused with the input kept, then saved', async () => {
    await page.getByRole('link', { name: 'Новый пациент' }).click()
    await page.waitForURL(`${clinic.url}/patients/new`)
    await page.getByLabel('Фамилия', { exact: true }).fill('Ёлкина')
    await page.getByLabel('Имя', { exact: true }).fill('Алёна')
    await page.getByLabel('Отчество', { exact: true }).fill('Вениаминовна')
    await page.getByLabel('Пол', { exact: true }).selectOption({ label: 'Женский' })
    await page.getByLabel('Дата рождения', { exact: true }).fill('1987-03-12')
    await page.getByLabel('Телефон', { exact: true }).fill('8 (916) 123-45-67')
    await page.getByLabel('СНИЛС', { exact: true }).fill('112-233-445 96')
    await expectAccessible(page, '/patients/new')
    const refused = await submit('Сохранить', /^\/patients$/)
    expect(refused.status()).toBe(422)
    expect(await page.locator('#patient-snils-error').textContent()).toContain('Неверный СНИЛС')
    expect(await page.getByLabel('Отчество', { exact: true }).inputValue()).toBe('Вениаминовна')
    // app.js puts the focus on the first field with an error.
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe(
      'patient-snils',
    )
    await expectAccessible(page, '/patients/new with an error')
    await page.getByLabel('СНИЛС', { exact: true }).fill('112-233-445 95')
    const saved = await submit('Сохранить', /^\/patients$/)
    expect(saved.status()).toBe(303)
    expect(page.url()).toMatch(/\/patients\/\d+\?saved=1$/)
    cardUrl = page.url().replace(/\?.*$/, '')
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Ёлкина Алёна Вениаминовна',
    )
    expect(await page.locator('main').textContent()).toContain('+7 916 123-45-67')
    await expectAccessible(page, 'the card')
  })

  it('finds her through the search box as she types: a fragment of the patronymic, then the phone', async () => {
    await page.goto(`${clinic.url}/`)
    const box = page.locator('#patient-search-q')
    const results = page.locator('#patient-search-results')
    await box.pressSequentially('ниамин', { delay: 40 })
    await results.getByRole('link', { name: /Ёлкина Алёна Вениаминовна/ }).waitFor()
    await box.fill('')
    await box.pressSequentially('4567', { delay: 40 })
    const hit = results.getByRole('link', { name: /Ёлкина Алёна Вениаминовна/ })
    await hit.waitFor()
    // The query went in a POST body, never into the address bar.
    expect(page.url()).toBe(`${clinic.url}/`)
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
    await expectAccessible(page, '/consents')
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
    await expectAccessible(page, '/documents')
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
    await expectAccessible(page, 'the scan')
  })

  it('saw no CSP violation and no script error on any of these pages', () => {
    expect(watch.cspViolations()).toEqual([])
    expect(watch.pageErrors).toEqual([])
    expect(watch.errors.filter((m) => !m.includes('Failed to load resource'))).toEqual([])
  })
})
