import { sql, type Kysely } from 'kysely'

// Frozen in time: never import application code here.
// Stock (складской учёт): materials, suppliers, an append-only ledger of movements, stock-takes
// and technology cards. Quantities are integer thousandths of the material's unit (`*_milli`).

const UNITS = sql`('pcs', 'ml', 'g', 'pack', 'carpule', 'capsule', 'set', 'cm')`
const KINDS = sql`('receipt', 'procedure', 'write_off', 'stocktake', 'reversal')`

/** History: the application only inserts, and SQL may not do otherwise. */
const APPEND_ONLY = ['stock_movements', 'stocktakes', 'stocktake_lines']

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('materials')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('unit', 'text', (c) => c.notNull().check(sql`unit in ${UNITS}`))
    .addColumn('min_quantity_milli', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`min_quantity_milli >= 0`),
    )
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('suppliers')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('inn', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('stocktakes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('device_id', 'integer', (c) => c.references('devices.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('stocktake_lines')
    .addColumn('stocktake_id', 'integer', (c) => c.notNull().references('stocktakes.id'))
    .addColumn('material_id', 'integer', (c) => c.notNull().references('materials.id'))
    .addColumn('expected_milli', 'integer', (c) => c.notNull())
    .addColumn('counted_milli', 'integer', (c) => c.notNull().check(sql`counted_milli >= 0`))
    .addPrimaryKeyConstraint('stocktake_lines_pk', ['stocktake_id', 'material_id'])
    .execute()

  // visit_service_id points at billing's visit_services; no foreign key so the ledger does not
  // depend on the order the two features' migrations run in.
  await db.schema
    .createTable('stock_movements')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('material_id', 'integer', (c) => c.notNull().references('materials.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ${KINDS}`))
    .addColumn('quantity_milli', 'integer', (c) => c.notNull())
    .addColumn('unit_cost_kopecks', 'integer', (c) => c.check(sql`unit_cost_kopecks >= 0`))
    .addColumn('supplier_id', 'integer', (c) => c.references('suppliers.id'))
    .addColumn('visit_service_id', 'integer')
    .addColumn('stocktake_id', 'integer', (c) => c.references('stocktakes.id'))
    .addColumn('reason', 'text')
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('device_id', 'integer', (c) => c.references('devices.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'stock_movements_write_off_reason',
      sql`kind <> 'write_off' or (reason is not null and length(trim(reason)) > 0)`,
    )
    .addCheckConstraint(
      'stock_movements_receipt_positive',
      sql`kind <> 'receipt' or quantity_milli > 0`,
    )
    .execute()
  await db.schema
    .createIndex('stock_movements_material')
    .on('stock_movements')
    .columns(['material_id', 'id'])
    .execute()
  await db.schema
    .createIndex('stock_movements_date')
    .on('stock_movements')
    .column('on_date')
    .execute()
  await db.schema
    .createIndex('stock_movements_visit_service')
    .on('stock_movements')
    .column('visit_service_id')
    .execute()

  // Technology card: what one unit of a price-list service consumes. Edited in place; every
  // change is in the audit log (old → new).
  await db.schema
    .createTable('tech_card_lines')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('price_item_id', 'integer', (c) => c.notNull().references('price_items.id'))
    .addColumn('material_id', 'integer', (c) => c.notNull().references('materials.id'))
    .addColumn('quantity_milli', 'integer', (c) => c.notNull().check(sql`quantity_milli > 0`))
    .addColumn('updated_by', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('tech_card_lines_item_material', ['price_item_id', 'material_id'])
    .execute()

  for (const table of APPEND_ONLY) {
    await sql`create trigger ${sql.id(`${table}_no_update`)} before update on ${sql.table(table)}
      begin select raise(abort, ${sql.lit(`${table} is append-only`)}); end`.execute(db)
    await sql`create trigger ${sql.id(`${table}_no_delete`)} before delete on ${sql.table(table)}
      begin select raise(abort, ${sql.lit(`${table} is append-only`)}); end`.execute(db)
  }
}
