import { z } from 'zod'
import type { MessageKey, Translate } from '../i18n/i18n.js'
import { parseDateInput } from './dates.js'
import { normalizePhone } from './phone.js'
import { normalizeSnils } from './snils.js'
import {
  CONTACT_CHANNELS,
  ID_DOC_TYPES,
  SEXES,
  type ContactChannel,
  type IdDocType,
  type Sex,
} from './patients.table.js'

// The patient card form: every field a string as typed, so a refused form comes back with
// exactly what the person entered; validation turns it into column values or messages.

export const PATIENT_FIELDS = [
  'card_number',
  'surname',
  'name',
  'patronymic',
  'sex',
  'birth_date',
  'phone',
  'phone_extra',
  'email',
  'address',
  'snils',
  'oms_policy',
  'oms_insurer',
  'dms_policy',
  'dms_insurer',
  'id_doc_type',
  'id_doc_series',
  'id_doc_number',
  'id_doc_issued_by',
  'id_doc_issued_on',
  'guardian_card',
  'guardian_relation',
  'contact_channel',
] as const

export type PatientField = (typeof PATIENT_FIELDS)[number]
export type PatientFormInput = Record<PatientField, string>
export type PatientFormErrors = Partial<Record<PatientField, string>>

// Generous: a long value is refused with a message by `validatePatient`, not dropped by zod.
const text = z.string().max(20_000).default('')
export const patientFormSchema = z.object({
  ...(Object.fromEntries(PATIENT_FIELDS.map((f) => [f, text])) as Record<
    PatientField,
    typeof text
  >),
  confirm_duplicate: z.string().max(10).default(''),
})

