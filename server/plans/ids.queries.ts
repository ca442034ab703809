import type { DbOrTrx } from '../database.js'

/** Templates in use: those no newer version replaces. */
export function listCurrentTemplates(db: DbOrTrx) {
  return db
    .selectFrom('ids_templates as t')
    .select(['t.id', 't.title', 't.created_at'])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('ids_templates as n').select('n.id').whereRef('n.replaces_id', '=', 't.id'),
        ),
      ),
    )
    .orderBy('t.title')
    .execute()
}

export function findTemplate(db: DbOrTrx, id: number) {
  return db
    .selectFrom('ids_templates')
    .select(['id', 'title', 'body', 'replaces_id', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function isCurrentTemplate(db: DbOrTrx, id: number): Promise<boolean> {
  const newer = await db
    .selectFrom('ids_templates')
    .select('id')
    .where('replaces_id', '=', id)
    .executeTakeFirst()
  return newer === undefined
}

/** This version and the ones it replaced, newest first. */
export async function templateHistory(db: DbOrTrx, id: number) {
  const out = []
  let next: number | null = id
  // Bounded: a chain longer than this is not an edit history anyone will read.
  for (let i = 0; next !== null && i < 100; i++) {
    const row = await db
      .selectFrom('ids_templates as t')
      .leftJoin('staff as s', 's.id', 't.created_by')
      .select([
        't.id',
        't.title',
        't.replaces_id',
        't.created_at',
        's.full_name as created_by_name',
      ])
      .where('t.id', '=', next)
      .executeTakeFirst()
    if (!row) break
    out.push(row)
    next = row.replaces_id
  }
  return out
}

export async function insertTemplate(
  db: DbOrTrx,
  v: {
    title: string
    body: string
    replaces_id: number | null
    created_by: number
    created_at: string
  },
): Promise<number> {
  const row = await db
    .insertInto('ids_templates')
    .values(v)
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export function listConsents(db: DbOrTrx, planId: number) {
  return db
    .selectFrom('plan_consents as c')
    .innerJoin('ids_templates as t', 't.id', 'c.template_id')
    .innerJoin('staff as s', 's.id', 'c.recorded_by')
    .leftJoin('plan_items as i', 'i.id', 'c.item_id')
    .select([
      'c.id',
      'c.item_id',
      'i.name as item_name',
      'i.tooth',
      't.title as template_title',
      'c.signed_on',
      'c.signer',
      'c.representative_name',
      'c.representative_relation',
      'c.scan_id',
      'c.recorded_at',
      's.full_name as recorded_by_name',
    ])
    .where('c.plan_id', '=', planId)
    .orderBy('c.id')
    .execute()
}

export type ConsentRow = Awaited<ReturnType<typeof listConsents>>[number]

/** The guardian named on the patient card (patients.guardian_id), to prefill the signer. */
export function findGuardian(db: DbOrTrx, guardianId: number) {
  return db
    .selectFrom('patients')
    .select(['surname', 'name', 'patronymic'])
    .where('id', '=', guardianId)
    .executeTakeFirst()
}
