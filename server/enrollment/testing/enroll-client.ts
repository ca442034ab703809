import type { IncomingHttpHeaders } from 'node:http'
import { request } from 'node:https'

// Test support (never imported by the app): a terminal without a certificate talking to the
// enrollment listener. It trusts only the clinic CA: never rejectUnauthorized: false.

export interface EnrollResponse {
  /** Undefined when no HTTP response came back (refused, reset). */
  status?: number
  headers: IncomingHttpHeaders
  body: Buffer
  error?: NodeJS.ErrnoException
  /** Milliseconds from the request to the end of the response or the error. */
  ms: number
}

/** One request on a fresh connection; resolves (never rejects) with what happened. */
export function enrollRequest(
  url: string,
  opts: {
    ca: string
    method?: string
    form?: Record<string, string>
    headers?: Record<string, string>
  },
): Promise<EnrollResponse> {
  const started = performance.now()
  const body = opts.form ? new URLSearchParams(opts.form).toString() : undefined
  return new Promise((resolve) => {
    const done = (out: Omit<EnrollResponse, 'ms'>) =>
      resolve({ ...out, ms: performance.now() - started })
    const req = request(url, {
      method: opts.method ?? (body === undefined ? 'GET' : 'POST'),
      ca: opts.ca,
      agent: false,
      headers: {
        ...(body === undefined
          ? {}
          : {
              'content-type': 'application/x-www-form-urlencoded',
              'content-length': Buffer.byteLength(body),
            }),
        ...opts.headers,
      },
    })
    req.setTimeout(10_000, () => req.destroy(new Error('client timeout')))
    req.on('error', (error: NodeJS.ErrnoException) =>
      done({ headers: {}, body: Buffer.alloc(0), error }),
    )
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () =>
        done({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
      )
    })
    req.end(body)
  })
}

/** Polls until a connection to `url` is refused (the listener is closed) or the time is up. */
export async function refusedWithin(url: string, ca: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const res = await enrollRequest(url, { ca })
    if (res.error?.code === 'ECONNREFUSED') return true
    if (Date.now() > deadline) return false
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
