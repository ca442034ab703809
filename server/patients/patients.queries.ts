import type { DbOrTrx } from '../database.js'
import { prepared } from '../db/prepared.js'
import { patientSearchColumns } from './normalize.js'
import type { NewPatient, Patient, PatientUpdate } from './patients.table.js'

// The card and most patient pages read the patient first.
const patientById = prepared((db, p: { id: number }) =>
  db.selectFrom('patients').selectAll().where('id', '=', p.id),
)

/** The card, or undefined for an unknown id. */
export function findPatientById(db: DbOrTrx, id: number): Promise<Patient | undefined> {
  return patientById.first(db, { id })
}

export function findPatientByCardNumber(
  db: DbOrTrx,
  cardNumber: string,
): Promise<Patient | undefined> {
  return db
    .selectFrom('patients')
    .selectAll()
    .where('card_number', '=', cardNumber)
    .executeTakeFirst()
}

type PatientInput = Omit<
  NewPatient,
  'search_surname' | 'search_name' | 'search_patronymic' | 'search_fio' | 'search_phones'
>

/**
 * Inserts a patient with its derived search columns. Use this (not a bare insert), or the
 * patient cannot be found by the search box.
 * @throws on a duplicate card number (unique constraint).
 */
export async function insertPatient(db: DbOrTrx, patient: PatientInput): Promise<number> {
  const row = await db
    .insertInto('patients')
    .values({ ...patient, ...patientSearchColumns(patientFields(patient)) })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Updates a patient and recomputes the search columns from the resulting row. */
export async function updatePatient(db: DbOrTrx, id: number, patch: PatientUpdate): Promise<void> {
  const current = await findPatientById(db, id)
  if (!current) return
  const next = { ...current, ...patch }
  await db
    .updateTable('patients')
    .set({ ...patch, ...patientSearchColumns(patientFields(next)) })
    .where('id', '=', id)
    .execute()
}

function patientFields(p: {
  surname?: string
  name?: string
  patronymic?: string | null
  phone?: string | null
  phone_extra?: string | null
}) {
  return {
    surname: p.surname ?? '',
    name: p.name ?? '',
    patronymic: p.patronymic ?? null,
    phone: p.phone ?? null,
    phone_extra: p.phone_extra ?? null,
  }
}

/**
 * The next free card number: one more than the highest id, skipping numbers typed in by hand.
 * Call inside the transaction that inserts the patient.
 */
export async function nextCardNumber(db: DbOrTrx): Promise<string> {
  const row = await db
    .selectFrom('patients')
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirst()
  let n = Number(row?.max ?? 0) + 1
  while (await findPatientByCardNumber(db, String(n))) n++
  return String(n)
}

/** Patients that may be the same person: same surname, name and birth date, or same phone. */
export function findPossibleDuplicates(
  db: DbOrTrx,
  p: { surname: string; name: string; birth_date: string; phones: string[]; exceptId?: number },
) {
  const cols = patientSearchColumns({ ...p, patronymic: null, phone: null, phone_extra: null })
  let q = db
    .selectFrom('patients')
    .select(['id', 'card_number', 'surname', 'name', 'patronymic', 'birth_date', 'phone'])
    .where((eb) => {
      const same = [
        eb.and([
          eb('search_surname', '=', cols.search_surname),
          eb('search_name', '=', cols.search_name),
          eb('birth_date', '=', p.birth_date),
        ]),
      ]
      for (const phone of p.phones) {
        same.push(eb('phone', '=', phone), eb('phone_extra', '=', phone))
      }
      return eb.or(same)
    })
  if (p.exceptId !== undefined) q = q.where('id', '!=', p.exceptId)
  return q.orderBy('id').limit(10).execute()
}

// Every card lists its patient's wards.
const wardsOf = prepared((db, p: { guardianId: number }) =>
  db
    .selectFrom('patients')
    .select(['id', 'card_number', 'surname', 'name', 'patronymic'])
    .where('guardian_id', '=', p.guardianId)
    .orderBy('birth_date'),
)

/** Patients whose legal representative this patient is. */
export function listWards(db: DbOrTrx, guardianId: number) {
  return wardsOf.all(db, { guardianId })
}

/** Name and card number of one patient, for links. */
export function findPatientBrief(db: DbOrTrx, id: number) {
  return db
    .selectFrom('patients')
    .select(['id', 'card_number', 'surname', 'name', 'patronymic'])
    .where('id', '=', id)
    .executeTakeFirst()
}
