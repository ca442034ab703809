import { readFileSync } from 'node:fs'
import path from 'node:path'
import { run } from './exec.js'
import type { Instance, Terminal } from './instance.js'
import { isAead, isEcdheOrTls13, rule, type RuleResult, type ScannerReport } from './rules.js'
import { WAIVERS, waiverFor } from './waivers.js'

// testssl.sh 3.0.8 (Debian's `testssl`). It takes the client certificate through the
// `keyopts` environment variable, which it appends to every `openssl s_client` it runs; its
// own socket probes need none (the server picks a suite before it asks for a certificate).

export interface TestsslFinding {
  id: string
  severity: string
  finding: string
}

/**
 * The checks: protocols (-p), the server's preferences with the full cipher order per
 * protocol (-P: every accepted suite), server defaults and the certificate with the clinic
 * CA added (-S), HTTP headers (-h) and the vulnerabilities (-U). Left out to keep the scan
 * bounded on 2 cores: -E (each of ~370 ciphers per protocol), -s and -f (the cipher
 * categories and forward-secrecy lists, which -P's full list already decides; sslscan
 * enumerates every suite again).
 */
export const TESTSSL_CHECKS = ['-p', '-P', '-S', '-h', '-U']

const BELOW_TLS12 = ['SSLv2', 'SSLv3', 'TLS1', 'TLS1_1']
const HSTS_MIN_SECONDS = 365 * 24 * 3600
// Cipher categories of -s that must all be "not offered": no NULL, anonymous, export, low,
// 3DES/IDEA or CBC ("obsoleted") suites.
const FORBIDDEN_LISTS = [
  'cipherlist_NULL',
  'cipherlist_aNULL',
  'cipherlist_EXPORT',
  'cipherlist_LOW',
  'cipherlist_3DES_IDEA',
  'cipherlist_AVERAGE',
  'cipherlist_OBSOLETED',
]

export function parseTestsslJson(text: string): TestsslFinding[] {
  const data = JSON.parse(text) as unknown
  if (!Array.isArray(data)) throw new Error('testssl JSON is not an array of findings')
  return data.map((f: Record<string, unknown>) => ({
    id: String(f.id ?? ''),
    severity: String(f.severity ?? ''),
    finding: String(f.finding ?? ''),
  }))
}

