// `npm run security-scan`: the outside scanners of issue 9 §5 (checklist 45) against a real,
// throwaway Enamel on loopback, each with a terminal's client certificate:
//   testssl.sh 3.0.8 — no HIGH/CRITICAL finding with the clinic CA added, TLS 1.2+ with ECDHE
//                      and AEAD suites only, HSTS present;
//   sslscan         — no static-RSA or CBC suite, nothing below TLS 1.2;
//   sqlmap          — nothing injectable on the search, list and form endpoints, signed in.
// Prints a Markdown summary, writes test-results/security-scan/summary.{json,md} beside the
// scanners' own reports, and exits non-zero with one readable line when a rule fails.
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { startInstance, type Instance } from './security-scan/instance.js'
import { rule, type RuleResult, type ScannerReport } from './security-scan/rules.js'
import { Browser } from './security-scan/session.js'
import { runSqlmap } from './security-scan/sqlmap.js'
import { runSslscan } from './security-scan/sslscan.js'
import {
  officeTargets,
  receptionTargets,
  seedPatients,
  surgeryTargets,
} from './security-scan/targets.js'
import { runTestssl } from './security-scan/testssl.js'
import { WAIVERS } from './security-scan/waivers.js'

const ROOT = path.resolve(import.meta.dirname, '..')
const OUT = path.join(ROOT, 'test-results', 'security-scan')
const TOOLS: [string, string][] = [
  ['testssl', 'testssl.sh'],
  ['sslscan', 'sslscan'],
  ['sqlmap', 'sqlmap'],
  ['openssl', 'openssl'],
]
// testssl and the sqlmap runs go side by side; each has its own hard limit, so the scan ends
// within about 12 minutes even on a busy 2-core box (a scanner cut short fails the scan).
const TESTSSL_BUDGET_MS = 10 * 60_000
const SSLSCAN_BUDGET_MS = 2 * 60_000
const SQLMAP_BUDGET_MS = 10 * 60_000

type Scanner = ScannerReport['scanner']
const ALL: Scanner[] = ['testssl', 'sslscan', 'sqlmap']

function parseOnly(argv: string[]): Scanner[] {
  const arg = argv.find((a) => a.startsWith('--only='))
  if (!arg) return ALL
  const picked = arg.slice('--only='.length).split(',')
  const bad = picked.filter((p) => !ALL.includes(p as Scanner))
  if (bad.length) throw new Error(`--only takes ${ALL.join(',')}; got ${bad.join(',')}`)
  return picked as Scanner[]
}

function checkTools(): void {
  const missing = TOOLS.filter(([cmd]) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status !== 0)
  if (missing.length) {
    throw new Error(
      `missing scanners; install them with: sudo apt-get install -y ${missing.map(([, pkg]) => pkg).join(' ')}`,
    )
  }
}

/** The server must have answered every scanner request without a 5xx and still be alive. */
async function serverRules(inst: Instance, browser: Browser): Promise<ScannerReport> {
  const lines = readFileSync(inst.serverLog, 'utf8').split('\n').filter(Boolean)
  const requests: {
    status?: number
    route?: string
    method?: string
    level?: number
    msg?: string
  }[] = []
  for (const line of lines) {
    try {
      requests.push(JSON.parse(line) as (typeof requests)[number])
    } catch {
      // a non-JSON line (none expected): ignored here
    }
  }
  const served = requests.filter((r) => r.msg === 'request')
  const fiveXx = served.filter((r) => (r.status ?? 0) >= 500)
  const errors = requests.filter((r) => (r.level ?? 0) >= 50)
  const health = await browser.get('/healthz').catch((e: Error) => ({ status: 0, body: e.message }))
  const byRoute = new Map<string, number>()
  for (const r of fiveXx)
    byRoute.set(`${r.method} ${r.route}`, (byRoute.get(`${r.method} ${r.route}`) ?? 0) + 1)
  return {
    scanner: 'server',
    command: 'server log and /healthz after the scans',
    durationMs: 0,
    rules: [
      rule(
        'the server answered no 5xx and logged no error under the scanners',
        fiveXx.length === 0 && errors.length === 0,
        `${served.length} requests served; 5xx: ${[...byRoute].map(([k, n]) => `${k} ×${n}`).join(', ') || 'none'}; error lines: ${errors.length}`,
      ),
      rule(
        'the server is still healthy afterwards',
        health.status === 200,
        `/healthz → ${health.status}`,
      ),
    ],
    findings: [],
  }
}

