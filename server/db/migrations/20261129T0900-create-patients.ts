import { sql, type Kysely } from 'kysely'
import { CONSENT_TEMPLATES_V1 } from './20261129T0900-consent-texts.js'

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  // The patient card (personal data only, 152-ФЗ): nothing medical lives in this table.
  await db.schema
    .createTable('patients')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('card_number', 'text', (c) => c.notNull().unique())
    .addColumn('surname', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('patronymic', 'text')
    .addColumn('sex', 'text', (c) => c.notNull().check(sql`sex in ('male', 'female')`))
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('phone_extra', 'text')
    .addColumn('email', 'text')
    .addColumn('address', 'text')
    .addColumn('snils', 'text')
    .addColumn('oms_policy', 'text')
    .addColumn('oms_insurer', 'text')
    .addColumn('dms_policy', 'text')
    .addColumn('dms_insurer', 'text')
    .addColumn('id_doc_type', 'text', (c) =>
      c.check(
        sql`id_doc_type in ('passport_ru', 'birth_certificate', 'foreign_passport', 'residence_permit', 'other')`,
      ),
    )
    .addColumn('id_doc_series', 'text')
    .addColumn('id_doc_number', 'text')
    .addColumn('id_doc_issued_by', 'text')
    .addColumn('id_doc_issued_on', 'text')
    // 323-ФЗ ст.20, ст.54: under 15 a legal representative consents and signs for the patient.
    .addColumn('guardian_id', 'integer', (c) => c.references('patients.id'))
    .addColumn('guardian_relation', 'text')
    .addColumn('contact_channel', 'text', (c) =>
      c.check(sql`contact_channel in ('phone', 'sms', 'email', 'messenger')`),
    )
    // Derived search columns (lower case, ё → е, phone digits), kept by patients.queries.ts.
    .addColumn('search_surname', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('search_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('search_patronymic', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('search_fio', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('search_phones', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
    .execute()

  const index = (name: string, columns: string[]) =>
    db.schema.createIndex(name).on('patients').columns(columns).execute()
  await index('patients_search_surname', ['search_surname', 'search_name', 'search_patronymic'])
  await index('patients_search_name', ['search_name', 'search_patronymic', 'search_surname'])
  await index('patients_search_patronymic', ['search_patronymic', 'search_surname', 'search_name'])
  await index('patients_birth_date', ['birth_date'])
  await index('patients_phone', ['phone'])
  await index('patients_phone_extra', ['phone_extra'])
  await index('patients_guardian', ['guardian_id'])
  // Birthday lists look up by month and day across all years.
  await sql`create index patients_birthday on patients (substr(birth_date, 6))`.execute(db)

  // Substring search over names and phone digits: FTS5 trigram index over the derived
  // columns (external content, so the text is stored once; no column sizes, as results are
  // ranked by the search code, not bm25), kept in step by triggers.
  await sql`create virtual table patients_fts using fts5(
    search_fio, search_phones, content='patients', content_rowid='id', tokenize='trigram',
    columnsize=0)`.execute(db)
  await sql`create trigger patients_fts_insert after insert on patients begin
    insert into patients_fts (rowid, search_fio, search_phones)
      values (new.id, new.search_fio, new.search_phones);
  end`.execute(db)
  await sql`create trigger patients_fts_delete after delete on patients begin
    insert into patients_fts (patients_fts, rowid, search_fio, search_phones)
      values ('delete', old.id, old.search_fio, old.search_phones);
  end`.execute(db)
  await sql`create trigger patients_fts_update after update of search_fio, search_phones on patients begin
    insert into patients_fts (patients_fts, rowid, search_fio, search_phones)
      values ('delete', old.id, old.search_fio, old.search_phones);
    insert into patients_fts (rowid, search_fio, search_phones)
      values (new.id, new.search_fio, new.search_phones);
  end`.execute(db)

  // Non-medical notes (preferences, client experience): a separate table and permission.
  await db.schema
    .createTable('patient_notes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('patient_id', 'integer', (c) => c.notNull().references('patients.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
    .execute()
  await db.schema
    .createIndex('patient_notes_patient')
    .on('patient_notes')
    .column('patient_id')
    .execute()

  // Encrypted attachments (server/files): one row per stored blob, addressed by a keyed hash.
  await db.schema
    .createTable('files')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('address', 'text', (c) => c.notNull().unique())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('patient_documents')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('patient_id', 'integer', (c) => c.notNull().references('patients.id'))
    .addColumn('file_id', 'integer', (c) => c.notNull().references('files.id'))
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('passport', 'birth_certificate', 'oms_policy', 'dms_policy', 'snils', 'other')`,
        ),
    )
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('removed_at', 'text')
    .addColumn('removed_by', 'integer', (c) => c.references('staff.id'))
    .execute()
  await db.schema
    .createIndex('patient_documents_patient')
    .on('patient_documents')
    .column('patient_id')
    .execute()

  // Consent texts are versioned: a signed consent points at the exact text it was given on.
  await db.schema
    .createTable('consent_templates')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('pd_processing', 'marketing')`),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
    .addUniqueConstraint('consent_templates_kind_version', ['kind', 'version'])
    .execute()

  // 152-ФЗ ст.9: processing consent and each marketing channel (38-ФЗ ст.18) apart,
  // each withdrawable; a withdrawn consent stays as history, a new one is a new row.
  await db.schema
    .createTable('consents')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('patient_id', 'integer', (c) => c.notNull().references('patients.id'))
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('pd_processing', 'marketing_sms', 'marketing_email', 'marketing_messenger')`,
        ),
    )
    .addColumn('template_id', 'integer', (c) => c.notNull().references('consent_templates.id'))
    .addColumn('signed_by', 'text', (c) =>
      c.notNull().check(sql`signed_by in ('patient', 'representative')`),
    )
    .addColumn('given_on', 'text', (c) => c.notNull())
    .addColumn('withdrawn_on', 'text')
    .addColumn('file_id', 'integer', (c) => c.references('files.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_by', 'integer', (c) => c.references('staff.id'))
    .execute()
  await db.schema
    .createIndex('consents_patient_kind')
    .on('consents')
    .columns(['patient_id', 'kind'])
    .execute()

  const at = '2026-11-29T09:00:00.000Z'
  for (const t of CONSENT_TEMPLATES_V1) {
    await db
      .insertInto('consent_templates')
      .values({ kind: t.kind, version: 1, title: t.title, body: t.body, created_at: at })
      .execute()
  }
}
