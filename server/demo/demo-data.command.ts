import { parseOptions, printJson, withRuntime, type Command } from '../cli/cli-context.js'
import { isIsoDate } from '../schedule/clinic-time.js'
import { UsageError } from '../system/operator-error.js'
import { generateDemoData } from './demo-data.service.js'

function count(value: string | undefined, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0 || n > max)
    throw new UsageError(`--${name} must be a whole number from 0 to ${max}`)
  return n
}

/**
 * enamel demo-data [--patients N] [--entries N] [--attachments N] [--attachment-kb N]
 *   [--seed N] [--today YYYY-MM-DD] [--days N] [--json]
 * Progress goes to stderr, so that --json leaves one JSON object on stdout.
 */
export const demoDataCommand: Command = async (args, io) => {
  const { values } = parseOptions(args, {
    patients: { type: 'string' },
    entries: { type: 'string' },
    attachments: { type: 'string' },
    'attachment-kb': { type: 'string' },
    seed: { type: 'string' },
    today: { type: 'string' },
    days: { type: 'string' },
    json: { type: 'boolean' },
  })
  if (values.today !== undefined && !isIsoDate(values.today))
    throw new UsageError('--today must be a date as YYYY-MM-DD')
  const patients = count(values.patients, 'patients', 100_000, 2_000_000)
  if (patients === 0) throw new UsageError('--patients must be at least 1')
  const opts = {
    seed: count(values.seed, 'seed', 1, 2 ** 31),
    patients,
    entries: count(values.entries, 'entries', 1_000_000, 20_000_000),
    attachments: count(values.attachments, 'attachments', 1_000, 100_000),
    attachmentBytes: count(values['attachment-kb'], 'attachment-kb', 1024, 50 * 1024) * 1024,
    today: values.today,
    // Three years of appointments: about 2 years 11 months back and a month ahead.
    days: count(values.days, 'days', 1096, 20 * 366),
    ahead: 30,
  }
  const started = Date.now()
  const log = (line: string) =>
    process.stderr.write(`demo-data ${Math.round((Date.now() - started) / 1000)}s: ${line}\n`)
  const r = await withRuntime(io, (rt) => generateDemoData(rt, opts, log))
  if (values.json) {
    printJson(io, r)
  } else {
    io.out(
      `Demo clinic generated in ${(r.ms / 1000).toFixed(1)} s (seed ${r.seed}, today ${r.today}): ` +
        `${r.counts.patients} patients, ${r.counts.appointments} appointments, ` +
        `${r.counts.visits + r.counts.corrections} visit records, ${r.counts.toothStates} tooth states, ` +
        `${r.counts.attachments} attachments (${Math.round(r.counts.attachmentBytes / 1048576)} MB); ` +
        `database ${Math.round(r.dbBytes / 1048576)} MB`,
    )
    io.out(
      `Logins ${r.logins.doctors[0]}…, ${r.logins.receptionists.join(', ')}, ${r.logins.assistants[0]}…; password: ${r.password}`,
    )
  }
  return 0
}
