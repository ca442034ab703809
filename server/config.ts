import { readFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { isIP } from 'node:net'
import path from 'node:path'
import { z } from 'zod'

export type Zone = 'reception' | 'surgery' | 'office'
export const ZONES: readonly Zone[] = ['reception', 'surgery', 'office']
export type Locale = 'ru' | 'en'

export interface Config {
  readonly dataDir: string
  readonly host: string
  readonly port: number
  readonly enrollPort: number
  readonly publicNames: readonly string[]
  readonly clinicName: string
  readonly locale: Locale
  readonly timeZone: string
  /** Idle time after which a session locks, per zone, in milliseconds. */
  readonly idleMs: Readonly<Record<Zone, number>>
  /** Absolute session lifetime in milliseconds. */
  readonly sessionMaxMs: number
  readonly masterKeyFile: string
  readonly uploadMaxBytes: number
  /** Free space kept on the data disk: below it, new records and uploads are refused (507). */
  readonly minFreeBytes: number
  readonly backup: {
    readonly repository: string | undefined
    readonly passwordFile: string | undefined
    /** `ssh …` command restic runs for an sftp: repository (restic's -o sftp.command). */
    readonly sftpCommand: string | undefined
    /** Minutes between scheduled backups. */
    readonly intervalMinutes: number
    /** Clinic-time hour (0-23) of the nightly restore drill. */
    readonly drillHour: number
    /** Snapshots kept by `restic forget` per period; yearly ones for the 25-year retention. */
    readonly keep: Readonly<{
      hourly: number
      daily: number
      weekly: number
      monthly: number
      yearly: number
    }>
  }
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent'
}

/** Thrown for a bad ENAMEL_* value; the message is one line naming the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

const hostName = z
  .string()
  .regex(
    /^(?=.{1,253}$)[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/,
  )

const minutes = (fallback: number) =>
  z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(fallback)

function hasControlCharacters(v: string): boolean {
  return [...v].some((ch) => ch.charCodeAt(0) < 0x20)
}

const keepCount = (fallback: number, min = 0) =>
  z.coerce.number().int().min(min).max(10_000).default(fallback)

// Any repository string restic accepts, but never something restic would read as an option,
// and never a relative path (whose meaning would depend on the working directory).
const resticRepository = z
  .string()
  .min(1)
  .refine(
    (v) =>
      !hasControlCharacters(v) &&
      /^(\/|local:\/|sftp:|rest:|s3:|b2:|azure:|gs:|swift:|rclone:)/.test(v),
  )

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return true
  } catch {
    return false
  }
}

const schema = z.object({
  ENAMEL_DATA_DIR: z.string().min(1).default('./data'),
  ENAMEL_HOST: z
    .string()
    .refine((v) => isIP(v) !== 0 || hostName.safeParse(v).success)
    .default('127.0.0.1'),
  ENAMEL_PORT: z.coerce.number().int().min(1).max(65535).default(8443),
  ENAMEL_ENROLL_PORT: z.coerce.number().int().min(1).max(65535).default(8444),
  ENAMEL_PUBLIC_NAMES: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .refine(
      (names) =>
        names.length > 0 && names.every((n) => isIP(n) !== 0 || hostName.safeParse(n).success),
    )
    .optional(),
  ENAMEL_CLINIC_NAME: z.string().trim().min(1).max(100).default('Enamel clinic'),
  ENAMEL_LOCALE: z.enum(['ru', 'en']).default('ru'),
  ENAMEL_TIMEZONE: z.string().refine(validTimeZone).default('Europe/Moscow'),
  ENAMEL_IDLE_RECEPTION_MINUTES: minutes(15),
  ENAMEL_IDLE_SURGERY_MINUTES: minutes(10),
  ENAMEL_IDLE_OFFICE_MINUTES: minutes(10),
  ENAMEL_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  ENAMEL_MASTER_KEY_FILE: z.string().min(1).optional(),
  ENAMEL_UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(512).default(20),
  ENAMEL_MIN_FREE_MB: z.coerce.number().int().min(0).max(1_000_000).default(64),
  ENAMEL_BACKUP_REPOSITORY: resticRepository.optional(),
  ENAMEL_BACKUP_PASSWORD_FILE: z.string().min(1).optional(),
  ENAMEL_BACKUP_SFTP_COMMAND: z
    .string()
    .refine((v) => /^\S*ssh\s/.test(v) && !hasControlCharacters(v))
    .optional(),
  ENAMEL_BACKUP_SCHEDULE_MINUTES: minutes(60),
  ENAMEL_BACKUP_DRILL_HOUR: z.coerce.number().int().min(0).max(23).default(3),
  ENAMEL_BACKUP_KEEP_HOURLY: keepCount(24),
  ENAMEL_BACKUP_KEEP_DAILY: keepCount(14),
  ENAMEL_BACKUP_KEEP_WEEKLY: keepCount(8),
  ENAMEL_BACKUP_KEEP_MONTHLY: keepCount(24),
  // Medical records are kept 25 years (приказ 834н): fewer yearly snapshots is refused.
  ENAMEL_BACKUP_KEEP_YEARLY: keepCount(25, 25),
  ENAMEL_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
})

const allowed: Record<keyof z.infer<typeof schema>, string> = {
  ENAMEL_DATA_DIR: 'a directory path',
  ENAMEL_HOST: 'an IP address or host name to listen on',
  ENAMEL_PORT: 'a port number 1-65535',
  ENAMEL_ENROLL_PORT: 'a port number 1-65535',
  ENAMEL_PUBLIC_NAMES: 'a comma-separated list of host names and IP addresses',
  ENAMEL_CLINIC_NAME: 'a name of 1-100 characters',
  ENAMEL_LOCALE: 'ru or en',
  ENAMEL_TIMEZONE: 'an IANA time zone such as Europe/Moscow',
  ENAMEL_IDLE_RECEPTION_MINUTES: 'whole minutes 1-1440',
  ENAMEL_IDLE_SURGERY_MINUTES: 'whole minutes 1-1440',
  ENAMEL_IDLE_OFFICE_MINUTES: 'whole minutes 1-1440',
  ENAMEL_SESSION_MAX_HOURS: 'whole hours 1-72',
  ENAMEL_MASTER_KEY_FILE: 'a file path',
  ENAMEL_UPLOAD_MAX_MB: 'whole megabytes 1-512',
  ENAMEL_MIN_FREE_MB: 'whole megabytes 0-1000000 (0 turns the check off)',
  ENAMEL_BACKUP_REPOSITORY:
    'a restic repository: an absolute path or sftp:, rest:, s3:, b2:, azure:, gs:, swift:, rclone:',
  ENAMEL_BACKUP_PASSWORD_FILE:
    'a file path holding the restic password (required with ENAMEL_BACKUP_REPOSITORY)',
  ENAMEL_BACKUP_SFTP_COMMAND: 'an ssh command line such as "ssh -i KEY user@host -s sftp"',
  ENAMEL_BACKUP_SCHEDULE_MINUTES: 'whole minutes 1-1440',
  ENAMEL_BACKUP_DRILL_HOUR: 'an hour 0-23 in the clinic time zone',
  ENAMEL_BACKUP_KEEP_HOURLY: 'a whole number 0-10000',
  ENAMEL_BACKUP_KEEP_DAILY: 'a whole number 0-10000',
  ENAMEL_BACKUP_KEEP_WEEKLY: 'a whole number 0-10000',
  ENAMEL_BACKUP_KEEP_MONTHLY: 'a whole number 0-10000',
  ENAMEL_BACKUP_KEEP_YEARLY: 'a whole number 25-10000 (medical records are kept 25 years)',
  ENAMEL_LOG_LEVEL: 'debug, info, warn, error or silent',
}

/** Only ENAMEL_* variables count; an empty value means "not set" (as systemd EnvironmentFile leaves them). */
function enamelVariables(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {}
  for (const [k, v] of Object.entries(env)) {
    if (!k.startsWith('ENAMEL_')) continue
    out[k] = v === '' ? undefined : v
  }
  return out
}

/**
 * Reads ENAMEL_* variables once and returns a frozen Config.
 * @throws ConfigError with one line naming the variable and what is allowed.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw = enamelVariables(env)
  const parsed = schema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const name = String(issue.path[0]) as keyof typeof allowed
    const got = raw[name]
    throw new ConfigError(
      `${name}: expected ${allowed[name] ?? 'a valid value'}` +
        (got === undefined ? '' : ` (got ${JSON.stringify(got.slice(0, 80))})`),
    )
  }
  const e = parsed.data
  if (e.ENAMEL_BACKUP_REPOSITORY && !e.ENAMEL_BACKUP_PASSWORD_FILE) {
    throw new ConfigError(
      `ENAMEL_BACKUP_PASSWORD_FILE: expected ${allowed.ENAMEL_BACKUP_PASSWORD_FILE}`,
    )
  }
  const dataDir = path.resolve(e.ENAMEL_DATA_DIR)
  const publicNames = e.ENAMEL_PUBLIC_NAMES ?? defaultPublicNames()
  const config: Config = {
    dataDir,
    host: e.ENAMEL_HOST,
    port: e.ENAMEL_PORT,
    enrollPort: e.ENAMEL_ENROLL_PORT,
    publicNames: Object.freeze([...new Set(publicNames)]),
    clinicName: e.ENAMEL_CLINIC_NAME,
    locale: e.ENAMEL_LOCALE,
    timeZone: e.ENAMEL_TIMEZONE,
    idleMs: Object.freeze({
      reception: e.ENAMEL_IDLE_RECEPTION_MINUTES * 60_000,
      surgery: e.ENAMEL_IDLE_SURGERY_MINUTES * 60_000,
      office: e.ENAMEL_IDLE_OFFICE_MINUTES * 60_000,
    }),
    sessionMaxMs: e.ENAMEL_SESSION_MAX_HOURS * 3_600_000,
    masterKeyFile: path.resolve(
      e.ENAMEL_MASTER_KEY_FILE ?? path.join(dataDir, 'keys', 'master.key'),
    ),
    uploadMaxBytes: e.ENAMEL_UPLOAD_MAX_MB * 1024 * 1024,
    minFreeBytes: e.ENAMEL_MIN_FREE_MB * 1024 * 1024,
    backup: Object.freeze({
      repository: e.ENAMEL_BACKUP_REPOSITORY,
      passwordFile: e.ENAMEL_BACKUP_PASSWORD_FILE && path.resolve(e.ENAMEL_BACKUP_PASSWORD_FILE),
      sftpCommand: e.ENAMEL_BACKUP_SFTP_COMMAND,
      intervalMinutes: e.ENAMEL_BACKUP_SCHEDULE_MINUTES,
      drillHour: e.ENAMEL_BACKUP_DRILL_HOUR,
      keep: Object.freeze({
        hourly: e.ENAMEL_BACKUP_KEEP_HOURLY,
        daily: e.ENAMEL_BACKUP_KEEP_DAILY,
        weekly: e.ENAMEL_BACKUP_KEEP_WEEKLY,
        monthly: e.ENAMEL_BACKUP_KEEP_MONTHLY,
        yearly: e.ENAMEL_BACKUP_KEEP_YEARLY,
      }),
    }),
    logLevel: e.ENAMEL_LOG_LEVEL,
  }
  return Object.freeze(config)
}

function defaultPublicNames(): string[] {
  const names = ['localhost', '127.0.0.1']
  const h = hostname()
  if (h && hostName.safeParse(h).success) names.push(h)
  return names
}

/** Reads a secret file, trimmed. @throws ConfigError naming the variable when unreadable. */
export function readSecretFile(file: string, variable: string): string {
  try {
    return readFileSync(file, 'utf8').trim()
  } catch (err) {
    throw new ConfigError(
      `${variable}: cannot read ${file} (${(err as NodeJS.ErrnoException).code})`,
    )
  }
}

/** The URL terminals use: the listen address, or the first public name when listening on all. */
export function publicUrl(config: Config): string {
  const wildcard = config.host === '0.0.0.0' || config.host === '::'
  const name = wildcard ? (config.publicNames[0] ?? 'localhost') : config.host
  const h = isIP(name) === 6 ? `[${name}]` : name
  return `https://${h}:${config.port}`
}
