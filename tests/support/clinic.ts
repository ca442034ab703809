import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pino from 'pino'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterEach, beforeEach, expect } from 'vitest'
import { CLI_ACTOR } from '../../server/audit/audit.service.js'
import { loadConfig, type Config, type Zone } from '../../server/config.js'
import { issueDevice, type IssuedDevice } from '../../server/devices/devices.service.js'
import type { Role } from '../../server/policy/permissions.js'
import { addStaff } from '../../server/staff/staff.service.js'
import { initDataDir, type InitResult } from '../../server/system/init.service.js'
import { openRuntime, type Runtime } from '../../server/system/runtime.js'
import { startEnamel, type RunningEnamel } from '../../server/system/server.service.js'
import {
  axeScan,
  describeViolations,
  deviceContext,
  launchChromium,
  seriousViolations,
  watchConsole,
  type ConsoleWatch,
  type DeviceBundle,
} from './browser.js'

// A whole clinic for a browser test (DESIGN.md §7): a fresh data directory with its CA, the
// server on a free loopback port over real mutual TLS, terminals and staff, Debian's Chromium
// and one context per terminal presenting that terminal's .p12. Unlike ./browser.ts this module
// uses the test runner (the step hooks and `expectAccessible`), so only test files import it.

/** A staff account as `addStaff` made it: the one-time password must be changed at first login. */
export interface StaffAccount {
  id: number
  login: string
  password: string
}

export interface BrowserClinicOptions<D extends string, S extends string> {
  /** Names the temporary data directory: `enamel-<name>-XXXXXX`. */
  name: string
  /** Extra settings for `loadConfig` (e.g. `ENAMEL_TIMEZONE`). */
  env?: Record<string, string>
  /**
   * The enrollment listener's port: 0 (the default) picks a free one when a window opens;
   * `null` leaves it to the configuration, as `main.ts` does.
   */
  enrollPort?: number | null
  /** Terminals issued by the CLI, each with a browser context presenting its bundle. */
  devices?: Record<D, { name: string; zone: Zone }>
  /** Staff accounts added by the CLI (after the devices), each with a one-time password. */
  staff?: Record<S, { login: string; fullName: string; role: Role }>
}

export interface BrowserClinic<D extends string, S extends string> {
  dataDir: string
  config: Config
  /** What `enamel init` produced: the owner's one-time password and the office bundle. */
  init: InitResult
  rt: Runtime
  enamel: RunningEnamel
  /** The server's https URL; the only origin the device contexts present a certificate to. */
  url: string
  browser: Browser
  /** The wall clock the set-up used (for fixtures). */
  now: () => Date
  devices: Record<D, IssuedDevice>
  staff: Record<S, StaffAccount>
  /** One context a device, presenting its .p12 (which carries the clinic CA) to `url`. */
  contexts: Record<D, BrowserContext>
  /** Another device context (e.g. the owner's office bundle `init.device`); closed by `close`. */
  context(bundle: DeviceBundle): Promise<BrowserContext>
  /** One-time password → own password → home, as every new employee's first sign-in goes. */
  firstSignIn(page: Page, who: { login: string; password: string }, own: string): Promise<void>
  /** Closes the contexts, Chromium, the server and the runtime, and removes the data directory. */
  close(): Promise<void>
}

/**
 * Initializes a clinic in a temporary data directory, starts it on 127.0.0.1 (public names
 * 127.0.0.1 and localhost), issues `devices` and adds `staff` as the CLI does, launches
 * Chromium and opens a context for each device. If any step fails, what was started is
 * stopped again before the error is thrown.
 */