/** The rules of issue 9 §5 over testssl's flat JSON findings. */
export function judgeTestssl(findings: TestsslFinding[]): {
  rules: RuleResult[]
  notable: string[]
} {
  const byId = new Map<string, TestsslFinding[]>()
  for (const f of findings) byId.set(f.id, [...(byId.get(f.id) ?? []), f])
  const one = (id: string) => byId.get(id)?.[0]
  const rules: RuleResult[] = []

  // testssl ran and reached the application with our certificate (else it skips HTTP checks).
  const problems = findings.filter((f) => f.id === 'scanProblem' || f.severity === 'FATAL')
  rules.push(
    rule(
      'testssl completed without scan problems',
      problems.length === 0,
      problems.map((f) => `${f.id}: ${f.finding}`).join('; ') || 'none',
    ),
  )
  const service = one('service')
  rules.push(
    rule(
      'client certificate accepted (HTTP service reached)',
      service?.finding === 'HTTP',
      `service: ${service?.finding ?? 'missing'}`,
    ),
  )

  const severe = findings.filter((f) => f.severity === 'HIGH' || f.severity === 'CRITICAL')
  const unwaived = severe.filter((f) => !waiverFor('testssl', f.id, f.finding))
  const waived = severe.filter((f) => waiverFor('testssl', f.id, f.finding))
  rules.push(
    rule(
      'no HIGH or CRITICAL finding (clinic CA added)',
      unwaived.length === 0,
      unwaived.length
        ? unwaived.map((f) => `${f.severity} ${f.id}: ${f.finding}`).join('; ')
        : `none${waived.length ? ` (waived: ${waived.map((f) => f.id).join(', ')}; see docs/security.md)` : ''}`,
    ),
  )

  const offeredOld = BELOW_TLS12.filter((id) => !/^not offered/.test(one(id)?.finding ?? ''))
  const modern = ['TLS1_2', 'TLS1_3'].filter((id) => /^offered/.test(one(id)?.finding ?? ''))
  rules.push(
    rule(
      'TLS 1.2+ only',
      offeredOld.length === 0 && modern.length > 0,
      `below 1.2 offered or unknown: ${offeredOld.join(', ') || 'none'}; offered: ${modern.join(', ') || 'none'}`,
    ),
  )

  const orders = findings.filter((f) => /^cipherorder_TLSv1(_[0-3])?$/.test(f.id))
  const suites = orders.flatMap((f) => f.finding.split(/\s+/).filter(Boolean))
  const listsSeen = FORBIDDEN_LISTS.filter((id) => byId.has(id))
  const listsOffered = listsSeen.filter((id) => !/^not offered/.test(one(id)!.finding))
  const badSuites = suites.filter((s) => !isAead(s) || !isEcdheOrTls13(s))
  rules.push(
    rule(
      'ECDHE with AEAD suites only',
      suites.length > 0 && badSuites.length === 0 && listsOffered.length === 0,
      `suites: ${suites.join(' ') || 'none listed'}; non-AEAD/non-ECDHE: ${badSuites.join(' ') || 'none'}; ` +
        (listsSeen.length
          ? `weak categories offered: ${listsOffered.join(', ') || 'none'} (of ${listsSeen.length} checked)`
          : 'suite categories (-s) not run'),
    ),
  )

  const hsts = one('HSTS_time') ?? one('HSTS')
  const seconds = Number(/(\d+)\s*s(?:econds)?\b/.exec(hsts?.finding ?? '')?.[1] ?? NaN)
  rules.push(
    rule(
      'HSTS present, max-age >= 1 year',
      !!hsts && hsts.severity === 'OK' && seconds >= HSTS_MIN_SECONDS,
      hsts ? `${hsts.id} ${hsts.severity}: ${hsts.finding}` : 'no HSTS finding',
    ),
  )

  const notable = findings
    .filter((f) => !['OK', 'INFO', 'DEBUG'].includes(f.severity))
    .map((f) => {
      const w = waiverFor('testssl', f.id, f.finding)
      return `${f.severity} ${f.id}: ${f.finding}${w ? ' — WAIVED: ' + w.reason : ''}`
    })
  return { rules, notable }
}

export async function runTestssl(
  inst: Instance,
  terminal: Terminal,
  outDir: string,
  budgetMs: number,
): Promise<ScannerReport> {
  const jsonFile = path.join(outDir, 'testssl.json')
  const logFile = path.join(outDir, 'testssl.txt')
  const args = [
    '--quiet',
    '--color',
    '0',
    '--warnings',
    'off',
    '-n',
    'none',
    '--add-ca',
    inst.caCert,
    '--connect-timeout',
    '10',
    '--openssl-timeout',
    '10',
    ...TESTSSL_CHECKS,
    '--jsonfile',
    jsonFile,
    '--logfile',
    logFile,
    // /login answers 200 with the pre-login CSRF cookie: the headers of a real page
    `${inst.url}/login`,
  ]
  const started = Date.now()
  const r = await run('testssl', args, {
    env: { keyopts: `-cert ${terminal.cert} -key ${terminal.key}` },
    timeoutMs: budgetMs,
  })
  const durationMs = Date.now() - started
  const command = `keyopts="-cert <${terminal.zone}.crt> -key <${terminal.zone}.key>" testssl ${args.join(' ')}`
  let findings: TestsslFinding[] = []
  let parseError = ''
  try {
    findings = parseTestsslJson(readFileSync(jsonFile, 'utf8'))
  } catch (err) {
    parseError = (err as Error).message
  }
  const { rules, notable } = judgeTestssl(findings)
  // testssl's exit code counts findings in some versions; the JSON is the verdict, but a
  // timeout or a crash is a failure of its own.
  rules.unshift(
    rule(
      'testssl ran to the end',
      !r.timedOut && !parseError && findings.length > 0,
      r.timedOut
        ? `killed after ${Math.round(budgetMs / 1000)} s`
        : parseError || `exit ${r.code}, ${findings.length} findings`,
    ),
  )
  return { scanner: 'testssl', command, durationMs, rules, findings: notable }
}

export { WAIVERS }
