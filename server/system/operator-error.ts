import { ConfigError } from '../config.js'
import { KeyFileError } from '../crypto/master-key.js'
import { DeviceError } from '../devices/devices.service.js'
import { StaffError } from '../staff/staff.service.js'
import { DataDirError } from './runtime.js'

/** Errors an operator can fix; they print as one line without a stack trace. */
export class UsageError extends Error {
  override name = 'UsageError'
}

const OPERATOR_ERRORS = [
  ConfigError,
  KeyFileError,
  DataDirError,
  DeviceError,
  StaffError,
  UsageError,
]

/** One readable line for any error: the message of a known operator mistake, else a summary. */
export function oneLine(err: unknown): string {
  if (OPERATOR_ERRORS.some((E) => err instanceof E)) return (err as Error).message
  const e = err as NodeJS.ErrnoException
  if (e?.code === 'EADDRINUSE') return `the port is already in use (${e.message})`
  if (e?.code === 'EACCES') return `permission denied: ${e.message}`
  return `unexpected error: ${e?.message ?? String(err)}`.split('\n')[0]!
}
