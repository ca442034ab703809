import { CLI_ACTOR } from '../audit/audit.service.js'
import { ZONES, type Zone } from '../config.js'
import { listDevices } from '../devices/devices.queries.js'
import { issueDevice, revokeDevice } from '../devices/devices.service.js'
import { UsageError } from '../system/operator-error.js'
import type { Runtime } from '../system/runtime.js'
import { parseOptions, printJson, requireOption, withRuntime, type Command } from './cli-context.js'

function deps(rt: Runtime) {
  return {
    db: rt.db,
    auditKey: rt.keys.audit,
    ca: rt.ca,
    pki: rt.pki,
    dataDir: rt.config.dataDir,
    now: () => new Date(),
  }
}

/** enamel device issue|list|revoke */
export const deviceCommand: Command = async (args, io) => {
  const [sub, ...rest] = args
  if (sub === 'issue') {
    const { values } = parseOptions(rest, {
      name: { type: 'string' },
      zone: { type: 'string' },
      json: { type: 'boolean' },
    })
    const name = requireOption(values.name, 'name')
    const zone = requireOption(values.zone, 'zone')
    if (!ZONES.includes(zone as Zone)) {
      throw new UsageError(
        `--zone must be one of ${ZONES.join(', ')} (got ${JSON.stringify(zone)})`,
      )
    }
    const d = await withRuntime(io, (rt) =>
      issueDevice(deps(rt), CLI_ACTOR, { name, zone: zone as Zone, issuedBy: null }),
    )
    if (values.json) printJson(io, { id: d.id, p12: d.p12, passphrase: d.passphrase })
    else
      io.out(`Device ${d.id} (${d.name}, ${d.zone}): bundle ${d.p12}, passphrase ${d.passphrase}`)
    return 0
  }
  if (sub === 'list') {
    const { values } = parseOptions(rest, { json: { type: 'boolean' } })
    const devices = await withRuntime(io, (rt) => listDevices(rt.db))
    if (values.json) {
      printJson(io, {
        devices: devices.map((d) => ({
          id: d.id,
          name: d.name,
          zone: d.zone,
          serial: d.serial,
          issuedAt: d.issued_at,
          notAfter: d.not_after,
          lastSeenAt: d.last_seen_at,
          revokedAt: d.revoked_at,
        })),
      })
    } else {
      for (const d of devices) {
        const status = d.revoked_at ? `revoked ${d.revoked_at}` : 'active'
        io.out(`${d.id}\t${d.zone}\t${d.name}\t${status}\tlast seen ${d.last_seen_at ?? 'never'}`)
      }
    }
    return 0
  }
  if (sub === 'revoke') {
    const { positionals } = parseOptions(rest, {}, true)
    const id = Number(positionals[0])
    if (positionals.length !== 1 || !Number.isInteger(id) || id < 1) {
      throw new UsageError('usage: enamel device revoke ID')
    }
    await withRuntime(io, (rt) => revokeDevice(deps(rt), CLI_ACTOR, id))
    io.out(`Device ${id} revoked; a running server refuses it within seconds.`)
    return 0
  }
  throw new UsageError('usage: enamel device issue|list|revoke')
}
