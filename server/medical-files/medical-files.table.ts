import type { Generated } from 'kysely'

export const MEDICAL_FILE_KINDS = ['xray', 'lab', 'consent_scan'] as const
export type MedicalFileKind = (typeof MEDICAL_FILE_KINDS)[number]
export type MedicalFileFormat = 'jpeg' | 'png' | 'dicom' | 'pdf'

/** An X-ray, lab result or consent scan; the bytes are an encrypted blob in `files`. */
export interface MedicalFilesTable {
  id: Generated<number>
  patient_id: number
  kind: MedicalFileKind
  format: MedicalFileFormat
  file_id: number
  thumbnail_file_id: number | null
  original_name: string
  description: string
  /** YYYY-MM-DD, when the image or analysis was made, if known. */
  taken_on: string | null
  uploaded_by: number
  device_id: number | null
  uploaded_at: string
}
