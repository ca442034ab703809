import type { DbOrTrx } from '../database.js'
import type { ConsentKind, TemplateKind } from './patients.table.js'

/** Which template's text a consent of this kind is given on. */
export function templateKindOf(kind: ConsentKind): TemplateKind {
  return kind === 'pd_processing' ? 'pd_processing' : 'marketing'
}

/** The latest version of a consent text. */
export function currentTemplate(db: DbOrTrx, kind: TemplateKind) {
  return db
    .selectFrom('consent_templates')
    .selectAll()
    .where('kind', '=', kind)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst()
}

export async function insertTemplate(
  db: DbOrTrx,
  t: {
    kind: TemplateKind
    title: string
    body: string
    created_at: string
    created_by: number | null
  },
): Promise<number> {
  const current = await currentTemplate(db, t.kind)
  const version = (current?.version ?? 0) + 1
  await db
    .insertInto('consent_templates')
    .values({ ...t, version })
    .execute()
  return version
}

/** Every consent of a patient, newest first, with the version of its text. */
export function listConsents(db: DbOrTrx, patientId: number) {
  return db
    .selectFrom('consents')
    .innerJoin('consent_templates', 'consent_templates.id', 'consents.template_id')
    .select([
      'consents.id',
      'consents.kind',
      'consents.signed_by',
      'consents.given_on',
      'consents.withdrawn_on',
      'consents.file_id',
      'consents.recorded_at',
      'consent_templates.version',
    ])
    .where('consents.patient_id', '=', patientId)
    .orderBy('consents.id', 'desc')
    .execute()
}

export type ConsentRow = Awaited<ReturnType<typeof listConsents>>[number]

/** One consent of one patient (both ids must match, checklist 17). */
export function findConsent(db: DbOrTrx, patientId: number, consentId: number) {
  return db
    .selectFrom('consents')
    .selectAll()
    .where('patient_id', '=', patientId)
    .where('id', '=', consentId)
    .executeTakeFirst()
}

/** The consent of this kind in force on `day`, if any. */
export function consentInForce(db: DbOrTrx, patientId: number, kind: ConsentKind, day: string) {
  return db
    .selectFrom('consents')
    .selectAll()
    .where('patient_id', '=', patientId)
    .where('kind', '=', kind)
    .where('given_on', '<=', day)
    .where((eb) => eb.or([eb('withdrawn_on', 'is', null), eb('withdrawn_on', '>', day)]))
    .executeTakeFirst()
}

export async function insertConsent(
  db: DbOrTrx,
  c: {
    patient_id: number
    kind: ConsentKind
    template_id: number
    signed_by: 'patient' | 'representative'
    given_on: string
    file_id: number | null
    recorded_at: string
    recorded_by: number | null
  },
): Promise<number> {
  const row = await db.insertInto('consents').values(c).returning('id').executeTakeFirstOrThrow()
  return row.id
}

export async function withdrawConsent(
  db: DbOrTrx,
  id: number,
  w: { withdrawn_on: string; withdrawn_at: string; withdrawn_by: number | null },
) {
  await db
    .updateTable('consents')
    .set(w)
    .where('id', '=', id)
    .where('withdrawn_on', 'is', null)
    .execute()
}
