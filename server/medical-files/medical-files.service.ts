import { recordAudit, type AuditActor } from '../audit/audit.service.js'
import type { Db, DbOrTrx } from '../database.js'
import { insertMedicalFile } from './medical-files.queries.js'
import type { MedicalFileKind } from './medical-files.table.js'
import type { BlobStore, WrittenBlob } from './store.adapter.js'
import { makeThumbnail } from './thumbnail.js'
import { MEDIA_TYPES, type UploadCheck } from './upload-check.js'

export type CheckedFile = Extract<UploadCheck, { ok: true }>

export interface StoreFileInput {
  patientId: number
  kind: MedicalFileKind
  file: CheckedFile
  description: string
  takenOn: string | null
}

/** The encrypted blobs of one file, written before any transaction opens. */
export interface MedicalBlobs {
  original: WrittenBlob
  thumbnail: WrittenBlob | undefined
}

/** Makes the thumbnail (the slow part) and writes both blobs; nothing in the database yet. */
export async function writeMedicalBlobs(
  store: BlobStore,
  file: CheckedFile,
): Promise<MedicalBlobs> {
  const thumb = makeThumbnail(file.bytes, file.format)
  const original = await store.write(file.bytes)
  try {
    return { original, thumbnail: thumb ? await store.write(thumb) : undefined }
  } catch (err) {
    await store.discard([original])
    throw err
  }
}

/**
 * Records written blobs as a medical file, with `medical_file.upload`, in the caller's
 * transaction (which may hold more: a signed consent records its scan this way).
 */
export async function recordMedicalFile(
  trx: DbOrTrx,
  deps: { store: BlobStore; auditKey: Buffer; now: Date },
  actor: AuditActor & { staffId: number },
  input: StoreFileInput,
  blobs: MedicalBlobs,
): Promise<number> {
  const at = deps.now.toISOString()
  const fileId = await deps.store.record(trx, blobs.original, MEDIA_TYPES[input.file.format], at)
  const thumbId = blobs.thumbnail
    ? await deps.store.record(trx, blobs.thumbnail, 'image/jpeg', at)
    : null
  const id = await insertMedicalFile(trx, {
    patient_id: input.patientId,
    kind: input.kind,
    format: input.file.format,
    file_id: fileId,
    thumbnail_file_id: thumbId,
    original_name: input.file.name,
    description: input.description,
    taken_on: input.takenOn,
    uploaded_by: actor.staffId,
    device_id: actor.deviceId,
    uploaded_at: at,
  })
  await recordAudit(
    trx,
    deps.auditKey,
    actor,
    {
      action: 'medical_file.upload',
      patientId: input.patientId,
      category: 'medical',
      details: {
        medical_file: id,
        kind: input.kind,
        format: input.file.format,
        size: input.file.bytes.length,
        thumbnail: thumbId !== null,
      },
    },
    deps.now,
  )
  return id
}

/** Writes, then records in one transaction; removes the blobs if the transaction fails. */
export async function storeMedicalFile(
  db: Db,
  deps: { store: BlobStore; auditKey: Buffer; now: Date },
  actor: AuditActor & { staffId: number },
  input: StoreFileInput,
): Promise<number> {
  const blobs = await writeMedicalBlobs(deps.store, input.file)
  try {
    return await db
      .transaction()
      .execute((trx) => recordMedicalFile(trx, deps, actor, input, blobs))
  } catch (err) {
    await deps.store.discard([blobs.original, blobs.thumbnail])
    throw err
  }
}
