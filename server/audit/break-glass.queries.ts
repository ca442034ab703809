import { sql } from 'kysely'
import type { DbOrTrx } from '../database.js'

/** How many reviewed grants the queue shows below the open ones. */
export const REVIEWED_SHOWN = 50

// Same one-line change as in audit.queries.ts when the patients table lands (alias g, not e).
const patientName = sql<string | null>`null`

export interface BreakGlassRow {
  id: number
  staff_id: number
  staff_name: string | null
  device_id: number
  device_name: string | null
  device_zone: string | null
  patient_id: number
  patient_name: string | null
  reason: string
  started_at: string
  expires_at: string
  reviewed_by: number | null
  reviewer_name: string | null
  reviewed_at: string | null
  review_note: string | null
}

function grantsWithNames(db: DbOrTrx) {
  return db
    .selectFrom('break_glass as g')
    .leftJoin('staff as s', 's.id', 'g.staff_id')
    .leftJoin('devices as d', 'd.id', 'g.device_id')
    .leftJoin('staff as r', 'r.id', 'g.reviewed_by')
    .select([
      'g.id',
      'g.staff_id',
      's.full_name as staff_name',
      'g.device_id',
      'd.name as device_name',
      'd.zone as device_zone',
      'g.patient_id',
      patientName.as('patient_name'),
      'g.reason',
      'g.started_at',
      'g.expires_at',
      'g.reviewed_by',
      'r.full_name as reviewer_name',
      'g.reviewed_at',
      'g.review_note',
    ])
}

/** The review queue: every unreviewed grant (oldest first), then the latest reviewed ones. */
export async function listBreakGlassForReview(
  db: DbOrTrx,
): Promise<{ open: BreakGlassRow[]; reviewed: BreakGlassRow[] }> {
  const open = await grantsWithNames(db)
    .where('g.reviewed_at', 'is', null)
    .orderBy('g.id', 'asc')
    .execute()
  const reviewed = await grantsWithNames(db)
    .where('g.reviewed_at', 'is not', null)
    .orderBy('g.reviewed_at', 'desc')
    .limit(REVIEWED_SHOWN)
    .execute()
  return { open, reviewed }
}

export async function countUnreviewedBreakGlass(db: DbOrTrx): Promise<number> {
  const row = await db
    .selectFrom('break_glass')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('reviewed_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
