import { createAdaptorServer } from '@hono/node-server'
import { Hono } from 'hono'
import { jsxRenderer } from 'hono/jsx-renderer'
import { describe, expect, it } from 'vitest'
import { primitiveHtml } from './render.js'

// @hono/node-server sends a response from its cache (status, string body, headers) without
// building a fetch Response, but only when the body is a primitive string. A page rendered
// in the layout (jsxRenderer) is a String object: primitiveHtml() keeps it on the fast path.

// Installs node-server's lightweight Response as the global one, as the real server does.
createAdaptorServer({ fetch: () => new Response('') })

const onFastPath = (res: Response) =>
  Object.getOwnPropertySymbols(res).some((s) => s.description === 'cache')

function app(withMiddleware: boolean) {
  const a = new Hono()
  if (withMiddleware) a.use(primitiveHtml())
  a.use(jsxRenderer(({ children }) => <main>{children}</main>, { docType: true }))
  a.get('/page', (c) => c.render(<p>{'<i>'}</p>, { title: 'T' }))
  a.get('/jsx', (c) => c.html(<p title={'a"b'}>{'<i>'}</p>))
  a.get('/async', (c) => c.html(Promise.resolve('<b>ok</b>')))
  a.get('/text', (c) => c.html('<!DOCTYPE html><p>plain</p>', 201, { 'X-Extra': '1' }))
  return a
}

describe('primitiveHtml', () => {
  it('keeps layout, jsx, async and string pages on the fast path with the same bytes and headers', async () => {
    for (const path of ['/page', '/jsx', '/async', '/text']) {
      const fast = await app(true).request(path)
      const slow = await app(false).request(path)
      expect(onFastPath(fast), path).toBe(true)
      expect(fast.status).toBe(slow.status)
      expect([...fast.headers]).toEqual([...slow.headers])
      expect(await fast.text()).toBe(await slow.text())
    }
  })

  it('is needed: a page in the layout leaves the fast path without it', async () => {
    expect(onFastPath(await app(false).request('/page'))).toBe(false)
    expect(await (await app(true).request('/page')).text()).toBe(
      '<!DOCTYPE html><main><p>&lt;i&gt;</p></main>',
    )
    expect(await (await app(true).request('/jsx')).text()).toBe('<p title="a&quot;b">&lt;i&gt;</p>')
  })
})
