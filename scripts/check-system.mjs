// Checks the system tools the test suite needs (real restic, sshd, Chromium, sqlite3, openssl).
// Missing ones are installed with apt when running as root on Debian (CI); otherwise the
// script prints the apt command and fails, so `npm test` never half-runs.
// `--security-scan` checks the outside scanners `npm run security-scan` drives instead
// (testssl.sh, sslscan, sqlmap, and openssl for the certificates); `npm test` needs none of them.
import { spawnSync } from 'node:child_process'
import { accessSync, constants, existsSync } from 'node:fs'
import { delimiter, join } from 'node:path'

const forScan = process.argv.includes('--security-scan')
const purpose = forScan ? 'the security scan' : 'the tests'
const who = forScan ? 'npm run security-scan needs' : 'enamel tests need'

// [package, absolute path or command name looked up on PATH]
const tools = forScan
  ? [
      ['testssl.sh', 'testssl'],
      ['sslscan', 'sslscan'],
      ['sqlmap', 'sqlmap'],
      ['openssl', 'openssl'],
    ]
  : [
      ['restic', 'restic'],
      ['chromium', '/usr/bin/chromium'],
      ['openssh-server', '/usr/sbin/sshd'],
      ['sqlite3', 'sqlite3'],
      ['openssl', 'openssl'],
    ]

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}

function found(tool) {
  if (tool.startsWith('/')) return isExecutable(tool)
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean)
  return dirs.some((dir) => isExecutable(join(dir, tool)))
}

function run(cmd, args) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  const result = spawnSync(cmd, args, { stdio: 'inherit', env })
  if (result.status !== 0) {
    console.error(`enamel: \`${cmd} ${args.join(' ')}\` failed (exit ${result.status})`)
    process.exit(1)
  }
}

const missing = tools.filter(([, tool]) => !found(tool)).map(([pkg]) => pkg)
if (missing.length === 0) process.exit(0)

const canInstall = existsSync('/etc/debian_version') && process.getuid?.() === 0
if (!canInstall) {
  console.error(`${who}: sudo apt-get install -y ${missing.join(' ')}`)
  process.exit(1)
}

console.error(`enamel: installing ${missing.join(' ')} for ${purpose}`)
run('apt-get', ['update'])
run('apt-get', ['install', '-y', '--no-install-recommends', ...missing])

const stillMissing = tools.filter(([, tool]) => !found(tool)).map(([pkg]) => pkg)
if (stillMissing.length > 0) {
  console.error(`${who}: sudo apt-get install -y ${stillMissing.join(' ')}`)
  process.exit(1)
}
