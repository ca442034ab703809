import { CompiledQuery, type Compilable } from 'kysely'
import type { DbOrTrx } from '../database.js'

/**
 * A query of fixed shape that runs on nearly every request (the terminal's device, the
 * session, the permissions, the audit chain), built and compiled by Kysely once; each call
 * only binds its parameters. Kysely builds and compiles a query anew at every call: 10-40 µs
 * for these, more than SQLite takes to run them (bench profile).
 *
 * `build` gets the parameters as an object and must pass each one to Kysely as a plain value
 * (`where('serial', '=', p.serial)`), never transformed (`${p.word}%`) or as SQL; this is
 * checked at the first call, which throws if a parameter does not reach the compiled query
 * as it was given. Values that are not parameters stay as compiled.
 */
export function prepared<P extends Record<string, unknown>, R>(
  build: (db: DbOrTrx, p: P) => Compilable<R>,
) {
  let compiled: { sql: string; params: readonly unknown[]; slots: (keyof P | undefined)[] }
  const compile = (db: DbOrTrx) => {
    const marks = new Map<string, keyof P>()
    const probe = new Proxy({} as P, {
      get(_, name) {
        const mark = `\u0000enamel-param:${String(name)}\u0000`
        marks.set(mark, name as keyof P)
        return mark
      },
    })
    const query = build(db, probe).compile()
    const slots = query.parameters.map((v) => (typeof v === 'string' ? marks.get(v) : undefined))
    for (const name of marks.values()) {
      if (!slots.includes(name))
        throw new Error(`prepared query: parameter ${String(name)} is not a plain value`)
    }
    if (query.parameters.some((v, i) => slots[i] === undefined && String(v).includes('\u0000')))
      throw new Error('prepared query: a parameter was transformed')
    return { sql: query.sql, params: query.parameters, slots }
  }
  const run = async (db: DbOrTrx, p: P): Promise<R[]> => {
    compiled ??= compile(db)
    const { sql, params, slots } = compiled
    const values = params.map((v, i) => (slots[i] === undefined ? v : p[slots[i]]))
    return (await db.executeQuery<R>(CompiledQuery.raw(sql, values))).rows
  }
  return {
    /** Every row. */
    all: run,
    /** The first row, or undefined (as executeTakeFirst). */
    first: async (db: DbOrTrx, p: P): Promise<R | undefined> => (await run(db, p))[0],
  }
}
