import { sql, type ExpressionBuilder } from 'kysely'
import type { Database, DbOrTrx } from '../database.js'
import type { MedicalEntry, NewMedicalEntry } from './medical.table.js'

export type EntryScope = ExpressionBuilder<Database & { e: Database['medical_entries'] }, 'e'>

/** Row `e` is its record's latest signed revision, and the record was never deleted. */
export function latestSignedNotDeleted(eb: EntryScope) {
  return eb.and([
    eb(
      'e.revision',
      '=',
      eb
        .selectFrom('medical_entries as x')
        .select((x) => x.fn.max('x.revision').as('m'))
        .whereRef('x.record_id', '=', 'e.record_id')
        .where('x.status', '=', 'signed'),
    ),
    eb.not(
      eb.exists(
        eb
          .selectFrom('medical_entries as del')
          .select('del.id')
          .whereRef('del.record_id', '=', 'e.record_id')
          .where('del.status', '=', 'deleted'),
      ),
    ),
  ])
}

// Visit-record revisions. Every function takes the patient id with the record id, so an id
// from another patient's record finds nothing (checklist 17: no IDOR through the path).

/** The latest revision of one record of this patient: its current state. */
export function findLatestRevision(
  db: DbOrTrx,
  patientId: number,
  recordId: number,
): Promise<MedicalEntry | undefined> {
  return db
    .selectFrom('medical_entries')
    .selectAll()
    .where('patient_id', '=', patientId)
    .where('record_id', '=', recordId)
    .orderBy('revision', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/** The latest signed revision of a record, if it was ever signed. */
export function findLatestSigned(db: DbOrTrx, patientId: number, recordId: number) {
  return db
    .selectFrom('medical_entries')
    .selectAll()
    .where('patient_id', '=', patientId)
    .where('record_id', '=', recordId)
    .where('status', '=', 'signed')
    .orderBy('revision', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/**
 * Inserts a revision. The first revision of a record names the record (record_id = id), so
 * the id is chosen here, inside the caller's transaction (SQLite has one writer).
 * @throws on a second revision with the same number: someone saved first (a conflict).
 */
export async function insertRevision(
  db: DbOrTrx,
  row: Omit<NewMedicalEntry, 'id' | 'record_id'> & { record_id?: number },
): Promise<{ id: number; record_id: number }> {
  const next = await db
    .selectFrom('medical_entries')
    .select(sql<number>`coalesce(max(id), 0) + 1`.as('id'))
    .executeTakeFirstOrThrow()
  const id = Number(next.id)
  const recordId = row.record_id ?? id
  await db
    .insertInto('medical_entries')
    .values({ ...row, id, record_id: recordId })
    .execute()
  return { id, record_id: recordId }
}

/** Every record of the patient at its latest revision, newest visit first, with the doctor. */
export function listVisits(db: DbOrTrx, patientId: number) {
  return db
    .selectFrom('medical_entries as e')
    .innerJoin('staff as d', 'd.id', 'e.doctor_id')
    .select([
      'e.record_id',
      'e.revision',
      'e.status',
      'e.visit_date',
      'e.diagnosis_code',
      'e.diagnosis_text',
      'e.reason',
      'e.author_role',
      'd.full_name as doctor_name',
    ])
    .where('e.patient_id', '=', patientId)
    .where((eb) =>
      eb(
        'e.revision',
        '=',
        eb
          .selectFrom('medical_entries as x')
          .select((x) => x.fn.max('x.revision').as('m'))
          .whereRef('x.record_id', '=', 'e.record_id'),
      ),
    )
    .orderBy('e.visit_date', 'desc')
    .orderBy('e.record_id', 'desc')
    .execute()
}

export type VisitListItem = Awaited<ReturnType<typeof listVisits>>[number]

/**
 * The list of final (refined) diagnoses of form 025/у: the diagnosis of each record's latest
 * signed revision, unless the record was deleted. Drafts are not diagnoses yet.
 */
export function listFinalDiagnoses(db: DbOrTrx, patientId: number) {
  return db
    .selectFrom('medical_entries as e')
    .innerJoin('staff as d', 'd.id', 'e.doctor_id')
    .select([
      'e.record_id',
      'e.visit_date',
      'e.diagnosis_code',
      'e.diagnosis_text',
      'e.diagnosis_first',
      'd.full_name as doctor_name',
    ])
    .where('e.patient_id', '=', patientId)
    .where('e.status', '=', 'signed')
    .where('e.diagnosis_code', 'is not', null)
    .where(latestSignedNotDeleted)
    .orderBy('e.visit_date')
    .orderBy('e.record_id')
    .execute()
}

export type FinalDiagnosis = Awaited<ReturnType<typeof listFinalDiagnoses>>[number]

/** Every revision of a record, oldest first, with who, where and who signed. */
export function listRevisions(db: DbOrTrx, patientId: number, recordId: number) {
  return db
    .selectFrom('medical_entries as e')
    .innerJoin('staff as a', 'a.id', 'e.author_id')
    .innerJoin('staff as d', 'd.id', 'e.doctor_id')
    .innerJoin('devices as dev', 'dev.id', 'e.device_id')
    .leftJoin('staff as s', 's.id', 'e.signed_by')
    .selectAll('e')
    .select([
      'a.full_name as author_name',
      'd.full_name as doctor_name',
      'dev.name as device_name',
      's.full_name as signer_name',
    ])
    .where('e.patient_id', '=', patientId)
    .where('e.record_id', '=', recordId)
    .orderBy('e.revision')
    .execute()
}

export type RevisionRow = Awaited<ReturnType<typeof listRevisions>>[number]

/** Each record's latest signed version (records since deleted left out), for the printed card. */
export function listSignedRecords(db: DbOrTrx, patientId: number) {
  return db
    .selectFrom('medical_entries as e')
    .innerJoin('staff as a', 'a.id', 'e.author_id')
    .innerJoin('staff as d', 'd.id', 'e.doctor_id')
    .innerJoin('devices as dev', 'dev.id', 'e.device_id')
    .leftJoin('staff as s', 's.id', 'e.signed_by')
    .selectAll('e')
    .select([
      'a.full_name as author_name',
      'd.full_name as doctor_name',
      'dev.name as device_name',
      's.full_name as signer_name',
    ])
    .where('e.patient_id', '=', patientId)
    .where('e.status', '=', 'signed')
    .where(latestSignedNotDeleted)
    .orderBy('e.visit_date')
    .orderBy('e.record_id')
    .execute()
}
