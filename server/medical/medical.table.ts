import type { Generated, Insertable, Selectable } from 'kysely'

export type EntryStatus = 'draft' | 'signed' | 'deleted'

/**
 * One revision of a visit record (осмотр, form 025/у). Append-only (947н p.21): a save, a
 * signature, a correction and a deletion are each a new row; `record_id` is the id of the
 * record's first revision and names the record everywhere (URLs, treatment plan items).
 */
export interface MedicalEntriesTable {
  id: number
  record_id: number
  revision: number
  supersedes_id: number | null
  patient_id: number
  layout: string
  status: EntryStatus
  /** YYYY-MM-DD, the clinic-local day of the visit. */
  visit_date: string
  doctor_id: number
  complaints: string
  anamnesis_morbi: string
  anamnesis_vitae: string
  objective: string
  oral_cavity: string
  dental_status: string
  diagnosis_code: string | null
  diagnosis_text: string
  diagnosis_first: number
  concomitant: string
  treatment: string
  recommendations: string
  reason: string | null
  corrects_id: number | null
  author_id: number
  author_role: string
  device_id: number
  created_at: string
  signed_by: number | null
  signed_at: string | null
}

export type MedicalEntry = Selectable<MedicalEntriesTable>
export type NewMedicalEntry = Insertable<MedicalEntriesTable>

export type BloodGroup = '' | 'O' | 'A' | 'B' | 'AB'
export type Rh = '' | 'positive' | 'negative'
export const BLOOD_GROUPS: readonly BloodGroup[] = ['', 'O', 'A', 'B', 'AB']
export const RH_VALUES: readonly Rh[] = ['', 'positive', 'negative']

/** The medical part of the card's title page, one row per save. Append-only. */
export interface MedicalCardRevisionsTable {
  id: Generated<number>
  patient_id: number
  revision: number
  supersedes_id: number | null
  layout: string
  blood_group: BloodGroup
  rh: Rh
  allergies: string
  chronic_conditions: string
  dispensary_conditions: string
  author_id: number
  author_role: string
  device_id: number
  created_at: string
}

export type MedicalCardRevision = Selectable<MedicalCardRevisionsTable>

/** A doctor's routine texts; not patient data, so edited in place and archived, not revised. */
export interface VisitTemplatesTable {
  id: Generated<number>
  staff_id: number
  name: string
  complaints: string
  anamnesis_morbi: string
  anamnesis_vitae: string
  objective: string
  oral_cavity: string
  dental_status: string
  diagnosis_code: string | null
  diagnosis_text: string
  concomitant: string
  treatment: string
  recommendations: string
  created_at: string
  updated_at: string
  archived_at: string | null
}

export type VisitTemplate = Selectable<VisitTemplatesTable>
