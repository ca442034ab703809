import { sql, type Kysely } from 'kysely'

// Frozen in time: never import application code here.

const STATUSES = sql`('proposed', 'accepted', 'in_progress', 'done', 'cancelled')`

/** Tables whose rows are history: the application only inserts, and SQL may not do otherwise. */
const APPEND_ONLY = [
  'price_item_prices',
  'treatment_plans',
  'plan_stages',
  'plan_items',
  'plan_status_changes',
  'ids_templates',
  'plan_consents',
  'medical_files',
]

export async function up(db: Kysely<any>): Promise<void> {
  // The clinic's price list (прейскурант), maintained by the owner.
  await db.schema
    .createTable('price_groups')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('price_items')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('group_id', 'integer', (c) => c.notNull().references('price_groups.id'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  // A price is never edited: a new row from the day it is set, so history stays readable.
  await db.schema
    .createTable('price_item_prices')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('price_item_id', 'integer', (c) => c.notNull().references('price_items.id'))
    .addColumn('price_kopecks', 'integer', (c) => c.notNull().check(sql`price_kopecks >= 0`))
    .addColumn('set_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('set_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('price_item_prices_item')
    .on('price_item_prices')
    .columns(['price_item_id', 'id'])
    .execute()

  await db.schema
    .createTable('treatment_plans')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('patient_id', 'integer', (c) => c.notNull().references('patients.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('device_id', 'integer', (c) => c.references('devices.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('treatment_plans_patient')
    .on('treatment_plans')
    .column('patient_id')
    .execute()
  await db.schema
    .createTable('plan_stages')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('treatment_plans.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('plan_stages_position', ['plan_id', 'position'])
    .execute()
  // Code, name and price are copied from the price list: the plan keeps what the patient was
  // quoted even after the owner changes the list.
  await db.schema
    .createTable('plan_items')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('treatment_plans.id'))
    .addColumn('stage_id', 'integer', (c) => c.references('plan_stages.id'))
    .addColumn('tooth', 'integer', (c) => c.check(sql`tooth between 11 and 85`))
    .addColumn('price_item_id', 'integer', (c) => c.notNull().references('price_items.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit_price_kopecks', 'integer', (c) =>
      c.notNull().check(sql`unit_price_kopecks >= 0`),
    )
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity between 1 and 99`))
    // A visit record (medical_entries) that carried the item out; linked by the card later.
    .addColumn('medical_entry_id', 'integer')
    .addColumn('created_by', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('device_id', 'integer', (c) => c.references('devices.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('plan_items_plan').on('plan_items').column('plan_id').execute()
  // Statuses of a plan (item_id null) or of one item; the latest row is the current status.
  await db.schema
    .createTable('plan_status_changes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('treatment_plans.id'))
    .addColumn('item_id', 'integer', (c) => c.references('plan_items.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ${STATUSES}`))
    .addColumn('reason', 'text')
    .addColumn('changed_by', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('device_id', 'integer', (c) => c.references('devices.id'))
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('plan_status_changes_plan')
    .on('plan_status_changes')
    .columns(['plan_id', 'item_id', 'id'])
    .execute()

  await createFilesAndConsents(db)
  await seedIdsTemplate(db)

  for (const table of APPEND_ONLY) {
    await sql`create trigger ${sql.id(`${table}_no_update`)} before update on ${sql.table(table)}
      begin select raise(abort, ${sql.lit(`${table} is append-only`)}); end`.execute(db)
    await sql`create trigger ${sql.id(`${table}_no_delete`)} before delete on ${sql.table(table)}
      begin select raise(abort, ${sql.lit(`${table} is append-only`)}); end`.execute(db)
  }
}

async function createFilesAndConsents(db: Kysely<any>): Promise<void> {
  // X-rays, lab results and consent scans; the bytes live encrypted in `files`.
  await db.schema
    .createTable('medical_files')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('patient_id', 'integer', (c) => c.notNull().references('patients.id'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('xray', 'lab', 'consent_scan')`),
    )
    .addColumn('format', 'text', (c) =>
      c.notNull().check(sql`format in ('jpeg', 'png', 'dicom', 'pdf')`),
    )
    .addColumn('file_id', 'integer', (c) => c.notNull().references('files.id'))
    .addColumn('thumbnail_file_id', 'integer', (c) => c.references('files.id'))
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('taken_on', 'text')
    .addColumn('uploaded_by', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('device_id', 'integer', (c) => c.references('devices.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('medical_files_patient')
    .on('medical_files')
    .columns(['patient_id', 'id'])
    .execute()

  // ИДС templates (323-ФЗ ст.20): an edit is a new row replacing the old one, so a signed
  // consent always points at the exact text the patient was given.
  await db.schema
    .createTable('ids_templates')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('replaces_id', 'integer', (c) => c.unique().references('ids_templates.id'))
    .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('plan_consents')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('treatment_plans.id'))
    .addColumn('item_id', 'integer', (c) => c.references('plan_items.id'))
    .addColumn('template_id', 'integer', (c) => c.notNull().references('ids_templates.id'))
    .addColumn('signed_on', 'text', (c) => c.notNull())
    .addColumn('signer', 'text', (c) =>
      c.notNull().check(sql`signer in ('patient', 'representative')`),
    )
    .addColumn('representative_name', 'text')
    .addColumn('representative_relation', 'text')
    .addColumn('scan_id', 'integer', (c) => c.references('medical_files.id'))
    .addColumn('recorded_by', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('device_id', 'integer', (c) => c.references('devices.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'plan_consents_representative',
      sql`signer = 'patient' or representative_name is not null`,
    )
    .execute()
  await db.schema.createIndex('plan_consents_plan').on('plan_consents').column('plan_id').execute()
}

// A starting text so the feature works on day one; the owner edits it (a new version).
const IDS_BODY = [
  'Я, {signer}, являясь {signer_role}, в соответствии со статьёй 20 Федерального закона ' +
    'от 21.11.2011 № 323-ФЗ «Об основах охраны здоровья граждан в Российской Федерации» даю ' +
    'информированное добровольное согласие на медицинское вмешательство: {intervention}.',
  'Пациент: {patient}, дата рождения {birth_date}, медицинская карта № {card_number}.',
  'Врач {doctor} в доступной для меня форме разъяснил(а) цели, методы, ожидаемые результаты ' +
    'и возможные риски лечения, возможные варианты медицинского вмешательства, их последствия, ' +
    'а также последствия отказа от лечения. Я имел(а) возможность задать вопросы и получил(а) ' +
    'на них ответы.',
  'Я предупрежден(а), что результат лечения зависит в том числе от выполнения мною ' +
    'рекомендаций врача. Мне известно, что я вправе отказаться от медицинского вмешательства ' +
    'или потребовать его прекращения.',
  'Дата: {date}.',
].join('\n\n')

async function seedIdsTemplate(db: Kysely<any>): Promise<void> {
  await db
    .insertInto('ids_templates')
    .values({
      title: 'Согласие на стоматологическое лечение',
      body: IDS_BODY,
      created_at: '2026-11-29T10:10:00.000Z',
    })
    .execute()
}
