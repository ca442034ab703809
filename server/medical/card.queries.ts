import type { DbOrTrx } from '../database.js'
import type { MedicalCardRevision, MedicalCardRevisionsTable } from './medical.table.js'
import type { Insertable } from 'kysely'

/** The current medical part of the title page: the latest revision, if any was written. */
export function findLatestCard(
  db: DbOrTrx,
  patientId: number,
): Promise<MedicalCardRevision | undefined> {
  return db
    .selectFrom('medical_card_revisions')
    .selectAll()
    .where('patient_id', '=', patientId)
    .orderBy('revision', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/**
 * Appends a revision.
 * @throws on a duplicate (patient, revision): someone saved from the same starting point first.
 */
export async function insertCardRevision(
  db: DbOrTrx,
  row: Insertable<MedicalCardRevisionsTable>,
): Promise<number> {
  const r = await db
    .insertInto('medical_card_revisions')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow()
  return r.id
}

/** Every revision, oldest first, with author and terminal names for the history view. */
export function listCardRevisions(db: DbOrTrx, patientId: number) {
  return db
    .selectFrom('medical_card_revisions as r')
    .innerJoin('staff as a', 'a.id', 'r.author_id')
    .innerJoin('devices as dev', 'dev.id', 'r.device_id')
    .selectAll('r')
    .select(['a.full_name as author_name', 'dev.name as device_name'])
    .where('r.patient_id', '=', patientId)
    .orderBy('r.revision')
    .execute()
}

export type CardRevisionRow = Awaited<ReturnType<typeof listCardRevisions>>[number]