/** What the form turns into: the card's columns (guardian still as a card number). */
export interface PatientValues {
  card_number: string | null
  surname: string
  name: string
  patronymic: string | null
  sex: Sex
  birth_date: string
  phone: string | null
  phone_extra: string | null
  email: string | null
  address: string | null
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
  guardian_card: string | null
  guardian_relation: string | null
  contact_channel: ContactChannel | null
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/
const NAME = /^\p{L}[\p{L}\p{M}' .-]*$/u
const LIMITS: Partial<Record<PatientField, number>> = {
  surname: 100,
  name: 100,
  patronymic: 100,
  email: 254,
  address: 500,
  oms_insurer: 200,
  dms_policy: 50,
  dms_insurer: 200,
  id_doc_series: 20,
  id_doc_number: 30,
  id_doc_issued_by: 300,
  guardian_relation: 50,
  card_number: 32,
}

/**
 * Checks and normalizes the form. Pure: the checks that need the database (card number
 * taken, guardian, duplicates) are made by the route after this.
 */
export function validatePatient(
  input: PatientFormInput,
  t: Translate,
  today: string,
): { values?: PatientValues; errors: PatientFormErrors } {
  const errors: PatientFormErrors = {}
  const fail = (f: PatientField, key: MessageKey, params?: Record<string, string | number>) => {
    errors[f] ??= t(key, params)
  }
  const v = Object.fromEntries(PATIENT_FIELDS.map((f) => [f, input[f].trim()])) as PatientFormInput
  for (const f of PATIENT_FIELDS) {
    const max = LIMITS[f] ?? 100
    if ([...v[f]].length > max) fail(f, 'patients.error.too_long', { max })
    else if (CONTROL.test(v[f])) fail(f, 'patients.error.control')
  }
  const opt = (f: PatientField) => (v[f] === '' || errors[f] ? null : v[f].replace(/\s+/g, ' '))

  for (const f of ['surname', 'name'] as const) if (!v[f]) fail(f, 'patients.error.required')
  for (const f of ['surname', 'name', 'patronymic'] as const) {
    if (v[f] && !NAME.test(v[f])) fail(f, 'patients.error.letters')
  }
  if (!SEXES.includes(v.sex as Sex)) fail('sex', 'patients.error.choose')
  const birth = checkDate(v.birth_date, today, 'birth_date', fail, true)
  const phone = v.phone ? normalizePhone(v.phone) : null
  if (phone === undefined) fail('phone', 'patients.error.phone')
  const phoneExtra = v.phone_extra ? normalizePhone(v.phone_extra) : null
  if (phoneExtra === undefined) fail('phone_extra', 'patients.error.phone')
  if (v.email && !/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(v.email)) {
    fail('email', 'patients.error.email')
  }
  const snils = v.snils ? normalizeSnils(v.snils) : null
  if (snils === undefined) fail('snils', 'patients.error.snils')
  const oms = v.oms_policy.replace(/[\s-]/g, '')
  if (v.oms_policy && !/^\d{16}$/.test(oms)) fail('oms_policy', 'patients.error.oms')
  const docType = v.id_doc_type === '' ? null : (v.id_doc_type as IdDocType)
  if (docType && !ID_DOC_TYPES.includes(docType)) fail('id_doc_type', 'patients.error.choose')
  const series = v.id_doc_series.replace(/\s+/g, '')
  const number = v.id_doc_number.replace(/\s+/g, '')
  if (docType === 'passport_ru') {
    if (series && !/^\d{4}$/.test(series)) fail('id_doc_series', 'patients.error.passport_series')
    if (number && !/^\d{6}$/.test(number)) fail('id_doc_number', 'patients.error.passport_number')
  }
  const issued = v.id_doc_issued_on
    ? checkDate(v.id_doc_issued_on, today, 'id_doc_issued_on', fail, false)
    : null
  if (issued && birth && issued < birth) fail('id_doc_issued_on', 'patients.error.before_birth')
  if (v.card_number && !/^[\p{L}\p{N}/-]+$/u.test(v.card_number)) {
    fail('card_number', 'patients.error.card_number')
  }
  const channel = v.contact_channel === '' ? null : (v.contact_channel as ContactChannel)
  if (channel && !CONTACT_CHANNELS.includes(channel))
    fail('contact_channel', 'patients.error.choose')

  if (Object.keys(errors).length > 0 || !birth) return { errors }
  return {
    errors,
    values: {
      card_number: opt('card_number'),
      surname: v.surname.replace(/\s+/g, ' '),
      name: v.name.replace(/\s+/g, ' '),
      patronymic: opt('patronymic'),
      sex: v.sex as Sex,
      birth_date: birth,
      phone: phone ?? null,
      phone_extra: phoneExtra ?? null,
      email: opt('email'),
      address: opt('address'),
      snils: snils ?? null,
      oms_policy: v.oms_policy ? oms : null,
      oms_insurer: opt('oms_insurer'),
      dms_policy: opt('dms_policy'),
      dms_insurer: opt('dms_insurer'),
      id_doc_type: docType,
      id_doc_series: series || null,
      id_doc_number: number || null,
      id_doc_issued_by: opt('id_doc_issued_by'),
      id_doc_issued_on: issued ?? null,
      guardian_card: opt('guardian_card'),
      guardian_relation: opt('guardian_relation'),
      contact_channel: channel,
    },
  }
}

function checkDate(
  value: string,
  today: string,
  field: PatientField,
  fail: (f: PatientField, key: MessageKey) => void,
  required: boolean,
): string | undefined {
  if (!value) {
    if (required) fail(field, 'patients.error.required')
    return undefined
  }
  const date = parseDateInput(value)
  if (!date) fail(field, 'patients.error.date')
  else if (date > today) fail(field, 'patients.error.future')
  else if (date < '1900-01-01') fail(field, 'patients.error.too_old')
  else return date
  return undefined
}

/** The form filled from a stored card, for editing. */
export function formFromPatient(
  p: Omit<PatientValues, 'guardian_card'>,
  guardianCard: string | null,
): PatientFormInput {
  const out = {} as PatientFormInput
  for (const f of PATIENT_FIELDS) {
    out[f] = f === 'guardian_card' ? (guardianCard ?? '') : String(p[f] ?? '')
  }
  return out
}

export function emptyPatientForm(): PatientFormInput {
  return Object.fromEntries(PATIENT_FIELDS.map((f) => [f, ''])) as PatientFormInput
}
