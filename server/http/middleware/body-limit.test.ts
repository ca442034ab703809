import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { requestBodyLimit } from './body-limit.js'

// The limit Enamel applies to every request body, checked without making @hono/node-server
// build a fetch Request for requests that have no body to check.

function app(max: number) {
  const a = new Hono()
  a.onError((err, c) => c.text(err.message, 413))
  a.use(
    requestBodyLimit(max, () => {
      throw new Error('too large')
    }),
  )
  a.all('/', async (c) => c.text(`read ${(await c.req.text()).length}`))
  return a
}

/** A request whose body stream records being asked for. */
function watched(init: RequestInit & { url?: string }) {
  const req = new Request(init.url ?? 'http://x/', init)
  let touched = false
  const body = req.body
  Object.defineProperty(req, 'body', {
    get: () => {
      touched = true
      return body
    },
  })
  return { req, touched: () => touched }
}

const chunked = (text: string) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      for (const part of text.match(/.{1,8}/g) ?? []) c.enqueue(new TextEncoder().encode(part))
      c.close()
    },
  })

describe('requestBodyLimit', () => {
  it('lets a GET through without asking for its body', async () => {
    const get = watched({ method: 'GET' })
    const res = await app(10).request(get.req)
    expect(await res.text()).toBe('read 0')
    expect(get.touched()).toBe(false)
  })

  it('judges a declared length from the header alone', async () => {
    const small = watched({ method: 'POST', body: 'a=1', headers: { 'content-length': '3' } })
    const ok = await app(10).request(small.req)
    expect(ok.status).toBe(200)
    expect(await ok.text()).toBe('read 3')
    const big = watched({
      method: 'POST',
      body: 'a='.padEnd(11, 'x'),
      headers: { 'content-length': '11' },
    })
    const refused = await app(10).request(big.req)
    expect(refused.status).toBe(413)
    expect(big.touched()).toBe(false)
  })

  it('counts a chunked body as it arrives and refuses one over the limit', async () => {
    const under = await app(32).request('http://x/', {
      method: 'POST',
      body: chunked('a=12345678'),
      duplex: 'half',
    } as RequestInit)
    expect(await under.text()).toBe('read 10')
    const over = await app(32).request('http://x/', {
      method: 'POST',
      body: chunked('a='.padEnd(40, 'x')),
      duplex: 'half',
    } as RequestInit)
    expect(over.status).toBe(413)
  })
})
