import { recordAudit, type AuditActor } from '../audit/audit.service.js'
import type { Db, DbOrTrx } from '../database.js'
import {
  getSetting,
  MEDICAL_VISIBILITY_KEY,
  medicalVisibility,
  REQUIRE_TOTP_FOR_ADMIN_KEY,
  setSetting,
  type MedicalVisibility,
} from '../policy/policy.js'
import { StaffRuleError } from './staff-admin.service.js'

export interface ClinicSettings {
  medicalVisibility: MedicalVisibility
  requireTotpForAdmin: boolean
}

export async function loadClinicSettings(db: DbOrTrx): Promise<ClinicSettings> {
  return {
    medicalVisibility: await medicalVisibility(db),
    requireTotpForAdmin: (await getSetting(db, REQUIRE_TOTP_FOR_ADMIN_KEY)) === '1',
  }
}

/**
 * Saves the clinic-wide options, one `settings.change` event per changed option (old → new).
 * Requiring TOTP is refused to someone who has not turned it on: they would lock themselves
 * out of the very page that turns the requirement off.
 * @throws StaffRuleError
 */
export async function saveClinicSettings(
  deps: { db: Db; auditKey: Buffer; now: () => Date },
  actor: AuditActor,
  next: ClinicSettings,
  actorHasTotp: boolean,
): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const old = await loadClinicSettings(trx)
    if (next.requireTotpForAdmin && !old.requireTotpForAdmin && !actorHasTotp) {
      throw new StaffRuleError('settings.totp_first')
    }
    const changes: [string, string, string][] = []
    if (old.medicalVisibility !== next.medicalVisibility) {
      changes.push([MEDICAL_VISIBILITY_KEY, old.medicalVisibility, next.medicalVisibility])
    }
    if (old.requireTotpForAdmin !== next.requireTotpForAdmin) {
      const flag = (on: boolean) => (on ? '1' : '0')
      changes.push([
        REQUIRE_TOTP_FOR_ADMIN_KEY,
        flag(old.requireTotpForAdmin),
        flag(next.requireTotpForAdmin),
      ])
    }
    for (const [setting, before, after] of changes) {
      await setSetting(trx, setting, after)
      await recordAudit(
        trx,
        deps.auditKey,
        actor,
        {
          action: 'settings.change',
          details: { setting, old: before, new: after },
        },
        deps.now(),
      )
    }
    return changes.length
  })
}
