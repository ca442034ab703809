import { sql } from 'kysely'
import type { DbOrTrx } from '../database.js'
import type { AuditFilter } from './audit-filter.js'
import type { AuditOutcome } from './audit.table.js'
import { utcRange } from './period.js'

export const AUDIT_PAGE_SIZE = 50

// Patient names: the patients table arrives with the reception issue. Then this one line becomes
//   sql<string | null>`(select surname || ' ' || name from patients p where p.id = e.patient_id)`
// and the trail, the CSV and the patient report show names (never in URLs or logs).
const patientName = sql<string | null>`null`

/** One event as the trail, the CSV and the patient report show it. */
export interface AuditRow {
  id: number
  at: string
  staff_id: number | null
  staff_name: string | null
  device_id: number | null
  device_name: string | null
  zone: string | null
  action: string
  patient_id: number | null
  patient_name: string | null
  category: string | null
  outcome: AuditOutcome
  details: string
}

function eventsWithNames(db: DbOrTrx) {
  return db
    .selectFrom('audit_events as e')
    .leftJoin('staff as s', 's.id', 'e.staff_id')
    .leftJoin('devices as d', 'd.id', 'e.device_id')
    .select([
      'e.id',
      'e.at',
      'e.staff_id',
      's.full_name as staff_name',
      'e.device_id',
      'd.name as device_name',
      // The zone recorded with the event: a terminal's zone then, not now.
      'e.zone',
      'e.action',
      'e.patient_id',
      patientName.as('patient_name'),
      'e.category',
      'e.outcome',
      'e.details',
    ])
}

function filtered(db: DbOrTrx, f: AuditFilter, timeZone: string) {
  let q = eventsWithNames(db)
  if (f.patientId !== undefined) q = q.where('e.patient_id', '=', f.patientId)
  if (f.staffId !== undefined) q = q.where('e.staff_id', '=', f.staffId)
  if (f.deviceId !== undefined) q = q.where('e.device_id', '=', f.deviceId)
  if (f.action !== undefined) q = q.where('e.action', '=', f.action)
  if (f.prefix !== undefined) {
    // substr rather than LIKE: "_" in action codes would be a LIKE wildcard.
    q = q.where(sql<string>`substr(e.action, 1, ${f.prefix.length})`, '=', f.prefix)
  }
  if (f.outcome !== undefined) q = q.where('e.outcome', '=', f.outcome)
  // `at` is always toISOString() output, so string order is time order.
  const range = utcRange(f.from, f.to, timeZone)
  if (range.from) q = q.where('e.at', '>=', range.from)
  if (range.to) q = q.where('e.at', '<', range.to)
  return q
}

export interface AuditPage {
  rows: AuditRow[]
  /** Cursor for the next older page, when there is one. */
  older?: number
  /** Cursor for the next newer page, when this is not the newest. */
  newer?: number
}

/**
 * One page of the trail, newest first, by keyset on the event id (stable while new events
 * arrive, and as fast on page 1000 as on page 1).
 */
export async function searchAuditEvents(
  db: DbOrTrx,
  f: AuditFilter,
  cursor: { before?: number; after?: number },
  timeZone: string,
  pageSize = AUDIT_PAGE_SIZE,
): Promise<AuditPage> {
  let q = filtered(db, f, timeZone)
  if (cursor.after !== undefined) {
    const rows = await q
      .where('e.id', '>', cursor.after)
      .orderBy('e.id', 'asc')
      .limit(pageSize + 1)
      .execute()
    if (rows.length > pageSize) {
      const page = rows.slice(0, pageSize).reverse()
      return { rows: page, newer: page[0]?.id, older: page.at(-1)?.id }
    }
    // Nothing newer beyond this page: show the newest page, full, rather than a short one.
    return searchAuditEvents(db, f, {}, timeZone, pageSize)
  }
  if (cursor.before !== undefined) q = q.where('e.id', '<', cursor.before)
  const rows = await q
    .orderBy('e.id', 'desc')
    .limit(pageSize + 1)
    .execute()
  const page = rows.slice(0, pageSize)
  return {
    rows: page,
    older: rows.length > pageSize ? page.at(-1)?.id : undefined,
    newer: cursor.before !== undefined ? page[0]?.id : undefined,
  }
}

/**
 * Every matching event older than `beforeId` (the export's own event: the file is a snapshot
 * of the trail as it stood), newest first, in batches, so a year never sits in memory at once.
 */
export async function* allAuditEvents(
  db: DbOrTrx,
  f: AuditFilter,
  timeZone: string,
  upTo: { beforeId?: number } = {},
  batch = 500,
): AsyncGenerator<AuditRow[]> {
  let before = upTo.beforeId
  for (;;) {
    let q = filtered(db, f, timeZone)
    if (before !== undefined) q = q.where('e.id', '<', before)
    const rows = await q.orderBy('e.id', 'desc').limit(batch).execute()
    if (rows.length > 0) yield rows
    if (rows.length < batch) return
    before = rows.at(-1)!.id
  }
}

/** Every event about one patient before `beforeId`, oldest first, for the "who accessed" report. */
export function listPatientEvents(
  db: DbOrTrx,
  patientId: number,
  period: { from?: string; to?: string; beforeId?: number },
  timeZone: string,
  limit: number,
): Promise<AuditRow[]> {
  let q = filtered(db, { patientId, from: period.from, to: period.to }, timeZone)
  if (period.beforeId !== undefined) q = q.where('e.id', '<', period.beforeId)
  return q.orderBy('e.id', 'asc').limit(limit).execute()
}

/** People and terminals for the filter's selects, inactive and revoked ones included. */
export async function filterChoices(db: DbOrTrx) {
  const [staff, devices] = await Promise.all([
    db.selectFrom('staff').select(['id', 'full_name']).orderBy('full_name').execute(),
    db.selectFrom('devices').select(['id', 'name', 'zone']).orderBy('name').execute(),
  ])
  return { staff, devices }
}
