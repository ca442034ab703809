import type { DbOrTrx } from '../database.js'

/**
 * The personal part of the card's title page (form 025/у), read from the patient card. The
 * address, and the identity document with СНИЛС and the ОМС policy, only for people allowed
 * to see them on the patient card (patients.contacts.read, patients.documents.read): the
 * medical card is no back door to personal data.
 */
export async function findPatientTitle(
  db: DbOrTrx,
  id: number,
  opts: { contacts: boolean; documents: boolean },
) {
  const row = await db
    .selectFrom('patients')
    .select([
      'id',
      'card_number',
      'surname',
      'name',
      'patronymic',
      'sex',
      'birth_date',
      'address',
      'snils',
      'oms_policy',
      'oms_insurer',
      'id_doc_type',
      'id_doc_series',
      'id_doc_number',
    ])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    ...row,
    visible: opts,
    address: opts.contacts ? row.address : null,
    snils: opts.documents ? row.snils : null,
    oms_policy: opts.documents ? row.oms_policy : null,
    oms_insurer: opts.documents ? row.oms_insurer : null,
    id_doc_type: opts.documents ? row.id_doc_type : null,
    id_doc_series: opts.documents ? row.id_doc_series : null,
    id_doc_number: opts.documents ? row.id_doc_number : null,
  }
}

export type PatientTitle = NonNullable<Awaited<ReturnType<typeof findPatientTitle>>>