export async function startBrowserClinic<D extends string = never, S extends string = never>(
  options: BrowserClinicOptions<D, S>,
): Promise<BrowserClinic<D, S>> {
  const cleanup: (() => unknown)[] = []
  const close = async () => {
    let first: unknown
    for (const step of cleanup.splice(0).reverse()) {
      try {
        await step()
      } catch (err) {
        first ??= err
      }
    }
    if (first !== undefined) throw first
  }
  try {
    const dataDir = mkdtempSync(path.join(tmpdir(), `enamel-${options.name}-`))
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }))
    const config = loadConfig({
      ENAMEL_DATA_DIR: dataDir,
      ENAMEL_PUBLIC_NAMES: '127.0.0.1,localhost',
      ENAMEL_LOG_LEVEL: 'silent',
      ...options.env,
    })
    const init = await initDataDir(config)
    // As server/main.ts opens it: answers wait for the WAL sync.
    const rt = await openRuntime(config, { durableAnswers: true })
    cleanup.push(() => rt.close())
    const enrollPort = options.enrollPort === undefined ? 0 : options.enrollPort
    const enamel = await startEnamel(rt, pino({ level: 'silent' }), {
      host: '127.0.0.1',
      port: 0,
      ...(enrollPort === null ? {} : { enrollPort }),
    })
    cleanup.push(() => enamel.stop())
    const now = () => new Date()
    const deviceDeps = { db: rt.db, auditKey: rt.keys.audit, ca: rt.ca, pki: rt.pki, dataDir, now }
    const devices = {} as Record<D, IssuedDevice>
    for (const [key, d] of entries(options.devices)) {
      devices[key] = await issueDevice(deviceDeps, CLI_ACTOR, { ...d, issuedBy: null })
    }
    const staffDeps = { db: rt.db, auditKey: rt.keys.audit, now }
    const staff = {} as Record<S, StaffAccount>
    for (const [key, s] of entries(options.staff)) {
      staff[key] = await addStaff(staffDeps, CLI_ACTOR, s)
    }
    const browser = await launchChromium()
    cleanup.push(() => browser.close())
    const context = async (bundle: DeviceBundle) => {
      const opened = await deviceContext(browser, enamel.url, bundle)
      cleanup.push(() => opened.close())
      return opened
    }
    const contexts = {} as Record<D, BrowserContext>
    for (const key of Object.keys(devices) as D[]) contexts[key] = await context(devices[key])
    const url = enamel.url
    return {
      dataDir,
      config,
      init,
      rt,
      enamel,
      url,
      browser,
      now,
      devices,
      staff,
      contexts,
      context,
      firstSignIn: async (page, who, own) => {
        await page.goto(`${url}/login`)
        await page.getByLabel('Логин').fill(who.login)
        await page.getByLabel('Пароль').fill(who.password)
        await page.getByRole('button', { name: 'Войти', exact: true }).click()
        await page.waitForURL(`${url}/password`)
        await page.getByLabel('Текущий пароль').fill(who.password)
        await page.getByLabel('Новый пароль', { exact: true }).fill(own)
        await page.getByLabel('Повторите новый пароль').fill(own)
        await page.getByRole('button', { name: 'Сохранить пароль', exact: true }).click()
        await page.waitForURL(`${url}/`)
      },
      close,
    }
  } catch (err) {
    await close().catch(() => undefined)
    throw err
  }
}

function entries<K extends string, V>(record: Record<K, V> | undefined): [K, V][] {
  return Object.entries(record ?? {}) as [K, V][]
}

/** A new page of `context` with a 30 s default timeout and a console watch from the start. */
export async function openWatchedPage(
  context: BrowserContext,
): Promise<{ page: Page; watch: ConsoleWatch }> {
  const page = await context.newPage()
  page.setDefaultTimeout(30_000)
  return { page, watch: watchConsole(page) }
}

/**
 * For a describe whose steps share one page: once a step fails the rest would only time out,
 * so they are skipped, naming the step that failed. Call it inside the describe.
 */
export function skipStepsAfterFailure(): void {
  let failed: string | undefined
  beforeEach((ctx) => {
    if (failed) ctx.skip(`an earlier step failed: ${failed}`)
  })
  afterEach((ctx) => {
    if (ctx.task.result?.state === 'fail') failed ??= ctx.task.name
  })
}

/** Fails the test when axe finds a violation of serious or critical impact on the page. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const serious = seriousViolations(await axeScan(page))
  expect(serious, `${where}: axe violations\n${describeViolations(serious)}`).toEqual([])
}
