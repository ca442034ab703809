import { readFileSync } from 'node:fs'
import { Agent, request } from 'undici'
import type { Account, Instance, Terminal } from './instance.js'

// A signed-in browser stand-in over mutual TLS (undici 7): the terminal's certificate, the
// clinic CA as the only trusted root, a cookie jar, the CSRF token and the Origin header the
// server insists on. sqlmap later replays exactly these cookies and headers.

export interface Page {
  status: number
  location?: string
  body: string
}

const MIN_PASSWORD = 'Scan-Скан-8472-lighthouse'

export class Browser {
  readonly cookies = new Map<string, string>()
  csrfToken = ''
  private readonly agent: Agent

  constructor(
    readonly instance: Instance,
    readonly terminal: Terminal,
  ) {
    this.agent = new Agent({
      connect: {
        ca: readFileSync(instance.caCert),
        cert: readFileSync(terminal.cert),
        key: readFileSync(terminal.key),
      },
    })
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  /** The headers a same-origin form post carries (what sqlmap must send too). */
  formHeaders(): Record<string, string> {
    return {
      origin: this.instance.url,
      'content-type': 'application/x-www-form-urlencoded',
      cookie: this.cookieHeader(),
    }
  }

  private remember(setCookie: string | string[] | undefined): void {
    const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []
    for (const line of list) {
      const [pair] = line.split(';')
      const eq = pair!.indexOf('=')
      const name = pair!.slice(0, eq).trim()
      const value = pair!.slice(eq + 1).trim()
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === '')
        this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }

  private async send(method: 'GET' | 'POST', pathname: string, body?: string): Promise<Page> {
    const res = await request(this.instance.url + pathname, {
      method,
      dispatcher: this.agent,
      headers: method === 'POST' ? this.formHeaders() : { cookie: this.cookieHeader() },
      body,
      headersTimeout: 30_000,
      bodyTimeout: 30_000,
    })
    this.remember(res.headers['set-cookie'])
    const text = await res.body.text()
    const csrf =
      /name="_csrf"[^>]*value="([^"]+)"/.exec(text) ?? /value="([^"]+)"[^>]*name="_csrf"/.exec(text)
    if (csrf) this.csrfToken = csrf[1]!
    const location = res.headers.location
    return {
      status: res.statusCode,
      location: typeof location === 'string' ? location : undefined,
      body: text,
    }
  }

  get(pathname: string): Promise<Page> {
    return this.send('GET', pathname)
  }

  /** POSTs a form with the current CSRF token added. */
  post(pathname: string, fields: Record<string, string>): Promise<Page> {
    const body = new URLSearchParams({ ...fields, _csrf: this.csrfToken }).toString()
    return this.send('POST', pathname, body)
  }

  /**
   * Signs in with a one-time password and replaces it at once (the server insists), leaving
   * a live session bound to this terminal's certificate.
   */
  async signIn(account: Account): Promise<void> {
    const form = await this.get('/login')
    if (form.status === 303 && form.location === '/') {
      // Still signed in and unlocked on this terminal: keep the session (and its token).
      const home = await this.get('/')
      if (home.status !== 200) throw new Error(`home page answered ${home.status}`)
      return
    }
    if (form.status !== 200 || !this.csrfToken) {
      throw new Error(`GET /login answered ${form.status} without a CSRF token`)
    }
    const login = await this.post('/login', { login: account.login, password: account.password })
    if (login.status !== 303)
      throw new Error(`sign-in of ${account.login} answered ${login.status}`)
    if (login.location === '/password') {
      await this.get('/password')
      const changed = await this.post('/password', {
        current: account.password,
        password: MIN_PASSWORD,
        repeat: MIN_PASSWORD,
      })
      if (changed.status !== 303) {
        throw new Error(`password change of ${account.login} answered ${changed.status}`)
      }
      account.password = MIN_PASSWORD
    }
    const home = await this.get('/')
    if (home.status !== 200) throw new Error(`home page after sign-in answered ${home.status}`)
  }

  async close(): Promise<void> {
    await this.agent.close()
  }
}

/** Form fields of the `<form … action="ACTION">` on a page, with their current values. */
export function formFields(html: string, action: string): Record<string, string> {
  const forms = html.match(/<form\b[^>]*>[\s\S]*?<\/form>/gi) ?? []
  const form = forms.find((f) => {
    const open = /<form\b[^>]*>/i.exec(f)![0]
    const act = /\baction="([^"]*)"/i.exec(open)?.[1]
    return act !== undefined && decode(act) === action
  })
  if (!form) throw new Error(`no form with action ${action} on the page`)
  const fields: Record<string, string> = {}
  const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(tag)?.[1]
  for (const m of form.matchAll(/<input\b[^>]*>/gi)) {
    const tag = m[0]
    const name = attr(tag, 'name')
    const type = (attr(tag, 'type') ?? 'text').toLowerCase()
    if (!name || ['submit', 'button', 'file', 'reset', 'image'].includes(type)) continue
    if ((type === 'checkbox' || type === 'radio') && !/\bchecked\b/i.test(tag)) {
      if (!(name in fields) && type === 'radio') fields[name] = decode(attr(tag, 'value') ?? 'on')
      continue
    }
    fields[name] = decode(attr(tag, 'value') ?? '')
  }
  for (const m of form.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/gi)) {
    const name = attr(m[1]!, 'name')
    if (name) fields[name] = decode(m[2]!)
  }
  for (const m of form.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
    const name = attr(m[1]!, 'name')
    if (!name) continue
    const options = [...m[2]!.matchAll(/<option\b([^>]*)>/gi)].map((o) => o[1]!)
    const chosen =
      options.find((o) => /\bselected\b/i.test(o)) ?? options.find((o) => attr(o, 'value'))
    fields[name] = decode((chosen && attr(chosen, 'value')) ?? '')
  }
  return fields
}

function decode(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}
