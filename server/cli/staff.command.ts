import { CLI_ACTOR } from '../audit/audit.service.js'
import { listStaff } from '../staff/staff.queries.js'
import { addStaff, resetStaffPassword } from '../staff/staff.service.js'
import { UsageError } from '../system/operator-error.js'
import type { Runtime } from '../system/runtime.js'
import { parseOptions, printJson, requireOption, withRuntime, type Command } from './cli-context.js'

const deps = (rt: Runtime) => ({ db: rt.db, auditKey: rt.keys.audit, now: () => new Date() })

/** enamel staff add|list|reset-password */
export const staffCommand: Command = async (args, io) => {
  const [sub, ...rest] = args
  if (sub === 'add') {
    const { values } = parseOptions(rest, {
      login: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      json: { type: 'boolean' },
    })
    const input = {
      login: requireOption(values.login, 'login'),
      fullName: requireOption(values.name, 'name'),
      role: requireOption(values.role, 'role'),
    }
    const r = await withRuntime(io, (rt) => addStaff(deps(rt), CLI_ACTOR, input))
    if (values.json) printJson(io, r)
    else io.out(`Staff ${r.id} (${r.login}) created; one-time password: ${r.password}`)
    return 0
  }
  if (sub === 'list') {
    const { values } = parseOptions(rest, { json: { type: 'boolean' } })
    const staff = await withRuntime(io, (rt) => listStaff(rt.db))
    if (values.json) {
      printJson(io, {
        staff: staff.map((s) => ({
          id: s.id,
          login: s.login,
          name: s.full_name,
          role: s.role,
          active: s.active === 1,
        })),
      })
    } else {
      for (const s of staff) {
        io.out(
          `${s.id}\t${s.login}\t${s.role}\t${s.active === 1 ? 'active' : 'inactive'}\t${s.full_name}`,
        )
      }
    }
    return 0
  }
  if (sub === 'reset-password') {
    const { values, positionals } = parseOptions(
      rest,
      { login: { type: 'string' }, json: { type: 'boolean' } },
      true,
    )
    const login = values.login ?? positionals[0]
    if (!login || positionals.length > 1)
      throw new UsageError('usage: enamel staff reset-password LOGIN')
    const r = await withRuntime(io, (rt) => resetStaffPassword(deps(rt), CLI_ACTOR, login))
    if (values.json) printJson(io, r)
    else io.out(`New one-time password for ${r.login}: ${r.password}`)
    return 0
  }
  throw new UsageError('usage: enamel staff add|list|reset-password')
}
