import type { DbOrTrx } from '../database.js'
import type { MedicalFileFormat, MedicalFileKind } from './medical-files.table.js'

export interface MedicalFileRow {
  id: number
  kind: MedicalFileKind
  format: MedicalFileFormat
  file_id: number
  thumbnail_file_id: number | null
  description: string
  taken_on: string | null
  uploaded_at: string
  uploaded_by_name: string
}

/** A patient's files, newest first. */
export function listMedicalFiles(db: DbOrTrx, patientId: number): Promise<MedicalFileRow[]> {
  return db
    .selectFrom('medical_files as f')
    .innerJoin('staff as s', 's.id', 'f.uploaded_by')
    .select([
      'f.id',
      'f.kind',
      'f.format',
      'f.file_id',
      'f.thumbnail_file_id',
      'f.description',
      'f.taken_on',
      'f.uploaded_at',
      's.full_name as uploaded_by_name',
    ])
    .where('f.patient_id', '=', patientId)
    .orderBy('f.id', 'desc')
    .execute()
}

/** One file of this patient: a file id under another patient's path is "not found" (IDOR). */
export function findMedicalFile(db: DbOrTrx, patientId: number, id: number) {
  return db
    .selectFrom('medical_files')
    .select(['id', 'kind', 'format', 'file_id', 'thumbnail_file_id'])
    .where('patient_id', '=', patientId)
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function insertMedicalFile(
  db: DbOrTrx,
  v: {
    patient_id: number
    kind: MedicalFileKind
    format: MedicalFileFormat
    file_id: number
    thumbnail_file_id: number | null
    original_name: string
    description: string
    taken_on: string | null
    uploaded_by: number
    device_id: number | null
    uploaded_at: string
  },
): Promise<number> {
  const row = await db
    .insertInto('medical_files')
    .values(v)
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}
