import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pino from 'pino'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../server/config.js'
import { initDataDir, type InitResult } from '../server/system/init.service.js'
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

// The owner's first day, in a real Chromium over real mutual TLS (DESIGN.md §5, §7):
// one-time password → own password → home page → sign out → a mistyped password.

const NEW_PASSWORD = 'Зубная-щётка-2026-весна'
const STEP_MS = 120_000

let dataDir: string
let init: InitResult
let rt: Runtime
let enamel: RunningEnamel
let browser: Browser
let context: BrowserContext
let page: Page
let console_: ConsoleWatch

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'enamel-browser-'))
  const config = loadConfig({
    ENAMEL_DATA_DIR: dataDir,
    ENAMEL_PUBLIC_NAMES: '127.0.0.1,localhost',
    ENAMEL_LOG_LEVEL: 'silent',
  })
  init = await initDataDir(config)
  rt = await openRuntime(config)
  enamel = await startEnamel(rt, pino({ level: 'silent' }), { host: '127.0.0.1', port: 0 })
  browser = await launchChromium()
  context = await deviceContext(browser, enamel.url, init.device)
  page = await context.newPage()
  page.setDefaultTimeout(30_000)
  console_ = watchConsole(page)
}, STEP_MS)

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await enamel?.stop()
  await rt?.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
}, STEP_MS)

async function expectAccessible(where: string) {
  const results = await axeScan(page)
  const serious = seriousViolations(results)
  expect(serious, `${where}: axe violations\n${describeViolations(serious)}`).toEqual([])
}

describe('the owner in Chromium with the office bundle', { timeout: STEP_MS }, () => {
  it('opens the sign-in page of the office terminal', async () => {
    const response = await page.goto(`${enamel.url}/login`)
    expect(response?.status()).toBe(200)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Вход')
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ru')
    expect(await page.textContent('main')).toContain('owner-office (Офис)')
    await expectAccessible('/login')
  })

  it('signs in with the one-time password and is sent to change it', async () => {
    await page.getByLabel('Логин').fill(init.owner.login)
    await page.getByLabel('Пароль').fill(init.owner.password)
    await Promise.all([
      page.waitForURL(`${enamel.url}/password`),
      page.getByRole('button', { name: 'Войти' }).click(),
    ])
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Смена пароля',
    )
    await expectAccessible('/password')
  })

  it('is told when the repeat does not match, and app.js focuses that field', async () => {
    await page.getByLabel('Текущий пароль').fill(init.owner.password)
    await page.getByLabel('Новый пароль', { exact: true }).fill(NEW_PASSWORD)
    await page.getByLabel('Повторите новый пароль').fill(`${NEW_PASSWORD}!`)
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${enamel.url}/password`),
      page.getByRole('button', { name: 'Сохранить пароль' }).click(),
    ])
    expect(response.status()).toBe(422)
    await page.waitForLoadState('domcontentloaded')
    await expect(page.locator('#repeat-error').textContent()).resolves.toBe('Пароли не совпадают.')
    await expect(
      page.evaluate('document.activeElement && document.activeElement.id'),
    ).resolves.toBe('repeat')
    await expectAccessible('/password with an error')
  })

  it('sets a strong password of their own and lands on the home page', async () => {
    await page.getByLabel('Текущий пароль').fill(init.owner.password)
    await page.getByLabel('Новый пароль', { exact: true }).fill(NEW_PASSWORD)
    await page.getByLabel('Повторите новый пароль').fill(NEW_PASSWORD)
    await Promise.all([
      page.waitForURL(`${enamel.url}/`),
      page.getByRole('button', { name: 'Сохранить пароль' }).click(),
    ])
    await expect(page.getByTestId('who').textContent()).resolves.toBe(
      'Вы вошли как Владелец клиники (Владелец).',
    )
    await expect(page.getByTestId('where').textContent()).resolves.toBe(
      'Терминал: owner-office, зона «Офис».',
    )
    await expectAccessible('/')
  })

  it('runs htmx under the strict CSP with the layout configuration', async () => {
    const htmx = await page.evaluate(
      `typeof htmx === 'object' ? { version: htmx.version, allowEval: htmx.config.allowEval } : null`,
    )
    expect(htmx).toMatchObject({ allowEval: false })
  })

  it('signs out and gets a sign-in link back', async () => {
    await Promise.all([
      page.waitForURL(`${enamel.url}/logout`),
      page.getByRole('button', { name: 'Выйти' }).click(),
    ])
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Вы вышли из системы.',
    )
    const signIn = page.getByRole('link', { name: 'Войти' })
    await expect(signIn.getAttribute('href')).resolves.toBe('/login')
    await expectAccessible('signed out')
    // The session is gone: the home page sends the browser back to sign in.
    await page.goto(`${enamel.url}/`)
    expect(page.url()).toBe(`${enamel.url}/login`)
  })

  it('sees the Russian error for a wrong password', async () => {
    await page.getByLabel('Логин').fill(init.owner.login)
    await page.getByLabel('Пароль').fill(init.owner.password) // the old one-time password
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${enamel.url}/login`),
      page.getByRole('button', { name: 'Войти' }).click(),
    ])
    expect(response.status()).toBe(401)
    await expect(page.getByRole('alert').textContent()).resolves.toBe('Неверный логин или пароль.')
    await expect(page.getByLabel('Логин').inputValue()).resolves.toBe(init.owner.login)
    await expectAccessible('/login with an error')
  })

  it('saw no CSP violation and no script error on any page', () => {
    expect(console_.cspViolations()).toEqual([])
    expect(console_.pageErrors).toEqual([])
  })
})
