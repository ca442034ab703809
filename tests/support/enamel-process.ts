import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'
import { execa } from 'execa'
import { Agent, FormData, request, type Dispatcher } from 'undici'

// Enamel as a real process, for the crash, disk-full, benchmark and scanner tests: a data
// directory set up through the operator CLI, the server started as a child process on a free
// loopback port, and an HTTP client that holds a terminal's client certificate and talks to
// it over real mutual TLS the way a browser would (cookies, CSRF token, Origin, forms).
//
//   const clinic = await setUpClinic(dir, { staff: [{ login: 'doc', role: 'doctor' }],
//                                            devices: [{ name: 'chair-1', zone: 'surgery' }] })
//   const server = await startEnamel(clinic)
//   const doctor = server.client(clinic.devices['chair-1']!)
//   await doctor.signIn('doc', clinic.staff.doc!.password)   // changes the one-time password
//   const r = await doctor.postForm('/patients', { surname: 'Иванова', ... })
//   await server.kill()            // SIGKILL; `await server.restart()` starts it again
//
// Never imports the test runner: assertions stay in the tests.

/** The repository root: the CLI and the server run from here (tsx, static files, migrations). */
export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..')

/** A strong password the tests set at the first login (the one-time ones must be changed). */
export const TEST_PASSWORD = 'Зубная-фея-принесла-2026-пароль'

export type Zone = 'reception' | 'surgery' | 'office'
export type Role = 'owner' | 'doctor' | 'assistant' | 'receptionist'

/** A terminal's certificate as `enamel device issue --json` printed it. */
export interface DeviceIdentity {
  id: number
  name: string
  zone: Zone
  p12: string
  passphrase: string
}

/** A data directory set up by `enamel init`, with the extra staff and devices asked for. */
export interface Clinic {
  dataDir: string
  /** The clinic CA's certificate (PEM) that every client trusts. */
  ca: string
  /** ENAMEL_* variables shared by the CLI and the server for this data directory. */
  env: Record<string, string>
  owner: { login: string; password: string }
  /** By login; passwords are the one-time ones the CLI printed. */
  staff: Record<string, { id: number; login: string; password: string; role: Role }>
  /** By name; the owner's office terminal is `owner-office`. */
  devices: Record<string, DeviceIdentity>
}

export interface CliResult {
  exitCode: number
  stdout: string
  stderr: string
}

/** The environment of a child: this process's, without ENAMEL_* leaking in, plus `extra`. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('ENAMEL_')) env[k] = v
  return { ...env, ...extra }
}

/** Node with the TypeScript loader: the tests run the sources, `npm test` does not build. */
const NODE_ARGS = ['--import', 'tsx']

/**
 * Runs an operator CLI command (`enamel …`) through the CLI's own entry function in this
 * process: the same code as the `enamel` binary, without a Node start-up (seconds on a busy
 * CI box) for each call. Never throws for a non-zero exit.
 */
export async function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  const { runCli: entry } = await import('../../server/cli/run.js')
  const out: string[] = []
  const err: string[] = []
  const exitCode = await entry(args, { out: (l) => out.push(l), env }, (l) => err.push(l))
  const text = (lines: string[]) => (lines.length ? lines.join('\n') + '\n' : '')
  return { exitCode, stdout: text(out), stderr: text(err) }
}

/** Runs the CLI as its own process (`node --import tsx server/cli.ts …`), as an operator would. */
export async function runCliProcess(
  args: string[],
  env: Record<string, string>,
): Promise<CliResult> {
  const r = await execa(process.execPath, [...NODE_ARGS, 'server/cli.ts', ...args], {
    cwd: REPO_ROOT,
    env: childEnv(env),
    extendEnv: false,
    reject: false,
    // Generous: CI's two cores may be busy with other tests.
    timeout: 180_000,
  })
  const stderr = r.timedOut ? `timed out after 180 s\n${String(r.stderr)}` : String(r.stderr)
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr }
}

async function cliJson<T>(args: string[], env: Record<string, string>): Promise<T> {
  const r = await runCli([...args, '--json'], env)
  if (r.exitCode !== 0) {
    throw new Error(`enamel ${args.join(' ')} exited ${r.exitCode}: ${r.stderr.trim()}`)
  }
  return JSON.parse(r.stdout) as T
}

/**
 * `enamel init --json`, then `enamel staff add` and `enamel device issue` for each one asked,
 * in `dataDir` (which must not hold a data directory yet). `env` adds ENAMEL_* settings.
 */
