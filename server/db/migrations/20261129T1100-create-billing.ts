import { sql, type Kysely } from 'kysely'

// Frozen in time: never import application code here.

/** Money movements are history: a correction is a new row (a reversal or a refund). */
const APPEND_ONLY = ['visit_services', 'payments', 'doctor_pay_rules']

const DATE = (column: string) =>
  sql`${sql.ref(column)} glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'`

export async function up(db: Kysely<any>): Promise<void> {
  // Services performed for a patient: the source of revenue and of doctors' pay. Code, name
  // and price are copied so a later change of the price list never rewrites what was billed.
  await db.schema
    .createTable('visit_services')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('patient_id', 'integer', (c) => c.notNull().references('patients.id'))
    .addColumn('appointment_id', 'integer', (c) => c.references('appointments.id'))
    .addColumn('plan_item_id', 'integer', (c) => c.references('plan_items.id'))
    .addColumn('price_item_id', 'integer', (c) => c.notNull().references('price_items.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('doctor_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity <> 0`))
    .addColumn('unit_price_kopecks', 'integer', (c) =>
      c.notNull().check(sql`unit_price_kopecks >= 0`),
    )
    .addColumn('discount_kopecks', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`discount_kopecks >= 0`),
    )
    .addColumn('amount_kopecks', 'integer', (c) => c.notNull())
    .addColumn('performed_on', 'text', (c) => c.notNull().check(DATE('performed_on')))
    // A reversal points at the row it cancels; one reversal per row at most.
    .addColumn('reverses_id', 'integer', (c) => c.unique().references('visit_services.id'))
    .addColumn('reason', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('device_id', 'integer', (c) => c.references('devices.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'visit_services_shape',
      sql`(reverses_id is null and quantity > 0 and amount_kopecks >= 0)
        or (reverses_id is not null and quantity < 0 and amount_kopecks <= 0
            and reason is not null and length(trim(reason)) > 0)`,
    )
    .execute()
  await db.schema
    .createIndex('visit_services_patient')
    .on('visit_services')
    .column('patient_id')
    .execute()
  await db.schema
    .createIndex('visit_services_performed_on')
    .on('visit_services')
    .column('performed_on')
    .execute()
  await db.schema
    .createIndex('visit_services_doctor')
    .on('visit_services')
    .columns(['doctor_id', 'performed_on'])
    .execute()

  // Payments and refunds; the kind gives the sign, the amount is always positive.
  await db.schema
    .createTable('payments')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('patient_id', 'integer', (c) => c.notNull().references('patients.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('payment', 'refund')`))
    .addColumn('method', 'text', (c) =>
      c.notNull().check(sql`method in ('cash', 'card', 'transfer')`),
    )
    .addColumn('amount_kopecks', 'integer', (c) => c.notNull().check(sql`amount_kopecks > 0`))
    .addColumn('refund_of', 'integer', (c) => c.references('payments.id'))
    .addColumn('reason', 'text')
    .addColumn('appointment_id', 'integer', (c) => c.references('appointments.id'))
    // Who paid when not the patient (a parent, a spouse): the tax certificate names the payer.
    .addColumn('payer_name', 'text')
    .addColumn('paid_on', 'text', (c) => c.notNull().check(DATE('paid_on')))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('device_id', 'integer', (c) => c.references('devices.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'payments_shape',
      sql`(kind = 'payment' and refund_of is null)
        or (kind = 'refund' and refund_of is not null
            and reason is not null and length(trim(reason)) > 0)`,
    )
    .execute()
  await db.schema.createIndex('payments_patient').on('payments').column('patient_id').execute()
  await db.schema.createIndex('payments_paid_on').on('payments').column('paid_on').execute()

  // Doctors' pay: the latest row per (doctor, service) valid on a date wins; a null service is
  // the doctor's default.
  await db.schema
    .createTable('doctor_pay_rules')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('doctor_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('price_item_id', 'integer', (c) => c.references('price_items.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('percent', 'fixed')`))
    .addColumn('percent_bp', 'integer', (c) => c.check(sql`percent_bp between 0 and 10000`))
    .addColumn('fixed_kopecks', 'integer', (c) => c.check(sql`fixed_kopecks >= 0`))
    .addColumn('valid_from', 'text', (c) => c.notNull().check(DATE('valid_from')))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'doctor_pay_rules_shape',
      sql`(kind = 'percent' and percent_bp is not null and fixed_kopecks is null)
        or (kind = 'fixed' and fixed_kopecks is not null and percent_bp is null)`,
    )
    .execute()
  await db.schema
    .createIndex('doctor_pay_rules_doctor')
    .on('doctor_pay_rules')
    .columns(['doctor_id', 'price_item_id', 'valid_from'])
    .execute()

  for (const table of APPEND_ONLY) {
    await sql`create trigger ${sql.id(`${table}_no_update`)} before update on ${sql.table(table)}
      begin select raise(abort, ${sql.lit(`${table} is append-only`)}); end`.execute(db)
    await sql`create trigger ${sql.id(`${table}_no_delete`)} before delete on ${sql.table(table)}
      begin select raise(abort, ${sql.lit(`${table} is append-only`)}); end`.execute(db)
  }
}
