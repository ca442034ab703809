import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { run } from './exec.js'
import type { Browser } from './session.js'
import { rule, type RuleResult, type ScannerReport } from './rules.js'

// sqlmap (Debian) against a signed-in session: the terminal's certificate through
// `--auth-file`, the session cookie and the Origin header the CSRF check wants, every target
// request in one Burp-style log (`-l`), which puts sqlmap in its multiple-targets mode, the
// only mode that writes the CSV results file. sqlmap exits 0 whatever it finds: the verdict is
// that file plus its own per-target messages.

export interface SqlTarget {
  /** What the clinic would call it, for the report. */
  label: string
  method: 'GET' | 'POST'
  /** Path and query; `*` marks a path segment to inject into (e.g. `/patients/1*`). */
  url: string
  /** Form fields (POST); `_csrf` is added and never tested. */
  fields?: Record<string, string>
}

/** A Burp proxy log with one entry per target, as sqlmap's `-l` parses it. */
export function burpLog(browser: Browser, targets: SqlTarget[]): string {
  const { host, port, url: origin } = browser.instance
  const sep = '='.repeat(54)
  return targets
    .map((t) => {
      const body = t.fields
        ? new URLSearchParams({ ...t.fields, _csrf: browser.csrfToken }).toString()
        : undefined
      const lines = [
        sep,
        `09:00:00  ${origin}  [${host}]`,
        sep,
        `${t.method} ${t.url} HTTP/1.1`,
        `Host: ${host}:${port}`,
        `Cookie: ${browser.cookieHeader()}`,
        `Origin: ${origin}`,
        'Accept: text/html',
        ...(body
          ? [
              'Content-Type: application/x-www-form-urlencoded',
              `Content-Length: ${Buffer.byteLength(body)}`,
              '',
              body,
            ]
          : ['']),
        sep,
        '',
        '',
      ]
      return lines.join('\n')
    })
    .join('')
}

export interface SqlmapVerdict {
  injectable: string[]
  suspicious: string[]
  tested: number
  errors: string[]
  notInjectableTargets: number
}

/**
 * Reads the CSV results file (one row per injectable parameter, after the header) and the
 * console log. A target that sqlmap could not reach or skipped is an error, not a pass.
 */
