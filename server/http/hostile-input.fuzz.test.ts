import fc from 'fast-check'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  ACTORS,
  allowed,
  concreteUrl,
  crawl,
  fuzzClinic,
  plausible,
  tokenOf,
  type Browser,
  type Crawl,
  type FuzzClinic,
  type Route,
} from '../testing/fuzz/fuzz-clinic.js'
import { injections, type FormField } from '../testing/fuzz/html-scan.js'
import { hostileValue, MARKER, shapeOf, type Shape } from '../testing/fuzz/payloads.js'
import { ORIGIN } from '../testing/test-app.js'

// Hostile input, property-based, over every route the app registers (issue 9): the test walks
// app.routes, finds each route's forms, links and query parameters by crawling the pages every
// role can reach, and fires fast-check-generated values at them. Properties: never a 5xx; no
// response, and no page rendered later from what was stored, carries injected markup (checked
// with a tokenizer, not a substring search). Routes added later are covered without edits.
// Replay a failure with the printed seed: FUZZ_SEED=<seed> npx vitest run <this file>.

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_129)
const RUNS = Number(process.env.FUZZ_RUNS ?? 15)
/** Per-route cap; slow routes (certificates, backups) get fewer runs, never a hang. */
const ROUTE_MS = Number(process.env.FUZZ_ROUTE_MS ?? 1_500)
/**
 * The whole fuzz (GET and POST phases) stays within this, however many routes there are and
 * however busy the machine: each route gets its share of what is left.
 */
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 100_000)

function share(deadline: number, routesLeft: number): number {
  return Math.round(Math.max(250, Math.min(ROUTE_MS, (deadline - Date.now()) / routesLeft)))
}

