import { verifyAuditChain } from '../audit/audit.service.js'
import { UsageError } from '../system/operator-error.js'
import { parseOptions, printJson, withRuntime, type Command } from './cli-context.js'

/** enamel audit verify [--json]: exit 0 when the chain is whole, 1 naming the first broken row. */
export const auditCommand: Command = async (args, io) => {
  const [sub, ...rest] = args
  if (sub !== 'verify') throw new UsageError('usage: enamel audit verify [--json]')
  const { values } = parseOptions(rest, { json: { type: 'boolean' } })
  const result = await withRuntime(io, (rt) => verifyAuditChain(rt.db, rt.keys.audit))
  if (values.json) printJson(io, result)
  else if (result.ok) io.out(`audit chain ok: ${result.count} events, head ${result.head}`)
  else io.out(`audit chain BROKEN at event ${result.brokenAt}: ${result.reason}`)
  return result.ok ? 0 : 1
}
