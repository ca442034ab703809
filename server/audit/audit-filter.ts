import { z } from 'zod'
import type { MessageKey } from '../i18n/i18n.js'
import type { AuditOutcome } from './audit.table.js'
import { parseIsoDate } from './period.js'

// The trail's filter lives in the query string (GET, bookmarkable, works without JS). It only
// ever holds ids, codes and dates — never a name (checklist 30): a patient is filtered by
// number; finding the number by name is the patient search's job, which POSTs.

export const FILTER_FIELDS = [
  'patient',
  'staff',
  'device',
  'action',
  'prefix',
  'outcome',
  'from',
  'to',
] as const
export type FilterField = (typeof FILTER_FIELDS)[number]
export type FilterValues = Partial<Record<FilterField, string>>
export type FilterErrors = Partial<Record<FilterField, MessageKey>>

export interface AuditFilter {
  patientId?: number
  staffId?: number
  deviceId?: number
  action?: string
  prefix?: string
  outcome?: AuditOutcome
  /** Calendar dates (YYYY-MM-DD) in the clinic's time zone, inclusive. */
  from?: string
  to?: string
}

/** Keyset pagination by event id: `before` pages to older events, `after` to newer. */
export interface AuditCursor {
  before?: number
  after?: number
}

const id = z
  .string()
  .regex(/^[1-9]\d{0,14}$/)
  .transform(Number)

/** A path or query id: a positive integer written plainly, else undefined (the route 404s). */
export function parsePositiveId(value: string | undefined): number | undefined {
  const r = id.safeParse(value ?? '')
  return r.success ? r.data : undefined
}
const date = z.string().refine((v) => parseIsoDate(v) !== undefined)

const FIELDS = {
  patient: [id, 'audit.error.id'],
  staff: [id, 'audit.error.choose'],
  device: [id, 'audit.error.choose'],
  action: [z.string().regex(/^[a-z][a-z0-9_.]{0,63}$/), 'audit.error.action'],
  prefix: [z.string().regex(/^[a-z0-9_.]{1,64}$/), 'audit.error.prefix'],
  outcome: [z.enum(['ok', 'denied', 'failed']), 'audit.error.choose'],
  from: [date, 'audit.error.date'],
  to: [date, 'audit.error.date'],
} as const satisfies Record<FilterField, readonly [z.ZodType, MessageKey]>

export interface ParsedQuery {
  filter: AuditFilter
  cursor: AuditCursor
  /** What the user typed, trimmed, to put back into the form. */
  values: FilterValues
  errors: FilterErrors
}

/** Reads the filter and cursor from a query string; each bad field gets its own message. */
export function parseAuditQuery(query: Record<string, string | undefined>): ParsedQuery {
  const values: FilterValues = {}
  const errors: FilterErrors = {}
  const ok: Record<string, unknown> = {}
  for (const name of FILTER_FIELDS) {
    const raw = (query[name] ?? '').trim().slice(0, 200)
    if (!raw) continue
    values[name] = raw
    const [schema, message] = FIELDS[name]
    const parsed = schema.safeParse(raw)
    if (parsed.success) ok[name] = parsed.data
    else errors[name] = message
  }
  if (ok.from && ok.to && String(ok.from) > String(ok.to)) errors.to = 'audit.error.period'
  const filter: AuditFilter = {
    patientId: ok.patient as number | undefined,
    staffId: ok.staff as number | undefined,
    deviceId: ok.device as number | undefined,
    action: ok.action as string | undefined,
    prefix: ok.prefix as string | undefined,
    outcome: ok.outcome as AuditOutcome | undefined,
    from: ok.from as string | undefined,
    to: ok.to as string | undefined,
  }
  // Cursors come from our own links; a mangled one just means "from the newest".
  const before = parsePositiveId(query.before)
  const after = before === undefined ? parsePositiveId(query.after) : undefined
  return { filter, cursor: { before, after }, values, errors }
}

/** The values that parsed, for links that must not carry a rejected one along. */
export function validValues(q: ParsedQuery): FilterValues {
  return Object.fromEntries(
    Object.entries(q.values).filter(([k]) => !(k in q.errors)),
  ) as FilterValues
}

/** The query string for these filter values and cursor, without empty fields. */
export function auditQueryString(values: FilterValues, cursor: AuditCursor = {}): string {
  const params = new URLSearchParams()
  for (const name of FILTER_FIELDS) {
    const v = values[name]
    if (v) params.set(name, v)
  }
  if (cursor.before) params.set('before', String(cursor.before))
  if (cursor.after) params.set('after', String(cursor.after))
  const s = params.toString()
  return s ? `?${s}` : ''
}

/** The filter as audit-event details (`audit.export`): ids, codes and dates only. */
export function filterDetails(filter: AuditFilter): Record<string, string | number> {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as Record<
    string,
    string | number
  >
}
