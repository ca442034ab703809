import pino, { type Logger } from 'pino'
import type { Config } from '../config.js'

/**
 * Structured JSON logs to stdout (the journal under systemd). Redaction is a second line of
 * defence: nothing that could hold a password, token or patient identity is logged on purpose.
 */
export function createLogger(
  config: Pick<Config, 'logLevel'>,
  stream?: NodeJS.WritableStream,
): Logger {
  return pino(
    {
      level: config.logLevel,
      base: { app: 'enamel' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ['password', '*.password', 'token', '*.token', 'cookie', '*.cookie', 'passphrase'],
        censor: '[redacted]',
      },
    },
    stream ?? process.stdout,
  )
}
