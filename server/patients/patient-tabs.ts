import type { Context } from 'hono'
import type { PatientTab } from '../../views/patients/patient-header.js'
import { can } from '../http/access.js'
import type { AppEnv } from '../http/app-env.js'
import type { Permission } from '../policy/permissions.js'

const TAB_PERMISSION: Record<PatientTab, Permission> = {
  card: 'patients.contacts.read',
  consents: 'patients.contacts.read',
  documents: 'patients.documents.read',
  notes: 'patients.notes.read',
  visits: 'schedule.read',
  // Medical sections: the zone ceiling keeps them off reception terminals.
  medical: 'medical.read',
  chart: 'medical.read',
  plans: 'medical.read',
  files: 'medical.files.read',
  // Services and prices only, no medical text: the front desk's.
  billing: 'billing.read',
  export: 'patients.export',
}

/** The sections of a card this person may open at this terminal, in display order. */
export async function patientTabs(c: Context<AppEnv>): Promise<PatientTab[]> {
  const out: PatientTab[] = []
  for (const [tab, permission] of Object.entries(TAB_PERMISSION) as [PatientTab, Permission][]) {
    if (await can(c, permission)) out.push(tab)
  }
  return out
}