/** Percent-encoding that keeps lone surrogates as the invalid UTF-8 a hostile client sends. */
function pct(s: string): string {
  let out = ''
  for (const ch of s) {
    const code = ch.codePointAt(0)!
    out +=
      code >= 0xd800 && code <= 0xdfff
        ? `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase()
        : encodeURIComponent(ch)
  }
  return out
}

/** A path segment: a hostile value encoded, or raw junk a parser may choke on. */
const segmentValue = fc.oneof(
  hostileValue.map((v) => pct(v.slice(0, 2000))),
  fc.constantFrom(
    '%',
    '%zz',
    '%ED%A0%80',
    '%C0%AE',
    '..',
    '%2e%2e',
    '%2F',
    '%00',
    '0x1',
    '-1',
    '1.0',
    '1e3',
    '99999999999999999999',
    ' 1',
  ),
)

/** Statuses that say the request never reached the handler. */
const GUARDED = new Set([401, 403])
const GUARD_REDIRECT = /^\/(login|lock|password|account\/totp\/verify)\b/

interface Tally {
  route: string
  source: string
  actor: string
  runs: number
  statuses: Map<number, number>
  reached: boolean
  open: boolean
}

const tallies = new Map<string, Tally>()

function seedFor(key: string): number {
  let h = SEED | 0
  for (const ch of key) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0
  return h
}

function tally(route: Route, source: string, actor: string): Tally {
  const key = `${route.method} ${route.path}`
  const existing = tallies.get(key)
  if (existing) return existing
  const open = route.access === 'public' || route.access === 'session'
  const t: Tally = { route: key, source, actor, runs: 0, statuses: new Map(), reached: false, open }
  tallies.set(key, t)
  return t
}

function count(t: Tally, res: Response) {
  t.runs++
  t.statuses.set(res.status, (t.statuses.get(res.status) ?? 0) + 1)
  const loc = res.headers.get('location') ?? res.headers.get('hx-redirect') ?? ''
  // Session-level routes pass their guard for any login; their own 401/303 is the handler's.
  if (t.open || (!GUARDED.has(res.status) && !GUARD_REDIRECT.test(loc))) t.reached = true
}

/** The HTML of a response, or '' for files, CSV and JSON. */
async function htmlOf(res: Response): Promise<string> {
  if ((res.headers.get('content-type') ?? '').includes('html')) return res.text()
  await res.body?.cancel()
  return ''
}

function describeShape(fields: FormField[], s: Shape): string {
  const parts = fields.map((f, i) => {
    const m = s.mutations[i]!
    const v = 'value' in m ? m.value : 'values' in m ? m.values.join('|') : ''
    return `${f.name}:${m.op}${v ? `=${JSON.stringify(v.slice(0, 60))}` : ''}`
  })
  return `${s.multipart ? 'multipart' : 'urlencoded'}${s.htmx ? ' htmx' : ''} ${parts.join(' ')}${
    s.extra.length ? ` extra=${JSON.stringify(s.extra.map(([n, v]) => [n, v.slice(0, 30)]))}` : ''
  }`
}

/** Status < 500 and no injected markup, for a response and the page a redirect leads to. */
async function checkResponse(b: Browser, res: Response, where: string) {
  if (res.status >= 500) throw new Error(`${where}: ${res.status}`)
  const found = injections(await htmlOf(res), MARKER)
  if (found.length) throw new Error(`${where}: injected markup ${found.join('; ')}`)
  const next = res.headers.get('location') ?? res.headers.get('hx-redirect')
  if (next?.startsWith('/') && res.status !== 401) {
    const page = await b.request(next)
    if (page.status >= 500) throw new Error(`${where} → ${next}: ${page.status}`)
    const later = injections(await htmlOf(page), MARKER)
    if (later.length) throw new Error(`${where} → ${next}: injected markup ${later.join('; ')}`)
  }
}

/** Builds and sends one fuzzed POST of `fields` to `url`. */
async function firePost(k: FuzzClinic, b: Browser, url: string, fields: FormField[], s: Shape) {
  const token = await tokenOf(b)
  const entries: [string, string | Blob, string?][] = []
  fields.forEach((f, i) => {
    const m = s.mutations[i]!
    if (f.name === '_csrf') return void entries.push([f.name, token])
    switch (m.op) {
      case 'keep':
        if (f.kind !== 'file' && (f.value !== '' || !['checkbox', 'radio'].includes(f.kind)))
          entries.push([f.name, plausible(f)])
        break
      case 'hostile':
        entries.push([f.name, m.value])
        break
      case 'missing':
        break
      case 'duplicate':
        for (const v of m.values) entries.push([f.name, v])
        break
      case 'option':
        entries.push([f.name, f.options.length ? f.options[m.index % f.options.length]! : f.value])
        break
      case 'file':
        // A file where text belongs (or a page where a scan belongs).
        if (s.multipart)
          entries.push([f.name, new Blob([m.value], { type: 'text/html' }), `${MARKER}.html`])
        else entries.push([f.name, m.value])
    }
  })
  for (const [n, v] of s.extra) entries.push([n, v])
  let body: FormData | string
  const headers = new Headers({
    origin: ORIGIN,
    'x-csrf-token': token,
    cookie: [...b.jar].map(([n, v]) => `${n}=${v}`).join('; '),
  })
  if (s.multipart) {
    const form = new FormData()
    for (const [n, v, file] of entries) {
      if (typeof v === 'string') form.append(n, v)
      else form.append(n, v, file)
    }
    body = form
  } else {
    const params = new URLSearchParams()
    for (const [n, v] of entries) params.append(n, typeof v === 'string' ? v : '')
    body = params.toString()
    headers.set('content-type', 'application/x-www-form-urlencoded')
  }
  if (s.htmx) headers.set('hx-request', 'true')
  return k.app.request(`${ORIGIN}${url}`, { method: 'POST', headers, body }, {
    incoming: { socket: b.device.socket },
  } as never)
}

// Fields for a POST route no page offers a form for (or that the crawl could not reach).
const GENERIC: FormField[] = [
  'name',
  'title',
  'reason',
  'note',
  'status',
  'value',
  'q',
  'id',
  'date',
  'amount',
].map((name) => ({ name, kind: 'text', value: '', options: [] }))

/** Routes that end or change the session, and the office's settings, go last. */
function risk(r: Route): number {
  if (r.access === 'session') return 3
  if (/^\/(admin|account)\//.test(r.path)) return 2
  return r.access === 'public' ? 1 : 0
}

let k: FuzzClinic
let found: Crawl
let anonymous: Browser
const started = Date.now()

async function actorFor(route: Route, preferred?: string): Promise<[Browser, string]> {
  if (route.access === 'public') return [anonymous, 'anonymous']
  const pick =
    ACTORS.find((a) => `${a.role}@${a.zone}` === preferred) ??
    ACTORS.find((a) => allowed(route, a)) ??
    ACTORS[0]!
  return [await k.as(pick.role, pick.zone), `${pick.role}@${pick.zone}`]
}

describe('hostile input on every route (property-based)', { timeout: 600_000 }, () => {
  beforeAll(async () => {
    console.log(
      `hostile-input fuzz: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} FUZZ_ROUTE_MS=${ROUTE_MS} FUZZ_BUDGET_MS=${BUDGET_MS}`,
    )
    k = await fuzzClinic()
    anonymous = k.browser(await k.addDevice('reception', 'kiosk'))
    found = await crawl(k)
  })

  it('the markup check itself sees injected scripts, handlers, styles and htmx attributes', () => {
    const page = (s: string) => `<!DOCTYPE html><html><body><p title="a">${s}</p></body></html>`
    expect(injections(page('&lt;script&gt;zqfuzz7()&lt;/script&gt;'), MARKER)).toEqual([])
    expect(injections(page('<script src="/static/app.js"></script>'), MARKER)).toEqual([])
    expect(
      injections(page('<script type="application/json">{"a":"</b>"}</script>'), MARKER),
    ).toEqual([])
    expect(
      injections('<textarea>&lt;/textarea&gt;<script>zqfuzz7()</script></textarea>', MARKER),
    ).toEqual([])
    for (const bad of [
      '<script>zqfuzz7()</script>',
      '<img src=x onerror=zqfuzz7()>',
      '<input value="" onmouseover="zqfuzz7()" x="">',
      "<input value='' autofocus onfocus='zqfuzz7()'>",
      '<div hx-get="/zqfuzz7" hx-trigger="load">',
      '<a href=" javascript:zqfuzz7()">',
      '<zqfuzz7 zqfuzz7=1>',
      '<p style="x">',
      '<script type="application/json">{"a":"</script><script>zqfuzz7()</script>"}</script>',
      '<textarea></textarea><script>zqfuzz7()</script>',
    ]) {
      expect(injections(page(bad), MARKER), bad).not.toEqual([])
    }
  })

  it('the crawl reached the pages of every role, none failing or carrying forbidden markup', () => {
    const bad = found.pages.filter((p) => p.status >= 500 || injections(p.html, MARKER).length)
    expect(bad.map((p) => `${p.actor} ${p.url} ${p.status} ${injections(p.html, MARKER)}`)).toEqual(
      [],
    )
    for (const a of ACTORS) {
      expect(found.pages.filter((p) => p.actor === `${a.role}@${a.zone}`).length).toBeGreaterThan(5)
    }
    expect(found.forms.size).toBeGreaterThan(20)
  })

  it('GET: hostile query parameters and path segments never give a 5xx or injected markup', async () => {
    const failures: string[] = []
    const gets = k.routes.filter((r) => r.method === 'GET' && r.path !== '/static/*')
    const deadline = Date.now() + BUDGET_MS * 0.35
    for (const [n, route] of gets.entries()) {
      const key = `GET ${route.path}`
      const names = [...(found.queries.get(key) ?? [])]
      const params = names.length ? names : ['q']
      const [b, actor] = await actorFor(route, found.forms.get(key)?.[0]?.actor)
      const url = await concreteUrl(k, route, found)
      const t = tally(route, names.length ? `query ${names.join(',')}` : 'generic ?q', actor)
      const arb = fc.record({
        values: fc.array(fc.option(fc.array(hostileValue, { minLength: 1, maxLength: 2 })), {
          minLength: params.length,
          maxLength: params.length,
        }),
        segment: route.params.length
          ? fc.option(fc.tuple(fc.nat(route.params.length - 1), segmentValue), { freq: 3 })
          : fc.constant(null),
        htmx: fc.boolean(),
      })
      const result = await fc.check(
        fc.asyncProperty(arb, async ({ values, segment, htmx }) => {
          let path = url
          if (segment) {
            const parts = route.path.split('/')
            const concrete = url.split('/')
            const name = `:${route.params[segment[0]]}`
            const at = parts.indexOf(name)
            if (at >= 0 && concrete.length === parts.length) {
              concrete[at] = segment[1]
              path = concrete.join('/')
            }
          }
          const q = new URLSearchParams()
          values.forEach((vs, i) => vs?.forEach((v) => q.append(params[i]!, v.slice(0, 4000))))
          const full = q.size ? `${path}?${q}` : path
          const res = await b.request(full, htmx ? { headers: { 'hx-request': 'true' } } : {})
          count(t, res)
          await checkResponse(b, res, `GET ${full.slice(0, 200)}`)
        }),
        {
          seed: seedFor(key),
          numRuns: RUNS,
          interruptAfterTimeLimit: share(deadline, gets.length - n),
          markInterruptAsFailure: false,
          endOnFailure: true,
        },
      )
      // An interrupted run (the time budget) is not a failure; a counterexample is.
      if (result.failed && result.counterexample) {
        failures.push(
          `${key} [seed ${result.seed} path ${result.counterexamplePath}]: ${
            (result.errorInstance as Error | undefined)?.message ?? 'interrupted'
          }`.slice(0, 600),
        )
      }
    }
    expect(failures).toEqual([])
  })

  it('POST: every route, with the fields its forms offer (or generic ones), never a 5xx or injected markup', async () => {
    const failures: string[] = []
    const posts = k.routes.filter((r) => r.method === 'POST').sort((a, b) => risk(a) - risk(b))
    const deadline = Date.now() + BUDGET_MS * 0.65
    for (const [n, route] of posts.entries()) {
      const key = `POST ${route.path}`
      const forms = found.forms.get(key) ?? []
      const variants = forms.length
        ? forms.map((f) => ({
            fields: f.form.fields,
            actor: f.actor,
            multipart: f.form.multipart,
            url: f.form.action.split('?')[0]!,
          }))
        : [{ fields: GENERIC, actor: undefined, multipart: false, url: '' }]
      for (const [i, v] of variants.entries()) {
        const [b0, actor] = await actorFor(route, v.actor)
        const url = v.url || (await concreteUrl(k, route, found))
        const t = tally(route, forms.length ? `${forms.length} form(s)` : 'generic fields', actor)
        const risky = risk(route) >= 2
        const result = await fc.check(
          fc.asyncProperty(shapeOf(v.fields.length), async (shape) => {
            // Logout, lock, password and staff changes may end the session: check it each run.
            const b = risky ? (await actorFor(route, v.actor))[0] : b0
            const res = await firePost(k, b, url, v.fields, shape)
            count(t, res)
            await checkResponse(b, res, `POST ${url} ${describeShape(v.fields, shape)}`)
          }),
          {
            seed: seedFor(`${key}#${i}`),
            numRuns: Math.max(5, Math.ceil(RUNS / variants.length)),
            interruptAfterTimeLimit: share(deadline, posts.length - n) / variants.length,
            markInterruptAsFailure: false,
            endOnFailure: true,
          },
        )
        // An interrupted run (the time budget) is not a failure; a counterexample is.
        if (result.failed && result.counterexample) {
          failures.push(
            `${key} [seed ${result.seed} path ${result.counterexamplePath}]: ${
              (result.errorInstance as Error | undefined)?.message ?? 'interrupted'
            }`.slice(0, 800),
          )
        }
      }
    }
    expect(failures).toEqual([])
  })

  it('afterwards every page still renders, and what was stored comes back escaped', async () => {
    // The fuzz must have stored hostile text somewhere, or this check proves nothing.
    const tables = await sql<{ name: string }>`
      select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(
      k.db,
    )
    const stored: string[] = []
    for (const { name } of tables.rows) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(
        k.db,
      )
      const n = rows.rows.filter((r) =>
        Object.values(r).some((v) => typeof v === 'string' && v.includes(MARKER)),
      ).length
      if (n > 0) stored.push(`${name}: ${n}`)
    }
    console.log(`rows holding a markup payload: ${stored.join(', ')}`)
    expect(stored.filter((s) => !s.startsWith('audit_events')).length).toBeGreaterThan(3)
    const again = await crawl(k, 150)
    const bad = again.pages.filter((p) => p.status >= 500 || injections(p.html, MARKER).length)
    expect(
      bad.map((p) => `${p.actor} ${p.url} ${p.status} ${injections(p.html, MARKER).join('; ')}`),
    ).toEqual([])
    expect(
      again.pages.filter((p) => p.html.includes(`&lt;script&gt;${MARKER}`)).length,
    ).toBeGreaterThan(0)
  })

  it('every route was exercised past its access guard (coverage report)', () => {
    const lines = [...tallies.values()]
      .sort((a, b) => a.route.localeCompare(b.route))
      .map(
        (t) =>
          `${t.reached ? ' ' : '!'} ${t.route.padEnd(58)} ${String(t.runs).padStart(3)} runs  ${t.actor.padEnd(20)} ${t.source}  ${[
            ...t.statuses,
          ]
            .sort(([a], [b]) => a - b)
            .map(([s, n]) => `${s}×${n}`)
            .join(' ')}`,
      )
    const noForm = [...tallies.values()]
      .filter((t) => t.route.startsWith('POST') && t.source === 'generic fields')
      .map((t) => t.route)
    const total = [...tallies.values()].reduce((n, t) => n + t.runs, 0)
    console.log(
      [
        `hostile-input fuzz coverage, seed ${SEED}: ${tallies.size} routes, ${total} requests, ${Math.round(
          (Date.now() - started) / 1000,
        )} s`,
        ...lines,
        `POST routes with no form found (generic fields): ${noForm.join(', ') || 'none'}`,
      ].join('\n'),
    )
    const routes = k.routes.filter((r) => r.path !== '/static/*')
    expect(
      routes.filter((r) => !tallies.get(`${r.method} ${r.path}`)?.runs).map((r) => r.path),
    ).toEqual([])
    const unreached = [...tallies.values()].filter((t) => !t.reached).map((t) => t.route)
    expect(unreached).toEqual([])
  })
})
