import { recordAudit, type AuditActor } from '../audit/audit.service.js'
import type { Db, DbOrTrx } from '../database.js'
import { optionalLine } from '../plans/fields.js'
import { getSetting, setSetting } from '../policy/policy.js'
import type { FieldErrors } from './billing.service.js'

// The clinic's legal details for the tax certificate (ФНС form БВ-7-11/824@): kept in the
// settings table, one key each, edited by the owner; every change is a `settings.change` event.

export const REQUISITE_FIELDS = [
  'legal_name',
  'inn',
  'kpp',
  'licence',
  'address',
  'signer',
] as const
export type RequisiteField = (typeof REQUISITE_FIELDS)[number]
export type Requisites = Record<RequisiteField, string>

const key = (f: RequisiteField) => `billing.requisites.${f}`

export async function loadRequisites(db: DbOrTrx): Promise<Requisites> {
  const out = {} as Requisites
  for (const f of REQUISITE_FIELDS) out[f] = (await getSetting(db, key(f))) ?? ''
  return out
}

/** Checks the form: INN of 10 (organisation) or 12 (sole trader) digits, KPP of 9 or empty. */
export function checkRequisites(raw: Requisites): { value: Requisites; errors: FieldErrors } {
  const errors: FieldErrors = {}
  const value = {} as Requisites
  for (const f of REQUISITE_FIELDS) {
    const v = optionalLine(raw[f], 300)
    if (v === undefined) errors[f] = 'billing.error.requisite'
    value[f] = v ?? raw[f]
  }
  if (value.inn && !/^(\d{10}|\d{12})$/.test(value.inn)) errors.inn = 'billing.error.inn_org'
  if (value.kpp && !/^[0-9]{4}[0-9A-Z]{2}[0-9]{3}$/.test(value.kpp))
    errors.kpp = 'billing.error.kpp'
  return { value, errors }
}

export async function saveRequisites(
  deps: { db: Db; auditKey: Buffer; now: () => Date },
  actor: AuditActor,
  next: Requisites,
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const old = await loadRequisites(trx)
    for (const f of REQUISITE_FIELDS) {
      if (old[f] === next[f]) continue
      await setSetting(trx, key(f), next[f])
      await recordAudit(
        trx,
        deps.auditKey,
        actor,
        { action: 'settings.change', details: { setting: key(f), old: old[f], new: next[f] } },
        deps.now(),
      )
    }
  })
}
