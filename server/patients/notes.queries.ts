import type { DbOrTrx } from '../database.js'

/** A patient's non-medical notes, newest first, with the author's name. */
export function listNotes(db: DbOrTrx, patientId: number) {
  return db
    .selectFrom('patient_notes')
    .leftJoin('staff', 'staff.id', 'patient_notes.created_by')
    .select([
      'patient_notes.id',
      'patient_notes.body',
      'patient_notes.created_at',
      'staff.full_name as author',
    ])
    .where('patient_notes.patient_id', '=', patientId)
    .orderBy('patient_notes.id', 'desc')
    .execute()
}

export type NoteRow = Awaited<ReturnType<typeof listNotes>>[number]

export async function insertNote(
  db: DbOrTrx,
  note: { patient_id: number; body: string; created_at: string; created_by: number | null },
): Promise<number> {
  const row = await db
    .insertInto('patient_notes')
    .values(note)
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}
