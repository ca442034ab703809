import type { DbOrTrx } from '../database.js'
import type { DocumentKind } from './patients.table.js'

/** The patient's document scans still in the card, newest first. */
export function listDocuments(db: DbOrTrx, patientId: number) {
  return db
    .selectFrom('patient_documents')
    .innerJoin('files', 'files.id', 'patient_documents.file_id')
    .select([
      'patient_documents.id',
      'patient_documents.kind',
      'patient_documents.original_name',
      'patient_documents.uploaded_at',
      'files.media_type',
      'files.size',
      'files.sha256',
    ])
    .where('patient_documents.patient_id', '=', patientId)
    .where('patient_documents.removed_at', 'is', null)
    .orderBy('patient_documents.id', 'desc')
    .execute()
}

export type DocumentRow = Awaited<ReturnType<typeof listDocuments>>[number]

/**
 * One document of one patient: both ids must match (checklist 17), so a document id of
 * another patient is "not found" here. Removed documents are not found either.
 */
export function findDocument(db: DbOrTrx, patientId: number, documentId: number) {
  return db
    .selectFrom('patient_documents')
    .innerJoin('files', 'files.id', 'patient_documents.file_id')
    .select([
      'patient_documents.id',
      'patient_documents.kind',
      'patient_documents.original_name',
      'patient_documents.uploaded_at',
      'patient_documents.file_id',
      'files.media_type',
      'files.size',
    ])
    .where('patient_documents.patient_id', '=', patientId)
    .where('patient_documents.id', '=', documentId)
    .where('patient_documents.removed_at', 'is', null)
    .executeTakeFirst()
}

export async function insertDocument(
  db: DbOrTrx,
  doc: {
    patient_id: number
    file_id: number
    kind: DocumentKind
    original_name: string
    uploaded_at: string
    uploaded_by: number | null
  },
): Promise<number> {
  const row = await db
    .insertInto('patient_documents')
    .values(doc)
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Takes a scan out of the card; the encrypted file and the row stay for the audit trail. */
export async function markDocumentRemoved(db: DbOrTrx, id: number, at: string, by: number | null) {
  await db
    .updateTable('patient_documents')
    .set({ removed_at: at, removed_by: by })
    .where('id', '=', id)
    .execute()
}
