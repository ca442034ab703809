import { readFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import type { BackupRow } from './backup.js'
import { percentile, type LoadResult } from './client.js'

export interface ScenarioRow {
  name: string
  connections: number
  rps: number
  p50: number
  p95: number
  p99: number
  errors: number
  requests: number
  /** Requests/s as a share of the bare node:https server's in the same run. */
  ratio: number | null
  /** Server-side p95 of the scenario's main route (request → response finished), ms. */
  serverP95: number | null
  rssMaxMb: number
  eldP99: number | null
  firstError?: string
}

export interface Budget {
  what: string
  limit: string
  actual: string
  met: boolean
}

export function summarize(
  name: string,
  connections: number,
  r: LoadResult,
  extra: { serverTimes?: number[]; rssMax: number; eldP99?: number },
): ScenarioRow {
  const sorted = [...r.latencies].sort((a, b) => a - b)
  const server = extra.serverTimes ? [...extra.serverTimes].sort((a, b) => a - b) : undefined
  return {
    name,
    connections,
    rps: r.requests / r.seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    errors: r.errors,
    requests: r.requests,
    ratio: null,
    serverP95: server && server.length > 0 ? percentile(server, 95) : null,
    rssMaxMb: extra.rssMax / 1048576,
    eldP99: extra.eldP99 ?? null,
    firstError: r.firstError,
  }
}

export function machine() {
  const cpuinfo = (() => {
    try {
      return readFileSync('/proc/cpuinfo', 'utf8')
    } catch {
      return ''
    }
  })()
  return {
    cores: cpus().length,
    cpu: /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown',
    ramGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    loadavg: loadavg().map((l) => Math.round(l * 100) / 100),
  }
}

const f = (n: number | null, digits = 1) =>
  n === null || Number.isNaN(n) ? '—' : n.toFixed(digits)

/** The report as Markdown: scenarios, then budgets, then the figures around them. */
export function markdown(r: {
  machine: ReturnType<typeof machine>
  loadAfter: number[]
  scenarios: ScenarioRow[]
  budgets: Budget[]
  backup?: BackupRow[]
  facts: [string, string][]
  profile?: { file: string; top: { fn: string; where: string; selfMs: number; pct: number }[] }
}): string {
  const lines = [
    `Machine: ${r.machine.cores} cores, ${r.machine.cpu}, ${r.machine.ramGb} GB RAM, Node ${r.machine.node}; ` +
      `load average before ${r.machine.loadavg.join(' / ')}, after ${r.loadAfter.join(' / ')}`,
    '',
    '| scenario | conns | req/s | p50 ms | p95 ms | p99 ms | vs bare | server p95 ms | RSS max MB | ELD p99 ms | errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...r.scenarios.map(
      (s) =>
        `| ${s.name} | ${s.connections} | ${f(s.rps, 0)} | ${f(s.p50)} | ${f(s.p95)} | ${f(s.p99)} | ` +
        `${s.ratio === null ? '—' : `${(s.ratio * 100).toFixed(0)} %`} | ${f(s.serverP95)} | ${f(s.rssMaxMb, 0)} | ` +
        `${f(s.eldP99)} | ${s.errors}${s.firstError && s.errors > 0 ? ` (${s.firstError})` : ''} |`,
    ),
    '',
    '| budget | limit | measured | |',
    '|---|---|---|---|',
    ...r.budgets.map(
      (b) => `| ${b.what} | ${b.limit} | ${b.actual} | ${b.met ? 'met' : '**missed**'} |`,
    ),
    '',
    ...backupTable(r.backup),
    ...r.facts.map(([k, v]) => `- ${k}: ${v}`),
  ]
  if (r.profile) {
    lines.push(
      '',
      `CPU profile: ${r.profile.file}`,
      '',
      '| self ms | % | function | where |',
      '|---:|---:|---|---|',
    )
    for (const t of r.profile.top)
      lines.push(`| ${t.selfMs.toFixed(0)} | ${t.pct.toFixed(1)} | ${t.fn} | ${t.where} |`)
  }
  return lines.join('\n')
}

/** The backup scenario: no budget exists, so every figure is "reported" (or failed). */
function backupTable(rows: BackupRow[] | undefined): string[] {
  if (!rows || rows.length === 0) return []
  const s = (ms: number | null) => (ms === null ? '—' : (ms / 1000).toFixed(1))
  return [
    '| backup, local restic repository | command | wall s | in CLI s | repository MB | figures | |',
    '|---|---|---:|---:|---:|---|---|',
    ...rows.map(
      (b) =>
        `| ${b.step} | \`${b.command}\` | ${s(b.wallMs)} | ${s(b.cliMs)} | ` +
        `${b.repoBytes === null ? '—' : (b.repoBytes / 1048576).toFixed(1)} | ${b.figures} | ` +
        `${b.status === 'reported' ? 'reported' : '**failed**'} |`,
    ),
    '',
  ]
}

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount?: number
}

/** Self time per function of a V8 .cpuprofile, heaviest first (the flame's widest leaves). */
export function topSelfTime(file: string, n = 15) {
  const p = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: ProfileNode[]
    samples: number[]
    timeDeltas: number[]
  }
  const byNode = new Map<number, number>()
  for (let i = 0; i < p.samples.length; i++) {
    const id = p.samples[i]!
    byNode.set(id, (byNode.get(id) ?? 0) + (p.timeDeltas[i] ?? 0))
  }
  const byFn = new Map<string, { fn: string; where: string; us: number }>()
  let total = 0
  for (const node of p.nodes) {
    const us = byNode.get(node.id) ?? 0
    total += us
    const cf = node.callFrame
    const where = cf.url
      ? `${cf.url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '')}:${cf.lineNumber + 1}`
      : ''
    const key = `${cf.functionName}@${where}`
    const e = byFn.get(key) ?? { fn: cf.functionName || '(anonymous)', where, us: 0 }
    e.us += us
    byFn.set(key, e)
  }
  return [...byFn.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, n)
    .map((e) => ({
      fn: e.fn,
      where: e.where,
      selfMs: e.us / 1000,
      pct: total ? (100 * e.us) / total : 0,
    }))
}
