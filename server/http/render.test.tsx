import { createAdaptorServer } from '@hono/node-server'
import { Hono } from 'hono'
import { jsxRenderer } from 'hono/jsx-renderer'
import { describe, expect, it } from 'vitest'
import { raw } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'
import type { AppEnv } from './app-env.js'
import { htmlBytes, primitiveHtml, renderAround } from './render.js'

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

describe('renderAround', () => {
  const fragment = '<table><td>Иванова Мария Петровна &amp; сын</td></table>'
  function slotted() {
    const a = new Hono<AppEnv>()
    a.use(primitiveHtml())
    a.use(jsxRenderer(({ children }) => <main title="Журнал">{children}</main>, { docType: true }))
    const page = (slot: HtmlEscapedString) => (
      <section>
        <h1>{'День <1>'}</h1>
        {slot}
        <p>Конец</p>
      </section>
    )
    a.get('/bytes', (c) => renderAround(c, Buffer.from(fragment), page, { title: 'T' }))
    a.get('/text', (c) => c.render(page(raw(fragment)), { title: 'T' }))
    a.get('/live', (c) => htmlBytes(c, Buffer.from(fragment)))
    a.get('/error', (c) => {
      c.set('htmlSlot', { marker: '<!--m-->', bytes: Buffer.from('X') })
      return c.html('<p>no marker here</p>', 500)
    })
    return a
  }

  it('sends the page with the encoded fragment in place: the same bytes and headers as text', async () => {
    const bytes = await slotted().request('/bytes')
    const text = await slotted().request('/text')
    expect(onFastPath(bytes)).toBe(true)
    expect(bytes.status).toBe(200)
    expect([...bytes.headers]).toEqual([...text.headers])
    const body = Buffer.from(await bytes.arrayBuffer())
    expect(body.equals(Buffer.from(await text.arrayBuffer()))).toBe(true)
    expect(body.toString()).toContain(`<h1>День &lt;1&gt;</h1>${fragment}<p>Конец</p>`)
    expect(body.toString()).not.toContain('<!--slot-')
  })

  it('sends a fragment alone as HTML, and leaves a page without the marker alone', async () => {
    const live = await slotted().request('/live')
    expect(live.headers.get('content-type')).toBe('text/html; charset=UTF-8')
    expect(await live.text()).toBe(fragment)
    const error = await slotted().request('/error')
    expect(error.status).toBe(500)
    expect(await error.text()).toBe('<p>no marker here</p>')
  })
})
