import { parseArgs, type ParseArgsConfig } from 'node:util'
import { loadConfig, type Config } from '../config.js'
import { UsageError } from '../system/operator-error.js'
import { openRuntime, type Runtime } from '../system/runtime.js'

export interface CliIo {
  out: (line: string) => void
  env: NodeJS.ProcessEnv
}

export type Command = (args: string[], io: CliIo) => Promise<number>

/** parseArgs that turns its errors into one-line usage errors. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true })
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]!)
  }
}

export function requireOption(value: string | boolean | undefined, name: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new UsageError(`--${name} is required`)
  return value.trim()
}

/** Opens the data directory for one command and always closes it. */
export async function withRuntime<T>(io: CliIo, fn: (rt: Runtime, config: Config) => Promise<T>) {
  const config = loadConfig(io.env)
  const rt = await openRuntime(config)
  try {
    return await fn(rt, config)
  } finally {
    await rt.close()
  }
}

export function printJson(io: CliIo, value: unknown) {
  io.out(JSON.stringify(value))
}
