import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { connect, createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

// A throwaway OpenSSH server on 127.0.0.1 for sftp: repository tests: its own host key,
// user key, known_hosts and sshd_config in a temp dir, a free non-standard port, running as
// the current user (root in CI, hence PermitRootLogin prohibit-password). Nothing leaves loopback.

const run = promisify(execFile)

export interface Sshd {
  port: number
  /** `ssh …` for restic's sftp.command: this server's key, port and pinned host key. */
  sftpCommand: string
  /** An sftp: repository string for a directory on this machine. */
  repository(dir: string): string
  /** Stops sshd and every session it started (the whole process group). */
  stop(): Promise<void>
  /** Starts it again on the same port with the same keys. */
  restart(): Promise<void>
  /** Its keys and config; removed by disposeSshd. */
  dir: string
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

async function waitForPort(port: number, up: boolean, ms = 10_000) {
  const end = Date.now() + ms
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1')
      s.once('connect', () => (s.destroy(), resolve(true)))
      s.once('error', () => resolve(false))
    })
    if (open === up) return
    if (Date.now() > end)
      throw new Error(`sshd port ${port} never became ${up ? 'open' : 'closed'}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

export async function startSshd(): Promise<Sshd> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'enamel-sshd-'))
  const key = (name: string) =>
    run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', path.join(dir, name)])
  await Promise.all([key('host_key'), key('user_key')])
  writeFileSync(path.join(dir, 'authorized_keys'), readFileSync(path.join(dir, 'user_key.pub')), {
    mode: 0o600,
  })
  const port = await freePort()
  const hostPub = readFileSync(path.join(dir, 'host_key.pub'), 'utf8')
    .split(' ')
    .slice(0, 2)
    .join(' ')
  writeFileSync(path.join(dir, 'known_hosts'), `[127.0.0.1]:${port} ${hostPub}\n`)
  const config = path.join(dir, 'sshd_config')
  writeFileSync(
    config,
    [
      'ListenAddress 127.0.0.1',
      `HostKey ${path.join(dir, 'host_key')}`,
      `PidFile ${path.join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
      'StrictModes no',
      'PermitRootLogin prohibit-password',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'Subsystem sftp internal-sftp',
      'LogLevel ERROR',
      '',
    ].join('\n'),
  )
  // sshd insists on its privilege separation directory (absent in minimal containers).
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 })
  let child: ChildProcess | undefined
  let log = ''
  const start = async () => {
    child = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', config, '-p', String(port)], {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    child.stderr!.on('data', (d: Buffer) => void (log = (log + d.toString()).slice(-4000)))
    await waitForPort(port, true).catch((err: Error) => {
      throw new Error(`${err.message}; sshd said: ${log}`)
    })
  }
  await start()
  const user = os.userInfo().username
  const sftpCommand = [
    'ssh',
    `-i ${path.join(dir, 'user_key')}`,
    `-p ${port}`,
    `-o UserKnownHostsFile=${path.join(dir, 'known_hosts')}`,
    '-o StrictHostKeyChecking=yes',
    '-o BatchMode=yes',
    '-o IdentitiesOnly=yes',
    '-o ConnectTimeout=5',
    `${user}@127.0.0.1`,
    '-s sftp',
  ].join(' ')
  const stopped = async () => {
    const c = child
    if (!c || c.exitCode !== null) return
    const exited = new Promise((r) => c.once('exit', r))
    process.kill(-c.pid!, 'SIGTERM')
    await exited
    await waitForPort(port, false)
  }
  return {
    port,
    sftpCommand,
    repository: (repoDir) => `sftp:${user}@127.0.0.1:${repoDir}`,
    stop: stopped,
    restart: start,
    dir,
  }
}

/** Stops the server and deletes its keys. */
export async function disposeSshd(sshd: Sshd) {
  await sshd.stop()
  rmSync(sshd.dir, { recursive: true, force: true })
}
