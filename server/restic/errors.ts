// What went wrong with restic, as one of a few codes the owner's page can explain.
// restic 0.14 exits 1 for nearly everything (wrong password, missing repository, lock), so the
// code comes from its message; 0.17+ adds exit codes 10, 11 and 12, which win when present.

export type ResticErrorCode =
  | 'wrong_password'
  | 'repo_missing'
  | 'repo_exists'
  | 'repo_unreachable'
  | 'no_space'
  | 'locked'
  | 'incomplete'
  | 'interrupted'
  | 'not_installed'
  | 'bad_output'
  | 'failed'

export interface LockInfo {
  host?: string
  pid?: number
  /** How old restic said the lock was, in seconds. */
  ageSeconds?: number
}

/** A restic command that did not exit 0 (or whose output made no sense). */
export class ResticError extends Error {
  override name = 'ResticError'
  constructor(
    readonly code: ResticErrorCode,
    message: string,
    readonly exitCode: number | undefined,
    readonly lock?: LockInfo,
  ) {
    super(message)
  }
}

const PATTERNS: [ResticErrorCode, RegExp][] = [
  ['wrong_password', /wrong password|no key found/i],
  ['no_space', /no space left on device|disk quota exceeded|insufficient storage/i],
  ['locked', /repository is already locked|unable to create lock|failed to lock/i],
  [
    'repo_unreachable',
    /connection refused|no route to host|network is unreachable|no such host|i\/o timeout|timed out|connection reset|unable to start the sftp session|ssh: |host key verification failed|permission denied \(publickey|dial tcp|tls: |server unexpectedly closed|broken pipe|connection lost|EOF$/im,
  ],
  [
    'repo_exists',
    /config file already exists|repository master key and config already initialized/i,
  ],
  [
    'repo_missing',
    /is there a repository at the following location|repository does not exist|unable to open config file.*no such file/i,
  ],
]

const BY_EXIT: Record<number, ResticErrorCode> = {
  3: 'incomplete',
  10: 'repo_missing',
  11: 'locked',
  12: 'wrong_password',
  130: 'interrupted',
}

/**
 * Classifies a failed restic run from its exit code and stderr. Only exit 0 is success;
 * an unknown exit code is a failure too (restic's scripting docs).
 */
export function classifyFailure(exitCode: number | undefined, stderr: string): ResticErrorCode {
  const byExit = exitCode === undefined ? undefined : BY_EXIT[exitCode]
  if (byExit) return byExit
  for (const [code, re] of PATTERNS) if (re.test(stderr)) return code
  return 'failed'
}

/** The lock's holder and age from restic's "already locked" text, for the owner's message. */
export function parseLockInfo(stderr: string): LockInfo {
  const info: LockInfo = {}
  const by = /locked (?:exclusively )?by PID (\d+) on (\S+)/i.exec(stderr)
  if (by) {
    info.pid = Number(by[1])
    info.host = by[2]
  }
  const age = /\(([\d.]+h)?([\d.]+m)?([\d.]+s)? ago\)/.exec(stderr)
  if (age && (age[1] || age[2] || age[3])) {
    info.ageSeconds = Math.round(
      parseFloat(age[1] ?? '0') * 3600 + parseFloat(age[2] ?? '0') * 60 + parseFloat(age[3] ?? '0'),
    )
  }
  return info
}

/** Hides user:password in any URL restic echoes (rest:https://user:secret@host/…). */
export function redactCredentials(text: string): string {
  return text.replace(/(\/\/)[^/@\s:]+:[^/@\s]*@/g, '$1***@')
}

/**
 * The line of restic's stderr worth showing (its last "Fatal:" line, else the last line),
 * without credentials, at most 500 characters.
 */
export function summarizeStderr(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
  const fatal = lines.filter((l) => /^Fatal:/i.test(l)).pop()
  const line = (
    fatal ??
    lines.find((l) => /locked|error|failed|unable/i.test(l)) ??
    lines.pop() ??
    ''
  ).replace(/^Fatal:\s*/i, '')
  return redactCredentials(line).slice(0, 500)
}
