import type { DbOrTrx } from '../database.js'

/**
 * Who can be the doctor of a visit record: active doctors and owners (a главный врач who
 * sees patients). Others sign nothing, so a record is never left with a doctor who cannot sign.
 */
export function listDoctors(db: DbOrTrx) {
  return db
    .selectFrom('staff')
    .select(['id', 'full_name'])
    .where('active', '=', 1)
    .where('role', 'in', ['doctor', 'owner'])
    .orderBy('full_name')
    .execute()
}
