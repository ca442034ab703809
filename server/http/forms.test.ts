import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { formFields } from './forms.js'

// formFields reads a urlencoded body without the fetch formData() machinery: it must give
// what Hono's parseBody gives, for every shape of body a browser or an attacker sends.

function app() {
  const a = new Hono()
  a.post('/ours', async (c) => {
    const first = await formFields(c)
    // Parsed once: a second call (the route after the CSRF check) gets the same object.
    expect(await formFields(c)).toBe(first)
    return c.json({ ...first })
  })
  a.post('/hono', async (c) => c.json({ ...(await c.req.parseBody()) }))
  return a
}

const post = (path: string, body: string | FormData, type?: string) =>
  app().request(path, {
    method: 'POST',
    body,
    headers: type ? { 'content-type': type } : undefined,
  })

describe('formFields', () => {
  it("gives Hono's fields for urlencoded bodies", async () => {
    const bodies = [
      'q=%D0%B8%D0%B2%D0%B0%D0%BD&_csrf=abc',
      'a=1&a=2&b=',
      'a+b=c+d&e=%2B%26%3D',
      'name=Иванова Мария&x',
      '&&=&%E0%A4%A=1',
      '__proto__=x&constructor=y',
      '',
    ]
    for (const type of [
      'application/x-www-form-urlencoded',
      'application/x-www-form-urlencoded; charset=UTF-8',
      'Application/X-WWW-Form-Urlencoded',
    ]) {
      for (const body of bodies) {
        const ours = await (await post('/ours', body, type)).json()
        const hono = await (await post('/hono', body, type)).json()
        expect(ours, `${type}: ${body}`).toEqual(hono)
      }
    }
    expect(
      await (await post('/ours', 'a=1&a=2', 'application/x-www-form-urlencoded')).json(),
    ).toEqual({ a: '2' })
  })

  it('leaves multipart bodies to Hono, and finds nothing in other types', async () => {
    const data = new FormData()
    data.set('note', 'Пломба')
    data.set('scan', new File(['%PDF-1.7'], 'a.pdf', { type: 'application/pdf' }))
    const ours = (await (await post('/ours', data)).json()) as Record<string, unknown>
    expect(ours.note).toBe('Пломба')
    expect(ours).toHaveProperty('scan')
    expect(await (await post('/ours', '{"a":1}', 'application/json')).json()).toEqual({})
  })
})
