import { sql, type Kysely } from 'kysely'

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  // Per-employee grants and denials on top of the role template.
  await db.schema
    .createTable('staff_permissions')
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('permission', 'text', (c) => c.notNull())
    .addColumn('effect', 'text', (c) => c.notNull().check(sql`effect in ('grant', 'deny')`))
    .addColumn('changed_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('staff_permissions_pk', ['staff_id', 'permission'])
    .execute()

  // TOTP second factor: the secret is encrypted with a key derived from the master key.
  await db.schema.alterTable('staff').addColumn('totp_secret', 'text').execute()
  await db.schema
    .alterTable('staff')
    .addColumn('totp_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.alterTable('staff').addColumn('totp_last_step', 'integer').execute()
  await db.schema.alterTable('sessions').addColumn('totp_verified_at', 'text').execute()

  // Break-glass: a named doctor opens a patient they do not treat, with a reason and a limit.
  await db.schema
    .createTable('break_glass')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('device_id', 'integer', (c) => c.notNull().references('devices.id'))
    .addColumn('patient_id', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('reviewed_at', 'text')
    .addColumn('review_note', 'text')
    .execute()
  await db.schema
    .createIndex('break_glass_staff_patient')
    .on('break_glass')
    .columns(['staff_id', 'patient_id', 'expires_at'])
    .execute()

  // Device enrollment windows: one bundle, one PIN, a few minutes, a single download.
  await db.schema
    .createTable('enrollments')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('device_id', 'integer', (c) => c.notNull().references('devices.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('pin_hash', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('downloaded_at', 'text')
    .addColumn('closed_at', 'text')
    .execute()

  await db.schema.alterTable('devices').addColumn('replaced_by', 'integer').execute()
}
