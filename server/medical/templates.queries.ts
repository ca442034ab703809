import type { Insertable, Updateable } from 'kysely'
import type { DbOrTrx } from '../database.js'
import type { VisitTemplatesTable } from './medical.table.js'

/** Active templates of these people (the author, and the record's doctor for an assistant). */
export function listTemplates(db: DbOrTrx, staffIds: number[]) {
  if (staffIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('visit_templates')
    .select(['id', 'name', 'staff_id'])
    .where('staff_id', 'in', staffIds)
    .where('archived_at', 'is', null)
    .orderBy('name')
    .execute()
}

/** One active template, only if it belongs to one of these people (no IDOR through the id). */
export function findTemplate(db: DbOrTrx, id: number, staffIds: number[]) {
  if (staffIds.length === 0) return Promise.resolve(undefined)
  return db
    .selectFrom('visit_templates')
    .selectAll()
    .where('id', '=', id)
    .where('staff_id', 'in', staffIds)
    .where('archived_at', 'is', null)
    .executeTakeFirst()
}

export async function insertTemplate(
  db: DbOrTrx,
  row: Insertable<VisitTemplatesTable>,
): Promise<number> {
  const r = await db
    .insertInto('visit_templates')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow()
  return r.id
}

/** Templates are a doctor's own texts, not patient data: edited in place (DESIGN.md §3 is about records). */
export async function updateTemplate(
  db: DbOrTrx,
  id: number,
  staffId: number,
  patch: Updateable<VisitTemplatesTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('visit_templates')
    .set(patch)
    .where('id', '=', id)
    .where('staff_id', '=', staffId)
    .where('archived_at', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
}