export function judgeSqlmap(
  csv: string,
  log: string,
  expectedTargets: number,
): { rules: RuleResult[]; verdict: SqlmapVerdict } {
  const rows = csv
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
  const header = rows[0] ?? ''
  const injectable = rows.slice(1)
  const confirmed = [
    ...log.matchAll(
      /(?:Parameter: .+|\b(?:GET|POST|URI|Cookie) parameter '[^']+' (?:is|appears to be) '[^']+' injectable)/g,
    ),
  ].map((m) => m[0])
  // sqlmap's basic heuristic also says "might be injectable" when a quote merely changes the
  // page (a 422 instead of a 303); only a database error message names a possible DBMS.
  const suspicious = [
    ...log.matchAll(
      /heuristic \(basic\) test shows that .+ might be injectable \(possible DBMS[^\n]*/g,
    ),
  ].map((m) => m[0])
  const tested = (log.match(/\[INFO\] testing URL '/g) ?? []).length
  const notInjectable = (log.match(/all tested parameters do not appear to be injectable/g) ?? [])
    .length
  const errors = [...log.matchAll(/\[(?:CRITICAL|ERROR)\] ([^\n]+)/g)]
    .map((m) => m[1]!)
    .filter((m) => !/all tested parameters do not appear to be injectable/.test(m))
  const rules = [
    rule(
      'results file written (multiple-targets mode)',
      /^Target URL,Place,Parameter,Technique\(s\),Note\(s\)$/.test(header),
      header ? `header: ${header}` : 'missing or empty',
    ),
    rule(
      'every target tested',
      tested === expectedTargets &&
        notInjectable + injectable.length >= expectedTargets &&
        errors.length === 0,
      `${tested}/${expectedTargets} targets tested, ${notInjectable} reported not injectable` +
        (errors.length ? `; errors: ${[...new Set(errors)].slice(0, 5).join(' | ')}` : ''),
    ),
    rule(
      'nothing injectable',
      injectable.length === 0 && confirmed.length === 0,
      injectable.length || confirmed.length
        ? [...injectable, ...confirmed].join('; ')
        : 'no injectable parameter',
    ),
    rule(
      'no database error leaked (heuristic)',
      suspicious.length === 0,
      suspicious.join('; ') || 'none',
    ),
  ]
  return {
    rules,
    verdict: {
      injectable: [...injectable, ...confirmed],
      suspicious,
      tested,
      errors,
      notInjectableTargets: notInjectable,
    },
  }
}

/** The options every sqlmap run gets (level 2: cookies too; risk 1: nothing destructive). */
export const SQLMAP_OPTIONS = [
  '--batch',
  '--force-ssl',
  '--level=2',
  '--risk=1',
  // boolean-blind, error-based, UNION and stacked queries; not the time-based blind payloads
  // (SQLite has no sleep: they are CPU-heavy queries that would dominate the run)
  '--technique=BEUS',
  '--dbms=SQLite',
  '--ignore-stdin',
  '--skip=_csrf,__Host-enamel-csrf',
  '--drop-set-cookie',
  '--time-sec=2',
  '--timeout=20',
  '--retries=1',
  '--threads=2',
  '--disable-coloring',
  '--skip-waf',
  '--answers=follow=N',
]

export async function runSqlmap(
  browser: Browser,
  name: string,
  targets: SqlTarget[],
  outDir: string,
  budgetMs: number,
): Promise<ScannerReport> {
  const requests = path.join(outDir, `sqlmap-${name}.requests.log`)
  const resultsFile = path.join(outDir, `sqlmap-${name}.results.csv`)
  const sqlmapOut = path.join(outDir, `sqlmap-${name}`)
  writeFileSync(requests, burpLog(browser, targets), { mode: 0o600 })
  const args = [
    '-l',
    requests,
    `--auth-file=${browser.terminal.bundle}`,
    `--results-file=${resultsFile}`,
    `--output-dir=${sqlmapOut}`,
    ...SQLMAP_OPTIONS,
  ]
  const started = Date.now()
  // sqlmap checks the server certificate with Python's defaults: trust the clinic CA only.
  const r = await run('sqlmap', args, {
    timeoutMs: budgetMs,
    env: { SSL_CERT_FILE: browser.instance.caCert },
  })
  const durationMs = Date.now() - started
  writeFileSync(path.join(outDir, `sqlmap-${name}.txt`), r.stdout + r.stderr)
  const csv = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : ''
  const { rules } = judgeSqlmap(csv, r.stdout + r.stderr + targetLogs(sqlmapOut), targets.length)
  rules.unshift(
    rule(
      'sqlmap ran to the end',
      !r.timedOut && r.code === 0,
      r.timedOut ? `killed after ${Math.round(budgetMs / 1000)} s` : `exit ${r.code}`,
    ),
  )
  return {
    scanner: 'sqlmap',
    command: `sqlmap ${args.join(' ')}  # ${name}: ${targets.map((t) => `${t.method} ${t.url}`).join(', ')}`,
    durationMs,
    rules: rules.map((x) => ({ ...x, rule: `${x.rule} (${name})` })),
    findings: targets.map(
      (t) =>
        `${name}: ${t.label} — ${t.method} ${t.url}${t.fields ? ` [${Object.keys(t.fields).join(', ')}]` : ''}`,
    ),
  }
}

/** The per-host `log` files sqlmap writes injection points into (empty when none). */
function targetLogs(dir: string): string {
  if (!existsSync(dir)) return ''
  let out = ''
  for (const host of readdirSync(dir)) {
    const log = path.join(dir, host, 'log')
    if (existsSync(log) && statSync(log).size > 0) out += '\n' + readFileSync(log, 'utf8')
  }
  return out
}
