import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { run } from './exec.js'
import type { Instance, Terminal } from './instance.js'
import { isAead, isCbc, isStaticRsa, rule, type ScannerReport } from './rules.js'

// sslscan 2.x with the terminal's certificate (`--certs`, `--pk`), read from its XML report.

export interface SslscanResult {
  protocols: { name: string; enabled: boolean }[]
  ciphers: { status: string; version: string; cipher: string; bits: number }[]
  heartbleed: { version: string; vulnerable: boolean }[]
  renegotiation?: { supported: boolean; secure: boolean }
}

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const m of tag.matchAll(/([\w-]+)="([^"]*)"/g)) out[m[1]!] = m[2]!
  return out
}

/** Parses sslscan's `--xml` output (2.0.x schema). Throws when it is not an sslscan report. */
export function parseSslscanXml(xml: string): SslscanResult {
  if (!/<document\b[^>]*title="SSLScan Results"/.test(xml) || !/<ssltest\b/.test(xml)) {
    throw new Error('not an sslscan XML report (no <document title="SSLScan Results"><ssltest>)')
  }
  const tags = (name: string) =>
    [...xml.matchAll(new RegExp(`<${name}\\b[^>]*/?>`, 'g'))].map((m) => attrs(m[0]))
  const reneg = tags('renegotiation')[0]
  return {
    protocols: tags('protocol').map((a) => ({
      name: `${a.type === 'ssl' ? 'SSLv' : 'TLSv'}${a.version}`,
      enabled: a.enabled === '1',
    })),
    ciphers: tags('cipher').map((a) => ({
      status: a.status ?? '',
      version: a.sslversion ?? '',
      cipher: a.cipher ?? '',
      bits: Number(a.bits ?? 0),
    })),
    heartbleed: tags('heartbleed').map((a) => ({
      version: a.sslversion ?? '',
      vulnerable: a.vulnerable === '1',
    })),
    renegotiation: reneg
      ? { supported: reneg.supported === '1', secure: reneg.secure === '1' }
      : undefined,
  }
}

export function judgeSslscan(r: SslscanResult) {
  const accepted = r.ciphers.filter((c) => c.status === 'accepted' || c.status === 'preferred')
  const names = accepted.map((c) => `${c.version} ${c.cipher}`)
  const staticRsa = accepted.filter((c) => isStaticRsa(c.cipher))
  const cbc = accepted.filter((c) => isCbc(c.cipher) || !isAead(c.cipher))
  const old = r.protocols.filter((p) => p.enabled && !['TLSv1.2', 'TLSv1.3'].includes(p.name))
  const bleeding = r.heartbleed.filter((h) => h.vulnerable)
  const insecureReneg = r.renegotiation?.supported && !r.renegotiation.secure
  const rules = [
    rule(
      'handshake completed with the client certificate (suites enumerated)',
      accepted.length > 0 && r.protocols.length > 0,
      `${accepted.length} suites accepted, ${r.protocols.length} protocols probed`,
    ),
    rule(
      'no static-RSA suite',
      staticRsa.length === 0,
      staticRsa.map((c) => c.cipher).join(' ') || 'none',
    ),
    rule('no CBC (non-AEAD) suite', cbc.length === 0, cbc.map((c) => c.cipher).join(' ') || 'none'),
    rule(
      'no protocol below TLS 1.2',
      old.length === 0,
      `enabled: ${
        r.protocols
          .filter((p) => p.enabled)
          .map((p) => p.name)
          .join(', ') || 'none'
      }`,
    ),
    rule(
      'not vulnerable to Heartbleed, no insecure renegotiation',
      bleeding.length === 0 && !insecureReneg,
      `heartbleed: ${bleeding.map((h) => h.version).join(', ') || 'none'}; insecure renegotiation: ${insecureReneg ? 'yes' : 'no'}`,
    ),
  ]
  return { rules, findings: names }
}

export async function runSslscan(
  inst: Instance,
  terminal: Terminal,
  outDir: string,
  budgetMs: number,
): Promise<ScannerReport> {
  const xmlFile = path.join(outDir, 'sslscan.xml')
  const args = [
    '--no-colour',
    `--certs=${terminal.cert}`,
    `--pk=${terminal.key}`,
    `--xml=${xmlFile}`,
    `${inst.host}:${inst.port}`,
  ]
  const started = Date.now()
  const r = await run('sslscan', args, { timeoutMs: budgetMs })
  const durationMs = Date.now() - started
  writeFileSync(path.join(outDir, 'sslscan.txt'), r.stdout + r.stderr)
  const command = `sslscan ${args.join(' ')}`
  let parsed: SslscanResult | undefined
  let parseError = ''
  try {
    parsed = parseSslscanXml(readFileSync(xmlFile, 'utf8'))
  } catch (err) {
    parseError = (err as Error).message
  }
  const ran = rule(
    'sslscan ran to the end',
    !r.timedOut && r.code === 0 && !!parsed,
    r.timedOut ? `killed after ${Math.round(budgetMs / 1000)} s` : parseError || `exit ${r.code}`,
  )
  if (!parsed) return { scanner: 'sslscan', command, durationMs, rules: [ran], findings: [] }
  const judged = judgeSslscan(parsed)
  return {
    scanner: 'sslscan',
    command,
    durationMs,
    rules: [ran, ...judged.rules],
    findings: judged.findings,
  }
}
