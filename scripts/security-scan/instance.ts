import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import {
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

// A throwaway Enamel for the scanners: a fresh data directory set up with the real CLI, the
// real server started as a child process on a free loopback port, terminal certificates
// exported as PEM for testssl (`keyopts`), sslscan (`--certs`/`--pk`) and sqlmap (`--auth-file`).

const ROOT = path.resolve(import.meta.dirname, '..', '..')
const CLI = path.join(ROOT, 'server', 'cli.ts')
const MAIN = path.join(ROOT, 'server', 'main.ts')
const START_TIMEOUT_MS = 60_000

export type Zone = 'reception' | 'surgery' | 'office'

/** A terminal's certificate as PEM files (key unencrypted, only inside the temp dir). */
export interface Terminal {
  zone: Zone
  cert: string
  key: string
  /** cert + key in one file, for sqlmap's --auth-file. */
  bundle: string
}

export interface Account {
  login: string
  password: string
}

export interface Instance {
  dir: string
  host: string
  port: number
  url: string
  caCert: string
  owner: Account
  terminals: Record<Zone, Terminal>
  accounts: { receptionist: Account; doctor: Account }
  /** The server's own log (pino JSON lines), for the report when something goes wrong. */
  serverLog: string
  stop(): Promise<void>
}

/** A free TCP port on loopback (the kernel picks it; a tiny race we accept for a scan). */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, host, () => {
      const addr = srv.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      srv.close(() => resolve(port))
    })
  })
}

function cli(env: NodeJS.ProcessEnv, args: string[]): unknown {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  })
  if (r.status !== 0) {
    throw new Error(`enamel ${args.join(' ')} exited ${r.status}: ${(r.stderr || r.stdout).trim()}`)
  }
  return JSON.parse(r.stdout) as unknown
}

/** PKCS#12 → PEM certificate and unencrypted key, with the system openssl (no -legacy needed). */
function exportPem(p12: string, passphrase: string, outDir: string, name: string, zone: Zone) {
  const run = (extra: string[]) => {
    const r = spawnSync('openssl', ['pkcs12', '-in', p12, '-passin', 'env:P12_PASS', ...extra], {
      env: { ...process.env, P12_PASS: passphrase },
      encoding: 'utf8',
    })
    if (r.status !== 0) throw new Error(`openssl pkcs12 on ${p12} failed: ${r.stderr.trim()}`)
    return r.stdout
  }
  const certPem = run(['-clcerts', '-nokeys'])
  const keyPem = run(['-nocerts', '-nodes'])
  const pem = (s: string, kind: RegExp) => {
    const m = s.match(kind)
    if (!m) throw new Error(`no ${kind.source.slice(0, 30)} in the bundle ${p12}`)
    return m[0] + '\n'
  }
  const cert = pem(certPem, /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)
  const key = pem(
    keyPem,
    /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/,
  )
  const t: Terminal = {
    zone,
    cert: path.join(outDir, `${name}.crt.pem`),
    key: path.join(outDir, `${name}.key.pem`),
    bundle: path.join(outDir, `${name}.bundle.pem`),
  }
  writeFileSync(t.cert, cert, { mode: 0o600 })
  writeFileSync(t.key, key, { mode: 0o600 })
  writeFileSync(t.bundle, key + cert, { mode: 0o600 })
  return t
}

async function waitListening(child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the server exited ${child.exitCode} at start-up: ${tail(logFile)}`)
    }
    let log = ''
    try {
      log = readFileSync(logFile, 'utf8')
    } catch {
      // not created yet
    }
    if (/"msg":"listening"/.test(log)) return
    await sleep(200)
  }
  throw new Error(`the server did not start within ${START_TIMEOUT_MS / 1000} s: ${tail(logFile)}`)
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-3).join(' | ')
  } catch {
    return '(no log)'
  }
}

/**
 * Sets up and starts a throwaway Enamel on loopback. Always call `stop()` (it kills the
 * server and removes the data directory, keys included).
 */
export async function startInstance(): Promise<Instance> {
  const dir = mkdtempSync(path.join(tmpdir(), 'enamel-scan-'))
  const dataDir = path.join(dir, 'data')
  const pemDir = path.join(dir, 'pem')
  mkdirSync(pemDir, { mode: 0o700 })
  const host = '127.0.0.1'
  let child: ChildProcess | undefined
  const serverLog = path.join(dir, 'server.log')

  const stop = async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child!.once('exit', () => resolve()))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child!.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    }
    rmSync(dir, { recursive: true, force: true })
  }

  try {
    const port = await freePort(host)
    const enrollPort = await freePort(host)
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TMPDIR: dir,
      ENAMEL_DATA_DIR: dataDir,
      ENAMEL_HOST: host,
      ENAMEL_PORT: String(port),
      ENAMEL_ENROLL_PORT: String(enrollPort),
      ENAMEL_PUBLIC_NAMES: '127.0.0.1,localhost',
      ENAMEL_CLINIC_NAME: 'Security scan clinic',
      ENAMEL_LOG_LEVEL: 'info',
    }
    const init = cli(env, ['init', '--json']) as {
      url: string
      caCert: string
      owner: Account
      device: { p12: string; passphrase: string }
    }
    const reception = cli(env, [
      'device',
      'issue',
      '--name',
      'scan-reception',
      '--zone',
      'reception',
      '--json',
    ]) as {
      p12: string
      passphrase: string
    }
    const surgery = cli(env, [
      'device',
      'issue',
      '--name',
      'scan-surgery',
      '--zone',
      'surgery',
      '--json',
    ]) as {
      p12: string
      passphrase: string
    }
    const receptionist = cli(env, [
      'staff',
      'add',
      '--login',
      'scan.reception',
      '--name',
      'Регистратор Сканов',
      '--role',
      'receptionist',
      '--json',
    ]) as Account
    const doctor = cli(env, [
      'staff',
      'add',
      '--login',
      'scan.doctor',
      '--name',
      'Врач Сканов',
      '--role',
      'doctor',
      '--json',
    ]) as Account

    const terminals: Record<Zone, Terminal> = {
      office: exportPem(init.device.p12, init.device.passphrase, pemDir, 'office', 'office'),
      reception: exportPem(reception.p12, reception.passphrase, pemDir, 'reception', 'reception'),
      surgery: exportPem(surgery.p12, surgery.passphrase, pemDir, 'surgery', 'surgery'),
    }

    const out = createWriteStream(serverLog)
    child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout!.pipe(out)
    child.stderr!.pipe(out)
    await waitListening(child, serverLog)

    return {
      dir,
      host,
      port,
      url: `https://${host}:${port}`,
      caCert: init.caCert,
      owner: init.owner,
      terminals,
      accounts: { receptionist, doctor },
      serverLog,
      stop,
    }
  } catch (err) {
    await stop()
    throw err
  }
}
