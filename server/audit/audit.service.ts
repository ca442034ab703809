import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Db, DbOrTrx } from '../database.js'
import { prepared } from '../db/prepared.js'
import type { AuditEvent, AuditOutcome } from './audit.table.js'

export const GENESIS_HASH = '0'.repeat(64)

/** Who did it and from where; the same shape comes from a request or from the CLI. */
export interface AuditActor {
  staffId: number | null
  deviceId: number | null
  zone: string | null
}

export interface AuditInput {
  action: string
  outcome?: AuditOutcome
  patientId?: number | null
  category?: string | null
  details?: Record<string, string | number | boolean | null>
}

export const CLI_ACTOR: AuditActor = { staffId: null, deviceId: null, zone: 'cli' }

function canonical(e: Omit<AuditEvent, 'hash' | 'prev_hash'>): string {
  return JSON.stringify([
    e.id,
    e.at,
    e.staff_id,
    e.device_id,
    e.zone,
    e.action,
    e.patient_id,
    e.category,
    e.outcome,
    e.details,
  ])
}

function chainHash(
  key: Buffer,
  prevHash: string,
  e: Omit<AuditEvent, 'hash' | 'prev_hash'>,
): string {
  return createHmac('sha256', key).update(prevHash).update('\n').update(canonical(e)).digest('hex')
}

function sortedDetails(details: AuditInput['details']): string {
  const d = details ?? {}
  return JSON.stringify(
    Object.fromEntries(
      Object.keys(d)
        .sort()
        .map((k) => [k, d[k]]),
    ),
  )
}

async function appendInTrx(
  db: DbOrTrx,
  key: Buffer,
  actor: AuditActor,
  input: AuditInput,
  now: Date,
) {
  const last = await chainTail.first(db, {})
  const row = {
    id: (last?.id ?? 0) + 1,
    at: now.toISOString(),
    staff_id: actor.staffId,
    device_id: actor.deviceId,
    zone: actor.zone,
    action: input.action,
    patient_id: input.patientId ?? null,
    category: input.category ?? null,
    outcome: input.outcome ?? 'ok',
    details: sortedDetails(input.details),
  }
  const prev = last?.hash ?? GENESIS_HASH
  const hash = chainHash(key, prev, row)
  await appendEvent.all(db, { ...row, prev_hash: prev, hash })
  return row.id
}

// Every audited request reads the chain's tail and appends to it.
const chainTail = prepared((db, _: Record<string, never>) =>
  db.selectFrom('audit_events').select(['id', 'hash']).orderBy('id', 'desc').limit(1),
)
const appendEvent = prepared((db, e: AuditEvent) =>
  db.insertInto('audit_events').values({
    id: e.id,
    at: e.at,
    staff_id: e.staff_id,
    device_id: e.device_id,
    zone: e.zone,
    action: e.action,
    patient_id: e.patient_id,
    category: e.category,
    outcome: e.outcome,
    details: e.details,
    prev_hash: e.prev_hash,
    hash: e.hash,
  }),
)

/**
 * Appends one semantic event to the hash chain. Inside a transaction it joins it, so the
 * event and the change it records commit or fail together; otherwise it opens its own.
 * @throws whatever the database throws: a failed audit write must fail the access it records.
 */
export async function recordAudit(
  db: DbOrTrx,
  key: Buffer,
  actor: AuditActor,
  input: AuditInput,
  now = new Date(),
): Promise<number> {
  if (db.isTransaction) return appendInTrx(db, key, actor, input, now)
  return groupCommit(db as Db, { key, actor, input, now })
}

interface Pending {
  key: Buffer
  actor: AuditActor
  input: AuditInput
  now: Date
  resolve?: (id: number) => void
  reject?: (error: unknown) => void
}

const queues = new WeakMap<Db, Pending[]>()

/**
 * Group commit: the events recorded on their own (reads, mostly) during one turn of the event
 * loop are appended in a single transaction, so concurrent terminals share one disk sync
 * (synchronous=FULL) instead of queueing one each. Every caller still waits for the commit
 * that holds its event, so an access is never answered before its trace is durable.
 */
function groupCommit(db: Db, event: Pending): Promise<number> {
  return new Promise((resolve, reject) => {
    let queue = queues.get(db)
    if (!queue) {
      queue = []
      queues.set(db, queue)
      setImmediate(() => void flush(db))
    }
    queue.push({ ...event, resolve, reject })
  })
}

async function flush(db: Db): Promise<void> {
  const queue = queues.get(db) ?? []
  queues.delete(db)
  try {
    const ids = await db.transaction().execute(async (trx) => {
      const out: number[] = []
      for (const e of queue) out.push(await appendInTrx(trx, e.key, e.actor, e.input, e.now))
      return out
    })
    queue.forEach((e, i) => e.resolve?.(ids[i]!))
  } catch {
    // One event the database refuses must not take its neighbours down: retry each alone,
    // so only the failing access fails.
    for (const e of queue) {
      await db
        .transaction()
        .execute((trx) => appendInTrx(trx, e.key, e.actor, e.input, e.now))
        .then(e.resolve, e.reject)
    }
  }
}

export type VerifyResult =
  | { ok: true; count: number; head: string }
  | { ok: false; count: number; brokenAt: number; reason: string }

/**
 * Walks the whole chain in id order and recomputes every link.
 * Finds edited rows (hash mismatch), deleted or inserted rows (id gap or prev_hash mismatch)
 * and reordered rows (both).
 */
export async function verifyAuditChain(db: Db, key: Buffer): Promise<VerifyResult> {
  let prev = GENESIS_HASH
  let expectedId = 1
  let count = 0
  const pageSize = 5000
  let afterId = 0
  for (;;) {
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(pageSize)
      .execute()
    for (const r of rows) {
      if (r.id !== expectedId) {
        return {
          ok: false,
          count,
          brokenAt: r.id,
          reason: `expected event ${expectedId}, found ${r.id}`,
        }
      }
      if (r.prev_hash !== prev) {
        return { ok: false, count, brokenAt: r.id, reason: 'link to the previous event is broken' }
      }
      const { hash, prev_hash: _p, ...rest } = r
      const expected = chainHash(key, prev, rest)
      if (!safeEqualHex(expected, hash)) {
        return { ok: false, count, brokenAt: r.id, reason: 'event content does not match its hash' }
      }
      prev = hash
      expectedId++
      count++
    }
    if (rows.length < pageSize) break
    afterId = rows[rows.length - 1]!.id
  }
  return { ok: true, count, head: prev }
}

function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex')
  const y = Buffer.from(b, 'hex')
  return x.length === y.length && timingSafeEqual(x, y)
}