function markdown(reports: ScannerReport[], seconds: number, failed: RuleResult[]): string {
  const out = [
    '# Enamel security scan',
    '',
    `Duration: ${seconds} s. Result: ${failed.length ? `**FAILED** (${failed.length} rule(s))` : '**passed**'}.`,
    '',
  ]
  for (const r of reports) {
    out.push(
      `## ${r.scanner}${r.durationMs ? ` (${Math.round(r.durationMs / 1000)} s)` : ''}`,
      '',
      '`' + r.command + '`',
      '',
    )
    out.push('| rule | result | evidence |', '|---|---|---|')
    for (const x of r.rules)
      out.push(`| ${x.rule} | ${x.ok ? 'pass' : '**FAIL**'} | ${x.detail.replace(/\|/g, '\\|')} |`)
    if (r.findings.length) out.push('', ...r.findings.map((f) => `- ${f}`))
    out.push('')
  }
  if (WAIVERS.length) {
    out.push(
      '## Reviewed waivers',
      '',
      ...WAIVERS.map((w) => `- ${w.scanner} \`${w.id}\` (${w.finding.source}): ${w.reason}`),
      '',
    )
  }
  return out.join('\n')
}

async function main(): Promise<number> {
  const only = parseOnly(process.argv.slice(2))
  checkTools()
  rmSync(OUT, { recursive: true, force: true })
  mkdirSync(OUT, { recursive: true })
  const started = Date.now()
  const reports: ScannerReport[] = []
  const inst = await startInstance()
  const browsers: Browser[] = []
  const open = (zone: keyof Instance['terminals']) => {
    const b = new Browser(inst, inst.terminals[zone])
    browsers.push(b)
    return b
  }
  try {
    console.error(`security-scan: Enamel running at ${inst.url} (data in ${inst.dir})`)
    const reception = open('reception')
    await reception.signIn(inst.accounts.receptionist)
    const patients = await seedPatients(reception)
    const today = new Date()

    if (only.includes('sslscan')) {
      console.error('security-scan: sslscan …')
      reports.push(await runSslscan(inst, inst.terminals.office, OUT, SSLSCAN_BUDGET_MS))
    }
    const testssl = only.includes('testssl')
      ? (console.error('security-scan: testssl (runs beside sqlmap) …'),
        runTestssl(inst, inst.terminals.office, OUT, TESTSSL_BUDGET_MS))
      : undefined
    if (only.includes('sqlmap')) {
      // Four sqlmap runs side by side (sqlmap tests one request at a time), each with its
      // terminal's certificate and a session signed in just before, so none idles into a lock:
      // the reception desk split in two (the two 23-field patient forms are most of the work),
      // the office and the dental chair.
      console.error('security-scan: sqlmap (reception ×2, office, dental chair) …')
      await reception.signIn(inst.accounts.receptionist)
      const rTargets = await receptionTargets(reception, patients[0]!, today)
      const office = open('office')
      await office.signIn(inst.owner)
      const surgery = open('surgery')
      await surgery.signIn(inst.accounts.doctor)
      const half = rTargets.filter(
        (t) => t.url.endsWith('/update') || t.url === '/schedule/appointments',
      )
      const runs = await Promise.all([
        runSqlmap(
          reception,
          'reception-a',
          rTargets.filter((t) => !half.includes(t)),
          OUT,
          SQLMAP_BUDGET_MS,
        ),
        runSqlmap(reception, 'reception-b', half, OUT, SQLMAP_BUDGET_MS),
        runSqlmap(office, 'office', officeTargets(today), OUT, SQLMAP_BUDGET_MS),
        runSqlmap(surgery, 'surgery', surgeryTargets(patients[1]!), OUT, SQLMAP_BUDGET_MS),
      ])
      reports.push(...runs)
    }
    if (testssl) reports.push(await testssl)
    reports.push(await serverRules(inst, reception))
  } finally {
    if (existsSync(inst.serverLog)) copyFileSync(inst.serverLog, path.join(OUT, 'server.log'))
    await Promise.all(browsers.map((b) => b.close()))
    await inst.stop()
  }

  const seconds = Math.round((Date.now() - started) / 1000)
  const failed = reports.flatMap((r) =>
    r.rules.filter((x) => !x.ok).map((x) => ({ ...x, rule: `${r.scanner}: ${x.rule}` })),
  )
  const md = markdown(reports, seconds, failed)
  writeFileSync(path.join(OUT, 'summary.md'), md)
  writeFileSync(
    path.join(OUT, 'summary.json'),
    JSON.stringify(
      {
        passed: failed.length === 0,
        seconds,
        reports,
        waivers: WAIVERS.map((w) => ({ ...w, finding: w.finding.source })),
      },
      null,
      2,
    ),
  )
  console.log(md)
  if (failed.length) {
    const first = failed[0]!
    console.error(
      `security-scan: FAILED ${failed.length} rule(s); first: ${first.rule} — ${first.detail}`,
    )
    return 1
  }
  console.error(`security-scan: passed (${seconds} s); reports in test-results/security-scan/`)
  return 0
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`security-scan: FAILED — ${(err as Error).message.split('\n')[0]}`)
    process.exit(1)
  },
)
