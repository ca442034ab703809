import { fork, type ChildProcess } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { loadavg } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { MALE_NAMES, PATRONYMICS, SURNAMES } from '../server/demo/demo-names.js'
import { prng } from '../server/patients/synthetic.js'
import { addDays } from '../server/schedule/clinic-time.js'
import { bundle } from '../scripts/build.mjs'
import { backupScenario, oneLine, type BackupRow } from './backup.js'
import { runLoad, Terminal, type Identity, type Response } from './client.js'
import { prepare } from './prepare.js'
import {
  machine,
  markdown,
  summarize,
  topSelfTime,
  type Budget,
  type ScenarioRow,
} from './report.js'

// npm run bench [-- --quick] [--duration S] [--warmup S] [--profile] [--skip-backup] [--seed N] [--patients N]
// One command: a cached synthetic clinic, the real server in a child process, the bare
// node:https ceiling in another, and this process as the load generator over mutual TLS.

const { values: a } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    profile: { type: 'boolean' },
    'skip-backup': { type: 'boolean' },
    seed: { type: 'string', default: '1' },
    patients: { type: 'string' },
    entries: { type: 'string' },
    attachments: { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
  },
})
const root = path.resolve(import.meta.dirname, '..')
const quick = a.quick ?? false
const sizes = {
  seed: Number(a.seed),
  patients: Number(a.patients ?? (quick ? 5_000 : 100_000)),
  entries: Number(a.entries ?? (quick ? 50_000 : 1_000_000)),
  attachments: Number(a.attachments ?? (quick ? 20 : 1_000)),
  attachmentKb: quick ? 256 : 1024,
  // A fixed "today" keeps the cached clinic valid and every run comparable (a Monday).
  today: '2026-11-30',
  terminals: 10,
}
const durationMs = Number(a.duration ?? (quick ? 4 : 12)) * 1000
const warmupMs = Number(a.warmup ?? (quick ? 1 : 3)) * 1000
const log = (l: string) => process.stderr.write(`bench: ${l}\n`)
const stamp = new Date().toISOString().replace(/[:.]/g, '-')
const resultsDir = path.join(root, 'bench', 'results')
const profileDir = path.join(resultsDir, `profile-${stamp}`)

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

/**
 * Bundles the bench's server (server/main.ts's start-up plus the probes), the bare server and
 * the CLI exactly as `npm run build` bundles the product (scripts/build.mjs), so the servers
 * run as plain JavaScript like `npm start` runs them: the tsx loader would add seconds of
 * start-up and a compile thread to every figure.
 */
async function compile(): Promise<string> {
  const out = path.join(root, 'bench', '.cache', 'build')
  rmSync(out, { recursive: true, force: true })
  await bundle(['bench/server-wrapper.ts', 'bench/bare-server.ts', 'server/cli.ts'], out)
  return out
}

