import { auditCommand } from './audit.command.js'
import { backupCommand } from './backup.command.js'
import { demoDataCommand } from '../demo/demo-data.command.js'
import type { CliIo, Command } from './cli-context.js'
import { deviceCommand } from './device.command.js'
import { healthcheckCommand } from './healthcheck.command.js'
import { initCommand } from './init.command.js'
import { restoreCommand } from './restore.command.js'
import { staffCommand } from './staff.command.js'
import { enamelVersion } from '../system/version.js'
import { oneLine } from '../system/operator-error.js'

const commands: Record<string, Command> = {
  init: initCommand,
  device: deviceCommand,
  staff: staffCommand,
  audit: auditCommand,
  healthcheck: healthcheckCommand,
  backup: backupCommand,
  restore: restoreCommand,
  'demo-data': demoDataCommand,
}

const USAGE = `usage: enamel <command>
  init [--json] [--owner-login L] [--owner-name N]
  device issue --name N --zone reception|surgery|office [--json]
  device list [--json] | device revoke ID
  staff add --login L --name N --role owner|doctor|assistant|receptionist [--json]
  staff list [--json] | staff reset-password LOGIN [--json]
  audit verify [--json]
  backup init|run|list [--json] | backup verify [--json] [--read-data auto|full|subset|none]
  restore --snapshot ID|latest --target DIR [--json]
  healthcheck
  demo-data [--patients N] [--entries N] [--attachments N] [--attachment-kb N] [--seed N]
            [--today YYYY-MM-DD] [--days N] [--json]
  --version`

/** Runs one CLI command; returns the exit code. Operator mistakes print one line, never a stack. */
export async function runCli(
  argv: string[],
  io: CliIo,
  err: (line: string) => void,
): Promise<number> {
  const [name, ...args] = argv
  if (name === '--version' || name === 'version') {
    io.out(enamelVersion())
    return 0
  }
  if (!name || name === 'help' || name === '--help') {
    io.out(USAGE)
    return name ? 0 : 2
  }
  const command = commands[name]
  if (!command) {
    err(`enamel: unknown command ${JSON.stringify(name)}; run enamel help`)
    return 2
  }
  try {
    return await command(args, io)
  } catch (e) {
    err(`enamel ${name}: ${oneLine(e)}`)
    return 1
  }
}
