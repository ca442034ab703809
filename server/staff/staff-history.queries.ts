import { sql } from 'kysely'
import type { DbOrTrx } from '../database.js'

/** The events that change who may do what (checklist 20: who, whom, old → new). */
export const ACCESS_HISTORY_ACTIONS = [
  'staff.create',
  'staff.role_change',
  'staff.permissions_change',
  'staff.deactivate',
  'staff.reactivate',
  'staff.password_reset',
  'staff.totp_enable',
  'staff.totp_disable',
  'settings.change',
] as const

export const HISTORY_PAGE_SIZE = 50

/**
 * One page of access changes, newest first, with the names of who changed and whose rights.
 * `before` is the id of the last row of the previous page (keyset pagination).
 */
export function listAccessHistory(db: DbOrTrx, before?: number) {
  let q = db
    .selectFrom('audit_events')
    .leftJoin('staff as actor', 'actor.id', 'audit_events.staff_id')
    .leftJoin('staff as subject', (join) =>
      join.on(sql`subject.id`, '=', sql`json_extract(audit_events.details, '$.staff')`),
    )
    .select([
      'audit_events.id',
      'audit_events.at',
      'audit_events.action',
      'audit_events.zone',
      'audit_events.details',
      'actor.full_name as actor_name',
      'subject.full_name as subject_name',
    ])
    .where('audit_events.action', 'in', ACCESS_HISTORY_ACTIONS)
    .orderBy('audit_events.id', 'desc')
    .limit(HISTORY_PAGE_SIZE + 1)
  if (before !== undefined) q = q.where('audit_events.id', '<', before)
  return q.execute()
}
