import { sql, type Kysely } from 'kysely'

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('staff')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('login', 'text', (c) =>
      c
        .notNull()
        .unique()
        .modifyEnd(sql`collate nocase`),
    )
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('owner', 'doctor', 'assistant', 'receptionist')`),
    )
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('locale', 'text', (c) => c.check(sql`locale in ('ru', 'en')`))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('devices')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('zone', 'text', (c) =>
      c.notNull().check(sql`zone in ('reception', 'surgery', 'office')`),
    )
    .addColumn('serial', 'text', (c) => c.notNull().unique())
    .addColumn('fingerprint256', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('not_after', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('revoked_at', 'text')
    .addColumn('last_seen_at', 'text')
    .execute()

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('device_id', 'integer', (c) => c.notNull().references('devices.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_activity_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('locked_at', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('end_reason', 'text')
    .execute()
  await db.schema.createIndex('sessions_staff').on('sessions').column('staff_id').execute()

  // Failed logins keyed by the typed login (known or not) and by device, so that
  // throttling looks the same for unknown logins and real accounts.
  await db.schema
    .createTable('login_failures')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('login_key', 'text', (c) => c.notNull())
    .addColumn('device_id', 'integer', (c) => c.notNull().references('devices.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('login_failures_login')
    .on('login_failures')
    .columns(['login_key', 'at'])
    .execute()
  await db.schema
    .createIndex('login_failures_device')
    .on('login_failures')
    .columns(['device_id', 'at'])
    .execute()

  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'integer')
    .addColumn('device_id', 'integer')
    .addColumn('zone', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('patient_id', 'integer')
    .addColumn('category', 'text')
    .addColumn('outcome', 'text', (c) =>
      c.notNull().check(sql`outcome in ('ok', 'denied', 'failed')`),
    )
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('audit_events_patient')
    .on('audit_events')
    .columns(['patient_id', 'id'])
    .execute()
  await db.schema
    .createIndex('audit_events_staff')
    .on('audit_events')
    .columns(['staff_id', 'id'])
    .execute()
  // Append-only: the application never updates or deletes audit rows, and neither may anyone else
  // through SQL (a raw edit of the file is still caught by the hash chain).
  await sql`create trigger audit_events_no_update before update on audit_events
    begin select raise(abort, 'audit_events is append-only'); end`.execute(db)
  await sql`create trigger audit_events_no_delete before delete on audit_events
    begin select raise(abort, 'audit_events is append-only'); end`.execute(db)

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute()
}
