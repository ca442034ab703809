import { createSecureContext } from 'node:tls'
import { Agent, request } from 'undici'

// One terminal of the clinic as the bench drives it: its own client certificate, one
// kept-alive mutual-TLS connection (pipelining 1, like a browser's HTTP/1.1 connection), its
// own cookies and CSRF token. Certificates are verified against the clinic CA.

export interface Identity {
  pfx: Buffer
  passphrase: string
}

export interface Response {
  status: number
  readonly body: string
  /** Length of the body as sent. */
  bytes: number
  location?: string
}

export class Terminal {
  readonly agent: Agent
  readonly cookies = new Map<string, string>()
  csrf = ''

  constructor(
    readonly base: string,
    identity: Identity,
    ca: string,
  ) {
    this.agent = new Agent({
      // Built once: undici would otherwise parse the PKCS#12 bundle at every connection
      // attempt, which the start-up probe makes every 10 ms on the cores the server starts on.
      connect: {
        secureContext: createSecureContext({
          pfx: identity.pfx,
          passphrase: identity.passphrase,
          ca,
        }),
      },
      connections: 1,
      pipelining: 1,
      keepAliveTimeout: 30_000,
    })
  }

  async send(
    method: 'GET' | 'POST',
    path: string,
    opts: { form?: Record<string, string>; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { ...opts.headers }
    if (this.cookies.size > 0)
      headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    let body: string | undefined
    if (opts.form) {
      body = new URLSearchParams(opts.form).toString()
      headers['content-type'] = 'application/x-www-form-urlencoded'
      headers.origin = this.base
      headers['sec-fetch-site'] = 'same-origin'
    }
    const res = await request(this.base + path, {
      method,
      headers,
      body,
      dispatcher: this.agent,
    })
    // Bytes, decoded only when asked for: most answers are only counted, and decoding a
    // 90 KB day page would be the load generator's work on the cores the server needs.
    const bytes = Buffer.from(await res.body.arrayBuffer())
    const set = res.headers['set-cookie']
    for (const line of typeof set === 'string' ? [set] : (set ?? [])) {
      const [pair] = line.split(';')
      const eq = pair!.indexOf('=')
      const name = pair!.slice(0, eq).trim()
      const value = pair!.slice(eq + 1).trim()
      if (/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    const location = res.headers.location
    let text: string | undefined
    return {
      status: res.statusCode,
      get body() {
        return (text ??= bytes.toString('utf8'))
      },
      bytes: bytes.length,
      location: typeof location === 'string' ? location : undefined,
    }
  }

  /** Signs in through the real form (argon2 verification on the server); returns its latency. */
  async login(login: string, password: string): Promise<{ ms: number; ok: boolean }> {
    this.cookies.clear()
    const form = await this.send('GET', '/login')
    const token = csrfIn(form.body)
    const t0 = performance.now()
    const res = await this.send('POST', '/login', { form: { login, password, _csrf: token } })
    const ms = performance.now() - t0
    const ok = res.status === 303 && res.location === '/'
    if (ok) this.csrf = csrfIn((await this.send('GET', '/patients')).body)
    return { ms, ok }
  }

  close(): Promise<void> {
    return this.agent.close()
  }
}

/** The CSRF token a page carries in its forms. */
export function csrfIn(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html)
  if (!m) throw new Error('no CSRF token in the page')
  return m[1]!
}

export interface LoadResult {
  requests: number
  errors: number
  seconds: number
  latencies: number[]
  firstError?: string
}

/**
 * Closed-loop load: every worker sends its next request as soon as the previous answer is
 * read, or, with `everyMs`, at most one request per that interval (a person typing: the
 * next starts once the interval since the last start is over, at once if that answer came
 * later). Requests started during the warm-up are not counted.
 */
export async function runLoad(
  workers: (() => Promise<Response>)[],
  opts: {
    warmupMs: number
    durationMs: number
    everyMs?: number
    expect?: (r: Response) => boolean
  },
): Promise<LoadResult> {
  const expect = opts.expect ?? ((r: Response) => r.status === 200)
  const start = performance.now()
  const measureFrom = start + opts.warmupMs
  const end = measureFrom + opts.durationMs
  const result: LoadResult = {
    requests: 0,
    errors: 0,
    seconds: opts.durationMs / 1000,
    latencies: [],
  }
  await Promise.all(
    workers.map(async (next, i) => {
      // Paced terminals start spread over one interval, as people do, not all at once.
      if (opts.everyMs !== undefined)
        await new Promise((resolve) => setTimeout(resolve, (i * opts.everyMs!) / workers.length))
      while (performance.now() < end) {
        const t0 = performance.now()
        let ok = false
        try {
          const r = await next()
          ok = expect(r)
          if (!ok) result.firstError ??= `status ${r.status} ${r.location ?? ''}`
        } catch (err) {
          result.firstError ??= (err as Error).message
        }
        const t1 = performance.now()
        if (t0 >= measureFrom && t1 <= end) {
          result.requests++
          result.latencies.push(t1 - t0)
          if (!ok) result.errors++
        }
        const pause = opts.everyMs === undefined ? 0 : t0 + opts.everyMs - performance.now()
        if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause))
      }
    }),
  )
  return result
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}
