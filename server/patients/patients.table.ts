import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

export type Sex = 'male' | 'female'
export const SEXES: readonly Sex[] = ['male', 'female']

export type IdDocType =
  'passport_ru' | 'birth_certificate' | 'foreign_passport' | 'residence_permit' | 'other'
export const ID_DOC_TYPES: readonly IdDocType[] = [
  'passport_ru',
  'birth_certificate',
  'foreign_passport',
  'residence_permit',
  'other',
]

export type ContactChannel = 'phone' | 'sms' | 'email' | 'messenger'
export const CONTACT_CHANNELS: readonly ContactChannel[] = ['phone', 'sms', 'email', 'messenger']

/** The patient card: personal data only, never anything medical. */
export interface PatientsTable {
  id: Generated<number>
  card_number: string
  surname: string
  name: string
  patronymic: string | null
  sex: Sex
  /** YYYY-MM-DD. */
  birth_date: string
  /** +7XXXXXXXXXX. */
  phone: string | null
  phone_extra: string | null
  email: string | null
  address: string | null
  /** 11 digits, checksum verified. */
  snils: string | null
  oms_policy: string | null
  oms_insurer: string | null
  dms_policy: string | null
  dms_insurer: string | null
  id_doc_type: IdDocType | null
  id_doc_series: string | null
  id_doc_number: string | null
  id_doc_issued_by: string | null
  id_doc_issued_on: string | null
  guardian_id: number | null
  guardian_relation: string | null
  contact_channel: ContactChannel | null
  // Derived by patientSearchColumns (patients.queries.ts); never set by hand.
  search_surname: Generated<string>
  search_name: Generated<string>
  search_patronymic: Generated<string>
  search_fio: Generated<string>
  search_phones: Generated<string>
  created_at: string
  updated_at: string
  created_by: number | null
}

export type Patient = Selectable<PatientsTable>
export type NewPatient = Insertable<PatientsTable>
export type PatientUpdate = Updateable<PatientsTable>

export interface PatientNotesTable {
  id: Generated<number>
  patient_id: number
  body: string
  created_at: string
  created_by: number | null
}

export type DocumentKind =
  'passport' | 'birth_certificate' | 'oms_policy' | 'dms_policy' | 'snils' | 'other'
export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  'passport',
  'birth_certificate',
  'oms_policy',
  'dms_policy',
  'snils',
  'other',
]

export interface PatientDocumentsTable {
  id: Generated<number>
  patient_id: number
  file_id: number
  kind: DocumentKind
  original_name: string
  uploaded_at: string
  uploaded_by: number | null
  removed_at: string | null
  removed_by: number | null
}

export type TemplateKind = 'pd_processing' | 'marketing'

export interface ConsentTemplatesTable {
  id: Generated<number>
  kind: TemplateKind
  version: number
  title: string
  body: string
  created_at: string
  created_by: number | null
}

export type ConsentKind =
  'pd_processing' | 'marketing_sms' | 'marketing_email' | 'marketing_messenger'
export const CONSENT_KINDS: readonly ConsentKind[] = [
  'pd_processing',
  'marketing_sms',
  'marketing_email',
  'marketing_messenger',
]

export interface ConsentsTable {
  id: Generated<number>
  patient_id: number
  kind: ConsentKind
  template_id: number
  signed_by: 'patient' | 'representative'
  /** YYYY-MM-DD; valid from this day. */
  given_on: string
  /** YYYY-MM-DD; not valid from this day on. */
  withdrawn_on: string | null
  file_id: number | null
  recorded_at: string
  recorded_by: number | null
  withdrawn_at: string | null
  withdrawn_by: number | null
}
