import type { DbOrTrx } from '../database.js'
import type { Translate } from '../i18n/i18n.js'
import { ageOn } from './dates.js'
import type { PatientFormErrors, PatientValues } from './patient-form.js'
import {
  findPatientByCardNumber,
  findPatientById,
  findPossibleDuplicates,
} from './patients.queries.js'

/** Under 15 a legal representative consents and signs for the patient (323-ФЗ ст.54). */
export const GUARDIAN_REQUIRED_UNDER = 15
export const ADULT_AGE = 18

/**
 * The checks of a patient card that need the database: card number free, the legal
 * representative exists, is someone else and is an adult, and is given for a child.
 */
export async function checkPatientAgainstDb(
  db: DbOrTrx,
  values: PatientValues,
  t: Translate,
  opts: { selfId?: number; today: string },
): Promise<{ errors: PatientFormErrors; guardianId: number | null }> {
  const errors: PatientFormErrors = {}
  if (values.card_number) {
    const other = await findPatientByCardNumber(db, values.card_number)
    if (other && other.id !== opts.selfId) errors.card_number = t('patients.error.card_taken')
  }
  let guardianId: number | null = null
  if (values.guardian_card) {
    const guardian = await findPatientByCardNumber(db, values.guardian_card)
    if (!guardian) errors.guardian_card = t('patients.error.guardian_unknown')
    else if (guardian.id === opts.selfId) errors.guardian_card = t('patients.error.guardian_self')
    else if (ageOn(guardian.birth_date, opts.today) < ADULT_AGE) {
      errors.guardian_card = t('patients.error.guardian_minor')
    } else guardianId = guardian.id
  } else if (ageOn(values.birth_date, opts.today) < GUARDIAN_REQUIRED_UNDER) {
    errors.guardian_card = t('patients.error.guardian_required')
  }
  return { errors, guardianId }
}

/** Cards that may be the same person as `values` (never merged: the person decides). */
export function possibleDuplicates(db: DbOrTrx, values: PatientValues, selfId?: number) {
  return findPossibleDuplicates(db, {
    surname: values.surname,
    name: values.name,
    birth_date: values.birth_date,
    phones: [values.phone, values.phone_extra].filter((p): p is string => !!p),
    exceptId: selfId,
  })
}

/** The card number of a patient's legal representative, for the edit form. */
export async function guardianCardOf(db: DbOrTrx, guardianId: number | null) {
  if (guardianId === null) return null
  return (await findPatientById(db, guardianId))?.card_number ?? null
}

/** The columns of the card that differ between the stored row and the new values. */
export function changedColumns(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): string[] {
  return Object.keys(after).filter((k) => (before[k] ?? null) !== (after[k] ?? null))
}