export async function setUpClinic(
  dataDir: string,
  opts: {
    staff?: { login: string; role: Role; name?: string }[]
    devices?: { name: string; zone: Zone }[]
    env?: Record<string, string>
  } = {},
): Promise<Clinic> {
  const env = {
    ENAMEL_DATA_DIR: dataDir,
    ENAMEL_HOST: '127.0.0.1',
    ENAMEL_PUBLIC_NAMES: '127.0.0.1,localhost',
    ENAMEL_LOCALE: 'ru',
    ENAMEL_LOG_LEVEL: 'info',
    ...opts.env,
  }
  const init = await cliJson<{
    caCert: string
    owner: { login: string; password: string }
    device: { id: number; p12: string; passphrase: string }
  }>(['init'], env)
  const clinic: Clinic = {
    dataDir,
    ca: readFileSync(init.caCert, 'utf8'),
    env,
    owner: init.owner,
    staff: {},
    devices: { 'owner-office': { ...init.device, name: 'owner-office', zone: 'office' } },
  }
  for (const s of opts.staff ?? []) {
    const name = s.name ?? `Тест ${s.login}`
    const added = await cliJson<{ id: number; login: string; password: string }>(
      ['staff', 'add', '--login', s.login, '--name', name, '--role', s.role],
      env,
    )
    clinic.staff[s.login] = { ...added, role: s.role }
  }
  for (const d of opts.devices ?? []) {
    const issued = await cliJson<{ id: number; p12: string; passphrase: string }>(
      ['device', 'issue', '--name', d.name, '--zone', d.zone],
      env,
    )
    clinic.devices[d.name] = { ...issued, ...d }
  }
  return clinic
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
  })
}

/** A running (or killed) Enamel server process. */
export interface EnamelServer {
  readonly url: string
  readonly port: number
  readonly clinic: Clinic
  /** Every line the process wrote (stdout and stderr), across restarts. */
  readonly output: string[]
  /** Parsed pino lines of `output` (lines that are not JSON are left out). */
  logs(): Record<string, unknown>[]
  readonly process: ChildProcess | undefined
  /** A client holding `device`'s certificate (new connections; cookies start empty). */
  client(device: DeviceIdentity): EnamelClient
  /** SIGKILL: no shutdown handler runs, like a power cut for the process. */
  kill(): Promise<void>
  /** SIGTERM and wait for the exit (the graceful path). */
  stop(): Promise<void>
  /**
   * Kills the process (SIGKILL unless `signal` says otherwise) and starts it again on the same
   * data directory and port; `env` adds or overrides ENAMEL_* variables from now on.
   */
  restart(opts?: { env?: Record<string, string>; signal?: NodeJS.Signals }): Promise<void>
}

const START_TIMEOUT_MS = 60_000

/**
 * Starts `node --import tsx server/main.ts` on `clinic`'s data directory and a free loopback
 * port; resolves once it logs "listening". A port taken in between is retried with another.
 * @throws with the process's output when it exits or does not listen in time.
 */
export async function startEnamel(
  clinic: Clinic,
  opts: { env?: Record<string, string> } = {},
): Promise<EnamelServer> {
  const output: string[] = []
  let extraEnv = { ...opts.env }
  let child: ChildProcess | undefined
  let port = 0

  const launch = async (): Promise<void> => {
    const from = output.length
    const proc = spawn(process.execPath, [...NODE_ARGS, 'server/main.ts'], {
      cwd: REPO_ROOT,
      env: childEnv({ ...clinic.env, ...extraEnv, ENAMEL_PORT: String(port) }),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child = proc
    for (const stream of [proc.stdout!, proc.stderr!]) {
      let rest = ''
      stream.setEncoding('utf8')
      stream.on('data', (chunk: string) => {
        const lines = (rest + chunk).split('\n')
        rest = lines.pop()!
        output.push(...lines)
      })
    }
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        proc.kill('SIGKILL')
        reject(new Error(`enamel did not listen within ${START_TIMEOUT_MS} ms`))
      }, START_TIMEOUT_MS)
      const poll = setInterval(() => {
        if (output.slice(from).some((l) => l.includes('"msg":"listening"'))) {
          clearTimeout(timer)
          clearInterval(poll)
          resolve()
        }
      }, 20)
      proc.once('exit', (code, signal) => {
        clearTimeout(timer)
        clearInterval(poll)
        const said = output.slice(from).join('\n')
        const error = new Error(`enamel exited (${code ?? signal}) before listening:\n${said}`)
        reject(Object.assign(error, { addressInUse: said.includes('EADDRINUSE') }))
      })
    })
  }

  const launchOnFreePort = async (keepPort: boolean) => {
    for (let attempt = 0; ; attempt++) {
      if (!keepPort || port === 0) port = await freePort()
      try {
        return await launch()
      } catch (err) {
        const inUse = (err as { addressInUse?: boolean }).addressInUse
        if (!inUse || attempt >= 4) throw err
        keepPort = false
      }
    }
  }

  const waitExit = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      const proc = child
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return resolve()
      proc.once('exit', () => resolve())
      proc.kill(signal)
    })

  await launchOnFreePort(false)
  const server: EnamelServer = {
    get url() {
      return `https://127.0.0.1:${port}`
    },
    get port() {
      return port
    },
    clinic,
    output,
    logs: () =>
      output.flatMap((line) => {
        if (!line.startsWith('{')) return []
        try {
          return [JSON.parse(line) as Record<string, unknown>]
        } catch {
          return []
        }
      }),
    get process() {
      return child
    },
    client: (device) => new EnamelClient(() => server.url, clinic.ca, device),
    kill: () => waitExit('SIGKILL'),
    stop: () => waitExit('SIGTERM'),
    restart: async (how = {}) => {
      await waitExit(how.signal ?? 'SIGKILL')
      extraEnv = { ...extraEnv, ...how.env }
      await launchOnFreePort(true)
    },
  }
  return server
}

export interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
  text: string
  /** The Location header of a redirect, if any. */
  location?: string
}

const REQUEST_TIMEOUT_MS = 30_000

/**
 * A terminal: one client certificate, a cookie jar, and the CSRF token of the latest page.
 * Requests go over real mutual TLS with undici; redirects are not followed (a 303 after a
 * form post is the success answer, its Location names what was created).
 */
export class EnamelClient {
  private agent: Agent
  private readonly cookies = new Map<string, string>()
  private csrf = ''

  constructor(
    private readonly base: () => string,
    private readonly ca: string,
    readonly device: DeviceIdentity,
  ) {
    this.agent = this.newAgent()
  }

  private newAgent(): Agent {
    return new Agent({
      connect: {
        ca: this.ca,
        pfx: readFileSync(this.device.p12),
        passphrase: this.device.passphrase,
      },
      headersTimeout: REQUEST_TIMEOUT_MS,
      bodyTimeout: REQUEST_TIMEOUT_MS,
    })
  }

  /** Drops pooled connections (after a restart); the cookies and CSRF token stay. */
  async reconnect(): Promise<void> {
    const old = this.agent
    this.agent = this.newAgent()
    await old.destroy().catch(() => undefined)
  }

  async close(): Promise<void> {
    await this.agent.destroy().catch(() => undefined)
  }

  private cookieHeader(): string | undefined {
    if (this.cookies.size === 0) return undefined
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  private keepCookies(setCookie: string | string[] | undefined) {
    for (const line of [setCookie ?? []].flat()) {
      const [pair, ...attrs] = line.split(';')
      const eq = pair!.indexOf('=')
      const name = pair!.slice(0, eq).trim()
      const value = pair!.slice(eq + 1).trim()
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === ''
      if (expired) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }

  /**
   * Sends one request; rejects only when no HTTP answer came (connection refused or reset,
   * e.g. the server was killed). Remembers cookies and the CSRF token of an HTML page.
   */
  async send(
    method: Dispatcher.HttpMethod,
    urlPath: string,
    opts: { body?: string | FormData; headers?: Record<string, string> } = {},
  ): Promise<Reply> {
    const origin = this.base()
    const headers: Record<string, string> = { ...opts.headers }
    const cookie = this.cookieHeader()
    if (cookie) headers.cookie = cookie
    if (method !== 'GET' && method !== 'HEAD') {
      headers.origin = origin
      headers['sec-fetch-site'] = 'same-origin'
      if (this.csrf) headers['x-csrf-token'] = this.csrf
    }
    const res = await request(origin + urlPath, {
      method,
      headers,
      body: opts.body,
      dispatcher: this.agent,
    })
    const body = Buffer.from(await res.body.arrayBuffer())
    this.keepCookies(res.headers['set-cookie'])
    const type = String(res.headers['content-type'] ?? '')
    const text = type.startsWith('text/') ? body.toString('utf8') : ''
    const token = /name="_csrf" value="([^"]+)"/.exec(text)?.[1]
    if (token) this.csrf = token
    const location = res.headers.location
    return {
      status: res.statusCode,
      headers: res.headers,
      body,
      text,
      location: typeof location === 'string' ? location : undefined,
    }
  }

  get(urlPath: string): Promise<Reply> {
    return this.send('GET', urlPath)
  }

  /** A url-encoded form post (what a plain HTML form sends). */
  postForm(urlPath: string, fields: Record<string, string>): Promise<Reply> {
    return this.send('POST', urlPath, {
      body: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
  }

  /** A multipart post with one file under `fileField`. */
  postFile(
    urlPath: string,
    fields: Record<string, string>,
    file: { field?: string; name: string; type: string; data: Buffer },
  ): Promise<Reply> {
    const form = new FormData()
    for (const [k, v] of Object.entries(fields)) form.append(k, v)
    form.append(file.field ?? 'file', new Blob([file.data], { type: file.type }), file.name)
    return this.send('POST', urlPath, { body: form })
  }

  /**
   * Signs in on this terminal. With `newPassword`, the forced change of a one-time password
   * is made too. @throws when the server does not accept the credentials.
   */
  async signIn(login: string, password: string, newPassword = TEST_PASSWORD): Promise<void> {
    await this.get('/login')
    const r = await this.postForm('/login', { login, password })
    if (r.status !== 303) throw new Error(`login ${login}: HTTP ${r.status}`)
    if (r.location === '/password') {
      await this.get('/password')
      const changed = await this.postForm('/password', {
        current: password,
        password: newPassword,
        repeat: newPassword,
      })
      if (changed.status !== 303) throw new Error(`password change ${login}: ${changed.status}`)
    }
    // The session's own CSRF token replaces the pre-login cookie's.
    const home = await this.get('/')
    if (home.status !== 200) throw new Error(`home page for ${login}: HTTP ${home.status}`)
  }
}
