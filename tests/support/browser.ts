import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { AxeResults, Result, RunOptions } from 'axe-core'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

// Browser-test support (DESIGN.md §7): Debian's Chromium driven by playwright-core, a context
// that presents a device's PKCS#12 bundle, an axe-core scan and a console watcher.
// Not a test file itself; it never imports the test runner.

/** Debian's Chromium. Never `npx playwright install`: tests use the system browser only. */
export const CHROMIUM_PATH = '/usr/bin/chromium'

/** The flags this machine needs; no QUIC, no background traffic beyond loopback (§7). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** A cold first start of Chromium can take several seconds on a small box. */
export const LAUNCH_TIMEOUT_MS = 60_000

/**
 * Launches headless Chromium from CHROMIUM_PATH.
 * @throws Error naming the path when Chromium is not installed.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} not found: install Debian's chromium package`)
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS],
    timeout: LAUNCH_TIMEOUT_MS,
  })
}

export interface DeviceBundle {
  /** The .p12 file (path) or its bytes, as `enamel init` / `enamel device issue` wrote it. */
  p12: string | Buffer
  passphrase: string
}

/**
 * A browser context that presents the device certificate to `url`'s origin, as a clinic
 * terminal with the bundle imported does.
 *
 * How the TLS works (playwright-core 1.65, `socksClientCertificatesInterceptor`): Chromium
 * does not see the certificate. Playwright routes the context through its own SOCKS proxy in
 * this Node process; for an origin listed in `clientCertificates` (compared exactly: scheme,
 * host as written, port) the proxy makes the TLS connection to the server itself with
 * `tls.connect({ secureContext: createSecureContext({ pfx }), rejectUnauthorized: true })`
 * and hands Chromium a dummy self-signed certificate (which Playwright tells Chromium to
 * accept). So the real server certificate is verified by Node, not by Chromium, against
 * Node's default roots (plus NODE_EXTRA_CA_CERTS, read only at process start) **and the
 * extra certificates inside the PKCS#12**: OpenSSL/Node add a bundle's CA certificates to
 * the context's trust store. Enamel bundles carry the clinic CA, so no
 * `ignoreHTTPSErrors` is needed, and a server certificate not issued by that CA (or without
 * the host in its SANs) fails: the proxy answers 503 "Playwright client-certificate error".
 * Requests to any other origin are tunnelled as they are: no certificate, and Chromium (told to
 * accept any certificate once a context has `clientCertificates`) checks nothing, so tests
 * must use exactly `url`'s origin. tests/browser.test.ts has the control that a bundle
 * without the CA is refused.
 */
export async function deviceContext(
  browser: Browser,
  url: string,
  bundle: DeviceBundle,
  options: { locale?: string } = {},
): Promise<BrowserContext> {
  const pfx = typeof bundle.p12 === 'string' ? readFileSync(bundle.p12) : bundle.p12
  return browser.newContext({
    clientCertificates: [{ origin: new URL(url).origin, pfx, passphrase: bundle.passphrase }],
    locale: options.locale ?? 'ru-RU',
  })
}

/** Console errors and uncaught page errors seen by a page since `watchConsole`. */
export interface ConsoleWatch {
  errors: string[]
  pageErrors: string[]
  /** The console errors that report a Content-Security-Policy violation. */
  cspViolations(): string[]
}

const CSP_MESSAGE = /Content Security Policy|Refused to (execute|load|apply|evaluate|connect)/i

export function watchConsole(page: Page): ConsoleWatch {
  const watch: ConsoleWatch = {
    errors: [],
    pageErrors: [],
    cspViolations: () => watch.errors.filter((m) => CSP_MESSAGE.test(m)),
  }
  page.on('console', (msg) => {
    if (msg.type() === 'error') watch.errors.push(`${page.url()}: ${msg.text()}`)
  })
  page.on('pageerror', (err) => watch.pageErrors.push(`${page.url()}: ${err.message}`))
  return watch
}

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
)

/** The rule sets a scan checks by default: WCAG 2.1 A/AA and axe's best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']

/**
 * Runs axe-core on the page as it is now and returns its results.
 *
 * Injection under Enamel's strict CSP (`script-src 'self'`, no 'unsafe-eval'):
 * `page.addScriptTag` inserts an inline <script>, which that CSP blocks, and `bypassCSP` is a
 * whole-context option that would also void the CSP checks of the test itself. `page.evaluate`
 * with the source instead goes through the DevTools protocol, which Chromium does not subject
 * to the page's CSP, so axe is defined in the page's main world and the page keeps its CSP.
 */
export async function axeScan(
  page: Page,
  options: RunOptions = { runOnly: { type: 'tag', values: AXE_TAGS } },
): Promise<AxeResults> {
  const loaded = await page.evaluate(`typeof window.axe === 'object'`)
  if (!loaded) await page.evaluate(AXE_SOURCE)
  return page.evaluate(
    (opts) =>
      (globalThis as unknown as { axe: { run(o: RunOptions): Promise<AxeResults> } }).axe.run(opts),
    options,
  )
}

/** The violations of at least `serious` impact: the ones a test fails on. */
export function seriousViolations(results: AxeResults): Result[] {
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

/** One line per violation with its id, impact and the elements it hit, for failure messages. */
export function describeViolations(violations: readonly Result[]): string {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    )
    .join('\n')
}

/**
 * Waits until htmx has finished what it last swapped in. htmx binds the `hx-*` attributes of
 * new content only when it settles (20 ms after the swap, longer on a loaded box), marking it
 * `htmx-added` until then: a field typed into earlier fires an `input` nobody listens to, and
 * a button clicked earlier submits its form without htmx. Call it after waiting for swapped
 * content and before using it.
 */
export async function htmxSettled(page: Page): Promise<void> {
  // A locator, not waitForFunction: the page's CSP forbids the eval that a string predicate needs.
  await page
    .locator('.htmx-added, .htmx-settling, .htmx-swapping')
    .first()
    .waitFor({ state: 'detached' })
}
