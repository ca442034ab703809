import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks'
import { loadConfig } from '../server/config.js'
import { startEnamel } from '../server/system/server.service.js'
import { createLogger } from '../server/system/logger.js'
import { checkIntegrityWhileServing, openRuntime } from '../server/system/runtime.js'

// The real Enamel, started exactly as server/main.ts starts it, in a child process of the
// bench. It adds only what a load generator cannot see from outside: RSS, event-loop delay
// and server time per route (request received → response finished), reported over IPC.
// Routes are keyed by method and path with ids replaced, never by query or body, so no patient
// data leaves the process (search terms travel in POST bodies).

type Msg = { type: 'reset' } | { type: 'report' } | { type: 'stop' }

const send = (m: unknown) => process.send?.(m)
// ESM imports are evaluated before the first statement: this is the module-loading time.
const importedMs = performance.now()
const config = loadConfig()
const log = createLogger(config)
const rt = await openRuntime(config, { deferIntegrityCheck: true, durableAnswers: true })
const openedMs = performance.now()

// --profile: time every SQL statement by its text (no parameters, so no patient data).
const sqlTimes = new Map<string, { n: number; ms: number }>()
if (process.env.BENCH_SQL_TIMES === '1') {
  const proto = Object.getPrototypeOf(rt.sqlite.prepare('select 1')) as Record<string, unknown>
  for (const method of ['all', 'get', 'run'] as const) {
    const original = proto[method] as (this: { source: string }, ...args: unknown[]) => unknown
    proto[method] = function (this: { source: string }, ...args: unknown[]) {
      const t = performance.now()
      try {
        return original.apply(this, args)
      } finally {
        const e = sqlTimes.get(this.source) ?? { n: 0, ms: 0 }
        e.n++
        e.ms += performance.now() - t
        sqlTimes.set(this.source, e)
      }
    }
  }
}
const running = await startEnamel(rt, log)
const readyMs = performance.now()
// As server/main.ts: the start-up quick_check runs in a worker while the server serves.
let integrity: { result: string; ms: number } | undefined
void checkIntegrityWhileServing(config).then(
  (result) => (integrity = { result, ms: performance.now() - readyMs }),
)

// Node's histogram records the whole interval between its timer's runs, resolution included
// (an idle process shows ~10 ms at a 10 ms resolution): the delay is what exceeds it.
const ELD_RESOLUTION_MS = 5
const eld = monitorEventLoopDelay({ resolution: ELD_RESOLUTION_MS })
eld.enable()
const delayMs = (ns: number) => Math.max(0, ns / 1e6 - ELD_RESOLUTION_MS)
let rssMax = 0
const sample = setInterval(() => (rssMax = Math.max(rssMax, process.memoryUsage.rss())), 100)
sample.unref()
const serverTimes = new Map<string, number[]>()

// Garbage-collection pauses by kind: what the event-loop delay is made of when no request is long.
const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
}
let gc = new Map<string, { n: number; ms: number; maxMs: number }>()
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const kind = GC_KINDS[(e as unknown as { detail: { kind: number } }).detail.kind] ?? 'other'
    const g = gc.get(kind) ?? { n: 0, ms: 0, maxMs: 0 }
    g.n++
    g.ms += e.duration
    g.maxMs = Math.max(g.maxMs, e.duration)
    gc.set(kind, g)
  }
}).observe({ entryTypes: ['gc'] })

const routeOf = (method: string, url: string) =>
  `${method} ${url.split('?')[0]!.replace(/\/\d+(?=\/|$)/g, '/:id')}`

running.https.server.prependListener('request', (req, res) => {
  const start = performance.now()
  res.once('finish', () => {
    const key = routeOf(req.method ?? 'GET', req.url ?? '/')
    let list = serverTimes.get(key)
    if (!list) serverTimes.set(key, (list = []))
    list.push(performance.now() - start)
  })
})

process.on('message', (m: Msg) => {
  if (m.type === 'reset') {
    eld.reset()
    serverTimes.clear()
    sqlTimes.clear()
    gc = new Map()
    rssMax = process.memoryUsage.rss()
    send({ type: 'reset-done' })
  } else if (m.type === 'report') {
    send({
      type: 'report',
      rss: process.memoryUsage.rss(),
      rssMax: Math.max(rssMax, process.memoryUsage.rss()),
      eld: {
        p50: delayMs(eld.percentile(50)),
        p99: delayMs(eld.percentile(99)),
        max: delayMs(eld.max),
      },
      serverTimes: Object.fromEntries(serverTimes),
      gc: Object.fromEntries(gc),
      integrity,
      sql: [...sqlTimes]
        .sort((a, b) => b[1].ms - a[1].ms)
        .slice(0, 12)
        .map(([source, t]) => ({ sql: source.slice(0, 160), ...t })),
    })
  } else if (m.type === 'stop') {
    void running
      .stop()
      .then(() => rt.close())
      .then(() => process.exit(0))
  }
})

send({
  type: 'ready',
  url: running.url,
  // From the process's own start (before any module loaded) to listening.
  startMs: readyMs,
  phases: {
    imports: importedMs,
    openRuntime: openedMs - importedMs,
    startEnamel: readyMs - openedMs,
  },
  rss: process.memoryUsage.rss(),
})
// The bench died or finished without saying stop: do not outlive it.
process.on('disconnect', () => process.exit(0))
