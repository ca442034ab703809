import { sql, type Kysely } from 'kysely'

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('chairs')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  // Regular hours of a doctor on an ISO weekday, clinic-local "HH:MM" (a wall clock, not UTC:
  // 09:00 stays 09:00 across a DST change).
  await db.schema
    .createTable('working_hours')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('doctor_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('weekday', 'integer', (c) => c.notNull().check(sql`weekday between 1 and 7`))
    .addColumn('starts', 'text', (c) => c.notNull())
    .addColumn('ends', 'text', (c) => c.notNull())
    .addColumn('chair_id', 'integer', (c) => c.references('chairs.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('working_hours_order', sql`starts < ends`)
    .execute()
  await db.schema
    .createIndex('working_hours_doctor')
    .on('working_hours')
    .columns(['doctor_id', 'weekday'])
    .execute()

  await db.schema
    .createTable('days_off')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('doctor_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('days_off_doctor_date', ['doctor_id', 'date'])
    .execute()

  await db.schema
    .createTable('appointments')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('patient_id', 'integer', (c) => c.notNull().references('patients.id'))
    .addColumn('doctor_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('chair_id', 'integer', (c) => c.notNull().references('chairs.id'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`status in ('booked', 'confirmed', 'arrived', 'in_chair', 'done', 'no_show', 'cancelled')`,
        ),
    )
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('cancel_reason', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('appointments_order', sql`starts_at < ends_at`)
    .execute()
  // The day view reads a time range; the overlap check a range per doctor and per chair;
  // the visit history one patient's rows.
  await db.schema
    .createIndex('appointments_starts')
    .on('appointments')
    .column('starts_at')
    .execute()
  await db.schema
    .createIndex('appointments_doctor_starts')
    .on('appointments')
    .columns(['doctor_id', 'starts_at'])
    .execute()
  await db.schema
    .createIndex('appointments_chair_starts')
    .on('appointments')
    .columns(['chair_id', 'starts_at'])
    .execute()
  await db.schema
    .createIndex('appointments_patient_starts')
    .on('appointments')
    .columns(['patient_id', 'starts_at'])
    .execute()

  await db.schema
    .createTable('appointment_status_changes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('appointment_id', 'integer', (c) => c.notNull().references('appointments.id'))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('device_id', 'integer', (c) => c.references('devices.id'))
    .execute()
  await db.schema
    .createIndex('appointment_status_changes_appointment')
    .on('appointment_status_changes')
    .columns(['appointment_id', 'id'])
    .execute()

  await db.schema
    .createTable('schedule_versions')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
}