type Child = { proc: ChildProcess; ask<T>(type: string, reply: string): Promise<T> }
function child(file: string, args: string[], env: NodeJS.ProcessEnv, execArgv: string[]): Child {
  const proc = fork(file, args, {
    env,
    execArgv,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  return {
    proc,
    ask: <T>(type: string, reply: string) =>
      new Promise<T>((resolve) => {
        const on = (m: { type: string }) => {
          if (m.type !== reply) return
          proc.off('message', on)
          resolve(m as T)
        }
        proc.on('message', on)
        if (type) proc.send({ type })
      }),
  }
}
const stop = (c: Child) =>
  new Promise<void>((resolve) => {
    c.proc.once('exit', () => resolve())
    c.proc.send({ type: 'stop' })
  })

interface ServerReport {
  rss: number
  rssMax: number
  eld: { p50: number; p99: number; max: number }
  serverTimes: Record<string, number[]>
  sql?: { sql: string; n: number; ms: number }[]
  gc?: Record<string, { n: number; ms: number; maxMs: number }>
  /** The start-up quick_check, run in a worker while the server already serves. */
  integrity?: { result: string; ms: number }
}

async function main() {
  const m = machine()
  log(`${m.cores} cores, ${m.cpu}, load ${m.loadavg.join(' ')}`)
  const prep = await prepare(root, sizes, log)
  // The scratch copy goes whatever happens (a run copies the whole database into it).
  process.on('exit', () => rmSync(prep.dataDir, { recursive: true, force: true }))
  const ca = readFileSync(prep.caCert, 'utf8')
  const identity = (b: { p12: string; passphrase: string }): Identity => ({
    pfx: readFileSync(b.p12),
    passphrase: b.passphrase,
  })
  const port = await freePort()
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ENAMEL_DATA_DIR: prep.dataDir,
    ENAMEL_PORT: String(port),
    ENAMEL_HOST: '127.0.0.1',
    ENAMEL_LOG_LEVEL: 'warn',
    BENCH_SQL_TIMES: a.profile ? '1' : '0',
  }
  delete env.ENAMEL_BACKUP_REPOSITORY

  // Start-up: from fork() to the first request served (polled every 10 ms).
  if (a.profile) mkdirSync(profileDir, { recursive: true })
  log('compiling the server to JavaScript…')
  const build = await compile()
  // BENCH_SERVER_FLAGS: Node or V8 flags for the server under test, to try one (A/B).
  const execArgv = [
    ...(a.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    ...(process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean),
  ]
  const t0 = performance.now()
  const server = child(path.join(build, 'bench', 'server-wrapper.js'), [], env, execArgv)
  const ready = server.ask<{
    url: string
    startMs: number
    rss: number
    phases: { imports: number; openRuntime: number; startEnamel: number }
  }>('', 'ready')
  const probe = new Terminal(`https://127.0.0.1:${port}`, identity(prep.reception[0]!), ca)
  let startupMs = 0
  for (;;) {
    try {
      const r = await probe.send('GET', '/login')
      if (r.status === 200) {
        startupMs = performance.now() - t0
        break
      }
    } catch {
      await new Promise((r) => setTimeout(r, 10))
    }
  }
  const info = await ready
  log(`server up in ${startupMs.toFixed(0)} ms (in-process ${info.startMs.toFixed(0)} ms)`)
  await new Promise((r) => setTimeout(r, 1000))
  const idle = await server.ask<ServerReport>('report', 'report')

  const base = info.url
  const pw = prep.demo.password
  const reception = prep.reception.map((b) => new Terminal(base, identity(b), ca))
  const surgery = prep.surgery.map((b) => new Terminal(base, identity(b), ca))
  const rec = prep.demo.logins.receptionists
  const docs = prep.demo.logins.doctors
  for (const [i, t] of reception.entries()) {
    if (!(await t.login(rec[i % rec.length]!, pw)).ok) throw new Error('reception login failed')
  }
  for (const [i, t] of surgery.entries()) {
    if (!(await t.login(docs[i % docs.length]!, pw)).ok) throw new Error('doctor login failed')
  }

  const rnd = prng(sizes.seed + 1000)
  const patientId = () => 1 + Math.floor(rnd() * sizes.patients)
  const frag = (s: string) => {
    const w = s.toLowerCase()
    const len = 3 + Math.floor(rnd() * 4)
    const from = rnd() < 0.6 ? 0 : Math.floor(rnd() * Math.max(1, w.length - len))
    return w.slice(from, from + len)
  }
  const query = () => {
    const u = rnd()
    if (u < 0.35) return frag(SURNAMES[Math.floor(rnd() * SURNAMES.length)]!)
    if (u < 0.55)
      return frag(PATRONYMICS[Math.floor(rnd() * PATRONYMICS.length)]![rnd() < 0.5 ? 0 : 1])
    if (u < 0.65)
      return `${frag(SURNAMES[Math.floor(rnd() * SURNAMES.length)]!)} ${frag(MALE_NAMES[Math.floor(rnd() * MALE_NAMES.length)]!)}`
    return String(Math.floor(rnd() * 1e7))
      .padStart(7, '0')
      .slice(0, 4 + Math.floor(rnd() * 4))
  }
  const benchDays = Array.from({ length: 7 }, (_, i) => addDays(sizes.today, i - 5))
  const search = (t: Terminal) => () =>
    t.send('POST', '/patients/search', {
      form: { q: query() },
      headers: { 'hx-request': 'true', 'x-csrf-token': t.csrf },
    })
  const card = (t: Terminal) => () => t.send('GET', `/patients/${patientId()}`)
  const medical = (t: Terminal) => () => t.send('GET', `/patients/${patientId()}/medical`)
  const schedule = (t: Terminal) => () =>
    t.send('GET', `/schedule?date=${benchDays[Math.floor(rnd() * benchDays.length)]}`)
  const mixed = (t: Terminal) => {
    const [s, c, d] = [search(t), card(t), schedule(t)]
    return () => {
      const u = rnd()
      return u < 0.5 ? s() : u < 0.8 ? c() : d()
    }
  }

  const rows: ScenarioRow[] = []
  const measure = async (
    name: string,
    workers: (() => Promise<Response>)[],
    route: string | undefined,
    target: Child = server,
    everyMs?: number,
  ) => {
    log(
      `${name}: ${workers.length} connections, ${warmupMs / 1000} s warm-up + ${durationMs / 1000} s`,
    )
    const reset = setTimeout(() => target.proc.send({ type: 'reset' }), warmupMs)
    const r = await runLoad(workers, { warmupMs, durationMs, everyMs })
    clearTimeout(reset)
    const rep = await target.ask<ServerReport>('report', 'report')
    for (const q of rep.sql ?? []) log(`  sql ${q.ms.toFixed(0)} ms / ${q.n}: ${q.sql}`)
    const gcLine = Object.entries(rep.gc ?? {}).map(
      ([kind, g]) => `${kind} ${g.n}× ${g.ms.toFixed(0)} ms (max ${g.maxMs.toFixed(1)})`,
    )
    if (gcLine.length > 0) log(`  gc: ${gcLine.join(', ')}`)
    const row = summarize(name, workers.length, r, {
      serverTimes: route ? rep.serverTimes?.[route] : undefined,
      rssMax: rep.rssMax ?? rep.rss,
      eldP99: rep.eld?.p99,
    })
    rows.push(row)
    return { row, rep }
  }

  const sample = await reception[0]!.send('GET', '/patients/1')
  const cardBytes = sample.bytes
  const searchRow = await measure(
    'patient search (reception)',
    reception.map(search),
    'POST /patients/search',
  )
  // The same ten terminals as people use them: a search every 250 ms each (typing), so the
  // latency is the server's, not the wait behind nine others. Reported beside the budget,
  // which is judged on the closed loop above.
  await measure(
    'patient search, 10 terminals typing (1 search / 250 ms each)',
    reception.map(search),
    'POST /patients/search',
    server,
    250,
  )
  const cardRow = await measure(
    'patient card (reception)',
    reception.map(card),
    'GET /patients/:id',
  )
  await measure('medical card (doctor)', surgery.map(medical), 'GET /patients/:id/medical')
  const dayRow = await measure('day schedule, 20 doctors', reception.map(schedule), 'GET /schedule')
  await measure('mixed reception, 10 terminals', reception.map(mixed), undefined)

  // 20 logins in parallel (each a fresh form and session on a surgery device), while the
  // ten reception terminals keep working: the event loop must stay responsive.
  const loginTerms = Array.from(
    { length: 20 },
    (_, i) => new Terminal(base, identity(prep.surgery[i % prep.surgery.length]!), ca),
  )
  const loginWorker = (t: Terminal, i: number) => async () => {
    const r = await t.login(docs[i % docs.length]!, pw)
    return { status: r.ok ? 200 : 500, body: '', bytes: 0 }
  }
  const loginLoad = runLoad(loginTerms.map(loginWorker), { warmupMs, durationMs })
  const loginMix = await measure(
    'mixed reception during 20 logins',
    reception.map(mixed),
    undefined,
  )
  const loginResult = await loginLoad
  rows.push(
    summarize('login, 20 in parallel (form + argon2 + first page)', 20, loginResult, {
      rssMax: loginMix.rep.rssMax,
      eldP99: loginMix.rep.eld.p99,
    }),
  )
  const loadReport = await server.ask<ServerReport>('report', 'report')
  for (const t of [...reception, ...surgery, ...loginTerms, probe]) await t.close()
  await stop(server)

  // The ceiling: the same ten mutual-TLS connections against bare node:https.
  const bare = child(
    path.join(build, 'bench', 'bare-server.js'),
    [prep.dataDir, String(cardBytes)],
    env,
    [],
  )
  const bareInfo = await bare.ask<{ url: string }>('', 'ready')
  const bareTerms = prep.reception.map((b) => new Terminal(bareInfo.url, identity(b), ca))
  const bareRow = await measure(
    `bare node:https, ${cardBytes} B page`,
    bareTerms.map((t) => () => t.send('GET', '/')),
    undefined,
    bare,
  )
  for (const t of bareTerms) await t.close()
  await stop(bare)
  // Paced rows send what people send, not what the server can take: no ratio.
  for (const r of rows)
    r.ratio =
      r.name.startsWith('login') || r.name.includes('typing') ? null : r.rps / bareRow.row.rps
  bareRow.row.ratio = 1

  // Backups (issue 7), with both servers stopped: the operator CLI against a temp repository.
  const backupRows = a['skip-backup']
    ? []
    : await backupScenario(path.join(build, 'server', 'cli.js'), env, log).catch(
        (err: unknown): BackupRow[] => [
          {
            step: 'backup scenario',
            command: '—',
            status: 'failed',
            wallMs: null,
            cliMs: null,
            repoBytes: null,
            figures: oneLine(String((err as Error).message ?? err)),
          },
        ],
      )

  const rssLoadMb = Math.max(
    ...rows.filter((r) => r !== bareRow.row).map((r) => r.rssMaxMb),
    loadReport.rssMax / 1048576,
  )
  const budgets: Budget[] = [
    budget('search p95, 10 terminals', 10, searchRow.row.p95, 'ms'),
    budget('search server-time p95', 5, searchRow.row.serverP95 ?? NaN, 'ms'),
    budget('patient card p95', 15, cardRow.row.p95, 'ms'),
    budget('day schedule p95', 20, dayRow.row.p95, 'ms'),
    {
      what: 'patient card throughput vs bare',
      limit: '≥ 40 %',
      actual: `${((cardRow.row.rps / bareRow.row.rps) * 100).toFixed(0)} %`,
      met: cardRow.row.rps / bareRow.row.rps >= 0.4,
    },
    budget('event-loop delay p99 during 20 logins', 20, loginMix.rep.eld.p99, 'ms'),
    budget('start-up to first served request', 1500, startupMs, 'ms'),
    budget('idle RSS', 150, idle.rss / 1048576, 'MB'),
    budget('RSS under load', 300, rssLoadMb, 'MB'),
  ]
  let profile: { file: string; top: ReturnType<typeof topSelfTime> } | undefined
  if (a.profile) {
    const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'))
    if (file)
      profile = {
        file: path.relative(root, path.join(profileDir, file)),
        top: topSelfTime(path.join(profileDir, file)),
      }
  }
  const facts: [string, string][] = [
    [
      'data',
      `${sizes.patients} patients, ${prep.demo.counts.appointments} appointments, ${prep.demo.counts.visits + prep.demo.counts.corrections} visit records + ${prep.demo.counts.toothStates} tooth states, ${prep.demo.counts.attachments} attachments`,
    ],
    [
      'generation',
      prep.cached
        ? `cached (${(prep.generatedMs / 1000).toFixed(0)} s when generated)`
        : `${(prep.generatedMs / 1000).toFixed(0)} s`,
    ],
    [
      'database size',
      `${(prep.dbBytes / 1048576).toFixed(0)} MB; attachments ${(prep.filesBytes / 1048576).toFixed(0)} MB`,
    ],
    [
      'start-up',
      `${startupMs.toFixed(0)} ms from fork to first served request (in the server process: modules ${info.phases.imports.toFixed(0)} ms, open + migrations ${info.phases.openRuntime.toFixed(0)} ms, startEnamel ${info.phases.startEnamel.toFixed(0)} ms)`,
    ],
    [
      'integrity check',
      loadReport.integrity
        ? `quick_check ${loadReport.integrity.result} after ${(loadReport.integrity.ms / 1000).toFixed(1)} s, in a worker while serving`
        : 'quick_check still running when the scenarios ended',
    ],
    [
      'RSS',
      `idle ${(idle.rss / 1048576).toFixed(0)} MB, max under load ${rssLoadMb.toFixed(0)} MB`,
    ],
    ['logins', `${loginResult.requests} in ${durationMs / 1000} s, ${loginResult.errors} failed`],
    [
      'method',
      `closed loop, ${warmupMs / 1000} s warm-up then ${durationMs / 1000} s measured per scenario; undici keep-alive, one TLS connection per terminal; latency end to end in the load generator; event-loop delay from monitorEventLoopDelay at 5 ms resolution, minus the resolution`,
    ],
  ]
  const report = {
    stamp,
    machine: m,
    loadAfter: loadavg(),
    sizes,
    scenarios: rows,
    budgets,
    backup: backupRows,
    facts,
    profile,
  }
  mkdirSync(resultsDir, { recursive: true })
  const json = path.join(resultsDir, `${stamp}.json`)
  writeFileSync(json, JSON.stringify(report, null, 2))
  process.stdout.write(markdown(report) + `\n\nJSON: ${path.relative(root, json)}\n`)
}

function budget(what: string, limit: number, actual: number, unit: string): Budget {
  return {
    what,
    limit: `≤ ${limit} ${unit}`,
    actual: `${actual.toFixed(unit === 'ms' && actual < 100 ? 1 : 0)} ${unit}`,
    met: actual <= limit,
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${(err as Error).stack ?? String(err)}\n`)
  process.exit(1)
})
