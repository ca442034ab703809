import type { Migration } from 'kysely'
import * as createFoundation from './20261129T0600-create-foundation.js'
import * as createAccessLevels from './20261129T0700-create-access-levels.js'
import * as createBackupRuns from './20261129T0800-create-backup-runs.js'
import * as createPatients from './20261129T0900-create-patients.js'
import * as createSchedule from './20261129T0910-create-schedule.js'
import * as createMedicalCard from './20261129T1000-create-medical-card.js'
import * as createPlansAndMedicalFiles from './20261129T1010-create-plans-and-medical-files.js'
import * as createBilling from './20261129T1100-create-billing.js'
import * as createStock from './20261129T1110-create-stock.js'
import * as createViewVersions from './20261129T1200-create-view-versions.js'

/** Every migration, in order. Forward-only: never edit or remove an entry once released. */
export const migrations: Record<string, Migration> = {
  '20261129T0600-create-foundation': createFoundation,
  '20261129T0700-create-access-levels': createAccessLevels,
  '20261129T0800-create-backup-runs': createBackupRuns,
  '20261129T0900-create-patients': createPatients,
  '20261129T0910-create-schedule': createSchedule,
  '20261129T1000-create-medical-card': createMedicalCard,
  '20261129T1010-create-plans-and-medical-files': createPlansAndMedicalFiles,
  '20261129T1100-create-billing': createBilling,
  '20261129T1110-create-stock': createStock,
  '20261129T1200-create-view-versions': createViewVersions,
}
