import type { execa as Execa } from 'execa'
import { classifyFailure, parseLockInfo, ResticError, summarizeStderr } from './errors.js'
import { isObject, parseJsonLine, type JsonObject } from './json-lines.js'
import { MIN_VERSION, atLeast, parseResticVersion, type ResticVersion } from './version.js'

/** Where and how to reach one restic repository. The password is only ever a file. */
export interface ResticRepo {
  /** Any repository string restic accepts: /path, sftp:…, rest:…, s3:… */
  repository: string
  /** File holding the repository password (mode 0600), passed as RESTIC_PASSWORD_FILE. */
  passwordFile: string
  /** Extra global options as an argument array, e.g. ['-o', 'sftp.command=ssh …']. */
  options?: readonly string[]
  /** The restic program; found on the child's PATH unless absolute. */
  binary?: string
  /** Extra environment for the child (PATH, RESTIC_CACHE_DIR…); never a password. */
  env?: Readonly<Record<string, string>>
}

export interface ResticRunOptions {
  cwd?: string
  /** Called for every JSON object restic prints on stdout, as it prints it. */
  onMessage?: (msg: JsonObject) => void
  /** Called for every JSON array on stdout (snapshots, forget). */
  onArray?: (value: unknown[]) => void
  signal?: AbortSignal
}

export interface ResticResult {
  /** Non-JSON stdout lines (the last 200). */
  text: string[]
  stderr: string
}

const KEEP_TEXT_LINES = 200

// execa and its dependencies are about a hundred ES modules (~0.15 s to load): loaded when
// restic first runs, not at every server start.
let execaModule: Promise<typeof Execa> | undefined
function loadExeca(): Promise<typeof Execa> {
  execaModule ??= import('execa').then((m) => m.execa)
  return execaModule
}

function childEnv(repo: ResticRepo): NodeJS.ProcessEnv {
  return {
    ...repo.env,
    RESTIC_REPOSITORY: repo.repository,
    RESTIC_PASSWORD_FILE: repo.passwordFile,
    // Never let an inherited password source win over the file (restic prefers these).
    RESTIC_PASSWORD: undefined,
    RESTIC_PASSWORD_COMMAND: undefined,
    RESTIC_REPOSITORY_FILE: undefined,
    // JSON status lines twice a second, for the owner's progress bar.
    RESTIC_PROGRESS_FPS: '2',
  }
}

/**
 * Runs `restic <options> <args>` as a child process (an argument array, never a shell) and
 * streams its stdout as JSON lines; lines that are not JSON are kept as text, never fatal.
 * @throws ResticError for any exit code but 0 (classified from the code and stderr), and
 *   with code 'not_installed' when the program cannot be started.
 */
export async function runRestic(
  repo: ResticRepo,
  args: readonly string[],
  opts: ResticRunOptions = {},
): Promise<ResticResult> {
  const execa = await loadExeca()
  const child = execa(repo.binary ?? 'restic', [...(repo.options ?? []), ...args], {
    cwd: opts.cwd,
    env: childEnv(repo),
    extendEnv: true,
    stdin: 'ignore',
    reject: false,
    buffer: { stdout: false, stderr: true },
    maxBuffer: { stderr: 4 * 1024 * 1024 },
    cancelSignal: opts.signal,
    forceKillAfterDelay: 5000,
  })
  const text: string[] = []
  try {
    for await (const line of child.iterable({ from: 'stdout' })) {
      const value = parseJsonLine(line)
      if (Array.isArray(value)) opts.onArray?.(value)
      else if (isObject(value)) opts.onMessage?.(value)
      else if (line.trim() !== '') {
        text.push(line)
        if (text.length > KEEP_TEXT_LINES) text.shift()
      }
    }
  } catch {
    // The stream ends with an error when the process could not start; `await child` tells why.
  }
  const result = await child
  const stderr = String(result.stderr ?? '')
  if (result.exitCode === 0 && !result.failed) return { text, stderr }
  if ((result as { code?: string }).code === 'ENOENT') {
    throw new ResticError('not_installed', `${repo.binary ?? 'restic'} is not installed`, undefined)
  }
  const exitCode = result.exitCode ?? (result.isCanceled || result.signal ? 130 : undefined)
  const code = classifyFailure(exitCode, stderr)
  const message =
    summarizeStderr(stderr) || `restic exited with ${exitCode ?? result.signal ?? 'an error'}`
  throw new ResticError(
    code,
    message,
    exitCode,
    code === 'locked' ? parseLockInfo(stderr) : undefined,
  )
}

const versions = new Map<string, Promise<ResticVersion>>()

/**
 * The installed restic's version, asked once per program path.
 * @throws ResticError 'not_installed' when restic is missing or older than 0.14.
 */
export function resticVersion(repo: Pick<ResticRepo, 'binary' | 'env'>): Promise<ResticVersion> {
  const key = `${repo.binary ?? 'restic'}\0${repo.env?.PATH ?? ''}`
  let v = versions.get(key)
  if (!v) {
    v = detect(repo)
    versions.set(key, v)
    v.catch(() => versions.delete(key))
  }
  return v
}

async function detect(repo: Pick<ResticRepo, 'binary' | 'env'>): Promise<ResticVersion> {
  const bin = repo.binary ?? 'restic'
  const execa = await loadExeca()
  const r = await execa(bin, ['version'], { env: { ...repo.env }, reject: false, stdin: 'ignore' })
  const v = r.exitCode === 0 ? parseResticVersion(String(r.stdout)) : undefined
  if (!v)
    throw new ResticError('not_installed', `${bin} is not installed or not restic`, r.exitCode)
  if (!atLeast(v, MIN_VERSION)) {
    throw new ResticError('not_installed', `restic ${v.text} is too old; install 0.14 or newer`, 0)
  }
  return v
}
