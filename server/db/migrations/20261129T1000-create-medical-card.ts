import { sql, type Kysely } from 'kysely'

// Frozen in time: never import application code here.

// 947н p.21 and DESIGN.md §3: nothing medical is overwritten or deleted. Every save is a new
// row pointing at the one it supersedes; the triggers below refuse UPDATE and DELETE outright,
// so no code path (and no hand-typed SQL) can change a signed entry.
const APPEND_ONLY = ['medical_entries', 'medical_card_revisions', 'tooth_states'] as const

export async function up(db: Kysely<any>): Promise<void> {
  // Visit records (осмотр, form 025/у). A row is one revision; `record_id` is the id of the
  // record's first revision, stable across corrections, and what other features link to.
  await db.schema
    .createTable('medical_entries')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('record_id', 'integer', (c) => c.notNull().references('medical_entries.id'))
    .addColumn('revision', 'integer', (c) => c.notNull().check(sql`revision >= 1`))
    .addColumn('supersedes_id', 'integer', (c) => c.references('medical_entries.id'))
    .addColumn('patient_id', 'integer', (c) => c.notNull().references('patients.id'))
    .addColumn('layout', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('draft', 'signed', 'deleted')`),
    )
    .addColumn('visit_date', 'text', (c) => c.notNull())
    .addColumn('doctor_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('complaints', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('anamnesis_morbi', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('anamnesis_vitae', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('objective', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('oral_cavity', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('dental_status', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('diagnosis_code', 'text')
    .addColumn('diagnosis_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('diagnosis_first', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('concomitant', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('treatment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recommendations', 'text', (c) => c.notNull().defaultTo(''))
    // The reason of a correction or a deletion (947н p.21), and the signed revision corrected.
    .addColumn('reason', 'text')
    .addColumn('corrects_id', 'integer', (c) => c.references('medical_entries.id'))
    .addColumn('author_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('author_role', 'text', (c) => c.notNull())
    .addColumn('device_id', 'integer', (c) => c.notNull().references('devices.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('signed_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('signed_at', 'text')
    .addUniqueConstraint('medical_entries_record_revision', ['record_id', 'revision'])
    .addCheckConstraint(
      'medical_entries_signed_has_signer',
      sql`status <> 'signed' or (signed_by is not null and signed_at is not null)`,
    )
    .addCheckConstraint(
      'medical_entries_deleted_has_reason',
      sql`status <> 'deleted' or coalesce(reason, '') <> ''`,
    )
    .execute()
  await db.schema
    .createIndex('medical_entries_patient')
    .on('medical_entries')
    .columns(['patient_id', 'record_id', 'revision'])
    .execute()

  // The medical part of the card's title page: blood group, Rh, allergies, conditions.
  await db.schema
    .createTable('medical_card_revisions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('patient_id', 'integer', (c) => c.notNull().references('patients.id'))
    .addColumn('revision', 'integer', (c) => c.notNull().check(sql`revision >= 1`))
    .addColumn('supersedes_id', 'integer', (c) => c.references('medical_card_revisions.id'))
    .addColumn('layout', 'text', (c) => c.notNull())
    .addColumn('blood_group', 'text', (c) =>
      c.notNull().check(sql`blood_group in ('', 'O', 'A', 'B', 'AB')`),
    )
    .addColumn('rh', 'text', (c) => c.notNull().check(sql`rh in ('', 'positive', 'negative')`))
    .addColumn('allergies', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('chronic_conditions', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('dispensary_conditions', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('author_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('author_role', 'text', (c) => c.notNull())
    .addColumn('device_id', 'integer', (c) => c.notNull().references('devices.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('medical_card_revisions_patient_revision', ['patient_id', 'revision'])
    .execute()

  // Dental chart: one row per observation of one tooth (FDI), the whole state of that tooth.
  await db.schema
    .createTable('tooth_states')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('patient_id', 'integer', (c) => c.notNull().references('patients.id'))
    .addColumn('tooth', 'integer', (c) =>
      c
        .notNull()
        .check(
          sql`(tooth / 10 between 1 and 4 and tooth % 10 between 1 and 8) or (tooth / 10 between 5 and 8 and tooth % 10 between 1 and 5)`,
        ),
    )
    // Two saves from the same starting point cannot both land: the second is a conflict.
    .addColumn('supersedes_id', 'integer', (c) => c.unique().references('tooth_states.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'signed')`))
    .addColumn('codes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('surfaces', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('mobility', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`mobility between 0 and 3`),
    )
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('author_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('author_role', 'text', (c) => c.notNull())
    .addColumn('device_id', 'integer', (c) => c.notNull().references('devices.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('signed_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('signed_at', 'text')
    .addCheckConstraint(
      'tooth_states_signed_has_signer',
      sql`status <> 'signed' or (signed_by is not null and signed_at is not null)`,
    )
    .execute()
  await db.schema
    .createIndex('tooth_states_patient_tooth')
    .on('tooth_states')
    .columns(['patient_id', 'tooth', 'id'])
    .execute()

  for (const table of APPEND_ONLY) {
    await sql`create trigger ${sql.raw(`${table}_no_update`)} before update on ${sql.table(table)}
      begin select raise(abort, ${sql.lit(`${table} is append-only`)}); end`.execute(db)
    await sql`create trigger ${sql.raw(`${table}_no_delete`)} before delete on ${sql.table(table)}
      begin select raise(abort, ${sql.lit(`${table} is append-only`)}); end`.execute(db)
  }

  // A doctor's own texts for routine visits. Not patient data: edited in place, archived.
  await db.schema
    .createTable('visit_templates')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('complaints', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('anamnesis_morbi', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('anamnesis_vitae', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('objective', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('oral_cavity', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('dental_status', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('diagnosis_code', 'text')
    .addColumn('diagnosis_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('concomitant', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('treatment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recommendations', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text')
    .execute()
  await db.schema
    .createIndex('visit_templates_staff')
    .on('visit_templates')
    .columns(['staff_id', 'archived_at'])
    .execute()
}
